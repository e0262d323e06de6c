import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyChains } from '../../db/chain';
import { closeReplicaOf } from '../../db/replica/handles';
import { unlockVault, type UnlockedVault } from '../../db/vault';
import { createCase } from '../../main/services/cases';
import { appendEntry } from '../../main/services/entries';
import { listExports } from '../../main/services/export-register';
import { sessionFor } from '../../main/services/session';
import { importBundle } from '../../main/services/sharing/bundles';
import { bundleFor, finalLogOf, introduce, party, type LogRow, type Party } from '../helpers/partners';
import { testPassphrase, testUserName } from '../helpers/vault';

/*
 * Kills a process that reads a bundle into a vault with SIGKILL at a random moment, 100 times, and checks that
 * the case is then either absent or whole, never half there, and that reading the bundle again makes it whole.
 *
 * The child is bundled once with esbuild, as in crash.test.ts; the native addons stay outside and resolve
 * through a link to node_modules.
 */

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const rounds = 100;
const entries = 200;

let scratch: string;
let childScript: string;
let owner: Party;
let partner: Party;
let caseId: string;
let bundleFile: string;
let bundle: Buffer;
/** The partner vault before the import, copied afresh for every round. */
let pristine: string;
/** What the bundle holds: the owner's log before its line about this bundle. */
let expected: LogRow[];

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'ordelog-'));
  childScript = join(scratch, 'bundle-import-child.mjs');
  buildSync({
    entryPoints: [join(repoRoot, 'tests/fault/bundle-import-child.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // The engine's packages are bundled too (loading them one file at a time doubles the start-up); the native
    // addons stay outside, and the CommonJS among the bundled ones needs a require.
    external: ['better-sqlite3', 'rocksdb-native', 'sodium-native', 'fs-native-extensions', 'quickbit-native', 'simdle-native', 'require-addon'],
    banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
    outfile: childScript,
    logLevel: 'silent',
  });
  symlinkSync(join(repoRoot, 'node_modules'), join(scratch, 'node_modules'), 'junction');
  cpSync(join(repoRoot, 'db/migrations'), join(scratch, 'migrations'), { recursive: true });

  owner = await party('Gemeente Lindedorp', 'OOV-adviseur Jansen');
  partner = await party('Politie basisteam Lindedorp', 'Wijkagent de Vries');
  introduce(owner, partner);
  caseId = createCase(owner.session, { title: 'Oproep tot rellen bij het station' }).id;
  for (let n = 0; n < entries; n += 1) {
    appendEntry(owner.session, { caseId, type: 'waarneming', text: `Waarneming ${n}: groep jongeren bij het station, ${'stemming grimmig; '.repeat(n % 7)}` });
  }
  bundle = await bundleFor(owner, partner, caseId);
  bundleFile = join(scratch, 'zaak.ordelogpakket');
  writeFileSync(bundleFile, bundle);
  expected = finalLogOf(owner.test.vault, caseId).slice(0, -1);
  expect(expected.length).toBeGreaterThan(entries);
  pristine = join(scratch, 'pristine');
  await closeReplicaOf(partner.test.vault.database);
  partner.test.vault.lock();
  cpSync(partner.test.dir, pristine, { recursive: true });
});

afterAll(() => {
  owner?.test.cleanup();
  partner?.test.cleanup();
  rmSync(scratch, { recursive: true, force: true });
});

interface ChildRun {
  lines: string[];
  killed: boolean;
  /** From `ready` to the child's exit. */
  readyMs: number;
}

/** Runs the child on `dir`; kills it `delayMs` after it printed `ready`, if given and it is still running. */
function runChild(dir: string, delayMs?: number): Promise<ChildRun> {
  const child = spawn(process.execPath, [childScript, dir, bundleFile], { stdio: ['ignore', 'pipe', 'pipe'] });
  let readyAt: number | undefined;
  return new Promise<ChildRun>((resolve, reject) => {
    let buffered = '';
    let stderr = '';
    const lines: string[] = [];
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      buffered += chunk;
      const parts = buffered.split('\n');
      buffered = parts.pop() ?? '';
      for (const line of parts) {
        lines.push(line);
        if (line === 'ready' && readyAt === undefined) {
          readyAt = performance.now();
          if (delayMs !== undefined) setTimeout(() => child.kill('SIGKILL'), delayMs);
        }
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      const readyMs = performance.now() - (readyAt ?? performance.now());
      if (signal === 'SIGKILL') resolve({ lines, killed: true, readyMs });
      else if (code === 0) resolve({ lines, killed: false, readyMs });
      else reject(new Error(`child exited with ${code}: ${stderr}`));
    });
  });
}

type Found = 'absent' | 'whole';

/** What the vault holds of the case: nothing of it, or all the bundle carried; anything else fails the test. */
function caseState(vault: UnlockedVault): Found {
  const sqlite = vault.database.sqlite;
  const caseRows = sqlite.prepare('SELECT count(*) FROM cases WHERE id = ?').pluck().get(caseId);
  const replicas = sqlite.prepare('SELECT count(*) FROM case_replicas').pluck().get();
  const logRows = sqlite.prepare('SELECT count(*) FROM log_entries').pluck().get();
  const authors = sqlite.prepare('SELECT count(*) FROM replica_authors').pluck().get();
  expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
  expect(verifyChains(sqlite)).toMatchObject({ ok: true });
  if (caseRows === 0) {
    expect({ replicas, logRows, authors }).toEqual({ replicas: 0, logRows: 0, authors: 0 });
    return 'absent';
  }
  expect(finalLogOf(vault, caseId)).toEqual(expected);
  expect(replicas).toBe(1);
  return 'whole';
}

async function inVault<T>(dir: string, use: (vault: UnlockedVault) => Promise<T>): Promise<T> {
  const vault = await unlockVault(dir, testUserName, testPassphrase);
  try {
    return await use(vault);
  } finally {
    await closeReplicaOf(vault.database);
    vault.lock();
  }
}

describe('reading a bundle survives SIGKILL at any moment', () => {
  it(`leaves the case absent or whole, and whole once read again, over ${rounds} kills`, async () => {
    const started = performance.now();
    const dir = join(scratch, 'round');
    cpSync(pristine, dir, { recursive: true });
    const full = await runChild(dir);
    expect(full.lines.at(-1)).toBe('done');
    const importMs = full.readyMs;
    await inVault(dir, async (vault) => expect(caseState(vault)).toBe('whole'));
    rmSync(dir, { recursive: true, force: true });

    // A killed import is read again by the next round's child, which may be killed in turn: the import resumes
    // from whatever the kill left. Once the case is whole the vault starts afresh.
    const found: Record<Found, number> = { absent: 0, whole: 0 };
    const lastStep: Record<string, number> = {};
    let resumed = 0;
    let fresh = true;
    cpSync(pristine, dir, { recursive: true });
    for (let round = 0; round < rounds; round += 1) {
      // Spread across the whole import, a little past its usual end (a run under load can be slower).
      const { lines, killed } = await runChild(dir, Math.random() * importMs * 1.1);
      const step = killed ? (lines.at(-1) ?? 'start') : 'not interrupted';
      lastStep[step] = (lastStep[step] ?? 0) + 1;
      const state = await inVault(dir, async (vault) => caseState(vault));
      if (!killed) {
        expect(state).toBe('whole');
        if (!fresh) resumed += 1;
      } else found[state] += 1;
      fresh = false;
      if (state === 'whole') {
        rmSync(dir, { recursive: true, force: true });
        cpSync(pristine, dir, { recursive: true });
        fresh = true;
      }
    }
    // The last round's vault, read once more here: whole, the reading in the register once, nothing more to read.
    await inVault(dir, async (vault) => {
      const session = sessionFor(vault, 'app');
      await importBundle(session, bundle, {});
      expect(caseState(vault)).toBe('whole');
      expect(listExports(session, { caseId }).filter((record) => record.kind === 'pakket-ontvangen')).toHaveLength(1);
      await expect(importBundle(session, bundle, {})).resolves.toMatchObject({ added: 0, created: false });
    });
    expect(existsSync(join(dir, 'replica-tmp')) ? readdirSync(join(dir, 'replica-tmp')) : []).toEqual([]);
    console.info(
      `crash/bundle-import: ${entries} entries, uncut import ${Math.round(importMs)} ms; after the kill ${JSON.stringify(found)}; ` +
        `last step ${JSON.stringify(lastStep)}; ${resumed} imports completed over a killed one; ${Math.round(performance.now() - started)} ms in all`,
    );
    // The kills landed before the case arrived, and some import completed over a killed one.
    expect(found.absent).toBeGreaterThan(0);
    expect(resumed).toBeGreaterThan(0);
  }, 600_000);
});
