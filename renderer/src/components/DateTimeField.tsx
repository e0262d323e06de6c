import { createContext, useCallback, useContext, useEffect, useEffectEvent, useMemo, useRef, useState, type ReactNode, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReadDateTime } from '../data/input-form';
import { currentLanguage } from '../../i18n';
import {
  amsterdam,
  dateTimeValueOf,
  formatDate,
  resolveDateTime,
  shiftDateTime,
  type DateTimeProblem,
  type DateTimeValue,
  type DisplayTimeZone,
  type ResolveOptions,
} from '../../../shared/time';

/**
 * How the date-time fields below read what is typed: the zone the user shows (Dutch time or UTC, from the top
 * bar) and, inside a case, the earliest time that needs no confirmation (its first entry minus 30 days).
 */
interface DateTimeSettings {
  timeZone: DisplayTimeZone;
  notBefore: string | null;
}

const SettingsContext = createContext<DateTimeSettings>({ timeZone: amsterdam, notBefore: null });

/** Sets the zone, the case's earliest plausible time, or both, for the fields inside; the rest is inherited. */
export function DateTimeSettingsProvider({ children, ...settings }: Partial<DateTimeSettings> & { children: ReactNode }) {
  const parent = useContext(SettingsContext);
  const timeZone = settings.timeZone ?? parent.timeZone;
  const notBefore = settings.notBefore === undefined ? parent.notBefore : settings.notBefore;
  const value = useMemo(() => ({ timeZone, notBefore }), [timeZone, notBefore]);
  return <SettingsContext.Provider value={value}>{children}</SettingsContext.Provider>;
}

/** What is wrong with a value, as a sentence in the UI language. */
function useProblemText(): (problem: DateTimeProblem) => string {
  const { t, i18n } = useTranslation();
  const { timeZone } = useContext(SettingsContext);
  return useCallback(
    (problem: DateTimeProblem) => {
      switch (problem.reason) {
        case 'format':
          return t('dateTime.problem.format');
        case 'invalid-date':
          return t('dateTime.problem.invalidDate');
        case 'out-of-range':
          // Years as text: a number would be written with a thousands separator.
          return t('dateTime.problem.outOfRange', { year: String(problem.year).padStart(4, '0'), min: String(problem.min), max: String(problem.max) });
        case 'nonexistent':
          return t('dateTime.problem.nonexistent', { from: problem.from, to: problem.to });
        case 'ambiguous':
          return t('dateTime.problem.ambiguous');
        case 'too-early':
          return t(problem.because === 'case' ? 'dateTime.problem.beforeCase' : 'dateTime.problem.before2000', {
            limit: formatDate(problem.limit, 'dateTime', currentLanguage(i18n.resolvedLanguage), timeZone),
          });
      }
    },
    [t, i18n.resolvedLanguage, timeZone],
  );
}

/**
 * Reads a field value as a form submits it: the instant (null when left empty), or the sentence that says why
 * it cannot be recorded. The rules are `resolveDateTime`'s, with the zone and case limit of the fields.
 */
export function useReadDateTime(): ReadDateTime {
  const settings = useContext(SettingsContext);
  const problemText = useProblemText();
  return useCallback(
    (value: DateTimeValue) => {
      const result = resolveDateTime(value, settings);
      return result.ok ? result : { ok: false, message: problemText(result) };
    },
    [settings, problemText],
  );
}

/** The field value showing an instant in the zone of the fields (for a form that starts from a stored time). */
export function useDateTimeValueOf(): (iso: string) => DateTimeValue {
  const { timeZone } = useContext(SettingsContext);
  return useCallback((iso: string) => dateTimeValueOf(iso, timeZone), [timeZone]);
}

/**
 * A date and time typed as `dd-mm-jjjj uu:mm`, 24 hours, whatever the language of the computer (a
 * datetime-local input follows the OS and showed `mm/dd/yyyy --:-- AM/PM`). Keyboard first: digits, with the
 * variants `resolveDateTime` reads; **Nu** fills in now, **−5 min** steps back from what is there. In the hour
 * that occurs twice it asks which one; a time that never happened or an implausibly early date is said at
 * once, the latter with a checkbox to confirm it. `error` (from the form) replaces the field's own message.
 */
export function DateTimeField({
  id,
  label,
  hint,
  value,
  onChange,
  error,
  autoFocus,
  inputRef,
}: {
  id: string;
  label: ReactNode;
  hint?: string;
  value: DateTimeValue;
  onChange(value: DateTimeValue): void;
  error?: string | false | null;
  autoFocus?: boolean;
  /** The input, for a form that moves the focus to a field to fix. */
  inputRef?: Ref<HTMLInputElement>;
}) {
  const { t, i18n } = useTranslation();
  const settings = useContext(SettingsContext);
  const problemText = useProblemText();
  const [blurred, setBlurred] = useState(false);
  const options: ResolveOptions = settings;
  const text = value.text;
  // Asked without the choices already made, so the radios and the checkbox stay while they apply.
  const asTyped = resolveDateTime({ text }, options);
  const chosen = resolveDateTime({ text, dst: value.dst }, options);
  const choices = !asTyped.ok && asTyped.reason === 'ambiguous' ? asTyped.choices : null;
  const early = !chosen.ok && chosen.reason === 'too-early' ? chosen : null;
  const shown = !asTyped.ok && ['invalid-date', 'out-of-range', 'nonexistent'].includes(asTyped.reason);
  const own = !asTyped.ok && (shown || (asTyped.reason === 'format' && blurred)) ? problemText(asTyped) : '';
  const message = error || own;
  const zone = t(settings.timeZone === 'UTC' ? 'dateTime.zoneUtc' : 'dateTime.zoneAmsterdam');
  const ids = { label: `${id}-label`, hint: `${id}-hint`, error: `${id}-error`, early: `${id}-early` };

  // What is typed is wall time in the zone shown; when the user switches zones, the same instant is shown in the
  // new one, so a typed or prefilled time does not silently move by an hour or two.
  const shownIn = useRef(settings.timeZone);
  const showInZone = useEffectEvent((previous: DisplayTimeZone) => {
    const read = resolveDateTime({ ...value, confirmEarly: true }, { ...options, timeZone: previous });
    if (read.ok && read.iso) onChange({ ...dateTimeValueOf(read.iso, settings.timeZone), confirmEarly: value.confirmEarly });
  });
  useEffect(() => {
    if (shownIn.current === settings.timeZone) return;
    const previous = shownIn.current;
    shownIn.current = settings.timeZone;
    showInZone(previous);
  }, [settings.timeZone]);

  const type = (next: string) => onChange({ text: next });
  const now = () => onChange(dateTimeValueOf(new Date().toISOString(), settings.timeZone));
  const earlier = () => onChange(shiftDateTime(value, -5, options));

  return (
    <div className="field datetime-field">
      <label id={ids.label} htmlFor={id}>
        {label}
      </label>
      <p id={ids.hint} className="hint">
        {[hint, t('dateTime.format'), zone].filter(Boolean).join(' ')}
      </p>
      <div className="datetime-input">
        <input
          id={id}
          type="text"
          autoComplete="off"
          spellCheck={false}
          placeholder={t('dateTime.placeholder')}
          autoFocus={autoFocus}
          ref={inputRef}
          value={text}
          aria-describedby={[ids.hint, message ? ids.error : null].filter(Boolean).join(' ')}
          aria-invalid={message ? true : undefined}
          onChange={(event) => {
            setBlurred(false);
            type(event.target.value);
          }}
          onBlur={() => setBlurred(true)}
        />
        {/* Described by the field's label, so "Nu" says which time it fills in when a form has several. */}
        <button type="button" aria-describedby={ids.label} onClick={now}>
          {t('dateTime.now')}
        </button>
        <button type="button" aria-describedby={ids.label} onClick={earlier}>
          {t('dateTime.minusFive')}
        </button>
      </div>
      {choices && (
        <fieldset className="datetime-choice">
          <legend>{t('dateTime.dst.legend', { time: choices[0].time })}</legend>
          {choices.map((choice) => (
            <div className="checkbox" key={choice.dst}>
              <input
                id={`${id}-dst-${choice.dst}`}
                type="radio"
                name={`${id}-dst`}
                checked={value.dst === choice.dst}
                onChange={() => onChange({ ...value, dst: choice.dst })}
              />
              <label htmlFor={`${id}-dst-${choice.dst}`}>
                {t(choice.dst === 'earlier' ? 'dateTime.dst.earlier' : 'dateTime.dst.later', { time: choice.time, zone: choice.abbreviation })}
              </label>
            </div>
          ))}
        </fieldset>
      )}
      {early && (
        <div className="datetime-early">
          <p id={ids.early} className="notice">
            {t(early.because === 'case' ? 'dateTime.early.beforeCase' : 'dateTime.early.before2000', {
              date: formatDate(early.iso, 'dateTime', currentLanguage(i18n.resolvedLanguage), settings.timeZone),
              limit: formatDate(early.limit, 'dateTime', currentLanguage(i18n.resolvedLanguage), settings.timeZone),
            })}
          </p>
          <div className="checkbox">
            <input
              id={`${id}-confirm`}
              type="checkbox"
              aria-describedby={ids.early}
              checked={value.confirmEarly === true}
              onChange={(event) => onChange({ ...value, confirmEarly: event.target.checked })}
            />
            <label htmlFor={`${id}-confirm`}>{t('dateTime.early.confirm')}</label>
          </div>
        </div>
      )}
      <p id={ids.error} className="field-error" aria-live="polite">
        {message}
      </p>
    </div>
  );
}
