import type { ComponentType } from 'react';
import type { CaseDetail } from '../../shared/views';
import type { StringKey } from '../i18n/typed-keys';
import { briefingSection } from './briefing';
import { sharingSection } from './sharing';
import { signalsSection } from './signals';
import { workSections } from './work';

/** What the shell gives every section of an open case. */
export interface CaseSectionProps {
  caseDetail: CaseDetail;
  /** The user's role may write (`rolePermissions`); a section also checks that the case is open. */
  canWrite: boolean;
}

/**
 * The sections of an open case after Overzicht and Tijdlijn, in tab order. Add one entry per screen; the
 * shell renders the tab (`labelKey` is an i18n key) and mounts `component` when it is chosen. Read who is
 * signed in, whether they may write (`canWrite`) and the date format with `useCaseWork()` / `useDates()` from
 * `renderer/src/cases/context`; read with `useApiQuery` and write with `useWrite` (`renderer/src/data/`): a write
 * refreshes every screen that shows the case.
 */
export interface CaseSection {
  /** Stable, URL-safe: also the tab's element id suffix. */
  id: string;
  labelKey: StringKey;
  component: ComponentType<CaseSectionProps>;
}

export const caseSections: readonly CaseSection[] = [...workSections, signalsSection, briefingSection, sharingSection];
