import { createContext, useCallback, useContext, useEffect, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { buildApi, type Channel, type OrdelogApi } from '../../../shared/contract';
import type { Failure, Result } from '../../../shared/result';
import { showHidden } from '../../../shared/visible-text';
import { api as rawApi, errorText } from '../api';
import type { CaseSectionProps } from '../case-sections';
import { useCaseWork } from '../cases/context';
import { formatDate, fromLocalInput, toLocalInput, type DateStyle } from '../cases/time';
import { Field, SelectField, TextAreaField } from '../components/Field';

/** What each case-work screen takes from the shell: the shell's own section props. */
export type WorkSectionProps = CaseSectionProps;

/** Writes need a role that may write and an open case; read-only users see the same screen without controls. */
export const canEdit = ({ caseDetail, canWrite }: Pick<WorkSectionProps, 'caseDetail' | 'canWrite'>): boolean =>
  canWrite && caseDetail.status === 'open';

/**
 * The API as the case screens use it: a call answered VAULT_LOCKED sends the whole app to the unlock screen
 * (the shell's `settle`), every other result comes back as it is.
 */
export function useApi(): OrdelogApi {
  const { settle } = useCaseWork();
  return useMemo(
    () =>
      buildApi((channel: Channel, input: unknown) =>
        (rawApi[channel] as (input: unknown) => Promise<Result<unknown>>)(input).then((result) => settle(result)),
      ),
    [settle],
  );
}

/** Dates in the UI language and the zone the user chose in the top bar (Dutch time unless switched to UTC). */
export function useDates() {
  const { i18n } = useTranslation();
  const { timeZone } = useCaseWork();
  const language = i18n.resolvedLanguage === 'en' ? 'en' : 'nl';
  return {
    format: (iso: string, style: DateStyle = 'dateTime') => formatDate(iso, style, language, timeZone),
    toInput: (iso: string) => toLocalInput(iso, timeZone),
    fromInput: (value: string) => fromLocalInput(value, timeZone),
    /** The zone's name, said next to every time input. */
    timeZone,
  };
}

/**
 * Loads what a screen shows with several calls at once, again whenever `key` changes (the case, its phase, the
 * shell's revision). `reload()` fetches again and resolves once the screen shows the result, so a write's
 * confirmation is announced together with the list it changed. The first failure wins, so the screen shows
 * one message instead of half its data; only the newest request is applied.
 */
export function useLoad<T>(load: () => Promise<Result<T>>, key: string): {
  data: T | null;
  error: Failure | null;
  reload(): Promise<void>;
} {
  const [state, setState] = useState<{ data: T | null; error: Failure | null }>({ data: null, error: null });
  const latest = useRef(load);
  const requests = useRef(0);
  useLayoutEffect(() => {
    latest.current = load;
  });
  const fetchNow = useCallback(async (): Promise<void> => {
    requests.current += 1;
    const request = requests.current;
    const result = await latest.current();
    if (request !== requests.current) return;
    setState(result.ok ? { data: result.value, error: null } : { data: null, error: result.error });
  }, []);
  useEffect(() => {
    void fetchNow();
    return () => {
      // A request still on its way is for a case or screen no longer shown.
      requests.current += 1;
    };
  }, [key, fetchNow]);
  return { ...state, reload: fetchNow };
}

/** Combines several results into one, or the first failure. */
export async function all<T extends Record<string, Promise<Result<unknown>>>>(
  calls: T,
): Promise<Result<{ [K in keyof T]: T[K] extends Promise<Result<infer V>> ? V : never }>> {
  const keys = Object.keys(calls);
  const results = await Promise.all(Object.values(calls));
  const failed = results.find((result) => !result.ok);
  if (failed && !failed.ok) return failed;
  const value = Object.fromEntries(keys.map((key, index) => [key, (results[index] as { value: unknown }).value]));
  return { ok: true, value: value as { [K in keyof T]: T[K] extends Promise<Result<infer V>> ? V : never } };
}

export function LoadState({ error, loading }: { error: Failure | null; loading: boolean }) {
  const { t } = useTranslation();
  if (error) {
    return (
      <p role="alert" className="form-error">
        {errorText(error)}
      </p>
    );
  }
  return <p role="status">{loading ? t('work.loading') : ''}</p>;
}

/** Lets a section withdraw its success message when a form inside it shows an error. */
const WriteFailedContext = createContext<() => void>(() => undefined);

/**
 * The outcome of the last write: success read politely, an error assertively. A new error replaces an old
 * success, here and in the section around it: "Opgeslagen" must never stand above a write that failed.
 */
export function Outcome({ message, error }: { message: string; error: Failure | string | null }) {
  const writeFailed = useContext(WriteFailedContext);
  useEffect(() => {
    if (error) writeFailed();
  }, [error, writeFailed]);
  return (
    <>
      <p role="status" className="work-saved">
        {error ? '' : message}
      </p>
      {error && (
        <p role="alert" className="form-error">
          {typeof error === 'string' ? error : errorText(error)}
        </p>
      )}
    </>
  );
}

/**
 * A section of a case: one heading, its content. `onWriteFailed` clears the section's success message when a
 * form inside reports an error through `Outcome`.
 */
export function WorkSection({ id, title, onWriteFailed, children }: { id: string; title: string; onWriteFailed?(): void; children: ReactNode }) {
  // One function for the section's life: a new one each render would re-run every `Outcome` that shows an
  // error, and clear a success message that came after it.
  const latest = useRef(onWriteFailed);
  useLayoutEffect(() => {
    latest.current = onWriteFailed;
  });
  const writeFailed = useCallback(() => latest.current?.(), []);
  return (
    <WriteFailedContext.Provider value={writeFailed}>
      <section className="work-section" aria-labelledby={`${id}-title`}>
        <h2 id={`${id}-title`}>{title}</h2>
        {children}
      </section>
    </WriteFailedContext.Provider>
  );
}

/** A labelled textarea with an optional hint, for the case forms that keep each field as a string. */
export function TextArea({
  label,
  hint,
  onChange,
  rows = 3,
  ...textarea
}: {
  id: string;
  label: string;
  hint?: string;
  value: string;
  onChange(value: string): void;
  required?: boolean;
  rows?: number;
  /** Shown with a count, never enforced by the browser (see `Field`). */
  maxLength?: number;
}) {
  return <TextAreaField label={label} hint={hint} rows={rows} {...textarea} onChange={(event) => onChange(event.target.value)} />;
}

/** A labelled select over `[value, label]` pairs; labels that hold user text show it as typed. */
export function Select({
  label,
  hint,
  options,
  onChange,
  ...select
}: {
  id: string;
  label: string;
  hint?: string;
  value: string;
  options: readonly (readonly [string, string])[];
  onChange(value: string): void;
  required?: boolean;
}) {
  return (
    <SelectField label={label} hint={hint} {...select} onChange={(event) => onChange(event.target.value)}>
      {options.map(([optionValue, optionLabel]) => (
        <option key={optionValue} value={optionValue}>
          {showHidden(optionLabel)}
        </option>
      ))}
    </SelectField>
  );
}

/** A datetime-local input in the chosen zone's wall time; the hint says which zone. */
export function DateTimeField({
  id,
  label,
  hint,
  value,
  onChange,
}: {
  id: string;
  label: string;
  hint?: string;
  value: string;
  onChange(value: string): void;
}) {
  const { t } = useTranslation();
  const { timeZone } = useCaseWork();
  const zone = t(timeZone === 'UTC' ? 'work.zone.utc' : 'work.zone.amsterdam');
  return <Field id={id} type="datetime-local" label={label} hint={hint ? `${hint} ${zone}` : zone} value={value} onChange={(event) => onChange(event.target.value)} />;
}

/** The clock, read again every `everyMs`, so what is overdue shows without a reload. */
export function useNow(everyMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), everyMs);
    return () => window.clearInterval(timer);
  }, [everyMs]);
  return now;
}
