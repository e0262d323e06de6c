import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionUser } from '../../../shared/contract';
import { rolePermissions } from '../../../shared/domain';
import type { Failure, Result } from '../../../shared/result';
import { amsterdam, displayTimeZones, formatDate, type DateStyle, type DisplayTimeZone } from '../../../shared/time';
import { DateTimeSettingsProvider } from '../components/DateTimeField';
import { currentLanguage } from '../../i18n';

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
const timeZoneKey = 'ordelog.timeZone';

function storedTimeZone(): DisplayTimeZone {
  const stored = window.localStorage.getItem(timeZoneKey);
  return displayTimeZones.find((zone) => zone === stored) ?? amsterdam;
}

export function CaseWorkProvider({
  user,
  onLockedElsewhere,
  children,
}: {
  user: SessionUser;
  onLockedElsewhere(): void;
  children: ReactNode;
}) {
  const [timeZone, setZone] = useState<DisplayTimeZone>(storedTimeZone);
  const setTimeZone = useCallback((zone: DisplayTimeZone) => {
    // A display preference, never case data.
    window.localStorage.setItem(timeZoneKey, zone);
    setZone(zone);
  }, []);
  const settle = useCallback(
    <T,>(result: Result<T>) => {
      if (!result.ok && result.error.code === 'VAULT_LOCKED') onLockedElsewhere();
      return result;
    },
    [onLockedElsewhere],
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
