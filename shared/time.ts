import { Temporal } from 'temporal-polyfill';
import { intlLocale, type Language } from './numbers';
import { instantRange } from './schemas';

/**
 * The one place where instants meet wall clocks. A crisis team reads and types Dutch time (Europe/Amsterdam),
 * or UTC when it switches to it; the store keeps UTC. Temporal does the zone arithmetic, so the hour that
 * occurs twice (last Sunday of October) and the hour that never happens (last Sunday of March) are handled by
 * the rules, never by offsets worked out by hand, and nothing depends on the clock of the machine it runs on.
 * Used alike by the renderer, the documents and the PDF metadata.
 */

export const amsterdam = 'Europe/Amsterdam';
/** The documents always print Dutch time, whatever the machine that prints, so two exports read the same. */
export const documentTimeZone = amsterdam;

export const displayTimeZones = [amsterdam, 'UTC'] as const;
export type DisplayTimeZone = (typeof displayTimeZones)[number];

const zoned = (at: string | Date, timeZone: string): Temporal.ZonedDateTime =>
  Temporal.Instant.fromEpochMilliseconds(typeof at === 'string' ? Date.parse(at) : at.getTime()).toZonedDateTimeISO(timeZone);

const isoOf = (instant: Temporal.ZonedDateTime): string => new Date(instant.epochMilliseconds).toISOString();

/** "CEST" or "CET" in Dutch time, "UTC" in UTC; the plain offset in any other zone. */
function abbreviationOf(time: Temporal.ZonedDateTime): string {
  if (time.timeZoneId === 'UTC') return 'UTC';
  if (time.timeZoneId === amsterdam) return time.offset === '+02:00' ? 'CEST' : 'CET';
  return time.offset;
}

/** Both instants a wall time can mean in the zone: equal when it is unique, apart around a clock change. */
function candidates(wall: Temporal.PlainDateTime, timeZone: string) {
  return {
    earlier: wall.toZonedDateTime(timeZone, { disambiguation: 'earlier' }),
    later: wall.toZonedDateTime(timeZone, { disambiguation: 'later' }),
  };
}

/** Whether the wall time this instant shows in the zone also occurs an hour earlier or later (the October hour). */
function inRepeatedHour(time: Temporal.ZonedDateTime): boolean {
  const { earlier, later } = candidates(time.toPlainDateTime(), time.timeZoneId);
  return earlier.epochNanoseconds !== later.epochNanoseconds;
}

export function zoneAbbreviation(iso: string, timeZone: string): string {
  return abbreviationOf(zoned(iso, timeZone));
}

export function isInRepeatedHour(iso: string, timeZone: string): boolean {
  return inRepeatedHour(zoned(iso, timeZone));
}

/** " CEST" / " CET" after a time in the hour that occurs twice, where the clock alone does not say which. */
const repeatedHourSuffix = (time: Temporal.ZonedDateTime): string => (inRepeatedHour(time) ? ` ${abbreviationOf(time)}` : '');

// Days

/** The calendar day an instant falls on in the zone, as `YYYY-MM-DD`: the timeline's day groups. */
export function dayKey(iso: string, timeZone: string): string {
  return zoned(iso, timeZone).toPlainDate().toString();
}

/** The wall clock and offset of an instant in the zone, to the second: what the PDF metadata writes. */
export function wallClock(at: Date, timeZone: string) {
  const time = zoned(at, timeZone);
  return { year: time.year, month: time.month, day: time.day, hour: time.hour, minute: time.minute, second: time.second, offset: time.offset };
}

/**
 * The instant at a wall time on a day in the zone (`YYYY-MM-DD`, `HH:mm`). Made-up times (the demo) take the
 * first of a repeated hour and skip forward over a missing one; what a person types goes through
 * `resolveDateTime`, which asks instead.
 */
export function instantAtWallTime(day: string, time: string, timeZone: string): string {
  const wall = Temporal.PlainDate.from(day).toPlainDateTime(Temporal.PlainTime.from(time));
  return isoOf(wall.toZonedDateTime(timeZone, { disambiguation: 'compatible' }));
}

export function addDays(day: string, days: number): string {
  return Temporal.PlainDate.from(day).add({ days }).toString();
}

// Display in the UI

export type DateStyle = 'dateTime' | 'time' | 'day' | 'short';

const styles: Record<DateStyle, Intl.DateTimeFormatOptions> = {
  dateTime: { dateStyle: 'medium', timeStyle: 'short', hourCycle: 'h23' },
  time: { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
  day: { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' },
  short: { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
};

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(language: Language, timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${language}|${timeZone}|${JSON.stringify(options)}`;
  let cached = formatters.get(key);
  if (!cached) {
    cached = new Intl.DateTimeFormat(intlLocale(language), { ...options, timeZone });
    formatters.set(key, cached);
  }
  return cached;
}

/**
 * An instant as the UI shows it, in nl-NL or en-GB and the chosen zone. A time in the hour that occurs twice
 * carries its zone ("02:30 CEST", "02:30 CET"); other times do not need it.
 */
export function formatDate(iso: string, style: DateStyle, language: Language, timeZone: DisplayTimeZone): string {
  const text = formatter(language, timeZone, styles[style]).format(Date.parse(iso));
  return style === 'day' ? text : text + repeatedHourSuffix(zoned(iso, timeZone));
}

// Display in the documents

const documentFormat = (language: Language): Intl.DateTimeFormat =>
  formatter(language, documentTimeZone, {
    weekday: 'short',
    day: '2-digit',
    month: language === 'nl' ? '2-digit' : 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });

/**
 * "za 28-11-2026 21:40" (nl) or "Sat 28 Nov 2026 21:40" (en), in Dutch time; "zo 25-10-2026 02:30 CET" in the
 * repeated hour. Assembled from parts so the punctuation does not depend on the ICU version. Text that is not
 * a time is printed as it is rather than as "Invalid Date".
 */
export function formatDocumentDateTime(iso: string, language: Language): string {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return iso;
  const parts: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
  for (const part of documentFormat(language).formatToParts(time)) parts[part.type] = part.value;
  const weekday = (parts.weekday ?? '').replace(/\.$/, '');
  const date = language === 'nl' ? `${parts.day}-${parts.month}-${parts.year}` : `${parts.day} ${parts.month} ${parts.year}`;
  return `${weekday} ${date} ${parts.hour}:${parts.minute}${repeatedHourSuffix(zoned(iso, documentTimeZone))}`;
}

/** The time alone, "21:40" ("02:30 CET" in the repeated hour): the same in both languages. */
export function formatDocumentTime(iso: string): string {
  const time = zoned(iso, documentTimeZone);
  return `${pad(time.hour)}:${pad(time.minute)}${repeatedHourSuffix(time)}`;
}

/** Without the weekday, for the dense log table: "28-11-2026 21:40" (nl), "28 Nov 2026 21:40" (en). */
export function formatCompactDocumentDateTime(iso: string, language: Language): string {
  const full = formatDocumentDateTime(iso, language);
  return full === iso ? iso : full.slice(full.indexOf(' ') + 1);
}

// Typing a time

/**
 * What a date-time field holds: the text as typed (`dd-mm-jjjj uu:mm`), which of the two instants a time in
 * the repeated October hour means, and whether the user confirmed a date that looks mistyped (before 2000, or
 * long before the case began). Plain data, so a form library can hold it as any other field value.
 */
export interface DateTimeValue {
  text: string;
  dst?: 'earlier' | 'later';
  confirmEarly?: boolean;
}

export const emptyDateTime: DateTimeValue = { text: '' };

const pad = (value: number): string => String(value).padStart(2, '0');

/** The field value that shows this instant in the zone, including which of a repeated hour it is. */
export function dateTimeValueOf(iso: string, timeZone: DisplayTimeZone): DateTimeValue {
  const time = zoned(iso, timeZone);
  const text = `${pad(time.day)}-${pad(time.month)}-${String(time.year).padStart(4, '0')} ${pad(time.hour)}:${pad(time.minute)}`;
  if (!inRepeatedHour(time)) return { text };
  const { earlier } = candidates(time.toPlainDateTime(), timeZone);
  return { text, dst: earlier.epochNanoseconds === time.epochNanoseconds ? 'earlier' : 'later' };
}

const dayMonthYear = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/;
const yearMonthDay = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const clockTime = /^(\d{1,2})[:.]?(\d{2})$/;
const clockTimeAlone = /^(\d{1,2})[:.](\d{2})$/;

type Parsed =
  | { ok: true; wall: Temporal.PlainDateTime }
  | { ok: false; reason: 'format' }
  | { ok: false; reason: 'invalid-date' };

/**
 * `28-11-2026 21:40`, also with `/` or `.` in the date, `2140` or `21.40` for the time, a comma or `T` between,
 * or `2026-11-28 21:40`; `21:40` alone is today in the zone. A year has four digits, so `26` is not guessed.
 */
function parseWallTime(text: string, timeZone: DisplayTimeZone, now: Temporal.Instant): Parsed {
  const trimmed = text.trim();
  const alone = clockTimeAlone.exec(trimmed);
  let date: { year: number; month: number; day: number };
  let clock: RegExpExecArray | null;
  if (alone) {
    const today = now.toZonedDateTimeISO(timeZone);
    date = { year: today.year, month: today.month, day: today.day };
    clock = alone;
  } else {
    const pieces = trimmed.split(/\s*,\s*|\s+|T/).filter(Boolean);
    if (pieces.length !== 2) return { ok: false, reason: 'format' };
    const [datePart = '', timePart = ''] = pieces;
    const dmy = dayMonthYear.exec(datePart);
    const ymd = yearMonthDay.exec(datePart);
    if (dmy) date = { day: Number(dmy[1]), month: Number(dmy[2]), year: Number(dmy[3]) };
    else if (ymd) date = { year: Number(ymd[1]), month: Number(ymd[2]), day: Number(ymd[3]) };
    else return { ok: false, reason: 'format' };
    clock = clockTime.exec(timePart);
  }
  if (!clock) return { ok: false, reason: 'format' };
  const hour = Number(clock[1]);
  const minute = Number(clock[2]);
  if (hour > 23 || minute > 59) return { ok: false, reason: 'format' };
  try {
    return { ok: true, wall: Temporal.PlainDateTime.from({ ...date, hour, minute }, { overflow: 'reject' }) };
  } catch {
    return { ok: false, reason: 'invalid-date' };
  }
}

/** One of the two instants of a repeated wall time, with the words the field offers for it. */
export interface DstChoice {
  dst: 'earlier' | 'later';
  iso: string;
  /** `02:30` */
  time: string;
  /** `CEST` / `CET` */
  abbreviation: string;
}

export type DateTimeProblem =
  /** Not a date and time as the field reads them. */
  | { reason: 'format' }
  /** A date that is not on the calendar, such as 31-02-2026. */
  | { reason: 'invalid-date' }
  /** A year no log can hold (the server refuses it too): surely mistyped. */
  | { reason: 'out-of-range'; year: number; min: number; max: number }
  /** The hour skipped in spring: `from` is when the clock jumped, `to` where it landed (`02:00`, `03:00`). */
  | { reason: 'nonexistent'; from: string; to: string; abbreviation: string }
  /** The hour repeated in autumn, and no choice made yet. */
  | { reason: 'ambiguous'; choices: [DstChoice, DstChoice] }
  /**
   * Before 2000 or long before the case began (`because`), and not confirmed: `iso` is what was understood,
   * `limit` the earliest time that needs no confirmation.
   */
  | { reason: 'too-early'; iso: string; limit: string; because: 'year-2000' | 'case' };

export type DateTimeResolution = { ok: true; iso: string | null } | ({ ok: false } & DateTimeProblem);

/** Nothing before this without a confirmation: a year typed as 0002 or 1902 is a typing error, not history. */
const plausibleFrom = Temporal.PlainDate.from('2000-01-01');

export interface ResolveOptions {
  timeZone: DisplayTimeZone;
  /** The earliest time that needs no confirmation (for a case: its first entry minus 30 days). */
  notBefore?: string | null;
  /** "Now", for a time typed without a date; the clock when left out. */
  now?: string;
}

const choiceOf = (time: Temporal.ZonedDateTime, dst: DstChoice['dst']): DstChoice => ({
  dst,
  iso: isoOf(time),
  time: `${pad(time.hour)}:${pad(time.minute)}`,
  abbreviation: abbreviationOf(time),
});

const minYear = Number(instantRange.min.slice(0, 4));
const maxYear = Number(instantRange.max.slice(0, 4));

/**
 * The instant a date-time field means, or why it means none: a typing error, a date that does not exist, the
 * hour skipped in spring, the hour repeated in autumn without a choice, or an implausibly early date without
 * a confirmation. Empty text is `iso: null`; a form decides whether that is allowed. Pure, so forms, their
 * schemas and tests share the same rules.
 */
export function resolveDateTime(value: DateTimeValue, options: ResolveOptions): DateTimeResolution {
  if (value.text.trim() === '') return { ok: true, iso: null };
  const now = options.now ? Temporal.Instant.from(options.now) : Temporal.Now.instant();
  const parsed = parseWallTime(value.text, options.timeZone, now);
  if (!parsed.ok) return parsed;
  const { wall } = parsed;
  if (wall.year < minYear || wall.year > maxYear) return { ok: false, reason: 'out-of-range', year: wall.year, min: minYear, max: maxYear };
  const { earlier, later } = candidates(wall, options.timeZone);
  let chosen = earlier;
  if (earlier.epochNanoseconds !== later.epochNanoseconds) {
    if (!earlier.toPlainDateTime().equals(wall)) {
      // In a gap Temporal offers the times on both sides; the jump is where the later one's offset began.
      const landed = later.getTimeZoneTransition('previous');
      if (!landed) return { ok: false, reason: 'format' };
      const jump = later.offsetNanoseconds - earlier.offsetNanoseconds;
      const from = landed.toPlainDateTime().subtract({ nanoseconds: jump });
      return {
        ok: false,
        reason: 'nonexistent',
        from: from.toPlainTime().toString({ smallestUnit: 'minute' }),
        to: landed.toPlainTime().toString({ smallestUnit: 'minute' }),
        abbreviation: abbreviationOf(later),
      };
    }
    if (!value.dst) return { ok: false, reason: 'ambiguous', choices: [choiceOf(earlier, 'earlier'), choiceOf(later, 'later')] };
    chosen = value.dst === 'later' ? later : earlier;
  }
  const iso = isoOf(chosen);
  if (iso < instantRange.min || iso > instantRange.max) return { ok: false, reason: 'out-of-range', year: wall.year, min: minYear, max: maxYear };
  const floor = plausibleFrom.toZonedDateTime(options.timeZone).epochNanoseconds;
  const caseFloor = options.notBefore ? Temporal.Instant.from(options.notBefore).epochNanoseconds : floor;
  const because = caseFloor > floor ? 'case' : 'year-2000';
  const limit = because === 'case' ? caseFloor : floor;
  if (chosen.epochNanoseconds < limit && !value.confirmEarly) {
    return { ok: false, reason: 'too-early', iso, limit: new Date(Number(limit / 1_000_000n)).toISOString(), because };
  }
  return { ok: true, iso };
}

/** How long before a case's first entry a time is still plausible without a confirmation. */
export const caseLeadDays = 30;

/** The `notBefore` for a case's date-time fields: its first entry minus `caseLeadDays`. */
export function caseNotBefore(firstOccurredAt: string): string {
  return Temporal.Instant.from(firstOccurredAt).subtract({ hours: caseLeadDays * 24 }).toString();
}

/**
 * The field value `minutes` later (negative: earlier) than what it holds, or than now when it holds no
 * readable time: **−5 min** pressed twice is ten minutes ago. Instants, not wall times, so it steps across a
 * clock change correctly.
 */
export function shiftDateTime(value: DateTimeValue, minutes: number, options: ResolveOptions): DateTimeValue {
  const current = resolveDateTime({ ...value, confirmEarly: true }, options);
  const base = current.ok && current.iso ? Temporal.Instant.from(current.iso) : options.now ? Temporal.Instant.from(options.now) : Temporal.Now.instant();
  const shifted = base.add({ minutes });
  return dateTimeValueOf(new Date(shifted.epochMilliseconds).toISOString(), options.timeZone);
}
