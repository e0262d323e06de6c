import { systemEntryTypes, type EntryType } from '../../../shared/domain';
import { dayKey, type DisplayTimeZone } from '../../../shared/time';
import type { Entry, EntryPage } from '../../../shared/views';

/**
 * The part of a case's log the timeline holds: a bounded window of whole pages, moved along the log by
 * keyset cursors as the user scrolls. Pure functions, so the paging rules are tested without a browser.
 */
export interface TimelineWindow {
  entries: readonly Entry[];
  /** Nothing before the first entry (under the current filter). */
  atStart: boolean;
  /** Nothing after the last entry. */
  atEnd: boolean;
}

export const pageSize = 200;
/** Five pages: enough to scroll through without waiting, little enough to keep memory flat on 100k entries. */
export const maxWindowEntries = 1_000;

export const emptyWindow: TimelineWindow = { entries: [], atStart: true, atEnd: true };

/** A position after every entry: `before` it gives the last page of the log. */
export const endCursor = '9999-12-31T23:59:59.999Z_9999999999';

/** The service's cursor for an entry's position, `<occurredAt>_<seq>`. */
export const cursorOf = (entry: Pick<Entry, 'occurredAt' | 'seq'>): string => `${entry.occurredAt}_${entry.seq}`;

/** A position just before the entry, so `after` it starts with the entry itself. */
export const cursorJustBefore = (entry: Pick<Entry, 'occurredAt' | 'seq'>): string => `${entry.occurredAt}_${Math.max(0, entry.seq - 1)}`;

/** A position at a moment: `after` it gives what happened from then on. */
export const cursorAt = (iso: string): string => `${new Date(iso).toISOString()}_0`;

export function windowOf(page: EntryPage): TimelineWindow {
  return { entries: page.entries, atStart: page.previousCursor === null, atEnd: page.nextCursor === null };
}

/** Two pages around a position, the one before it and the one from it on, as one window. */
export function windowAround(before: EntryPage, from: EntryPage): TimelineWindow {
  return {
    entries: [...before.entries, ...from.entries],
    atStart: before.previousCursor === null,
    atEnd: from.nextCursor === null,
  };
}

function withoutKnown(window: TimelineWindow, page: EntryPage): Entry[] {
  const known = new Set(window.entries.map((entry) => entry.id));
  return page.entries.filter((entry) => !known.has(entry.id));
}

/** Adds the page after the window; drops the oldest entries beyond `max`. */
export function withNewer(window: TimelineWindow, page: EntryPage, max = maxWindowEntries): TimelineWindow {
  const entries = [...window.entries, ...withoutKnown(window, page)];
  const dropped = Math.max(0, entries.length - max);
  return { entries: entries.slice(dropped), atStart: window.atStart && dropped === 0, atEnd: page.nextCursor === null };
}

/** Adds the page before the window; drops the newest entries beyond `max`. */
export function withOlder(window: TimelineWindow, page: EntryPage, max = maxWindowEntries): TimelineWindow {
  const entries = [...withoutKnown(window, page), ...window.entries];
  const kept = Math.min(entries.length, max);
  return { entries: entries.slice(0, kept), atStart: page.previousCursor === null, atEnd: window.atEnd && kept === entries.length };
}

const systemTypes = new Set<EntryType>(systemEntryTypes);
export const isSystemEntry = (entry: Pick<Entry, 'type'>): boolean => systemTypes.has(entry.type);

export type TimelineRow =
  | { kind: 'day'; key: string; day: string; at: string; phaseId: string }
  | { kind: 'phase'; key: string; phaseId: string }
  | { kind: 'entry'; key: string; entry: Entry };

/** Fixed heights (px), so offsets are exact and the window can grow at its top without the view jumping. */
export const rowHeights: Record<TimelineRow['kind'], number> = { day: 52, phase: 34, entry: 84 };

export interface TimelineLayout {
  rows: TimelineRow[];
  /** `offsets[i]` is where row i starts; the last item is the total height. */
  offsets: number[];
  /** Row index of each entry id. */
  indexOf: Map<string, number>;
}

const hourMs = 3_600_000;
const dayKeys = new Map<string, string>();

/**
 * `dayKey` remembered per zone and UTC hour. `layoutRows` runs over the whole window (up to 1000 entries) each
 * time a page arrives while scrolling, and `formatToParts` for all of them took a third of such a frame; the
 * cache makes a rebuild a few map lookups. Both display zones are a whole number of hours off UTC (CET/CEST,
 * UTC), so every instant in one UTC hour falls on the same local day.
 */
export function cachedDayKey(iso: string, timeZone: DisplayTimeZone): string {
  const key = `${timeZone}|${Math.floor(Date.parse(iso) / hourMs)}`;
  let day = dayKeys.get(key);
  if (day === undefined) {
    day = dayKey(iso, timeZone);
    if (dayKeys.size >= 100_000) dayKeys.clear(); // ~11 years of hours: only a bound, never reached in practice
    dayKeys.set(key, day);
  }
  return day;
}

/** Entries as rows: a header at each new day (in the display zone) and a band label where the phase changes. */
export function layoutRows(entries: readonly Entry[], timeZone: DisplayTimeZone): TimelineLayout {
  const rows: TimelineRow[] = [];
  const indexOf = new Map<string, number>();
  let day = '';
  let phaseId = '';
  for (const entry of entries) {
    const entryDay = cachedDayKey(entry.occurredAt, timeZone);
    if (entryDay !== day) {
      rows.push({ kind: 'day', key: `d:${entryDay}:${entry.id}`, day: entryDay, at: entry.occurredAt, phaseId: entry.phaseId });
    } else if (entry.phaseId !== phaseId) {
      rows.push({ kind: 'phase', key: `p:${entry.id}`, phaseId: entry.phaseId });
    }
    day = entryDay;
    phaseId = entry.phaseId;
    indexOf.set(entry.id, rows.length);
    rows.push({ kind: 'entry', key: `e:${entry.id}`, entry });
  }
  const offsets = new Array<number>(rows.length + 1);
  offsets[0] = 0;
  rows.forEach((row, index) => {
    offsets[index + 1] = (offsets[index] ?? 0) + rowHeights[row.kind];
  });
  return { rows, offsets, indexOf };
}

/** The first entry row at or below a scroll position: what to keep in place when the window changes. */
export function firstEntryAt(layout: TimelineLayout, scrollTop: number): { id: string; delta: number } | null {
  let low = 0;
  let high = layout.rows.length - 1;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((layout.offsets[mid + 1] ?? 0) <= scrollTop) low = mid + 1;
    else high = mid;
  }
  for (let index = low; index < layout.rows.length; index += 1) {
    const row = layout.rows[index];
    if (row?.kind === 'entry') return { id: row.entry.id, delta: (layout.offsets[index] ?? 0) - scrollTop };
  }
  return null;
}
