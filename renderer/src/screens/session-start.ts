import { useEffect, useState } from 'react';
import type { PersonalSettings, ResumePoint, SavedDraft } from '../../../shared/drafts';
import { setLanguage } from '../../i18n';
import { api } from '../api';

/** What the signed-in screens start from: the user's settings, drafts and the place they were. */
export interface SessionStart {
  settings: PersonalSettings;
  drafts: SavedDraft[];
  resume: ResumePoint | null;
}

const nothingStored: SessionStart = { settings: { language: null, timeZone: null }, drafts: [], resume: null };

/**
 * Loads the signed-in user's own settings and drafts from the vault, and applies the language, before the
 * signed-in screens show. A vault that cannot give them (a damaged row, an older main) still lets the user work:
 * the app then starts as if nothing were stored.
 */
export function useSessionStart(onLockedElsewhere: () => void): SessionStart | null {
  const [start, setStart] = useState<SessionStart | null>(null);
  useEffect(() => {
    let current = true;
    void Promise.all([api['settings.personal'](), api['drafts.load']()]).then(([settings, drafts]) => {
      if (!current) return;
      if ((!settings.ok && settings.error.code === 'VAULT_LOCKED') || (!drafts.ok && drafts.error.code === 'VAULT_LOCKED')) {
        onLockedElsewhere();
        return;
      }
      const loaded: SessionStart = {
        settings: settings.ok ? settings.value : nothingStored.settings,
        drafts: drafts.ok ? drafts.value.drafts : [],
        resume: drafts.ok ? drafts.value.resume : null,
      };
      if (loaded.settings.language) setLanguage(loaded.settings.language);
      setStart(loaded);
    });
    return () => {
      current = false;
    };
  }, [onLockedElsewhere]);
  return start;
}
