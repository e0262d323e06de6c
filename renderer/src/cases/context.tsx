import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionUser } from '../../../shared/contract';
import { rolePermissions } from '../../../shared/domain';
import type { Failure, Result } from '../../../shared/result';
import { amsterdam, formatDate, type DateStyle, type DisplayTimeZone } from '../../../shared/time';
import { DateTimeSettingsProvider } from '../components/DateTimeField';
import { currentLanguage } from '../../i18n';
import { api } from '../api';

/** What every case screen needs from the shell: who is signed in, what they may do, and how to show dates. */
interface CaseWork {
  user: SessionUser;
  /** Mirrors `rolePermissions`: the UI leaves out what the role may not do; the services decide. */
  canWrite: boolean;
  timeZone: DisplayTimeZone;
  setTimeZone(zone: DisplayTimeZone): void;
  /** Unwraps a result; a locked vault sends the whole app to the unlock screen instead. */
  settle<T>(result: Result<T>): { ok: true; value: T } | { ok: false; error: Failure };
}

const CaseWorkContext = createContext<CaseWork | null>(null);

export function CaseWorkProvider({
  user,
  timeZone: storedTimeZone,
  onLockedElsewhere,
  children,
}: {
  user: SessionUser;
  /** The user's choice as the vault keeps it; Dutch time until they choose. */
  timeZone: DisplayTimeZone | null;
  onLockedElsewhere(): void;
  children: ReactNode;
}) {
  const [timeZone, setZone] = useState<DisplayTimeZone>(storedTimeZone ?? amsterdam);
  const settle = useCallback(
    <T,>(result: Result<T>) => {
      if (!result.ok && result.error.code === 'VAULT_LOCKED') onLockedElsewhere();
      return result;
    },
    [onLockedElsewhere],
  );
  const setTimeZone = useCallback(
    (zone: DisplayTimeZone) => {
      setZone(zone);
      // Kept for this user in the vault; a failure to keep it leaves the switch working for this session.
      void api['settings.setPersonal']({ timeZone: zone }).then(settle);
    },
    [settle],
  );
  const value = useMemo(
    () => ({ user, canWrite: rolePermissions[user.role].write, timeZone, setTimeZone, settle }),
    [user, timeZone, setTimeZone, settle],
  );
  return (
    <CaseWorkContext.Provider value={value}>
      <DateTimeSettingsProvider timeZone={timeZone}>{children}</DateTimeSettingsProvider>
    </CaseWorkContext.Provider>
  );
}

export function useCaseWork(): CaseWork {
  const value = useContext(CaseWorkContext);
  if (!value) throw new Error('useCaseWork outside CaseWorkProvider');
  return value;
}

/** Formats ISO times in the UI language and the chosen zone. */
export function useDates(): (iso: string, style?: DateStyle) => string {
  const { timeZone } = useCaseWork();
  const { i18n } = useTranslation();
  const language = currentLanguage(i18n.resolvedLanguage);
  return useCallback((iso: string, style: DateStyle = 'dateTime') => formatDate(iso, style, language, timeZone), [language, timeZone]);
}

/** Folds case and diacritics, so "geescaleerd" finds "geëscaleerd" in client-side filters too. */
export function foldText(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}
