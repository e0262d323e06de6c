import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { manualEntryTypes, systemEntryTypes, type EntryType } from '../../../shared/domain';
import type { CaseDetail, Decision, Entry, Phase, PhaseTransition } from '../../../shared/views';
import { useCaseWork, useDates } from '../cases/context';
import { useApi } from '../data/api';
import { queryKeys, useApiQuery } from '../data/queries';
import { emptyDateTime, type DateTimeValue } from '../../../shared/time';
import { DateTimeField, useReadDateTime } from '../components/DateTimeField';
import { useNumber } from '../hooks';
import { EntryDetails } from './EntryDetails';
import { PhaseStrip } from './PhaseStrip';
import { useTimeline, type TimelineFilter } from './useTimeline';
import { firstEntryAt, isSystemEntry, layoutRows, rowHeights, type TimelineLayout, type TimelineRow } from './window';
import { UserText } from '../components/UserText';
import { showHidden } from '../../../shared/visible-text';

const noPhases: Phase[] = [];
const noTransitions: PhaseTransition[] = [];
const noDecisions: Decision[] = [];

/** How close (px) to an end of the window the next page is fetched. */
const prefetchDistance = 1_500;

type TypeFilter = '' | EntryType | 'system';

function typesFor(filter: TypeFilter): EntryType[] | undefined {
  if (filter === '') return undefined;
  if (filter === 'system') return [...systemEntryTypes];
  return [filter];
}

export function Timeline({
  caseDetail,
  initialEntry,
  onCorrect,
}: {
  caseDetail: CaseDetail;
  initialEntry: Entry | null;
  onCorrect(entry: Entry): void;
}) {
  const { t } = useTranslation();
  const { timeZone, canWrite } = useCaseWork();
  const api = useApi();
  const date = useDates();
  const number = useNumber();
  const [typeFilter, setTypeFilter] = useState<TypeFilter>('');
  const [phaseFilter, setPhaseFilter] = useState('');
  const [author, setAuthor] = useState('');
  const [queryInput, setQueryInput] = useState('');
  const [query, setQuery] = useState('');
  const [goTo, setGoTo] = useState<DateTimeValue>(emptyDateTime);
  const [goToError, setGoToError] = useState('');
  const readDateTime = useReadDateTime();
  const [selected, setSelected] = useState<Entry | null>(initialEntry);
  const [authors, setAuthors] = useState<string[]>([]);

  useEffect(() => {
    const timer = window.setTimeout(() => setQuery(queryInput.trim()), 300);
    return () => window.clearTimeout(timer);
  }, [queryInput]);

  const filter = useMemo<TimelineFilter>(() => {
    const types = typesFor(typeFilter);
    return {
      ...(types ? { types } : {}),
      ...(phaseFilter ? { phaseId: phaseFilter } : {}),
      ...(author.trim() ? { authorName: author.trim() } : {}),
      ...(query ? { query } : {}),
    };
  }, [typeFilter, phaseFilter, author, query]);
  const filtered = Object.keys(filter).length > 0;

  const caseId = caseDetail.id;
  // Every write to the log adds an entry: the count is what tells the timeline to reload what it shows.
  const timeline = useTimeline(caseId, filter, caseDetail.entryCount, initialEntry);
  const { window: timelineWindow, intent } = timeline;
  const phases = useApiQuery(queryKeys.catalogue('phases'), () => api['phases.list']()).data?.phases ?? noPhases;
  const transitions =
    useApiQuery(queryKeys.ofCase(caseId, 'transitions'), () => api['phases.transitions']({ caseId })).data?.transitions ?? noTransitions;
  const decisions = useApiQuery(queryKeys.ofCase(caseId, 'decisions'), () => api['decisions.list']({ caseId })).data?.decisions ?? noDecisions;

  // When a new window arrives (adjusted during render, as React advises, rather than in an effect that renders
  // again): collect the authors seen so far for the author filter's suggestions, and let the selected entry
  // follow the window when it is reloaded (a correction marks it).
  const [seenWindow, setSeenWindow] = useState(timelineWindow);
  if (seenWindow !== timelineWindow) {
    setSeenWindow(timelineWindow);
    setAuthors((known) => {
      const names = new Set(known);
      for (const entry of timelineWindow.entries) names.add(entry.authorName);
      return names.size === known.length ? known : [...names].sort((a, b) => a.localeCompare(b));
    });
    setSelected((current) => (current ? (timelineWindow.entries.find((entry) => entry.id === current.id) ?? current) : current));
  }

  const phaseById = useMemo(() => new Map(phases.map((phase) => [phase.id, phase])), [phases]);
  const layout = useMemo(() => layoutRows(timelineWindow.entries, timeZone), [timelineWindow, timeZone]);
  const layoutRef = useRef<TimelineLayout>(layout);
  const scrollRef = useRef<HTMLDivElement>(null);
  const anchor = useRef<{ id: string; delta: number } | null>(null);
  const stickToBottom = useRef(true);

  // Keep what the user looks at in place while pages come and go above it; carry out jumps.
  useLayoutEffect(() => {
    const element = scrollRef.current;
    const previous = layoutRef.current;
    layoutRef.current = layout;
    if (!element) return;
    if (intent.kind === 'top') element.scrollTop = 0;
    else if (intent.kind === 'bottom' || (intent.kind === 'keep' && stickToBottom.current && timelineWindow.atEnd)) {
      element.scrollTop = element.scrollHeight;
    } else if (intent.kind === 'entry') {
      const index = layout.indexOf.get(intent.id);
      if (index !== undefined) element.scrollTop = Math.max(0, (layout.offsets[index] ?? 0) - element.clientHeight / 3);
    } else {
      const kept = anchor.current ?? firstEntryAt(previous, element.scrollTop);
      const index = kept ? layout.indexOf.get(kept.id) : undefined;
      if (kept && index !== undefined) element.scrollTop = (layout.offsets[index] ?? 0) - kept.delta;
    }
    anchor.current = null;
  }, [layout, intent, timelineWindow.atEnd]);

  const { extend } = timeline;
  const onScroll = useCallback(() => {
    const element = scrollRef.current;
    if (!element) return;
    const fromBottom = element.scrollHeight - element.scrollTop - element.clientHeight;
    stickToBottom.current = fromBottom < 8;
    anchor.current = firstEntryAt(layoutRef.current, element.scrollTop);
    if (element.scrollTop < prefetchDistance) void extend('older');
    if (fromBottom < prefetchDistance) void extend('newer');
  }, [extend]);

  // A short window (a filter, a jump) may not fill the view: keep fetching until it does or the log ends.
  useEffect(() => {
    if (!timeline.loading) onScroll();
  }, [layout, timeline.loading, onScroll]);

  const { jumpToEntry, jumpToStart, jumpToEnd, jumpToTime } = timeline;
  const showEntry = useCallback(
    async (id: string) => {
      const result = await api['entries.get']({ entryId: id });
      if (!result.ok) return;
      setSelected(result.value);
      const layoutNow = layoutRef.current;
      const index = layoutNow.indexOf.get(id);
      const element = scrollRef.current;
      if (index !== undefined && element) {
        // Centre the row (sizes are fixed, so its offset is exact).
        element.scrollTop = (layoutNow.offsets[index] ?? 0) + rowHeights.entry / 2 - element.clientHeight / 2;
      } else {
        jumpToEntry(result.value);
      }
    },
    [api, jumpToEntry],
  );

  const onListKey = useCallback(
    (event: KeyboardEvent<HTMLDivElement>): void => {
      if (event.target !== event.currentTarget) return;
      if (event.key === 'Home') {
        event.preventDefault();
        void jumpToStart();
      } else if (event.key === 'End') {
        event.preventDefault();
        void jumpToEnd();
      }
    },
    [jumpToStart, jumpToEnd],
  );

  const onPick = useCallback((iso: string) => jumpToTime(iso), [jumpToTime]);
  const onShow = useCallback((id: string) => void showEntry(id), [showEntry]);
  const onClose = useCallback(() => setSelected(null), []);

  const statusText = timeline.failed
    ? t('timeline.failed')
    : timeline.loading
      ? t('timeline.loading')
      : timelineWindow.entries.length === 0
        ? t(filtered ? 'timeline.noMatches' : 'timeline.empty')
        : [
            t('timeline.showing', {
              count: timelineWindow.entries.length,
              from: date(timelineWindow.entries[0]?.occurredAt ?? '', 'short'),
              to: date(timelineWindow.entries.at(-1)?.occurredAt ?? '', 'short'),
            }),
            ...(query && timeline.total !== null ? [t('timeline.matches', { count: timeline.total, total: number(timeline.total) })] : []),
          ].join(' ');

  return (
    <section aria-labelledby="timeline-title" className="timeline">
      <h2 id="timeline-title">{t('timeline.title')}</h2>
      <PhaseStrip
        caseDetail={caseDetail}
        phases={phases}
        transitions={transitions}
        decisions={decisions}
        onPick={onPick}
      />
      <form className="filters tl-filters" role="search" aria-label={t('timeline.filters')} onSubmit={(event) => event.preventDefault()}>
        <div className="field">
          <label htmlFor="tl-query">{t('timeline.search')}</label>
          <input id="tl-query" type="search" value={queryInput} onChange={(event) => setQueryInput(event.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="tl-type">{t('timeline.type')}</label>
          <select id="tl-type" value={typeFilter} onChange={(event) => setTypeFilter(event.target.value as TypeFilter)}>
            <option value="">{t('timeline.allTypes')}</option>
            {manualEntryTypes.map((value) => (
              <option key={value} value={value}>
                {t(`entryTypes.${value}`)}
              </option>
            ))}
            <option value="system">{t('timeline.systemTypes')}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="tl-phase">{t('timeline.phase')}</label>
          <select id="tl-phase" value={phaseFilter} onChange={(event) => setPhaseFilter(event.target.value)}>
            <option value="">{t('timeline.allPhases')}</option>
            {phases.map((phase) => (
              <option key={phase.id} value={phase.id}>
                {showHidden(phase.name)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="tl-author">{t('timeline.author')}</label>
          <input id="tl-author" type="text" list="tl-authors" value={author} onChange={(event) => setAuthor(event.target.value)} />
          <datalist id="tl-authors">
            {authors.map((name) => (
              <option key={name} value={name} />
            ))}
          </datalist>
        </div>
      </form>
      <div className="tl-nav">
        <button type="button" onClick={() => void timeline.jumpToStart()}>
          {t('timeline.toStart')}
        </button>
        <button type="button" onClick={() => void timeline.jumpToEnd()}>
          {t('timeline.toEnd')}
        </button>
        <form
          className="tl-goto"
          onSubmit={(event) => {
            event.preventDefault();
            const read = readDateTime(goTo);
            if (!read.ok) setGoToError(read.message);
            else if (read.iso) timeline.jumpToTime(read.iso);
          }}
        >
          <DateTimeField
            id="tl-goto"
            label={t('timeline.goTo')}
            value={goTo}
            error={goToError}
            onChange={(value) => {
              setGoTo(value);
              setGoToError('');
            }}
          />
          <button type="submit">{t('timeline.go')}</button>
        </form>
      </div>
      <p role="status" className="tl-status">
        {statusText}
      </p>
      <div className="tl-main">
        <TimelineList
          scrollRef={scrollRef}
          layout={layout}
          phaseById={phaseById}
          selectedId={selected?.id ?? null}
          onScroll={onScroll}
          onKeyDown={onListKey}
          onSelect={setSelected}
          onShow={onShow}
        />
        <EntryDetails
          entry={selected}
          phaseName={selected ? (phaseById.get(selected.phaseId)?.name ?? selected.phaseId) : ''}
          canCorrect={canWrite && caseDetail.status === 'open' && selected !== null && !isSystemEntry(selected)}
          onCorrect={onCorrect}
          onShow={onShow}
          onClose={onClose}
        />
      </div>
    </section>
  );
}


/**
 * The scrolling list, apart from the rest of the screen: the virtualizer re-renders its component on every scroll
 * event (synchronously, through flushSync), and while it lived in `Timeline` each of those renders also redid the
 * filters, the phase strip, the details pane and every visible row — most of a 100 ms frame while paging through
 * 100k entries. Here a scroll re-renders only the row wrappers; the rows themselves are memoised.
 */
const TimelineList = memo(function TimelineList({
  scrollRef,
  layout,
  phaseById,
  selectedId,
  onScroll,
  onKeyDown,
  onSelect,
  onShow,
}: {
  scrollRef: RefObject<HTMLDivElement | null>;
  layout: TimelineLayout;
  phaseById: ReadonlyMap<string, Phase>;
  selectedId: string | null;
  onScroll(): void;
  onKeyDown(event: KeyboardEvent<HTMLDivElement>): void;
  onSelect(entry: Entry): void;
  onShow(id: string): void;
}) {
  const { t } = useTranslation();
  const date = useDates();
  // Its functions are used only inside this component, never handed to memoised children.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: layout.rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (index) => rowHeights[layout.rows[index]?.kind ?? 'entry'],
    getItemKey: (index) => layout.rows[index]?.key ?? index,
    // Few rows beyond the view: rendering is synchronous on scroll, so there is no blank gap to cover, and on a
    // fast scroll every extra row is mounted and thrown away each frame (3 instead of 6 halved the slow frames).
    overscan: 3,
  });
  return (
    <div
      ref={scrollRef}
      className="tl-scroll"
      tabIndex={0}
      role="region"
      aria-label={t('timeline.listLabel')}
      aria-describedby="tl-keys"
      onScroll={onScroll}
      onKeyDown={onKeyDown}
    >
      <p id="tl-keys" className="visually-hidden">
        {t('timeline.keys')}
      </p>
      <div className="tl-canvas" role="list" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => {
          const row = layout.rows[item.index];
          if (!row) return null;
          const phase = phaseById.get(row.kind === 'entry' ? row.entry.phaseId : row.phaseId);
          return (
            <div
              key={item.key}
              role="listitem"
              data-row={row.kind}
              className="tl-row"
              style={{ height: item.size, transform: `translateY(${item.start}px)` }}
            >
              <RowContent
                row={row}
                phase={phase}
                selected={row.kind === 'entry' && row.entry.id === selectedId}
                t={t}
                date={date}
                onSelect={onSelect}
                onShow={onShow}
              />
            </div>
          );
        })}
      </div>
    </div>
  );
});

interface RowContentProps {
  row: TimelineRow;
  phase: Phase | undefined;
  selected: boolean;
  // From the list rather than each row's own hooks: a fast scroll mounts a screenful of new rows every frame,
  // and a `useTranslation` per row (an i18n subscription each) made those mounts markedly dearer.
  t: TFunction;
  date: ReturnType<typeof useDates>;
  onSelect(entry: Entry): void;
  onShow(id: string): void;
}

/**
 * Same content: `layoutRows` makes new row objects each time a page arrives, but an entry keeps its object
 * until it is reloaded (a correction marks it), so compare what a row shows rather than the row object.
 */
function sameRow(a: TimelineRow, b: TimelineRow): boolean {
  if (a.kind === 'entry') return b.kind === 'entry' && a.entry === b.entry;
  if (a.kind === 'day') return b.kind === 'day' && a.at === b.at && a.phaseId === b.phaseId;
  return b.kind === 'phase' && a.phaseId === b.phaseId;
}

/** One row's content, re-rendered only when what it shows changes, not on every scroll or page. */
const RowContent = memo(
  function RowContent({ row, phase, selected, t, date, onSelect, onShow }: RowContentProps) {
    const number = useNumber();
    const phaseName = phase?.name ?? (row.kind === 'entry' ? row.entry.phaseId : row.phaseId);
    const phaseClass = `phase-${phase?.ordinal ?? 0}`;
    if (row.kind === 'day') {
      return (
        <div className={`tl-day ${phaseClass}`}>
          <h3>{date(row.at, 'day')}</h3>
          <span className="tl-phase-label">
            <UserText text={phaseName} />
          </span>
        </div>
      );
    }
    if (row.kind === 'phase') {
      return <div className={`tl-phase ${phaseClass}`}>{t('timeline.phaseBand', { phase: phaseName })}</div>;
    }
    const { entry } = row;
    const system = isSystemEntry(entry);
    const corrected = entry.correctedByIds.length > 0;
    const grading = entry.sourceReliability || entry.informationCredibility ? `${entry.sourceReliability ?? '–'}${entry.informationCredibility ?? '–'}` : '';
    return (
      <div
        className={`tl-entry ${phaseClass} type-${entry.type}${system ? ' tl-system' : ''}${corrected ? ' tl-corrected' : ''}${
          selected ? ' tl-selected' : ''
        }`}
      >
        <span className="tl-time">{date(entry.occurredAt, 'time')}</span>
        <div className="tl-body">
          <div className="tl-head">
            <span className={`tl-type type-${entry.type}`}>{t(`entryTypes.${entry.type}`)}</span>
            <span className="tl-author">
              <UserText text={entry.authorName} />
            </span>
            {entry.source && <span className="tl-source">{t('timeline.source', { source: entry.source })}</span>}
            {entry.location && (
              <span className="tl-location">
                <span className="visually-hidden">{t('timeline.location')} </span>
                <UserText text={entry.location} />
              </span>
            )}
            {grading && <span className="tl-grading">{grading}</span>}
            {entry.personalData && <span className="badge badge-personal">{t('timeline.personalData')}</span>}
            {corrected && (
              <button type="button" className="link badge badge-corrected" onClick={() => onShow(entry.correctedByIds.at(-1) ?? '')}>
                {t('timeline.corrected')}
              </button>
            )}
            {entry.correctsEntryId && (
              <button type="button" className="link badge badge-correction" onClick={() => onShow(entry.correctsEntryId ?? '')}>
                {t('timeline.correctionOf')}
              </button>
            )}
            <span className="tl-seq">{entry.seq === 0 ? t('sharing.provisional') : `#${number(entry.seq)}`}</span>
          </div>
          <button type="button" className="tl-text" aria-pressed={selected} onClick={() => onSelect(entry)}>
            <UserText text={entry.text} />
          </button>
        </div>
      </div>
    );
  },
  (previous, next) =>
    sameRow(previous.row, next.row) &&
    previous.phase === next.phase &&
    previous.selected === next.selected &&
    previous.t === next.t &&
    previous.date === next.date &&
    previous.onSelect === next.onSelect &&
    previous.onShow === next.onShow,
);
