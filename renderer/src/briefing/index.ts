import '../briefing.css';
// The document's own look, the same CSS main inlines into the PDF; served by a Vite plugin (vite.config.ts).
import 'virtual:ordelog-document.css';
import type { CaseSection } from '../case-sections';
import { BriefingSection } from './BriefingSection';

/** The briefings and exports screen as a section of a case, for `caseSections` in `case-sections.ts`. */
export const briefingSection: CaseSection = { id: 'briefings', labelKey: 'briefing.section', component: BriefingSection };
