import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { lastEntryOf } from '../../db/repositories/entries';
import { addAttachment } from '../../main/services/attachments';
import { exportLog } from '../../main/services/briefings';
import { exportCase } from '../../main/services/case-export';
import { fillDemoCase } from '../../main/services/demo';
import { appendEntry, correctEntry } from '../../main/services/entries';
import { listExports, verifyExport } from '../../main/services/export-register';
import type { JobContext } from '../../main/services/jobs';
import { TimeFormats } from '../../main/services/pdf/log-pdf';
import { redactCaseFile } from '../../main/services/redaction';
import { recordSignal } from '../../main/services/signals';
import type { JobPhase } from '../../shared/contract';
import type { ExportedFile } from '../../shared/briefing';
import { dayKey, documentTimeZone, formatCompactDocumentDateTime, formatDocumentDateTime, formatDocumentTime } from '../../shared/time';
import { fillLargeCase } from '../helpers/timeline-case';
import { openCaseStore, type CaseStore } from './support/case-store';

/**
 * The full log export streams: it reads the log in batches up to the head it read first, reports progress and
 * gives the thread back between batches, can be cancelled without leaving a trace, and the JSON it builds in
 * slices is byte for byte the file the one-block export wrote.
 */

let store: CaseStore;
let richCaseId: string;
let largeCaseId: string;
let dir: string;
const largeSize = 3_000;

const png = (seed: number) => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, seed)]);

function watchedJob(onProgress: (phase: JobPhase, done: number, total: number, controller: AbortController) => void = () => undefined) {
  const controller = new AbortController();
  const calls: Array<{ phase: JobPhase; done: number; total: number }> = [];
  const job: JobContext = {
    signal: controller.signal,
    progress: (phase, done, total) => {
      calls.push({ phase, done, total });
      onProgress(phase, done, total, controller);
    },
  };
  return { job, calls, controller };
}

const pdfText = (file: ExportedFile, name: string) => {
  const path = join(dir, name);
  writeFileSync(path, Buffer.from(file.data, 'base64'));
  return execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
};

beforeAll(() => {
  store = openCaseStore();
  dir = mkdtempSync(join(tmpdir(), 'ordelog-stream-'));
  const session = store.sessions.redacteur;
  richCaseId = fillDemoCase(session).id;
  const personal = appendEntry(session, { caseId: richCaseId, type: 'waarneming', text: 'Bewoner P. Geheim belde', personalData: true, source: 'Buurt' });
  correctEntry(session, { entryId: personal.id, text: 'Bewoner P. Geheim belde twee keer' });
  const signal = recordSignal(session, {
    caseId: richCaseId,
    text: 'Oproep op TikTok',
    platform: 'tiktok',
    url: 'https://www.tiktok.com/@geheim/video/1',
    accountHandle: '@geheim',
    channel: 'openbaar',
    reach: 4_000,
    sourceReliability: 'C',
    informationCredibility: '3',
  });
  addAttachment(session, { caseId: richCaseId, entryId: signal.entry.id, fileName: 'paspoort.png', mediaType: 'image/png', personalData: true, data: png(1).toString('base64') });
  addAttachment(session, { caseId: richCaseId, entryId: signal.entry.id, fileName: 'oproep.png', mediaType: 'image/png', data: png(2).toString('base64') });
  appendEntry(session, { caseId: richCaseId, type: 'notitie', text: 'Tab\there, "quotes", \\ backslash, ünïcödé and 👍🏽 and \u2028 separator' });
  largeCaseId = fillLargeCase(session, largeSize).caseId;
});

afterAll(() => {
  store?.dispose();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

afterEach(() => {
  vi.useRealTimers();
});

describe('the JSON log export', () => {
  it.each([false, true])('writes the same bytes as the one-block export did (redacted: %s)', async (redacted) => {
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-12-01T10:00:00.000Z') });
    const session = store.sessions.redacteur;
    const file = exportCase(session, { caseId: richCaseId });
    const expected = `${JSON.stringify(redacted ? redactCaseFile(file) : file, null, 2)}\n`;
    expect(file.entries.some((entry) => entry.corrects !== null)).toBe(true);
    expect(file.attachments?.map((attachment) => attachment.fileName)).toEqual(expect.arrayContaining(['paspoort.png', 'oproep.png']));
    expect(file.signals?.length).toBeGreaterThan(0);
    const exported = await exportLog(session, { caseId: richCaseId, format: 'json', redacted });
    expect(Buffer.from(exported.data, 'base64').toString('utf8')).toBe(expected);
  });

  it('is built in slices: progress while writing, and the thread is given back between them', async () => {
    const session = store.sessions.redacteur;
    const { job, calls } = watchedJob();
    const delay = monitorEventLoopDelay({ resolution: 5 });
    delay.enable();
    const exported = await exportLog(session, { caseId: largeCaseId, format: 'json' }, job);
    delay.disable();
    const writing = calls.filter((call) => call.phase === 'writing');
    expect(writing.length).toBeGreaterThan(1);
    expect(writing.map((call) => call.done)).toEqual([...writing.map((call) => call.done)].sort((a, b) => a - b));
    expect(calls.at(-1)?.phase).toBe('recording');
    // The slices are 25 ms; the bound leaves room for a loaded machine, far below the 1-2 s of one block.
    expect(delay.max / 1e6).toBeLessThan(400);
    const file = JSON.parse(Buffer.from(exported.data, 'base64').toString('utf8')) as { entries: unknown[] };
    expect(file.entries.length).toBeGreaterThan(largeSize);
    expect(`${file.entries.length}`).toBe(exported.record.fingerprint.split(':')[0]);
  });
});

describe('the PDF log export', () => {
  it('reports reading and writing as it goes and gives the thread back between batches', async () => {
    const { job, calls } = watchedJob();
    const delay = monitorEventLoopDelay({ resolution: 5 });
    delay.enable();
    const exported = await exportLog(store.sessions.redacteur, { caseId: largeCaseId, format: 'pdf' }, job);
    delay.disable();
    for (const phase of ['reading', 'writing'] as const) {
      const seen = calls.filter((call) => call.phase === phase && call.done > 0);
      expect(seen.length, phase).toBeGreaterThan(1);
      expect(seen.every((call) => call.total === exported.record.fingerprint.split(':').map(Number)[0])).toBe(true);
    }
    expect(calls.at(-1)?.phase).toBe('recording');
    expect(delay.max / 1e6).toBeLessThan(400);
  }, 120_000);

  it('lists what the log held when it began: an entry or correction added meanwhile is left out whole', async () => {
    const session = store.sessions.redacteur;
    const before = lastEntryOf(store.store, richCaseId)!;
    let added = false;
    const { job } = watchedJob((_phase, done) => {
      if (added || done === 0) return;
      added = true;
      correctEntry(session, { entryId: lastEntryOfType(richCaseId), text: 'Later toegevoegd tijdens de export' });
    });
    // A small case is set in one slice; force a checkpoint by making every check see time passing.
    const now = performance.now.bind(performance);
    let tick = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => now() + (tick += 100));
    const exported = await exportLog(session, { caseId: richCaseId, format: 'pdf' }, job);
    vi.restoreAllMocks();
    expect(added).toBe(true);
    expect(exported.record.fingerprint).toBe(`${before.seq}:${before.hash}`);
    const text = pdfText(exported, 'during.pdf');
    expect(text).not.toContain('Later toegevoegd');
    expect(text).not.toMatch(new RegExp(`gecorrigeerd\\s+door\\s+regel\\s+${before.seq + 1}\\b`));
    expect(verifyExport(store.sessions.lezer, { caseId: richCaseId, data: exported.data })).toMatchObject({ holds: true });
  });

  it('prints a log of one entry, with its page count and fingerprint', async () => {
    const session = store.sessions.redacteur;
    const { caseId } = fillLargeCase(session, 0);
    const exported = await exportLog(session, { caseId, format: 'pdf' });
    const pages = pdfText(exported, 'one.pdf').split('\f').filter((page) => page.trim() !== '');
    expect(pages).toHaveLength(exported.record.pageCount);
    pages.forEach((page, index) => expect(page).toMatch(new RegExp(`pagina\\s+${index + 1}\\s+van\\s+${pages.length}`)));
    expect(pages[0]).toContain('1 regel ·');
    expect(pages.join('')).toContain('Geen bewijsstukken.');
  });
});

function lastEntryOfType(caseId: string): string {
  const file = exportCase(store.sessions.lezer, { caseId });
  return file.entries.filter((entry) => entry.type === 'waarneming').at(-1)!.id!;
}

describe('a cancelled log export', () => {
  it.each(['pdf', 'json'] as const)('as %s stops at the next batch and records nothing: no register row, no log line', async (format) => {
    const session = store.sessions.redacteur;
    const exportsBefore = listExports(store.sessions.lezer, { caseId: largeCaseId }).length;
    const headBefore = lastEntryOf(store.store, largeCaseId)!;
    const { job, calls } = watchedJob((phase, done, _total, controller) => {
      if (done > 0 && phase !== 'recording') controller.abort();
    });
    await expect(exportLog(session, { caseId: largeCaseId, format }, job)).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(calls.some((call) => call.phase === 'recording')).toBe(false);
    expect(listExports(store.sessions.lezer, { caseId: largeCaseId })).toHaveLength(exportsBefore);
    expect(lastEntryOf(store.store, largeCaseId)).toEqual(headBefore);
    // The vault takes the next export as if nothing had happened.
    const next = await exportLog(session, { caseId: largeCaseId, format });
    expect(next.record.fingerprint).toBe(`${headBefore.seq}:${headBefore.hash}`);
  }, 120_000);
});

describe('the times of the log PDF', () => {
  it('are the times the HTML document prints, also around the clock changes and in the repeated hour (the zone kept with its time)', () => {
    const instants = [
      '2026-03-29T00:59:59.000Z', '2026-03-29T01:00:00.000Z', '2026-03-29T01:30:00.000Z', '2026-10-25T00:30:00.000Z',
      '2026-10-25T00:59:00.000Z', '2026-10-25T01:00:00.000Z', '2026-10-25T01:45:12.345Z', '2026-10-25T02:00:00.000Z',
      '2026-12-31T23:59:59.999Z', '1969-12-31T23:30:00.000Z', '2026-06-01T12:07:00+02:00',
    ];
    for (let n = 0; n < 500; n += 1) instants.push(new Date(Date.UTC(2026, 0, 1) + n * 7_919_123).toISOString());
    for (const locale of ['nl', 'en'] as const) {
      const times = new TimeFormats(locale);
      // The log PDF joins "02:30" and "CEST" with a no-break space, so a narrow column never parts them.
      const kept = (text: string) => text.replace(/ (CES?T)$/, '\u00A0$1');
      for (const iso of instants) {
        expect(times.compact(iso), iso).toBe(kept(formatCompactDocumentDateTime(iso, locale)));
        expect(times.full(iso), iso).toBe(kept(formatDocumentDateTime(iso, locale)));
        expect(times.time(iso), iso).toBe(kept(formatDocumentTime(iso)));
        expect(times.day(iso), iso).toBe(dayKey(iso, documentTimeZone));
      }
    }
  });
});
