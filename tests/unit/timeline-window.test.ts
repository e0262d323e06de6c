import { describe, expect, it } from 'vitest';
import { cachedDayKey, cursorJustBefore, cursorOf, firstEntryAt, layoutRows, rowHeights, withNewer, withOlder, type TimelineWindow } from '../../renderer/src/timeline/window';
import { dayKey } from '../../shared/time';
import type { Entry, EntryPage } from '../../shared/views';

function entry(seq: number, occurredAt: string, phaseId = 'online-signaal'): Entry {
  return {
    id: `e${seq}`,
    caseId: 'c',
    seq,
    type: 'signaal',
    text: `Regel ${seq}`,
    occurredAt,
    recordedAt: occurredAt,
    authorId: null,
    authorName: 'Joost',
    source: null,
    sourceReliability: null,
    informationCredibility: null,
    correctsEntryId: null,
    correctedByIds: [],
    personalData: false,
    phaseId,
    location: null,
    hash: '0'.repeat(64),
  };
}

const page = (entries: Entry[], previousCursor: string | null, nextCursor: string | null): EntryPage => ({ entries, previousCursor, nextCursor, total: null });
const at = (minute: number) => new Date(Date.UTC(2026, 2, 1, 8, minute)).toISOString();

describe('the timeline window', () => {
  it('grows at either end and drops the far end beyond its maximum', () => {
    const start: TimelineWindow = { entries: [1, 2, 3].map((n) => entry(n, at(n))), atStart: true, atEnd: false };
    const grown = withNewer(start, page([4, 5].map((n) => entry(n, at(n))), 'x', 'y'), 4);
    expect(grown.entries.map((e) => e.seq)).toEqual([2, 3, 4, 5]);
    expect(grown).toMatchObject({ atStart: false, atEnd: false });
    const back = withOlder(grown, page([entry(1, at(1))], null, 'z'), 4);
    expect(back.entries.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    expect(back).toMatchObject({ atStart: true, atEnd: false });
  });

  it('never shows an entry twice when pages overlap', () => {
    const start: TimelineWindow = { entries: [entry(1, at(1)), entry(2, at(2))], atStart: true, atEnd: false };
    expect(withNewer(start, page([entry(2, at(2)), entry(3, at(3))], 'x', null)).entries.map((e) => e.seq)).toEqual([1, 2, 3]);
  });

  it('writes cursors the service reads, and one that starts at the entry itself', () => {
    const e = entry(42, '2026-03-01T08:00:00.000Z');
    expect(cursorOf(e)).toBe('2026-03-01T08:00:00.000Z_42');
    expect(cursorJustBefore(e)).toBe('2026-03-01T08:00:00.000Z_41');
  });

  it('puts a day header at each new Amsterdam day and a band where the phase changes', () => {
    const entries = [
      entry(1, '2026-03-01T22:30:00.000Z'), // 23:30 in Amsterdam, 1 March
      entry(2, '2026-03-01T23:30:00.000Z', 'verspreiding'), // 00:30, 2 March
      entry(3, '2026-03-02T08:00:00.000Z', 'samenkomst'),
    ];
    const layout = layoutRows(entries, 'Europe/Amsterdam');
    expect(layout.rows.map((row) => row.kind)).toEqual(['day', 'entry', 'day', 'entry', 'phase', 'entry']);
    expect(layoutRows(entries, 'UTC').rows.map((row) => row.kind)).toEqual(['day', 'entry', 'phase', 'entry', 'day', 'entry']);
    expect(layout.offsets.at(-1)).toBe(2 * rowHeights.day + rowHeights.phase + 3 * rowHeights.entry);
    expect(firstEntryAt(layout, rowHeights.day + 10)).toEqual({ id: 'e1', delta: rowHeights.day - (rowHeights.day + 10) });
  });
});

describe('day keys of the timeline', () => {
  it('keeps the same day keys through its per-hour cache, also around midnight and daylight-saving changes', () => {
    // Every 7 minutes through the spring-forward and fall-back days of 2026 (and the midnights around them).
    for (const startIso of ['2026-03-28T20:00:00.000Z', '2026-10-24T20:00:00.000Z']) {
      for (let minute = 0; minute < 3 * 24 * 60; minute += 7) {
        const iso = new Date(Date.parse(startIso) + minute * 60_000).toISOString();
        for (const zone of ['Europe/Amsterdam', 'UTC'] as const) expect(cachedDayKey(iso, zone)).toBe(dayKey(iso, zone));
      }
    }
  });
});
