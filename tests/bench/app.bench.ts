/**
 * Issue 12's table, measured through the calls the renderer makes: every row goes through a `Dispatch` (the IPC
 * dispatcher over the app controller, on a real encrypted vault), with the inputs the renderer sends, and the
 * admin rows through the services as `ordelog-admin` calls them in a fresh process. Not part of `npm test`.
 *
 *   npm run bench:app                          10,000, 100,000 and 300,000 entries
 *   npm run bench:app -- --sizes=10000,100000  only these sizes
 *   npm run bench:app -- --pdf-max=100000      also print the full log PDF at sizes up to this (default 10,000)
 *
 * Each size builds one vault: the measured case of N entries (one in 97 recorded late) and a second, newer case of
 * N/4 entries that all hold the search words, so a search that filters by case after matching shows up. Prints a
 * table per size (p50 / p95 where a call repeats, the in-run baseline where one makes sense, the target), the
 * growth between consecutive sizes, and the load average at start and end; exits non-zero when a target is missed.
 */
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Dispatch, Sender } from '../../main/ipc/dispatcher';
import { startVaultWorker } from '../../main/worker/vault-host';
import { chromiumPrinter } from '../../main/services/pdf/chromium-printer';
import type { WriteChannel } from '../../shared/contract';
import type { EntryPage } from '../../shared/views';
import { absentWords, benchUser, buildVault, commonWords, middlingWords, multiWordQueries, rareWords, type FilledVault } from './app-data';
import type { ChildResult } from './app-child';
import { ensureCliBuilt } from '../helpers/cli';
import { percentile } from './text';

const { values: options } = parseArgs({
  options: {
    sizes: { type: 'string', default: '10000,100000,300000' },
    'pdf-max': { type: 'string', default: '10000' },
  },
});
const sizes = options.sizes.split(',').map((size) => Number(size.trim()));
const pdfMax = Number(options['pdf-max']);
if (sizes.length === 0 || sizes.some((size) => !Number.isInteger(size) || size < 100) || !Number.isInteger(pdfMax)) {
  console.error('Gebruik: --sizes=10000,100000 (aantallen logregels, elk minstens 100) --pdf-max=10000');
  process.exit(2);
}

/** What the renderer's timeline sends (renderer/src/timeline/window.ts): pages of 200, opening at the end. */
const timelinePage = 200;
const endCursor = '9999-12-31T23:59:59.999Z_9999999999';
const cursorOf = (entry: { occurredAt: string; seq: number }) => `${entry.occurredAt}_${entry.seq}`;

const rounds = { timelineSearch: 5, search: 20, plainPage: 30, stats: 30, preview: 10 };
const targets = {
  timelineSearchMs: 30,
  searchMs: 10,
  statsMs: 50,
  previewMs: 300,
  exportBlockMs: 50,
  pdfMsPer1000: 1_000,
  verifyMsPer100k: 1_500,
  importMsPer100k: 15_000,
};

const origin = 'app://ordelog';
const sender: Sender = { origin, isMainFrame: true };

interface App {
  dispatch: Dispatch;
  close(): Promise<void>;
}

/**
 * Where the bench gets its `Dispatch`: the dispatcher over the app controller in this process, as the Electron
 * shell and the browser host build it today. Once the vault runs in a worker, this is the one place to switch to
 * the worker's client; everything below only calls `dispatch`.
 */
/** The app as the shell runs it: the vault, the services and the dispatcher in the vault worker. */
async function openApp(vaultDir: string): Promise<App> {
  const printer = chromiumPrinter();
  const host = await startVaultWorker({ vaultDir, appVersion: 'bench', origin: 'app', trustedOrigins: [origin], printer });
  const unlocked = await host.dispatch('vault.unlock', { userName: benchUser.name, passphrase: benchUser.passphrase }, sender);
  if (!unlocked.ok) throw new Error(`vault.unlock: ${unlocked.error.code}`);
  return {
    dispatch: host.dispatch,
    async close() {
      await host.close();
      await printer.close();
    },
  };
}

/**
 * An exported file's pieces, whole or read as the renderer reads a large one. Kept apart (the renderer's Blob holds
 * parts): joining 86 MB here would be the benchmark's own block on the calling thread, not the app's.
 */
async function filePieces(app: App, file: { data: string } | { fileId: string }): Promise<Buffer[]> {
  if ('data' in file) return [Buffer.from(file.data, 'base64')];
  const pieces: Buffer[] = [];
  for (let offset: number | null = 0; offset !== null; ) {
    const piece = await app.dispatch('exports.read', { fileId: file.fileId, offset }, sender);
    if (!piece.ok) throw new Error(`exports.read: ${piece.error.code}`);
    const value = piece.value as { data: string; next: number | null };
    pieces.push(Buffer.from(value.data, 'base64'));
    offset = value.next;
  }
  return pieces;
}

function caller(app: App) {
  const call = async <T>(channel: string, input: unknown): Promise<T> => {
    const result = await app.dispatch(channel, input, sender);
    if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message ?? ''}`);
    return result.value as T;
  };
  const write = <T>(channel: WriteChannel, input: Record<string, unknown>) => call<T>(channel, { ...input, requestId: randomUUID() });
  return { call, write };
}

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await work();
  return { ms: performance.now() - started, value };
}

/**
 * Runs `work` with a 1 ms interval timer beside it: the longest gap between two ticks (less the 1 ms) is the
 * longest stretch the calling thread could not answer anything. One tick after the work is awaited too, so a block
 * at the very end is seen.
 */
async function withBlocking<T>(work: () => Promise<T>): Promise<{ ms: number; longestBlockMs: number; value: T }> {
  let last = performance.now();
  let longest = 0;
  const tick = () => {
    const now = performance.now();
    longest = Math.max(longest, now - last - 1);
    last = now;
  };
  const timer = setInterval(tick, 1);
  try {
    const result = await timed(work);
    await new Promise((resolve) => setTimeout(resolve, 2));
    tick();
    return { ...result, longestBlockMs: Math.max(0, longest) };
  } finally {
    clearInterval(timer);
  }
}

interface Latency {
  p50: number;
  p95: number;
  samples: number;
}

const latency = (samples: number[]): Latency => ({ p50: percentile(samples, 50), p95: percentile(samples, 95), samples: samples.length });

type QueryClass = 'common' | 'middling' | 'rare' | 'absent' | 'multi';
const queryClasses: Record<QueryClass, string[]> = {
  common: commonWords,
  middling: middlingWords,
  rare: rareWords,
  absent: absentWords,
  multi: multiWordQueries,
};
const classNames: Record<QueryClass, string> = {
  common: 'common words (in 50–80 % of the entries)',
  middling: 'middling words (about 6 %)',
  rare: `rare words (5 hits)`,
  absent: 'absent words',
  multi: 'two words (together in about a fifth)',
};

interface SizeResult {
  size: number;
  entries: number;
  fillMs: number;
  plainPage: Latency;
  timelineFirst: Record<QueryClass, Latency & { hits: number }>;
  timelineNext: Record<QueryClass, Latency>;
  search: Record<'common' | 'rare' | 'multi', Latency>;
  stats: Latency;
  preview: Latency;
  exportJson: { ms: number; longestBlockMs: number; bytes: number };
  exportPdf: { ms: number; longestBlockMs: number; pages: number } | { failed: string } | null;
  child: ChildResult;
  loadBefore: string;
  loadAfter: string;
  wallMs: number;
}

const loadavg = (): string => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' / ');

async function measure(app: App, vault: FilledVault, size: number): Promise<Omit<SizeResult, 'child' | 'size' | 'entries' | 'fillMs' | 'loadBefore' | 'loadAfter' | 'wallMs'> & { caseFile: Buffer }> {
  const { call, write } = caller(app);
  const caseId = vault.measuredCaseId;
  const list = (input: Record<string, unknown>) => call<EntryPage>('entries.list', { caseId, limit: timelinePage, ...input });

  // The timeline without search words: the baseline the search box is compared with.
  const plain: number[] = [];
  for (let round = 0; round < rounds.plainPage; round += 1) plain.push((await timed(() => list({ before: endCursor }))).ms);

  // The search box: a first page as a new search gets it (the kept hits of earlier searches pushed out by four
  // others, untimed), then the next page as a user scrolling up gets it.
  const forget = async () => {
    for (const other of ['vergeten', 'onbekend', 'nergens', 'niemand']) await list({ query: other, before: endCursor });
  };
  const timelineFirst = {} as SizeResult['timelineFirst'];
  const timelineNext = {} as SizeResult['timelineNext'];
  for (const [name, queries] of Object.entries(queryClasses) as [QueryClass, string[]][]) {
    const first: number[] = [];
    const next: number[] = [];
    let hits = 0;
    for (let round = 0; round < rounds.timelineSearch; round += 1) {
      for (const query of queries) {
        await forget();
        const page = await timed(() => list({ query, before: endCursor }));
        first.push(page.ms);
        hits = Math.max(hits, page.value.total ?? 0);
        const oldest = page.value.entries[0];
        if (page.value.previousCursor !== null && oldest) next.push((await timed(() => list({ query, before: cursorOf(oldest) }))).ms);
      }
    }
    timelineFirst[name] = { ...latency(first), hits };
    timelineNext[name] = latency(next);
  }

  const search = {} as SizeResult['search'];
  for (const name of ['common', 'rare', 'multi'] as const) {
    const samples: number[] = [];
    for (let round = 0; round < rounds.search; round += 1) {
      for (const query of queryClasses[name]) samples.push((await timed(() => call('search.query', { caseId, query, limit: 50 }))).ms);
    }
    search[name] = latency(samples);
  }

  const repeat = async (times: number, work: () => Promise<unknown>) => {
    const samples: number[] = [];
    for (let round = 0; round < times; round += 1) samples.push((await timed(work)).ms);
    return latency(samples);
  };
  const stats = await repeat(rounds.stats, () => call('cases.stats', { caseId }));
  const preview = await repeat(rounds.preview, () => call('briefings.preview', { caseId }));

  // Delivered as the renderer gets it, the pieces of a large file included.
  const json = await withBlocking(async () => filePieces(app, await write<{ data: string } | { fileId: string }>('exports.log', { caseId, format: 'json' })));
  const caseFile = Buffer.concat(json.value);

  let exportPdf: SizeResult['exportPdf'] = null;
  if (size <= pdfMax) {
    try {
      const pdf = await withBlocking(() => write<{ record: { pageCount: number } }>('exports.log', { caseId, format: 'pdf' }));
      exportPdf = { ms: pdf.ms, longestBlockMs: pdf.longestBlockMs, pages: pdf.value.record.pageCount };
    } catch (error) {
      exportPdf = { failed: (error as Error).message };
    }
  }

  return {
    plainPage: latency(plain),
    timelineFirst,
    timelineNext,
    search,
    stats,
    preview,
    exportJson: { ms: json.ms, longestBlockMs: json.longestBlockMs, bytes: caseFile.byteLength },
    exportPdf,
    caseFile,
  };
}

/** The admin work in a fresh process, against the vault worker the CLI ships (built here when stale). */
async function runChild(root: string, vault: FilledVault, caseFile: Buffer): Promise<ChildResult> {
  await ensureCliBuilt();
  const file = join(root, 'case.json');
  writeFileSync(file, caseFile);
  const child = spawnSync(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(new URL('./app-child.ts', import.meta.url)), vault.dir, join(root, 'backup.ordelog-backup'), file],
    { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 },
  );
  if (child.status !== 0) throw new Error(`the admin work in a fresh process failed: ${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').at(-1) ?? '') as ChildResult;
}

async function runSize(size: number): Promise<SizeResult> {
  const started = performance.now();
  const loadBefore = loadavg();
  const root = mkdtempSync(join(tmpdir(), 'ordelog-app-bench-'));
  try {
    const vault = await buildVault(join(root, 'vault'), size);
    const app = await openApp(vault.dir);
    let measured: Awaited<ReturnType<typeof measure>>;
    try {
      measured = await measure(app, vault, size);
    } finally {
      await app.close();
    }
    const { caseFile, ...results } = measured;
    const child = await runChild(root, vault, caseFile);
    return { size, entries: vault.entries, fillMs: vault.fillMs, ...results, child, loadBefore, loadAfter: loadavg(), wallMs: performance.now() - started };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

const ms = (value: number): string =>
  value >= 10_000 ? `${(value / 1000).toFixed(1)} s` : `${value.toFixed(value < 10 ? 2 : value < 100 ? 1 : 0)} ms`;
const pair = (value: Latency): string => `${ms(value.p50)} / ${ms(value.p95)}`;
const times = (value: number): string => `${value.toFixed(2)}×`;
const count = (value: number): string => value.toLocaleString('en');

interface Row {
  measure: string;
  value: string;
  baseline: string;
  target: string;
  /** The number the growth table compares across sizes. */
  figure: number | null;
  ok: boolean | null;
}

function rows(result: SizeResult): Row[] {
  const plain = result.plainPage.p95;
  const ratio = (value: number) => `${times(value / plain)} the plain page`;
  const latencyRow = (measure: string, value: Latency, target: number | null, baseline = true): Row => ({
    measure: `${measure}, p50 / p95 (${value.samples} calls)`,
    value: value.samples === 0 ? 'no next page' : pair(value),
    baseline: baseline && value.samples > 0 ? ratio(value.p95) : '',
    target: target === null ? '' : `p95 ≤ ${target} ms`,
    figure: value.samples === 0 ? null : value.p95,
    ok: target === null || value.samples === 0 ? null : value.p95 <= target,
  });
  const per = (value: number, unit: number) => (value * unit) / result.size;
  const child = result.child;
  const progress = (timed: ChildResult['verify']) =>
    timed.progress === null ? 'no progress' : `progress: ${timed.progress.updates} updates, last ${count(timed.progress.done)} of ${count(timed.progress.total)}`;
  const pdf = result.exportPdf;
  const measuredPlusOther = `${count(result.entries)} entries in the vault`;
  // Verify and import have their targets at 100,000 entries; below, fixed costs (the integrity check, the catalogue)
  // weigh too much for a per-entry figure to mean anything, so they are shown there, not checked.
  const checkedAtSize = result.size >= 100_000;
  return [
    latencyRow(`entries.list, no search words (plain page of ${timelinePage}, the baseline)`, result.plainPage, null, false),
    ...(Object.keys(queryClasses) as QueryClass[]).flatMap((name) => [
      latencyRow(
        `entries.list search box, first page, ${classNames[name]} [${count(result.timelineFirst[name].hits)} hits]`,
        result.timelineFirst[name],
        targets.timelineSearchMs,
      ),
      latencyRow(`entries.list search box, next page, ${classNames[name]}`, result.timelineNext[name], targets.timelineSearchMs),
    ]),
    ...(['common', 'rare', 'multi'] as const).map((name) =>
      latencyRow(`search.query top 50, ${classNames[name]}`, result.search[name], targets.searchMs),
    ),
    latencyRow('cases.stats', result.stats, targets.statsMs),
    latencyRow('briefings.preview (whole log)', result.preview, targets.previewMs),
    {
      measure: `exports.log JSON (${(result.exportJson.bytes / 1e6).toFixed(1)} MB): total, longest block of the calling thread`,
      value: `${ms(result.exportJson.ms)}, block ${ms(result.exportJson.longestBlockMs)}`,
      baseline: '',
      target: `block ≤ ${targets.exportBlockMs} ms`,
      figure: result.exportJson.ms,
      ok: result.exportJson.longestBlockMs <= targets.exportBlockMs,
    },
    pdf === null
      ? { measure: 'exports.log PDF', value: `not run above --pdf-max=${pdfMax}`, baseline: '', target: '', figure: null, ok: null }
      : 'failed' in pdf
        ? { measure: 'exports.log PDF', value: `FAILED: ${pdf.failed}`, baseline: '', target: `≤ ${targets.pdfMsPer1000} ms per 1,000 entries`, figure: null, ok: false }
        : {
            measure: `exports.log PDF (${count(pdf.pages)} pages): total, per 1,000 entries, longest block`,
            value: `${ms(pdf.ms)}, ${ms(per(pdf.ms, 1_000))}, block ${ms(pdf.longestBlockMs)}`,
            baseline: '',
            target: `≤ ${targets.pdfMsPer1000} ms per 1,000 entries`,
            figure: pdf.ms,
            ok: per(pdf.ms, 1_000) <= targets.pdfMsPer1000,
          },
    {
      measure: `verify, full, in a fresh process (${measuredPlusOther}; ${progress(child.verify)})`,
      value: `${ms(child.verify.ms)}, ${ms((child.verify.ms * 100_000) / result.entries)} per 100,000`,
      baseline: '',
      target: `≤ ${ms(targets.verifyMsPer100k)} per 100,000${checkedAtSize ? '' : ' (checked from 100,000)'}`,
      figure: child.verify.ms,
      ok: checkedAtSize ? child.verify.progress !== null && (child.verify.ms * 100_000) / result.entries <= targets.verifyMsPer100k : null,
    },
    {
      measure: `verify --snel, chains only (${progress(child.quickVerify)})`,
      value: `${ms(child.quickVerify.ms)}`,
      baseline: `${times(child.quickVerify.ms / child.verify.ms)} the full verify`,
      target: '',
      figure: child.quickVerify.ms,
      ok: null,
    },
    {
      measure: `backup (${(child.backup.bytes / 1e6).toFixed(1)} MB written and checked; ${progress(child.backup)})`,
      value: ms(child.backup.ms),
      baseline: '',
      target: 'with progress',
      figure: child.backup.ms,
      ok: child.backup.progress !== null,
    },
    {
      measure: `import of the exported case (${count(child.import.entries)} entries; importCase, JSON.parse ${ms(child.import.parseMs)} before it; ${progress(child.import)})`,
      value: `${ms(child.import.ms)}, ${ms((child.import.ms * 100_000) / child.import.entries)} per 100,000`,
      baseline: '',
      target: `≤ ${ms(targets.importMsPer100k)} per 100,000${checkedAtSize ? '' : ' (checked from 100,000)'}`,
      figure: child.import.ms,
      ok: checkedAtSize ? child.import.progress !== null && (child.import.ms * 100_000) / child.import.entries <= targets.importMsPer100k : null,
    },
  ];
}

function printTable(title: string, table: Row[]): boolean {
  console.log(`\n${title}\n`);
  console.log('| measure | value | in-run baseline | target | |');
  console.log('|---|---|---|---|---|');
  for (const row of table) {
    console.log(`| ${row.measure} | ${row.value} | ${row.baseline} | ${row.target} | ${row.ok === null ? '' : row.ok ? 'ok' : 'MISSED'} |`);
  }
  return table.every((row) => row.ok !== false);
}

function printGrowth(results: SizeResult[]): void {
  if (results.length < 2) {
    console.log('\nGrowth: needs two sizes.');
    return;
  }
  const tables = results.map(rows);
  const steps = results.slice(1).map((result, index) => `${count(result.size)} ÷ ${count(results[index]?.size ?? 0)}`);
  console.log(`\nGrowth of each figure (p95 for the repeated calls, the total otherwise) between consecutive sizes\n`);
  console.log(`| measure | ${steps.join(' | ')} |`);
  console.log(`|---|${steps.map(() => '---|').join('')}`);
  tables[0]?.forEach((row, index) => {
    const growth = tables.slice(1).map((table, step) => {
      const from = tables[step]?.[index]?.figure;
      const to = table[index]?.figure;
      return from && to ? times(to / from) : '';
    });
    console.log(`| ${row.measure.replace(/ \[.*?\]|, p50 \/ p95.*$| \(.*$/g, '')} | ${growth.join(' | ')} |`);
  });
}

async function main(): Promise<void> {
  const started = performance.now();
  const loadStart = loadavg();
  console.log(`Ordelog through the dispatcher, sizes ${sizes.map(count).join(', ')}, Node ${process.version}, load ${loadStart}`);
  const results: SizeResult[] = [];
  let allMet = true;
  for (const size of sizes) {
    const result = await runSize(size);
    results.push(result);
    allMet =
      printTable(
        `${count(size)} entries in the measured case + ${count(result.entries - size)} in a newer case full of the search words ` +
          `(built in ${ms(result.fillMs)}, measured in ${ms(result.wallMs - result.fillMs)}; load ${result.loadBefore} → ${result.loadAfter})`,
        rows(result),
      ) && allMet;
  }
  printGrowth(results);
  console.log(`\nload average (1 / 5 / 15 min): ${loadStart} at the start, ${loadavg()} at the end; total ${ms(performance.now() - started)}`);
  if (!allMet) process.exitCode = 1;
}

await main();
