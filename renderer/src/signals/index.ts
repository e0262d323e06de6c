import '../signals.css';
import type { CaseSection } from '../case-sections';
import { SignalsSection } from './SignalsSection';

/** The signals screen as a section of a case, for `caseSections` in `case-sections.ts`. */
export const signalsSection: CaseSection = { id: 'signalen', labelKey: 'signals.section', component: SignalsSection };
