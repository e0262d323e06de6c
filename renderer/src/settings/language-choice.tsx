import { createContext, useCallback, useContext, type ReactNode } from 'react';
import { setLanguage, type Language } from '../../i18n';
import { api } from '../api';

/**
 * What the language switch does: before anyone signs in, switch for this window only; signed in, also keep the
 * choice for that user in the vault, so it is theirs again after the next unlock or start.
 */
const LanguageChoice = createContext<(language: Language) => void>(setLanguage);

export const useChooseLanguage = (): ((language: Language) => void) => useContext(LanguageChoice);

export function PersonalLanguage({ onLockedElsewhere, children }: { onLockedElsewhere(): void; children: ReactNode }) {
  const choose = useCallback(
    (language: Language) => {
      setLanguage(language);
      void api['settings.setPersonal']({ language }).then((result) => {
        if (!result.ok && result.error.code === 'VAULT_LOCKED') onLockedElsewhere();
      });
    },
    [onLockedElsewhere],
  );
  return <LanguageChoice.Provider value={choose}>{children}</LanguageChoice.Provider>;
}
