import type { ComponentProps, ReactNode } from 'react';

interface Labelled {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: ReactNode;
  /** Shown under the control and read with it (e.g. the passphrase strength). */
  extra?: ReactNode;
  /** Takes the spare width of a `field-row`. */
  grow?: boolean;
  /** Read before the field's own hint and error: text elsewhere on the screen that applies to it. */
  'aria-describedby'?: string | undefined;
}

type ControlProps<E extends 'input' | 'select' | 'textarea'> = Labelled & Omit<ComponentProps<E>, keyof Labelled | 'aria-invalid'>;

/**
 * Splits the wrapper's props from the control's and ties hint, extra and error to the control by id, so a
 * screen reader reads them with the field and the ids stay `<id>-hint`, `<id>-extra` and `<id>-error`.
 */
function tie<P extends Labelled>({ id, label, hint, error, extra, grow, 'aria-describedby': before, ...control }: P) {
  const ids = { hint: hint ? `${id}-hint` : undefined, extra: extra ? `${id}-extra` : undefined, error: error ? `${id}-error` : undefined };
  const describedBy = [before, ids.hint, ids.extra, ids.error].filter(Boolean).join(' ') || undefined;
  return {
    frame: { id, label, hint, error, extra, grow, ids },
    control: { id, 'aria-describedby': describedBy, 'aria-invalid': error ? true : undefined, ...control },
  };
}

function Frame({
  id,
  label,
  hint,
  error,
  extra,
  grow,
  ids,
  children,
}: Omit<Labelled, 'aria-describedby'> & { ids: Record<'hint' | 'extra' | 'error', string | undefined>; children: ReactNode }) {
  return (
    <div className={grow ? 'field grow' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p id={ids.hint} className="hint">
          {hint}
        </p>
      )}
      {children}
      {extra && <div id={ids.extra}>{extra}</div>}
      {error && (
        <p id={ids.error} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}

/** A labelled input whose hint and error are tied to it, so a screen reader reads them with the field. */
export function Field(props: ControlProps<'input'>) {
  const { frame, control } = tie(props);
  return (
    <Frame {...frame}>
      <input {...control} />
    </Frame>
  );
}

/** As `Field`, for a select; its options are the children. */
export function SelectField(props: ControlProps<'select'>) {
  const { frame, control } = tie(props);
  return (
    <Frame {...frame}>
      <select {...control} />
    </Frame>
  );
}

/** As `Field`, for a textarea. */
export function TextAreaField(props: ControlProps<'textarea'>) {
  const { frame, control } = tie(props);
  return (
    <Frame {...frame}>
      <textarea {...control} />
    </Frame>
  );
}
