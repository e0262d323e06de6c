/**
 * Dates as the team reads them: nl-NL (or en-GB) wall time in Europe/Amsterdam, or UTC when the user switches
 * to it. Pure functions, so they are tested without a browser; every date the case screens show goes through here.
 */
export const displayTimeZones = ['Europe/Amsterdam', 'UTC'] as const;
export type DisplayTimeZone = (typeof displayTimeZones)[number];

const locales = { nl: 'nl-NL', en: 'en-GB' } as const;
export type UiLanguage = keyof typeof locales;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(language: UiLanguage, timeZone: DisplayTimeZone, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${language}|${timeZone}|${JSON.stringify(options)}`;
  let cached = formatters.get(key);
  if (!cached) {
    cached = new Intl.DateTimeFormat(locales[language], { ...options, timeZone });
    formatters.set(key, cached);
  }
  return cached;
}

export type DateStyle = 'dateTime' | 'time' | 'day' | 'short';

const styles: Record<DateStyle, Intl.DateTimeFormatOptions> = {
  dateTime: { dateStyle: 'medium', timeStyle: 'short' },
  time: { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
  day: { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' },
  short: { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
};

export function formatDate(iso: string, style: DateStyle, language: UiLanguage, timeZone: DisplayTimeZone): string {
  return formatter(language, timeZone, styles[style]).format(new Date(iso));
}

interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

function wallTimeOf(ms: number, timeZone: DisplayTimeZone): WallTime {
  const parts = formatter('en', timeZone, {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(ms));
  const part = (type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return { year: part('year'), month: part('month'), day: part('day'), hour: part('hour'), minute: part('minute') };
}

/** The calendar day an instant falls on in the zone, as `YYYY-MM-DD`: the timeline's day groups. */
export function dayKey(iso: string, timeZone: DisplayTimeZone): string {
  const wall = wallTimeOf(Date.parse(iso), timeZone);
  return `${wall.year}-${String(wall.month).padStart(2, '0')}-${String(wall.day).padStart(2, '0')}`;
}

const pad = (value: number): string => String(value).padStart(2, '0');

/** The value of an `<input type="datetime-local">` showing this instant in the zone. */
export function toLocalInput(iso: string, timeZone: DisplayTimeZone): string {
  const wall = wallTimeOf(Date.parse(iso), timeZone);
  return `${wall.year}-${pad(wall.month)}-${pad(wall.day)}T${pad(wall.hour)}:${pad(wall.minute)}`;
}

/**
 * The instant a wall time (`YYYY-MM-DDTHH:mm`, from a datetime-local input) means in the zone, as ISO UTC; null
 * when the text is not such a time. In the hour that does not exist (spring forward) it lands an hour later; in
 * the hour that exists twice (fall back) it takes the first.
 */
export function fromLocalInput(value: string, timeZone: DisplayTimeZone): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!match) return null;
  const [year, month, day, hour, minute] = match.slice(1).map(Number) as [number, number, number, number, number];
  const asUtc = Date.UTC(year, month - 1, day, hour, minute);
  if (Number.isNaN(asUtc)) return null;
  const offsetAt = (ms: number): number => {
    const wall = wallTimeOf(ms, timeZone);
    return Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute) - Math.floor(ms / 60_000) * 60_000;
  };
  // The offsets a day before and a day after cover both sides of a daylight-saving change.
  const candidates = [asUtc - offsetAt(asUtc - 86_400_000), asUtc - offsetAt(asUtc + 86_400_000)].sort((a, b) => a - b);
  const exact = candidates.find((ms) => toLocalInput(new Date(ms).toISOString(), timeZone) === value);
  return new Date(exact ?? Math.max(...candidates)).toISOString();
}
