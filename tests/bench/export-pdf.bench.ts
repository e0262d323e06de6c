/**
 * Full-log export benchmark: the log PDF as the app makes it, through `exportLog` (read in batches from the
 * encrypted vault, set and written by PDFKit in two passes, PDF/A parts, SHA-256, register record), at 1,000,
 * 10,000 and 100,000 entries, with Chromium's print of the same 5,000-entry log as the baseline measured in the
 * same run (compose, HTML, print, PDF/A post-processing: the export as it was before). Also the JSON export of
 * the largest log. Not part of `npm test`.
 *
 *   npm run bench:export
 *     ORDELOG_BENCH_EXPORT_SIZES=1000,10000,100000   log sizes (the largest is also exported as JSON)
 *     ORDELOG_BENCH_RUNS=3                           timed runs per size up to 10,000 (median); larger sizes run once
 *
 * Prints one table and exits non-zero when a target is missed: every size exported, ≤ 1 s per 1,000 entries at
 * every size, linear (the cost per 1,000 entries of the largest log at most 1.5× that of 10,000), the longest
 * stretch without yielding ≤ 100 ms (the export checkpoints every 25 ms), and peak memory bounded (RSS during
 * the largest export at most 600 MB above what it was before it). The export runs on one thread; beside the
 * wall-clock time the table shows the CPU time the process used, which is what the export costs when other work
 * shares the machine's cores (the load average is printed with the table).
 */
import { randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { insertEntries } from '../../db/repositories/entries';
import { exportLog, printDocumentPdf } from '../../main/services/briefings';
import { createCase } from '../../main/services/cases';
import { composeLogDocument } from '../../main/services/export-documents';
import type { JobContext } from '../../main/services/jobs';
import { chromiumPrinter } from '../../main/services/pdf/chromium-printer';
import type { Session } from '../../main/services/session';
import { defaultPhases } from '../../shared/catalogue/phases';
import type { ManualEntryType } from '../../shared/domain';
import { openCaseStore } from '../unit/support/case-store';

const sizes = (process.env.ORDELOG_BENCH_EXPORT_SIZES ?? '1000,10000,100000').split(',').map(Number).filter((n) => n > 0);
const runs = Math.max(1, Number(process.env.ORDELOG_BENCH_RUNS ?? 3));
const baselineSize = 5_000;
const targets = { msPer1000: 1_000, growth: 1.5, blockMs: 100, rssMb: 600 };

/** Deterministic pseudo-random numbers, so every run writes the same log. */
function generator(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}
const pick = <T>(next: () => number, items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;

const places = ['het stationsplein', 'de Markt', 'winkelcentrum De Linde', 'de snackbar', 'de fietsenstalling', 'het gemeentehuis'];
const platforms = ['TikTok', 'Snapchat', 'Instagram', 'een Telegram-groep', 'een groepsapp'];
const openings = [
  (n: () => number) => `Op ${pick(n, platforms)} circuleert een oproep om vanavond naar ${pick(n, places)} te komen.`,
  (n: () => number) => `Bij ${pick(n, places)} staat een groep van ongeveer ${5 + Math.floor(n() * 40)} jongeren, de sfeer is gespannen.`,
  (n: () => number) => `Wijkagent meldt onrust bij ${pick(n, places)}; melding ${Math.floor(n() * 90_000) + 10_000} aangemaakt.`,
  (n: () => number) => `Buurtbewoners bellen over geluidsoverlast en samenscholing bij ${pick(n, places)}.`,
];
const followUps = [
  'Politie is ter plaatse en spreekt de groep aan.',
  'Handhaving houdt de locatie in de gaten vanaf de overkant.',
  'De oproep noemt een tijdstip van 21:00 uur.',
  'Camerabeelden zijn veiliggesteld voor het dossier.',
  'Jongerenwerk gaat vanavond extra rondes lopen.',
];
const types: ManualEntryType[] = ['signaal', 'waarneming', 'overleg', 'actie', 'communicatie', 'notitie'];
const authors = ['Joost de Vries', 'Samira Bakkali', 'Ilse Jansen', 'Femke Smit'];

/**
 * A case of `count` entries as a team writes them (one to three sentences, sources and gradings on signals,
 * personal data marks, a correction now and then), written straight into the encrypted store in batches.
 */
function fillCase(session: Session, count: number): string {
  const start = Date.parse('2026-03-01T08:00:00.000Z');
  const caseId = createCase(session, { title: `Benchmark: logboek met ${count} regels`, municipality: 'Voorbeeldstad', openedAt: new Date(start - 60_000).toISOString() }).id;
  const next = generator(count);
  const step = Math.floor((30 * 86_400_000) / count);
  const ids: string[] = [];
  for (let from = 0; from < count; from += 5_000) {
    const batch = [];
    for (let index = from; index < Math.min(count, from + 5_000); index += 1) {
      const type = types[index % types.length] as ManualEntryType;
      const sentences = [pick(next, openings)(next)];
      for (let more = Math.floor(next() * 3); more > 0; more -= 1) sentences.push(pick(next, followUps));
      const at = new Date(start + index * step).toISOString();
      const id = randomUUID();
      ids.push(id);
      batch.push({
        id,
        caseId,
        type,
        text: sentences.join(' '),
        occurredAt: at,
        recordedAt: at,
        authorId: null,
        authorName: pick(next, authors),
        source: type === 'signaal' ? pick(next, platforms) : null,
        sourceReliability: type === 'signaal' ? pick(next, ['B', 'C', 'F'] as const) : null,
        informationCredibility: type === 'signaal' ? pick(next, ['2', '3', '6'] as const) : null,
        correctsEntryId: index % 50 === 49 ? (ids[index - 7] ?? null) : null,
        personalData: index % 20 === 3,
        phaseId: defaultPhases[Math.min(defaultPhases.length - 1, Math.floor((index / count) * defaultPhases.length))]?.id ?? 'online-signaal',
      });
    }
    insertEntries(session.db, batch);
  }
  return caseId;
}

const median = (samples: number[]) => [...samples].sort((a, b) => a - b)[Math.floor(samples.length / 2)] as number;
const rssMb = () => process.memoryUsage.rss() / 1e6;

interface Measured {
  ms: number;
  /** CPU time of this process (user and system) while the export ran. */
  cpuMs: number;
  blockMs: number;
  peakRssMb: number;
  pages: number;
  bytes: number;
  entries: number;
}

/** One export through `exportLog`, watching the event loop and the process's memory while it runs. */
async function measure(session: Session, caseId: string, format: 'pdf' | 'json'): Promise<Measured> {
  const delay = monitorEventLoopDelay({ resolution: 5 });
  const before = rssMb();
  let peak = before;
  const job: JobContext = { signal: new AbortController().signal, progress: () => void (peak = Math.max(peak, rssMb())) };
  delay.enable();
  const started = performance.now();
  const cpu = process.cpuUsage();
  // The log is written by PDFKit: no printer is needed, and none is given.
  const exported = await exportLog(session, { caseId, format }, job);
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  delay.disable();
  peak = Math.max(peak, rssMb());
  return {
    ms,
    cpuMs: (used.user + used.system) / 1000,
    blockMs: delay.max / 1e6,
    peakRssMb: peak - before,
    pages: exported.record.pageCount ?? 0,
    bytes: exported.record.size ?? 0,
    entries: Number(exported.record.fingerprint.split(':')[0]),
  };
}

async function main(): Promise<void> {
  const started = performance.now();
  const store = openCaseStore();
  const printer = chromiumPrinter();
  const missed: string[] = [];
  const rows: string[][] = [];
  const f = (value: number, digits = 0) => value.toFixed(digits);
  try {
    const session = store.sessions.redacteur;

    // The baseline: Chromium printing the same kind of log of 5,000 entries, as the export did before.
    const baselineCase = fillCase(session, baselineSize);
    const document = () => composeLogDocument(session, baselineCase, { redacted: false, locale: 'nl' });
    await printDocumentPdf(document(), printer);
    const chromium: number[] = [];
    const pdfkit: number[] = [];
    for (let run = 0; run < runs; run += 1) {
      const printStarted = performance.now();
      await printDocumentPdf(document(), printer);
      chromium.push(performance.now() - printStarted);
      pdfkit.push((await measure(session, baselineCase, 'pdf')).ms);
    }
    const chromiumMs = median(chromium);
    const pdfkitMs = median(pdfkit);
    rows.push([
      `${baselineSize} entries: Chromium print (before) vs PDFKit export`,
      `${f(chromiumMs)} ms vs ${f(pdfkitMs)} ms`,
      `${f((chromiumMs / baselineSize) * 1000)} vs ${f((pdfkitMs / baselineSize) * 1000)} ms/1000`,
      `${f(chromiumMs / pdfkitMs, 1)}× faster`,
      '',
    ]);

    const results: Array<Measured & { size: number }> = [];
    for (const size of sizes) {
      const caseId = fillCase(session, size);
      const samples: Measured[] = [];
      for (let run = 0; run < (size <= 10_000 ? runs : 1); run += 1) samples.push(await measure(session, caseId, 'pdf'));
      const result = { ...(samples.sort((a, b) => a.ms - b.ms)[Math.floor(samples.length / 2)] as Measured), size };
      results.push(result);
      const perThousand = (result.ms / result.entries) * 1000;
      const ok = perThousand <= targets.msPer1000 && result.blockMs <= targets.blockMs;
      if (perThousand > targets.msPer1000) missed.push(`${result.entries} entries: ${f(perThousand)} ms per 1,000 (target ≤ ${targets.msPer1000})`);
      if (result.blockMs > targets.blockMs) missed.push(`${result.entries} entries: a stretch of ${f(result.blockMs)} ms without yielding (target ≤ ${targets.blockMs})`);
      rows.push([
        `log PDF, ${result.entries} entries, ${result.pages} pages, ${f(result.bytes / 1e6, 1)} MB`,
        `${f(result.ms / 1000, 2)} s (CPU ${f(result.cpuMs / 1000, 2)} s)`,
        `${f(perThousand)} ms/1000 (CPU ${f((result.cpuMs / result.entries) * 1000)})`,
        `longest block ${f(result.blockMs)} ms, peak RSS +${f(result.peakRssMb)} MB`,
        ok ? 'ok' : 'MISSED',
      ]);
      if (size === Math.max(...sizes)) {
        if (result.peakRssMb > targets.rssMb) missed.push(`${result.entries} entries: RSS rose by ${f(result.peakRssMb)} MB (target ≤ ${targets.rssMb})`);
        const json = await measure(session, caseId, 'json');
        rows.push([
          `log JSON, ${json.entries} entries, ${f(json.bytes / 1e6, 1)} MB`,
          `${f(json.ms / 1000, 2)} s`,
          `${f((json.ms / json.entries) * 1000)} ms/1000`,
          `longest block ${f(json.blockMs)} ms, peak RSS +${f(json.peakRssMb)} MB`,
          json.blockMs <= targets.blockMs ? 'ok' : 'MISSED',
        ]);
        if (json.blockMs > targets.blockMs) missed.push(`JSON of ${json.entries} entries: a stretch of ${f(json.blockMs)} ms without yielding`);
      }
    }
    for (const [index, large] of results.entries()) {
      const small = results[index - 1];
      if (!small) continue;
      const growth = large.ms / small.ms;
      const perThousandRatio = (large.ms / large.entries) / (small.ms / small.entries);
      const ok = small.size < 10_000 || perThousandRatio <= targets.growth;
      if (!ok) missed.push(`growth ${small.entries} → ${large.entries}: cost per 1,000 entries ${f(perThousandRatio, 2)}× (target ≤ ${targets.growth}×)`);
      rows.push([
        `growth ${small.entries} → ${large.entries} entries`,
        `${f(growth, 2)}× the time`,
        `${f(large.entries / small.entries, 2)}× the entries`,
        `${f(perThousandRatio, 2)}× per 1,000`,
        small.size < 10_000 ? '' : ok ? 'ok' : 'MISSED',
      ]);
    }

    console.log(
      `Ordelog full-log export benchmark, Node ${process.version}, load ${loadavg().map((n) => n.toFixed(2)).join(' ')}: ` +
        `median of ${runs} runs up to 10,000 entries, one run above, ${f((performance.now() - started) / 1000)} s in all\n`,
    );
    console.log(['measure', 'time', 'per 1,000 entries', 'event loop, memory', 'target'].join(' | '));
    for (const row of rows) console.log(row.join(' | '));
    if (missed.length > 0) {
      console.log(`\nMISSED: ${missed.join('; ')}`);
      process.exitCode = 1;
    }
  } finally {
    await printer.close();
    store.dispose();
  }
}

await main();
