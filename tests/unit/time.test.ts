import { describe, expect, it } from 'vitest';
import { isoDateTimeSchema } from '../../shared/schemas';
import { formatNumber } from '../../shared/numbers';
import {
  caseNotBefore,
  dateTimeValueOf,
  dayKey,
  formatCompactDocumentDateTime,
  formatDate,
  formatDocumentDateTime,
  formatDocumentTime,
  instantAtWallTime,
  resolveDateTime,
  shiftDateTime,
  zoneAbbreviation,
  type DateTimeValue,
} from '../../shared/time';

const nl = { timeZone: 'Europe/Amsterdam', now: '2026-11-28T12:00:00Z' } as const;
const utc = { ...nl, timeZone: 'UTC' } as const;
const resolve = (text: string, extra: Omit<DateTimeValue, 'text'> = {}, options: Parameters<typeof resolveDateTime>[1] = nl) =>
  resolveDateTime({ text, ...extra }, options);

// 25 October 2026: at 03:00 CEST the clock goes back to 02:00 CET, so 02:00–03:00 happens twice.
const firstHalfPastTwo = '2026-10-25T00:30:00.000Z';
const secondHalfPastTwo = '2026-10-25T01:30:00.000Z';

describe('typing a date and time', () => {
  it('reads dd-mm-jjjj uu:mm as Dutch time, summer and winter, and UTC when the user shows UTC', () => {
    expect(resolve('28-11-2026 21:40')).toEqual({ ok: true, iso: '2026-11-28T20:40:00.000Z' });
    expect(resolve('10-07-2026 21:00')).toEqual({ ok: true, iso: '2026-07-10T19:00:00.000Z' });
    expect(resolve('28-11-2026 21:40', {}, utc)).toEqual({ ok: true, iso: '2026-11-28T21:40:00.000Z' });
  });

  it('accepts the variants people type, and a time alone as today', () => {
    for (const text of ['28-11-2026 2140', '28/11/2026 21:40', '28.11.2026 21.40', '28-11-2026, 21:40', ' 28-11-2026T21:40 ', '2026-11-28 21:40']) {
      expect(resolve(text), text).toEqual({ ok: true, iso: '2026-11-28T20:40:00.000Z' });
    }
    expect(resolve('8-1-2026 9:05')).toEqual({ ok: true, iso: '2026-01-08T08:05:00.000Z' });
    expect(resolve('21:40')).toEqual({ ok: true, iso: '2026-11-28T20:40:00.000Z' });
    // Just after midnight in Amsterdam it is still the day before in UTC: "today" is the Dutch day.
    expect(resolve('00:10', {}, { ...nl, now: '2026-11-28T23:30:00Z' })).toEqual({ ok: true, iso: '2026-11-28T23:10:00.000Z' });
  });

  it('refuses what it cannot read, without guessing a century or a calendar day', () => {
    for (const text of ['28-11-26 21:40', '28-11-2026', '2140', '24:00', '28-11-2026 21:60', 'morgen', '28-11-2026 21:40 extra']) {
      expect(resolve(text), text).toEqual({ ok: false, reason: 'format' });
    }
    expect(resolve('31-02-2026 10:00')).toEqual({ ok: false, reason: 'invalid-date' });
    expect(resolve('   ')).toEqual({ ok: true, iso: null });
  });

  it('refuses year 0002 outright and asks to confirm 1999 or a date long before the case began', () => {
    expect(resolve('01-12-0002 10:00')).toEqual({ ok: false, reason: 'out-of-range', year: 2, min: 1970, max: 2100 });
    expect(resolve('01-12-0002 10:00', { confirmEarly: true })).toMatchObject({ ok: false, reason: 'out-of-range' });
    expect(resolve('01-12-2101 10:00')).toMatchObject({ ok: false, reason: 'out-of-range', year: 2101 });

    expect(resolve('31-12-1999 23:59')).toEqual({ ok: false, reason: 'too-early', iso: '1999-12-31T22:59:00.000Z', limit: '1999-12-31T23:00:00.000Z', because: 'year-2000' });
    expect(resolve('31-12-1999 23:59', { confirmEarly: true })).toEqual({ ok: true, iso: '1999-12-31T22:59:00.000Z' });
    expect(resolve('01-01-2000 00:00')).toEqual({ ok: true, iso: '1999-12-31T23:00:00.000Z' });

    const notBefore = caseNotBefore('2026-11-20T08:00:00.000Z');
    expect(notBefore).toBe('2026-10-21T08:00:00Z');
    expect(resolve('21-10-2026 09:59', {}, { ...nl, notBefore })).toMatchObject({ ok: false, reason: 'too-early', limit: '2026-10-21T08:00:00.000Z', because: 'case' });
    expect(resolve('21-10-2026 10:00', {}, { ...nl, notBefore })).toEqual({ ok: true, iso: '2026-10-21T08:00:00.000Z' });
    expect(resolve('21-10-2026 09:59', { confirmEarly: true }, { ...nl, notBefore })).toEqual({ ok: true, iso: '2026-10-21T07:59:00.000Z' });
  });

  it('asks which 02:30 on 25 October 2026, and the two answers are an hour apart', () => {
    expect(resolve('25-10-2026 02:30')).toEqual({
      ok: false,
      reason: 'ambiguous',
      choices: [
        { dst: 'earlier', iso: firstHalfPastTwo, time: '02:30', abbreviation: 'CEST' },
        { dst: 'later', iso: secondHalfPastTwo, time: '02:30', abbreviation: 'CET' },
      ],
    });
    expect(resolve('25-10-2026 02:30', { dst: 'earlier' })).toEqual({ ok: true, iso: firstHalfPastTwo });
    expect(resolve('25-10-2026 02:30', { dst: 'later' })).toEqual({ ok: true, iso: secondHalfPastTwo });
    // Either side of the repeated hour is unique; in UTC nothing repeats.
    expect(resolve('25-10-2026 01:59')).toEqual({ ok: true, iso: '2026-10-24T23:59:00.000Z' });
    expect(resolve('25-10-2026 03:00')).toEqual({ ok: true, iso: '2026-10-25T02:00:00.000Z' });
    expect(resolve('25-10-2026 02:30', {}, utc)).toEqual({ ok: true, iso: '2026-10-25T02:30:00.000Z' });
  });

  it('refuses 02:30 on 29 March 2026, which never happened, instead of moving it to 03:30', () => {
    expect(resolve('29-03-2026 02:30')).toEqual({ ok: false, reason: 'nonexistent', from: '02:00', to: '03:00', abbreviation: 'CEST' });
    expect(resolve('29-03-2026 02:00', { dst: 'later', confirmEarly: true })).toMatchObject({ ok: false, reason: 'nonexistent' });
    expect(resolve('29-03-2026 01:59')).toEqual({ ok: true, iso: '2026-03-29T00:59:00.000Z' });
    expect(resolve('29-03-2026 03:00')).toEqual({ ok: true, iso: '2026-03-29T01:00:00.000Z' });
    expect(resolve('29-03-2026 02:30', {}, utc)).toEqual({ ok: true, iso: '2026-03-29T02:30:00.000Z' });
  });

  it('shows an instant as field text, knowing which of a repeated hour it is, and round-trips', () => {
    expect(dateTimeValueOf('2026-11-28T20:40:00.000Z', 'Europe/Amsterdam')).toEqual({ text: '28-11-2026 21:40' });
    expect(dateTimeValueOf('2026-03-01T23:30:00.000Z', 'Europe/Amsterdam')).toEqual({ text: '02-03-2026 00:30' });
    expect(dateTimeValueOf(firstHalfPastTwo, 'Europe/Amsterdam')).toEqual({ text: '25-10-2026 02:30', dst: 'earlier' });
    expect(dateTimeValueOf(secondHalfPastTwo, 'Europe/Amsterdam')).toEqual({ text: '25-10-2026 02:30', dst: 'later' });
    expect(dateTimeValueOf(secondHalfPastTwo, 'UTC')).toEqual({ text: '25-10-2026 01:30' });
    for (const iso of [firstHalfPastTwo, secondHalfPastTwo, '2026-03-29T01:00:00.000Z']) {
      expect(resolveDateTime(dateTimeValueOf(iso, 'Europe/Amsterdam'), nl)).toEqual({ ok: true, iso });
    }
  });

  it('steps back five minutes from the field, or from now when it is empty, across the clock change', () => {
    expect(shiftDateTime({ text: '' }, -5, nl)).toEqual({ text: '28-11-2026 12:55' });
    expect(shiftDateTime({ text: '28-11-2026 21:40' }, -5, nl)).toEqual({ text: '28-11-2026 21:35' });
    // 03:02 CET is two minutes after the second 02:00; five minutes earlier is 02:57 in the repeated hour, CET.
    expect(shiftDateTime({ text: '25-10-2026 03:02' }, -5, nl)).toEqual({ text: '25-10-2026 02:57', dst: 'later' });
    expect(shiftDateTime({ text: '25-10-2026 02:00', dst: 'later' }, -5, nl)).toEqual({ text: '25-10-2026 02:55', dst: 'earlier' });
  });
});

describe('showing times', () => {
  it('gives a time in the repeated hour its zone, in every UI style but the day, and only there', () => {
    expect(formatDate(firstHalfPastTwo, 'time', 'nl', 'Europe/Amsterdam')).toBe('02:30 CEST');
    expect(formatDate(secondHalfPastTwo, 'time', 'nl', 'Europe/Amsterdam')).toBe('02:30 CET');
    expect(formatDate(secondHalfPastTwo, 'dateTime', 'nl', 'Europe/Amsterdam')).toBe('25 okt 2026, 02:30 CET');
    expect(formatDate(firstHalfPastTwo, 'short', 'en', 'Europe/Amsterdam')).toBe('Sun 25 Oct, 02:30 CEST');
    expect(formatDate(firstHalfPastTwo, 'day', 'nl', 'Europe/Amsterdam')).toBe('zondag 25 oktober 2026');
    expect(formatDate('2026-10-25T02:30:00.000Z', 'time', 'nl', 'Europe/Amsterdam')).toBe('03:30');
    expect(formatDate('2026-11-28T20:40:00.000Z', 'dateTime', 'en', 'Europe/Amsterdam')).toBe('28 Nov 2026, 21:40');
    expect(formatDate(firstHalfPastTwo, 'time', 'nl', 'UTC')).toBe('00:30');
    expect(zoneAbbreviation(firstHalfPastTwo, 'Europe/Amsterdam')).toBe('CEST');
    expect(zoneAbbreviation('2026-11-28T20:40:00.000Z', 'Europe/Amsterdam')).toBe('CET');
  });

  it('prints documents in Dutch time whatever the machine clock, with the zone in the repeated hour', () => {
    expect(formatDocumentDateTime('2026-11-28T20:40:00.000Z', 'nl')).toBe('za 28-11-2026 21:40');
    expect(formatDocumentDateTime('2026-11-28T20:40:00.000Z', 'en')).toBe('Sat 28 Nov 2026 21:40');
    expect(formatDocumentDateTime('2026-07-04T20:40:00.000Z', 'nl')).toBe('za 04-07-2026 22:40');
    expect(formatDocumentDateTime(secondHalfPastTwo, 'nl')).toBe('zo 25-10-2026 02:30 CET');
    expect(formatCompactDocumentDateTime(firstHalfPastTwo, 'nl')).toBe('25-10-2026 02:30 CEST');
    expect(formatCompactDocumentDateTime('2026-11-28T20:40:00.000Z', 'en')).toBe('28 Nov 2026 21:40');
    expect(formatDocumentTime(secondHalfPastTwo)).toBe('02:30 CET');
    expect(formatDocumentDateTime('geen tijd', 'nl')).toBe('geen tijd');
  });

  it('knows the Dutch day and builds made-up wall times (the demo) without the machine zone', () => {
    expect(dayKey('2026-03-01T23:30:00.000Z', 'Europe/Amsterdam')).toBe('2026-03-02');
    expect(dayKey('2026-03-01T23:30:00.000Z', 'UTC')).toBe('2026-03-01');
    expect(instantAtWallTime('2026-07-10', '21:00', 'Europe/Amsterdam')).toBe('2026-07-10T19:00:00.000Z');
    expect(instantAtWallTime('2026-01-10', '21:00', 'Europe/Amsterdam')).toBe('2026-01-10T20:00:00.000Z');
  });

  it('writes numbers as the language does', () => {
    expect(formatNumber(100_002, 'nl')).toBe('100.002');
    expect(formatNumber(100_002, 'en')).toBe('100,002');
    expect(formatNumber(1.25, 'nl')).toBe('1,3');
    expect(formatNumber(7, 'nl')).toBe('7');
  });
});

describe('the server side', () => {
  it('refuses instants before 1970 or after 2100, whatever the renderer sent', () => {
    expect(isoDateTimeSchema.safeParse('0002-12-01T10:00:00Z').success).toBe(false);
    expect(isoDateTimeSchema.safeParse('1902-12-01T10:00:00Z').success).toBe(false);
    expect(isoDateTimeSchema.safeParse('1969-12-31T23:59:59Z').success).toBe(false);
    expect(isoDateTimeSchema.safeParse('2101-01-01T00:00:00Z').success).toBe(false);
    expect(isoDateTimeSchema.parse('1970-01-01T01:00:00+01:00')).toBe('1970-01-01T00:00:00.000Z');
    expect(isoDateTimeSchema.parse('1999-12-31T23:59:00+01:00')).toBe('1999-12-31T22:59:00.000Z');
    expect(isoDateTimeSchema.parse('2100-12-31T23:59:59Z')).toBe('2100-12-31T23:59:59.000Z');
  });
});
