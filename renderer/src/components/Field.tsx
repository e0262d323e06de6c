import type { ComponentProps, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatCount } from '../../../shared/validation-messages';
import { currentLanguage } from '../../i18n';

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
  /**
   * The most characters the field takes (`limits` in shared/schemas.ts). Shown under the control, with the count
   * when the field is controlled ("12 / 5.000 tekens"); never set on the element, because the browser would cut
   * a longer paste off unseen: the user sees how much is too much, and the main process says so when sent.
   */
  maxLength?: number;
}

type ControlProps<E extends 'input' | 'select' | 'textarea'> = Labelled & Omit<ComponentProps<E>, keyof Labelled | 'aria-invalid'>;

/**
 * Splits the wrapper's props from the control's and ties hint, limit, extra and error to the control by id, so
 * a screen reader reads them with the field and the ids stay `<id>-hint`, `<id>-limit`, `<id>-extra` and
 * `<id>-error`.
 */
function tie<P extends Labelled & { value?: unknown }>({ id, label, hint, error, extra, grow, maxLength, 'aria-describedby': before, ...control }: P) {
  const limit = maxLength === undefined ? undefined : { max: maxLength, used: typeof control.value === 'string' ? control.value.length : undefined };
  const ids = {
    hint: hint ? `${id}-hint` : undefined,
    limit: limit ? `${id}-limit` : undefined,
    extra: extra ? `${id}-extra` : undefined,
    error: error ? `${id}-error` : undefined,
  };
  const describedBy = [before, ids.hint, ids.limit, ids.extra, ids.error].filter(Boolean).join(' ') || undefined;
  return {
    frame: { id, label, hint, error, extra, grow, limit, ids },
    control: { id, 'aria-describedby': describedBy, 'aria-invalid': error ? true : undefined, ...control },
  };
}

/** "Maximaal 5.000 tekens.", or with the count "12 / 5.000 tekens", marked when over. */
function Limit({ id, max, used }: { id: string; max: number; used: number | undefined }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const numbers = { max: formatCount(max, language), used: formatCount(used ?? 0, language), over: formatCount((used ?? 0) - max, language) };
  const over = used !== undefined && used > max;
  return (
    <p id={id} className={over ? 'field-limit is-over' : 'field-limit'}>
      {used === undefined ? t('form.limit', numbers) : t(over ? 'form.over' : 'form.used', numbers)}
    </p>
  );
}

function Frame({
  id,
  label,
  hint,
  error,
  extra,
  grow,
  limit,
  ids,
  children,
}: Omit<Labelled, 'aria-describedby' | 'maxLength'> & {
  limit: { max: number; used: number | undefined } | undefined;
  ids: Record<'hint' | 'limit' | 'extra' | 'error', string | undefined>;
  children: ReactNode;
}) {
  return (
    <div className={grow ? 'field grow' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p id={ids.hint} className="hint">
          {hint}
        </p>
      )}
      {children}
      {limit && ids.limit && <Limit id={ids.limit} max={limit.max} used={limit.used} />}
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
