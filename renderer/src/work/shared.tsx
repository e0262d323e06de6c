import { createContext, type ReactNode, useCallback, useContext, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Failure } from '../../../shared/result';
import { formatDate, type DateStyle } from '../../../shared/time';
import { showHidden } from '../../../shared/visible-text';
import { errorText } from '../api';
import type { CaseSectionProps } from '../case-sections';
import { useCaseWork } from '../cases/context';
import { SelectField } from '../components/Field';
import { alertText } from '../components/FormAlert';
import { currentLanguage } from '../../i18n';

/** What each case-work screen takes from the shell: the shell's own section props. */
export type WorkSectionProps = CaseSectionProps;

/** Writes need a role that may write and an open case; read-only users see the same screen without controls. */
export const canEdit = ({ caseDetail, canWrite }: Pick<WorkSectionProps, 'caseDetail' | 'canWrite'>): boolean =>
  canWrite && caseDetail.status === 'open';

/** Dates in the UI language and the zone the user chose in the top bar (Dutch time unless switched to UTC). */
export function useDates() {
  const { i18n } = useTranslation();
  const { timeZone } = useCaseWork();
  const language = currentLanguage(i18n.resolvedLanguage);
  return {
    format: (iso: string, style: DateStyle = 'dateTime') => formatDate(iso, style, language, timeZone),
    /** The zone's name, said next to every time input. */
    timeZone,
  };
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
export function Outcome({ message, error, problems = '' }: { message: string; error: Failure | string | null; problems?: string }) {
  const writeFailed = useContext(WriteFailedContext);
  // What the form refused before sending (`formProblems`) counts as much as what the main process refused.
  const shown = alertText(problems, error);
  useEffect(() => {
    if (shown) writeFailed();
  }, [shown, writeFailed]);
  return (
    <>
      <p role="status" className="work-saved">
        {shown ? '' : message}
      </p>
      {shown && (
        <p role="alert" className="form-error">
          {shown}
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

/** The clock, read again every `everyMs`, so what is overdue shows without a reload. */
export function useNow(everyMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), everyMs);
    return () => window.clearInterval(timer);
  }, [everyMs]);
  return now;
}
