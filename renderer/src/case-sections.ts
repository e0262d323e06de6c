import type { ComponentType } from 'react';
import type { CaseDetail } from '../../shared/views';
import { briefingSection } from './briefing';
import { signalsSection } from './signals';
import { workSections } from './work';

/** What the shell gives every section of an open case. */
export interface CaseSectionProps {
  caseDetail: CaseDetail;
  /** The user's role may write (`rolePermissions`); a section also checks that the case is open. */
  canWrite: boolean;
  /** A counter that goes up whenever something was recorded in the case (quick entry, a status change). */
  revision: number;
  /** Call after the section changed the case (phase, roles, tasks …): the header, overview and timeline reload. */
  onChanged(): void;
}

/**
 * The sections of an open case after Overzicht and Tijdlijn, in tab order. Add one entry per screen; the
 * shell renders the tab (`labelKey` is an i18n key) and mounts `component` when it is chosen. Read who is
 * signed in, whether they may write (`canWrite`), the date format and `settle` (VAULT_LOCKED handling) with
 * `useCaseWork()` / `useDates()` from `renderer/src/cases/context`.
 */
export interface CaseSection {
  /** Stable, URL-safe: also the tab's element id suffix. */
  id: string;
  labelKey: string;
  component: ComponentType<CaseSectionProps>;
}

export const caseSections: readonly CaseSection[] = [...workSections, signalsSection, briefingSection];
