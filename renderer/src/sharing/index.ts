import '../sharing.css';
import type { CaseSection } from '../case-sections';
import { SharingSection } from './SharingSection';

/** "Delen": how the case is shared, and a bundle for a partner, as a section of a case for `caseSections`. */
export const sharingSection: CaseSection = { id: 'delen', labelKey: 'sharing.section', component: SharingSection };

export { BundleImport } from './BundleImport';
export { PartnerCaseNote } from './SharingStatus';
export { Partners } from './Partners';
export { partnersHref } from './PartnersLink';
