import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { EntryType } from '../../../shared/domain';
import type { Entry, EntryPage } from '../../../shared/views';
import { useApi } from '../data/api';
import {
  cursorAt,
  cursorJustBefore,
  cursorOf,
  emptyWindow,
  endCursor,
  pageSize,
  windowAround,
  windowOf,
  withNewer,
  withOlder,
  type TimelineWindow,
} from './window';

export interface TimelineFilter {
  types?: EntryType[];
  phaseId?: string;
  authorName?: string;
  query?: string;
}

/** Where the view should go once the window it asked for has arrived. */
export type ScrollIntent = { kind: 'top' } | { kind: 'bottom' } | { kind: 'entry'; id: string } | { kind: 'keep' };

/**
 * Loads a case's timeline page by page through `entries.list` cursors, one request at a time; a newer
 * filter or jump makes answers to older requests stale. `logVersion` (the case's entry count) changes with every
 * write to the log and reloads the stretch on screen. The window is kept here, not in the query cache: it moves
 * along a log of 100,000 entries by cursors and holds at most `maxWindowEntries`.
 */
export function useTimeline(caseId: string, filter: TimelineFilter, logVersion: number, initialEntry: Entry | null = null) {
  const api = useApi();
  const [window, setWindow] = useState<TimelineWindow>(emptyWindow);
  const [loading, setLoading] = useState(true);
  const [failed, setFailed] = useState<string | null>(null);
  /** With search words: how many entries match in the whole case, as the latest page said. */
  const [total, setTotal] = useState<number | null>(null);
  const [intent, setIntent] = useState<ScrollIntent>({ kind: 'bottom' });
  const generation = useRef(0);
  const busy = useRef(false);
  const windowRef = useRef(window);
  useLayoutEffect(() => {
    windowRef.current = window;
  }, [window]);

  const list = useCallback(
    async (cursor: { after?: string; before?: string }, limit = pageSize): Promise<EntryPage | null> => {
      const result = await api['entries.list']({ caseId, limit, ...filter, ...cursor });
      if (result.ok) {
        setTotal(result.value.total);
        return result.value;
      }
      setFailed(result.error.code);
      return null;
    },
    [api, caseId, filter],
  );

  /** Replaces the window (a jump or a new filter); earlier requests in flight are dropped. */
  const replace = useCallback(
    async (load: () => Promise<TimelineWindow | null>, then: ScrollIntent) => {
      generation.current += 1;
      const mine = generation.current;
      busy.current = true;
      setLoading(true);
      setFailed(null);
      const next = await load();
      if (mine !== generation.current) return;
      busy.current = false;
      setLoading(false);
      if (next) {
        setIntent(then);
        setWindow(next);
      }
    },
    [],
  );

  const jumpToStart = useCallback(() => replace(async () => {
    const page = await list({});
    return page && windowOf(page);
  }, { kind: 'top' }), [list, replace]);

  const jumpToEnd = useCallback(() => replace(async () => {
    const page = await list({ before: endCursor });
    return page && windowOf(page);
  }, { kind: 'bottom' }), [list, replace]);

  const jumpToPosition = useCallback(
    (before: string, from: string, target: (window: TimelineWindow, fromPage: EntryPage) => ScrollIntent) => {
      let intentAfter: ScrollIntent = { kind: 'keep' };
      void replace(async () => {
        const [earlier, later] = await Promise.all([list({ before }, pageSize / 2), list({ after: from }, pageSize)]);
        if (!earlier || !later) return null;
        const next = windowAround(earlier, later);
        intentAfter = target(next, later);
        return next;
      }, { kind: 'keep' }).then(() => setIntent(intentAfter));
    },
    [list, replace],
  );

  const jumpToTime = useCallback(
    (iso: string) =>
      jumpToPosition(cursorAt(iso), cursorAt(iso), (next, later) => {
        const first = later.entries[0] ?? next.entries.at(-1);
        return first ? { kind: 'entry', id: first.id } : { kind: 'bottom' };
      }),
    [jumpToPosition],
  );

  const jumpToEntry = useCallback(
    (entry: Pick<Entry, 'id' | 'occurredAt' | 'seq'>) =>
      jumpToPosition(cursorOf(entry), cursorJustBefore(entry), () => ({ kind: 'entry', id: entry.id })),
    [jumpToPosition],
  );

  /** Grows the window at one end while the user scrolls towards it. */
  const extend = useCallback(
    async (direction: 'older' | 'newer') => {
      const current = windowRef.current;
      if (busy.current) return;
      if (direction === 'older' ? current.atStart : current.atEnd) return;
      const edge = direction === 'older' ? current.entries[0] : current.entries.at(-1);
      if (!edge) return;
      busy.current = true;
      const mine = generation.current;
      const page = await list(direction === 'older' ? { before: cursorOf(edge) } : { after: cursorOf(edge) });
      if (mine !== generation.current) return;
      busy.current = false;
      if (!page) return;
      setIntent({ kind: 'keep' });
      setWindow((previous) => (direction === 'older' ? withOlder(previous, page) : withNewer(previous, page)));
    },
    [list],
  );

  /** After something was recorded: reload the same stretch, so new lines and "gecorrigeerd" marks appear. */
  const reload = useCallback(() => {
    const current = windowRef.current;
    const first = current.entries[0];
    if (!first || current.atEnd) {
      // At the end (the usual place while logging): follow the log to its newest line.
      void replace(async () => {
        const page = await list(first ? { after: cursorJustBefore(first) } : {}, Math.min(500, current.entries.length + pageSize));
        if (!page) return null;
        const reloaded = windowOf(page);
        return { ...reloaded, atStart: current.atStart };
      }, current.entries.length === 0 ? { kind: 'bottom' } : { kind: 'keep' });
      return;
    }
    void replace(async () => {
      const page = await list({ after: cursorJustBefore(first) }, Math.min(500, current.entries.length));
      return page && { ...windowOf(page), atStart: current.atStart };
    }, { kind: 'keep' });
  }, [list, replace]);

  // Opens at the newest lines (or at the entry the overview pointed to); a new filter starts again at the end.
  const initial = useRef(initialEntry);
  useEffect(() => {
    const entry = initial.current;
    initial.current = null;
    if (entry) jumpToEntry(entry);
    else void jumpToEnd();
  }, [jumpToEnd, jumpToEntry]);

  const shownVersion = useRef(logVersion);
  useEffect(() => {
    if (logVersion === shownVersion.current) return;
    shownVersion.current = logVersion;
    reload();
    // Only a new version of the log reloads; filter changes go through jumpToEnd above.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [logVersion]);

  return { window, loading, failed, total, intent, jumpToStart, jumpToEnd, jumpToTime, jumpToEntry, extend };
}
