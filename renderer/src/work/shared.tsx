import { useEffect, useState, type ReactNode } from 'react';
import { useController, type Control, type FieldValues, type Path } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { Failure } from '../../../shared/result';
import { errorText } from '../api';
import type { CaseSectionProps } from '../case-sections';
import { useCaseWork } from '../cases/context';
import { formatDate, type DateStyle, type DateTimeValue } from '../../../shared/time';
import { DateTimeField } from '../components/DateTimeField';
import { SelectField, TextAreaField } from '../components/Field';

/** What each case-work screen takes from the shell: the shell's own section props. */
export type WorkSectionProps = CaseSectionProps;

/** Writes need a role that may write and an open case; read-only users see the same screen without controls. */
export const canEdit = ({ caseDetail, canWrite }: Pick<WorkSectionProps, 'caseDetail' | 'canWrite'>): boolean =>
  canWrite && caseDetail.status === 'open';

/** Dates in the UI language and the zone the user chose in the top bar (Dutch time unless switched to UTC). */
export function useDates() {
  const { i18n } = useTranslation();
  const { timeZone } = useCaseWork();
  const language = i18n.resolvedLanguage === 'en' ? 'en' : 'nl';
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

/** The outcome of the last write: success read politely, an error assertively. */
export function Outcome({ message, error }: { message: string; error: Failure | string | null }) {
  return (
    <>
      <p role="status" className="work-saved">
        {message}
      </p>
      {error && (
        <p role="alert" className="form-error">
          {typeof error === 'string' ? error : errorText(error)}
        </p>
      )}
    </>
  );
}

/** A section of a case: one heading, its content. */
export function WorkSection({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="work-section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      {children}
    </section>
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
}) {
  return <TextAreaField label={label} hint={hint} rows={rows} {...textarea} onChange={(event) => onChange(event.target.value)} />;
}

/** A labelled select over `[value, label]` pairs. */
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
          {optionLabel}
        </option>
      ))}
    </SelectField>
  );
}

/** `DateTimeField` bound to a form field of react-hook-form; the field holds a `DateTimeValue`. */
export function TimeField<V extends FieldValues, T>({
  control,
  name,
  ...field
}: {
  control: Control<V, unknown, T>;
  name: Path<V>;
  id: string;
  label: string;
  hint?: string;
}) {
  const { field: bound, fieldState } = useController({ control, name });
  return <DateTimeField {...field} value={bound.value as DateTimeValue} onChange={bound.onChange} error={fieldState.error?.message} />;
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
