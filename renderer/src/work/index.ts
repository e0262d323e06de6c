import '../work.css';
import type { CaseSection } from '../case-sections';
import { DecisionsSection } from './Decisions';
import { InterventionsSection } from './Interventions';
import { PhasesSection } from './Phases';
import { TasksSection } from './Tasks';
import { TeamSection } from './Team';

/**
 * The case-work screens as sections of a case, in tab order, for `caseSections` in `case-sections.ts`
 * (`[...workSections]`). Each takes the shell's `CaseSectionProps`.
 */
export const workSections: readonly CaseSection[] = [
  { id: 'fase', labelKey: 'work.sections.phases', component: PhasesSection },
  { id: 'team', labelKey: 'work.sections.team', component: TeamSection },
  { id: 'acties', labelKey: 'work.sections.tasks', component: TasksSection },
  { id: 'besluiten', labelKey: 'work.sections.decisions', component: DecisionsSection },
  { id: 'interventies', labelKey: 'work.sections.interventions', component: InterventionsSection },
];

/** Not sections of a case: the directory (any user, writable for editors) and the phase model (beheerder). */
export { Directory } from './Directory';
export { PhaseModelSettings } from './PhaseModelSettings';
export type { WorkSectionProps } from './shared';
