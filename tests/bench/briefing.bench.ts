/**
 * Briefing and log-export benchmark: a briefing of about 10 pages and full log exports of 1,250, 2,500 and
 * 5,000 entries, each timed end to end (compose from the encrypted vault, HTML, Chromium print, PDF/A
 * post-processing, SHA-256, register record) against a plain Chromium print of the same HTML with the same
 * printer, measured in the same run, so the ratios hold on a noisy machine. Not part of `npm test`.
 *
 *   npx tsx tests/bench/briefing.bench.ts
 *     ORDELOG_BENCH_RUNS=5            timed runs of the briefing, after one warm-up (which also warms Chromium)
 *     ORDELOG_BENCH_LOG_RUNS=3        timed runs per log size (a 5,000-entry print takes many seconds each)
 *     ORDELOG_BENCH_LOG_ENTRIES=1250,2500,5000   log sizes, e.g. 500,1000,2000 for a quicker look
 *
 * Figures are medians, export and plain print taking turns. Prints one table and exits non-zero when a
 * target is missed: briefing export ≤ 1 s · full log export of 5,000 entries as PDF ≤ 2 s. The growth rows
 * show whether the log export grows linearly with the number of entries (2× the entries ≈ 2× the time).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportBriefing, exportLog, previewBriefing } from '../../main/services/briefings';
import { createCase } from '../../main/services/cases';
import { fillDemoCase } from '../../main/services/demo';
import { appendEntry } from '../../main/services/entries';
import { composeLogDocument } from '../../main/services/export-documents';
import { chromiumPrinter } from '../../main/services/pdf/chromium-printer';
import type { PdfPrinter } from '../../main/services/pdf/printer';
import type { Session } from '../../main/services/session';
import type { ComposeBriefingInput, ExportDocument, ExportedFile } from '../../shared/briefing';
import { printJob, printMargins } from '../../shared/briefing-html/print';
import type { ManualEntryType } from '../../shared/domain';
import { openCaseStore } from '../unit/support/case-store';

const runs = Math.max(1, Number(process.env.ORDELOG_BENCH_RUNS ?? 5));
const logRuns = Math.max(1, Number(process.env.ORDELOG_BENCH_LOG_RUNS ?? 3));
const logSizes = (process.env.ORDELOG_BENCH_LOG_ENTRIES ?? '1250,2500,5000').split(',').map(Number).filter((n) => n > 0);
/**
 * Signals and observations added to the demo case (7 pages on its own) so the briefing comes to ~10 pages.
 * More would not make it longer: a briefing shows at most 40 key entries and the last 80 of the timeline.
 */
const briefingExtraEntries = 14;
const targets = { briefingMs: 1_000, log5000Ms: 2_000 };

/** Deterministic pseudo-random numbers, so every run gets the same texts. */
function generator(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const pick = <T>(next: () => number, items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;

const places = ['het stationsplein', 'de Markt', 'winkelcentrum De Linde', 'het plein bij de snackbar', 'de fietsenstalling', 'het gemeentehuis', 'de Julianastraat', 'het park achter de school'];
const platforms = ['TikTok', 'Snapchat', 'Instagram', 'een Telegram-groep', 'een groepsapp', 'X'];
const groups = ['een groep van ongeveer 15 jongeren', 'enkele jongeren op scooters', 'een tiental buurtbewoners', 'ongeveer 30 personen', 'een paar onbekende jongeren', 'ouders en jongerenwerkers'];
const openings = [
  (n: () => number) => `Op ${pick(n, platforms)} circuleert een oproep om vanavond naar ${pick(n, places)} te komen.`,
  (n: () => number) => `Bij ${pick(n, places)} staat ${pick(n, groups)}, de sfeer is gespannen maar rustig.`,
  (n: () => number) => `Een video van het incident bij ${pick(n, places)} is op ${pick(n, platforms)} ruim ${1 + Math.floor(n() * 40)}.000 keer bekeken.`,
  (n: () => number) => `Wijkagent meldt ${pick(n, groups)} bij ${pick(n, places)}.`,
  (n: () => number) => `Jongerenwerk hoort dat er op ${pick(n, platforms)} wordt opgeroepen tot vuurwerk bij ${pick(n, places)}.`,
  (n: () => number) => `Buurtbewoners bellen over geluidsoverlast en samenscholing bij ${pick(n, places)}.`,
];
const followUps = [
  'Politie is ter plaatse en spreekt de groep aan.',
  'Het bericht wordt gedeeld door een lokale influencer met veel volgers.',
  'Handhaving houdt de locatie in de gaten vanaf de overkant.',
  'Er zijn geen aanhoudingen verricht.',
  'De oproep noemt een tijdstip van 21:00 uur.',
  'Camerabeelden zijn veiliggesteld voor het dossier.',
  'De groep verplaatst zich richting het winkelcentrum.',
  'Jongerenwerk gaat vanavond extra rondes lopen.',
  'Ouders van betrokken jongeren zijn geïnformeerd.',
  'Het account heeft het bericht inmiddels verwijderd, een schermafdruk is bewaard.',
];

/** One to three sentences, as a team member would log them. */
function entryText(next: () => number): string {
  const sentences = [pick(next, openings)(next)];
  const more = Math.floor(next() * 3);
  for (let i = 0; i < more; i += 1) sentences.push(pick(next, followUps));
  return sentences.join(' ');
}

const median = (samples: number[]) => {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await work();
  return { ms: performance.now() - started, value };
}

/**
 * Median times of the export and of the plain print, taking turns, after `warmUps` untimed rounds. Each round
 * composes the document first (untimed) and prints its HTML alone: the baseline, Chromium's own print with the
 * same templates, margins and printer. Then the export runs end to end and composes the same document again
 * (the previous export's register entry is already in the log, so both see the same entries).
 */
async function compare(
  printer: PdfPrinter,
  documentNow: () => ExportDocument,
  exportOnce: () => Promise<ExportedFile>,
  timedRuns: number,
  warmUps: number,
): Promise<{ exportMs: number; plainMs: number; last: ExportedFile; plainPdf: Uint8Array }> {
  const exports: number[] = [];
  const plains: number[] = [];
  let last: ExportedFile | null = null;
  let plainPdf: Uint8Array | null = null;
  for (let i = -warmUps; i < timedRuns; i += 1) {
    const job = { ...printJob(documentNow()), margins: printMargins };
    const plain = await timed(() => printer.print(job));
    const exported = await timed(exportOnce);
    if (i < 0) continue;
    plains.push(plain.ms);
    plainPdf = plain.value;
    exports.push(exported.ms);
    last = exported.value;
  }
  if (!last || !plainPdf) throw new Error('no runs');
  return { exportMs: median(exports), plainMs: median(plains), last, plainPdf };
}

function pageCountOf(path: string): number {
  return Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [path], { encoding: 'utf8' }))?.[1]);
}

/** Adds `count` entries of the given types, in transactions of 500, through the app's own appendEntry. */
function fillEntries(session: Session, caseId: string, count: number, types: readonly ManualEntryType[], seed: number): void {
  const next = generator(seed);
  // Spread over the past days, oldest first, so they fall in the briefing period and the log reads in order.
  const start = Date.now() - 4 * 86_400_000;
  const step = Math.floor((3.5 * 86_400_000) / count);
  for (let done = 0; done < count; done += 500) {
    session.db.sqlite.transaction(() => {
      for (let i = done; i < Math.min(count, done + 500); i += 1) {
        const type = types[i % types.length] as ManualEntryType;
        appendEntry(session, {
          caseId,
          type,
          text: entryText(next),
          occurredAt: new Date(start + i * step).toISOString(),
          source: type === 'signaal' ? pick(next, platforms) : null,
          sourceReliability: type === 'signaal' ? pick(next, ['B', 'C', 'F'] as const) : null,
          informationCredibility: type === 'signaal' ? pick(next, ['2', '3', '6'] as const) : null,
        });
      }
    })();
  }
}

async function main(): Promise<void> {
  const started = performance.now();
  const store = openCaseStore();
  const pdfDir = mkdtempSync(join(tmpdir(), 'ordelog-bench-pdf-'));
  const printer = chromiumPrinter();
  try {
    const session = store.sessions.redacteur;
    const save = (bytes: Uint8Array | string, name: string) => {
      const path = join(pdfDir, name);
      writeFileSync(path, typeof bytes === 'string' ? Buffer.from(bytes, 'base64') : bytes);
      return path;
    };

    // 1. A briefing of about 10 pages.
    const briefingCase = fillDemoCase(session).id;
    fillEntries(session, briefingCase, briefingExtraEntries, ['waarneming', 'signaal'], 7);
    const briefingInput: ComposeBriefingInput = {
      caseId: briefingCase,
      audience: 'driehoek',
      // The whole case every time: without it, each export would cover only the time since the previous one.
      from: null,
      summary: 'Oproepen op sociale media om bij het gemeentehuis samen te komen tijdens de raadsvergadering over de opvanglocatie. Meerdere groepen jongeren uit de buurgemeenten hebben hun komst aangekondigd.',
      risks: 'Reële kans op verstoring van de openbare orde rond de raadsvergadering; eerdere bijeenkomsten liepen uit op vuurwerk en vernielingen.',
      requestedDecisions: 'Instemming met cameratoezicht op het stationsplein en de Markt, en met een noodverordening voor het gebied rond het gemeentehuis.',
    };
    const briefing = await compare(
      printer,
      () => previewBriefing(session, briefingInput).document,
      () => exportBriefing(session, briefingInput, printer),
      runs,
      1,
    );
    const briefingPages = pageCountOf(save(briefing.last.data, 'briefing.pdf'));
    const briefingPlainPages = pageCountOf(save(briefing.plainPdf, 'briefing-plain.pdf'));

    // 2. Full log exports of growing size. Chromium is warm from the briefing; each export adds one system
    // entry to the log, which the counts below (taken before the runs) leave out.
    const logs: { size: number; entries: number; pages: number; plainPages: number; exportMs: number; plainMs: number }[] = [];
    const json = { entries: 0, ms: NaN, bytes: 0 };
    for (const size of logSizes) {
      const caseId = createCase(session, { title: `Benchmark: logboek met ${size} regels` }).id;
      fillEntries(session, caseId, size, ['signaal', 'waarneming', 'overleg', 'actie', 'communicatie', 'notitie'], size);
      const document = () => composeLogDocument(session, caseId, { redacted: false, locale: 'nl' });
      const entries = document().fingerprint.entries;
      const result = await compare(
        printer,
        document,
        () => exportLog(session, { caseId, format: 'pdf' }),
        logRuns,
        0,
      );
      logs.push({
        size,
        entries,
        pages: pageCountOf(save(result.last.data, `logboek-${size}.pdf`)),
        plainPages: pageCountOf(save(result.plainPdf, `logboek-${size}-plain.pdf`)),
        exportMs: result.exportMs,
        plainMs: result.plainMs,
      });
      if (size === Math.max(...logSizes)) {
        const times: number[] = [];
        json.entries = document().fingerprint.entries;
        for (let i = 0; i <= runs; i += 1) {
          const exported = await timed(() => exportLog(session, { caseId, format: 'json' }));
          if (i > 0) times.push(exported.ms);
          json.bytes = Buffer.byteLength(exported.value.data, 'base64');
        }
        json.ms = median(times);
      }
    }

    // The table.
    const ms = (n: number) => `${n.toFixed(0)} ms`;
    const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
    const overhead = (a: number, b: number) => `${ratio(a, b)}, ${a >= b ? '+' : '−'}${ms(Math.abs(a - b))}`;
    const missed: string[] = [];
    const rows: [string, string, string, string, string, string][] = [];
    const briefingOk = briefing.exportMs <= targets.briefingMs;
    if (!briefingOk) missed.push(`briefing export took ${ms(briefing.exportMs)} (target ≤ ${ms(targets.briefingMs)})`);
    rows.push([
      `briefing, ${briefingPages} pages (plain print ${briefingPlainPages})`,
      ms(briefing.exportMs),
      ms(briefing.plainMs),
      overhead(briefing.exportMs, briefing.plainMs),
      `≤ ${ms(targets.briefingMs)}`,
      briefingOk ? 'ok' : 'MISSED',
    ]);
    for (const log of logs) {
      const isTarget = log.size === 5_000;
      const ok = !isTarget || log.exportMs <= targets.log5000Ms;
      if (!ok) missed.push(`full log export of ${log.entries} entries took ${ms(log.exportMs)} (target ≤ ${ms(targets.log5000Ms)})`);
      rows.push([
        `log PDF, ${log.entries} entries, ${log.pages} pages (plain print ${log.plainPages})`,
        `${ms(log.exportMs)} = ${ms((log.exportMs / log.entries) * 1_000)}/1000`,
        `${ms(log.plainMs)} = ${ms((log.plainMs / log.entries) * 1_000)}/1000`,
        overhead(log.exportMs, log.plainMs),
        isTarget ? `≤ ${ms(targets.log5000Ms)}` : '',
        isTarget ? (ok ? 'ok' : 'MISSED') : '',
      ]);
    }
    logs.slice(1).forEach((large, index) => {
      const small = logs[index] as (typeof logs)[number];
      rows.push([
        `log PDF growth ${small.entries} → ${large.entries} entries`,
        `${ratio(large.exportMs, small.exportMs)}`,
        `${ratio(large.plainMs, small.plainMs)}`,
        '',
        `linear ≈ ${ratio(large.entries, small.entries)}`,
        '',
      ]);
    });
    if (json.entries > 0) rows.push([`log JSON, ${json.entries} entries, ${(json.bytes / 1e6).toFixed(1)} MB`, ms(json.ms), '', '', '', '']);

    console.log(
      `Ordelog briefing and log-export benchmark, Node ${process.version}: medians of ${runs} runs after 1 warm-up ` +
        `(briefing, JSON) and of ${logRuns} runs (log PDFs), ${((performance.now() - started) / 1000).toFixed(0)} s in all\n`,
    );
    console.log(['measure', 'export (end to end)', 'plain Chromium print', 'ratio, overhead', 'target', ''].join(' | '));
    for (const row of rows) console.log(row.join(' | '));
    if (missed.length > 0) {
      console.log(`\nMISSED: ${missed.join('; ')}`);
      process.exitCode = 1;
    }
  } finally {
    await printer.close();
    store.dispose();
    rmSync(pdfDir, { recursive: true, force: true });
  }
}

await main();
