/**
 * Case bundles against the JSON export of the same case (issue 14), and what signing and sharing add to an
 * append. Everything goes through the services the app calls, on real encrypted vaults, in one run, so the
 * ratios hold on a noisy machine. Not part of `npm test`.
 *
 *   npm run bench:bundle
 *     ORDELOG_BENCH_ENTRIES=10000     entries in the case
 *     ORDELOG_BENCH_APPENDS=500       appends per block in the append comparison (five blocks per kind, taking turns)
 *
 * Measures: the JSON log export (`exportLog`, format json; median of three), the first bundle export (which
 * shares the case: the whole log goes to the engine), a repeated bundle export (median of two), and reading the
 * bundle into a fresh vault (median of two vaults); each as time and size, with bundle ÷ JSON. Then appends
 * taking turns in blocks: signed (as every signed-in user writes), unsigned (the same vault with its signer
 * detached, as before signatures), and signed in a shared case (which also schedules the hand-over to the
 * engine), with the hand-over round itself timed per entry. Prints one table; no targets.
 */
import { loadavg } from 'node:os';
import { attachSigner, detachSigner, signerFor } from '../../db/signatures';
import { exportLog } from '../../main/services/briefings';
import { createCase } from '../../main/services/cases';
import { appendEntry } from '../../main/services/entries';
import type { Session } from '../../main/services/session';
import { importBundle } from '../../main/services/sharing/bundles';
import { syncCase } from '../../main/services/sharing/replicas';
import type { ManualEntryType } from '../../shared/domain';
import { bundleFor, introduce, party, type Party } from '../helpers/partners';
import { entryText, generator } from './text';

const entries = Math.max(10, Number(process.env.ORDELOG_BENCH_ENTRIES ?? 10_000));
const appendsPerBlock = Math.max(10, Number(process.env.ORDELOG_BENCH_APPENDS ?? 500));
const blocks = 5;

const median = (samples: readonly number[]) => {
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

async function timed<T>(work: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await work();
  return { ms: performance.now() - started, value };
}

const types: ManualEntryType[] = ['signaal', 'waarneming', 'notitie', 'communicatie'];

function fill(session: Session, caseId: string, count: number, next: () => number): void {
  for (let n = 0; n < count; n += 1) {
    appendEntry(session, { caseId, type: types[n % types.length]!, text: entryText(next), ...(n % 5 === 0 ? { location: 'Stationsplein' } : {}) });
  }
}

const fmtMs = (ms: number) => `${ms.toFixed(ms < 10 ? 2 : 0)} ms`;
const fmtMb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(2)} MB`;

async function main(): Promise<void> {
  const next = generator(14);
  const owner = await party('Gemeente Lindedorp', 'OOV-adviseur Jansen');
  const partners: Party[] = [];
  for (const name of ['Politie basisteam Lindedorp', 'Politie wijkteam Noord']) {
    const partner = await party(name, 'Wijkagent de Vries');
    introduce(owner, partner);
    partners.push(partner);
  }
  const others: Party[] = [...partners];
  try {
    const caseId = createCase(owner.session, { title: 'Oproep tot rellen bij het station' }).id;
    const filled = await timed(() => fill(owner.session, caseId, entries, next));

    const json: { ms: number; bytes: number }[] = [];
    for (let run = 0; run < 3; run += 1) {
      const { ms, value } = await timed(() => exportLog(owner.session, { caseId, format: 'json' }));
      json.push({ ms, bytes: Buffer.from(value.data, 'base64').length });
    }
    const first = await timed(() => bundleFor(owner, partners[0]!, caseId));
    const repeats: { ms: number; bundle: Buffer }[] = [];
    for (let run = 0; run < 2; run += 1) {
      const { ms, value } = await timed(() => bundleFor(owner, partners[run]!, caseId));
      repeats.push({ ms, bundle: value });
    }
    const imports: number[] = [];
    for (const [index, partner] of partners.entries()) {
      const { ms, value } = await timed(() => importBundle(partner.session, repeats[index]!.bundle, {}));
      if (value.added < entries) throw new Error(`the import placed ${value.added} entries, not all ${entries}`);
      imports.push(ms);
    }

    // Appends: signed, unsigned and in a shared case, taking turns in blocks.
    const plainCase = createCase(owner.session, { title: 'Losse melding' }).id;
    const signer = signerFor(owner.session.db, owner.session.user.id)!;
    const held = { ...signer, privateKey: Buffer.from(signer.privateKey) };
    const perEntry = { signed: [] as number[], unsigned: [] as number[], shared: [] as number[], handOver: [] as number[] };
    for (let block = 0; block < blocks; block += 1) {
      perEntry.signed.push((await timed(() => fill(owner.session, plainCase, appendsPerBlock, next))).ms / appendsPerBlock);
      detachSigner(owner.session.db);
      perEntry.unsigned.push((await timed(() => fill(owner.session, plainCase, appendsPerBlock, next))).ms / appendsPerBlock);
      attachSigner(owner.session.db, { ...held, privateKey: Buffer.from(held.privateKey) });
      perEntry.shared.push((await timed(() => fill(owner.session, caseId, appendsPerBlock, next))).ms / appendsPerBlock);
      perEntry.handOver.push((await timed(() => syncCase(owner.session, caseId))).ms / appendsPerBlock);
    }

    const jsonMs = median(json.map((run) => run.ms));
    const jsonBytes = json[0]!.bytes;
    const bundleMs = median(repeats.map((run) => run.ms));
    const bundleBytes = repeats[0]!.bundle.length;
    const importMs = median(imports);
    const rows: [string, string, string][] = [
      ['filling the case (signed appends)', fmtMs(filled.ms), `${fmtMs(filled.ms / entries)} an entry`],
      ['JSON log export (median of 3)', fmtMs(jsonMs), fmtMb(jsonBytes)],
      ['first bundle export (shares the case)', fmtMs(first.ms), `${(first.ms / jsonMs).toFixed(1)}× JSON`],
      ['bundle export, case shared (median of 2)', fmtMs(bundleMs), `${(bundleMs / jsonMs).toFixed(1)}× JSON`],
      ['bundle size', fmtMb(bundleBytes), `${(bundleBytes / jsonBytes).toFixed(2)}× JSON`],
      ['bundle import, fresh vault (median of 2)', fmtMs(importMs), `${(importMs / jsonMs).toFixed(1)}× JSON export`],
      ['append, unsigned', fmtMs(median(perEntry.unsigned)), '1.00×'],
      ['append, signed', fmtMs(median(perEntry.signed)), `${(median(perEntry.signed) / median(perEntry.unsigned)).toFixed(2)}× unsigned`],
      ['append, signed, shared case', fmtMs(median(perEntry.shared)), `${(median(perEntry.shared) / median(perEntry.unsigned)).toFixed(2)}× unsigned`],
      ['hand-over to the engine, per entry', fmtMs(median(perEntry.handOver)), `${(median(perEntry.handOver) / median(perEntry.unsigned)).toFixed(2)}× an unsigned append`],
    ];
    const width = Math.max(...rows.map((row) => row[0].length));
    console.log(`bundle benchmark: a case of ${entries} entries; appends in ${blocks} blocks of ${appendsPerBlock} per kind`);
    for (const [what, value, ratio] of rows) console.log(`  ${what.padEnd(width)}  ${value.padStart(10)}  ${ratio}`);
    console.log(`  load average ${loadavg().map((load) => load.toFixed(2)).join(' ')}`);
  } finally {
    owner.test.cleanup();
    for (const other of others) other.test.cleanup();
  }
}

await main();
// Closing the engine's stores after a lock runs on in the background; nothing more is measured.
process.exit(0);
