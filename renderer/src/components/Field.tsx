import type { InputHTMLAttributes, ReactNode } from 'react';

interface FieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'aria-describedby' | 'aria-invalid'> {
  id: string;
  label: string;
  hint?: string;
  error?: string | undefined;
  /** Shown under the input and read with it (e.g. the passphrase strength). */
  extra?: ReactNode;
}

/** A labelled input whose hint and error are tied to it, so a screen reader reads them with the field. */
export function Field({ id, label, hint, error, extra, ...input }: FieldProps) {
  const hintId = hint ? `${id}-hint` : undefined;
  const extraId = extra ? `${id}-extra` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, extraId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p id={hintId} className="hint">
          {hint}
        </p>
      )}
      <input id={id} aria-describedby={describedBy} aria-invalid={error ? true : undefined} {...input} />
      {extra && <div id={extraId}>{extra}</div>}
      {error && (
        <p id={errorId} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}
