import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyChains } from '../../db/chain';
import { knownSchemaVersion, openDatabase } from '../../db/open';
import { readKeySlots } from '../../db/keyslots';
import { addUser } from '../../db/users';
import { unlockVault, unlockWithRecoveryKey, vaultPaths } from '../../db/vault';
import { createCase } from '../../main/services/cases';
import { sessionFor } from '../../main/services/session';
import { appendLegacyEntry, migrationsJournal as journal, migrationsUpTo } from '../helpers/legacy-log';
import { createTestVault, testPassphrase, testUserName, type TestVault } from '../helpers/vault';

/*
 * Kills a process that writes to the vault with SIGKILL at random moments and checks that nothing it
 * reported as written is lost and the file stays sound; then does the same to a data key replacement.
 *
 * Spawn cost dominates here (`node --import tsx` takes ~0.6 s to start and unlock; 60+ rounds). The child is
 * bundled once with esbuild into the temp folder instead, beside a link to node_modules and a copy of the
 * migrations (open.ts finds them beside the module), and starts in about a third of that.
 */

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
let scratch: string;
let childScript: string;

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'ordelog-'));
  childScript = join(scratch, 'crash-child.mjs');
  buildSync({
    entryPoints: [join(repoRoot, 'tests/fault/crash-child.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // Bundling the pure-JS packages too halves the start-up (zod alone takes ~0.25 s to load unbundled);
    // the native driver and the replication engine (native modules found by path) stay outside, through the link.
    external: ['better-sqlite3', 'autobase', 'corestore'],
    outfile: childScript,
    logLevel: 'silent',
  });
  symlinkSync(join(repoRoot, 'node_modules'), join(scratch, 'node_modules'), 'junction');
  cpSync(join(repoRoot, 'db/migrations'), join(scratch, 'migrations'), { recursive: true });
});

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const randomBetween = (min: number, max: number) => min + Math.random() * (max - min);

interface ChildRun {
  lines: string[];
  killed: boolean;
  /** From the arming line to the child's exit. */
  armedMs: number;
}

interface RunningChild {
  /** Resolves when the arming line has been printed. */
  armed: Promise<void>;
  finished: Promise<ChildRun>;
  kill(): void;
}

/**
 * Starts the child; once a line satisfying `armOn` appears, kills it after `delayMs` (if given).
 * `finished` resolves with the complete lines it printed.
 */
function startChild(args: string[], armOn: (line: string) => boolean, delayMs?: number): RunningChild {
  const child = spawn(process.execPath, [childScript, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let armedAt: number | undefined;
  let onArmed: () => void = () => undefined;
  const armed = new Promise<void>((resolve) => (onArmed = resolve));
  const finished = new Promise<ChildRun>((resolve, reject) => {
    let buffered = '';
    let stderr = '';
    const lines: string[] = [];
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      buffered += chunk;
      const parts = buffered.split('\n');
      buffered = parts.pop() ?? '';
      for (const line of parts) {
        lines.push(line);
        if (armedAt === undefined && armOn(line)) {
          armedAt = performance.now();
          onArmed();
          if (delayMs !== undefined) setTimeout(() => child.kill('SIGKILL'), delayMs);
        }
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      const armedMs = performance.now() - (armedAt ?? performance.now());
      if (signal === 'SIGKILL') resolve({ lines, killed: true, armedMs });
      else if (code === 0) resolve({ lines, killed: false, armedMs });
      else reject(new Error(`child exited with ${code}: ${stderr}`));
    });
  });
  return { armed, finished, kill: () => child.kill('SIGKILL') };
}

describe('appends survive SIGKILL', () => {
  let test: TestVault;
  let caseId: string;

  beforeAll(async () => {
    test = await createTestVault();
    caseId = createCase(sessionFor(test.vault, 'app'), { title: 'Oproep tot rellen bij het station' }).id;
    test.vault.lock();
  });
  afterAll(() => test.cleanup());

  it('turns away a second process while the first holds the vault', async () => {
    const child = startChild([test.dir, 'append', caseId], () => true);
    await child.armed;
    const code = await unlockVault(test.dir, testUserName, testPassphrase).then(
      (vault) => vault.lock(),
      (error: { code?: string }) => error.code,
    );
    child.kill();
    await child.finished;
    expect(code).toBe('VAULT_BUSY');
  });

  it('keeps every reported row and a sound file over 50 random kills', async () => {
    const started = performance.now();
    let reported = 0;
    for (let round = 0; round < 50; round += 1) {
      const { lines, killed } = await startChild([test.dir, 'append', caseId], () => true, randomBetween(20, 300)).finished;
      expect(killed).toBe(true);
      expect(lines.length).toBeGreaterThan(0);

      const vault = await unlockVault(test.dir, testUserName, testPassphrase);
      try {
        const stored = new Set(vault.database.sqlite.prepare('SELECT id FROM log_entries WHERE case_key = (SELECT key FROM cases WHERE id = ?)').pluck().all(caseId));
        expect(lines.filter((id) => !stored.has(id))).toEqual([]);
        expect(vault.database.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
        expect(verifyChains(vault.database.sqlite).ok).toBe(true);
      } finally {
        vault.lock();
      }
      reported += lines.length;
    }
    console.info(`crash/append: 50 kills, ${reported} reported entries all present, chains sound, ${Math.round(performance.now() - started)} ms`);
  });
});

describe('a data key replacement survives SIGKILL at any point', () => {
  let test: TestVault;
  let recoveryKey: string;
  const rows = 20_000;

  beforeAll(async () => {
    test = await createTestVault();
    recoveryKey = test.recoveryKey;
    await addUser(test.vault, { name: 'tweede', displayName: 'Tweede', role: 'redacteur', passphrase: 'tweede wachtwoordzin' });
    // Enough pages that the rekey takes long enough to be interrupted at every stage, its commit included.
    const insert = test.vault.database.sqlite.prepare('INSERT INTO settings (key, value) VALUES (?, ?)');
    test.vault.database.sqlite.transaction(() => {
      for (let i = 0; i < rows; i += 1) insert.run(`bulk.${i}`, 'x'.repeat(200));
    })();
    test.vault.lock();
  });
  afterAll(() => test.cleanup());

  async function expectEveryoneCanUnlock(): Promise<void> {
    const vault = await unlockVault(test.dir, testUserName, testPassphrase);
    try {
      expect(readKeySlots(vaultPaths(test.dir).keySlots).pendingKeyId).toBeUndefined();
      expect(vault.database.sqlite.prepare("SELECT count(*) FROM settings WHERE key LIKE 'bulk.%'").pluck().get()).toBe(rows);
      expect(vault.database.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      vault.lock();
    }
    (await unlockVault(test.dir, 'tweede', 'tweede wachtwoordzin')).lock();
    (await unlockWithRecoveryKey(test.dir, recoveryKey)).lock();
  }

  it('leaves a vault every user and the recovery key can open', async () => {
    const full = await startChild([test.dir, 'rekey'], (line) => line === 'ready').finished;
    const rekeyMs = full.armedMs;
    expect(full.lines).toContain('finished');
    await expectEveryoneCanUnlock();

    const interruptedAfter: string[] = [];
    let hotJournals = 0;
    for (let round = 0; round < 12; round += 1) {
      const { lines, killed } = await startChild([test.dir, 'rekey'], (line) => line === 'ready', randomBetween(0, rekeyMs))
        .finished;
      interruptedAfter.push(killed ? (lines.at(-1) ?? 'start') : 'not interrupted');
      if (existsSync(`${vaultPaths(test.dir).database}-journal`)) hotJournals += 1;
      await expectEveryoneCanUnlock();
    }
    console.info(
      `crash/rekey: child run ${Math.round(rekeyMs)} ms; killed after: ${interruptedAfter.join(', ')}; ` +
        `${hotJournals} left a rollback journal`,
    );
  });
});

describe('moving a vault to the store of migration 0008 survives SIGKILL at any point', () => {
  const entries = 20_000;
  let file: string;
  let key: Buffer;
  let legacy: { id: string; prevHash: string; hash: string }[];

  beforeAll(() => {
    file = join(scratch, 'legacy.db');
    key = randomBytes(32);
    const before = journal().entries.findIndex((entry) => entry.tag === '0008_store_at_the_floor');
    const store = openDatabase(file, key, { create: true, seed: false, migrationsFolder: migrationsUpTo(scratch, before) });
    const at = '2026-03-01T10:00:00.000Z';
    store.sqlite.prepare("INSERT INTO users (id, name, display_name, role, created_at) VALUES ('u1', 'joost', 'Joost', 'redacteur', ?)").run(at);
    store.sqlite.prepare("INSERT INTO phases (id, ordinal, name, description) VALUES ('online-signaal', 2, 'Online signaal', '')").run();
    const insertCase = store.sqlite.prepare(
      `INSERT INTO cases (id, title, status, classification, content_class, current_phase_id, created_at, created_by_name,
         head_seq, head_hash) VALUES (?, ?, 'open', 'vertrouwelijk', 'ongewenst', 'online-signaal', ?, 'Joost', 0, ?)`,
    );
    insertCase.run('c1', 'Station', at, '0'.repeat(64));
    insertCase.run('c2', 'Plein', at, '0'.repeat(64));
    store.sqlite.transaction(() => {
      for (let i = 0; i < entries; i += 1) {
        appendLegacyEntry(store.sqlite, {
          id: `e${i}`, caseId: i % 3 === 0 ? 'c2' : 'c1', type: 'waarneming', text: `Waarneming ${i} bij het station`,
          occurredAt: at, recordedAt: at, authorId: 'u1', authorName: 'Joost', source: null, sourceReliability: null,
          informationCredibility: null, correctsEntryId: null, personalData: false, phaseId: 'online-signaal',
          location: i % 10 === 0 ? 'Stationsplein' : null,
        });
      }
    })();
    legacy = store.sqlite.prepare('SELECT id, prev_hash AS prevHash, hash FROM log_entries ORDER BY id').all() as typeof legacy;
    store.close();
  });

  const schemaVersion = (): number => {
    const store = openDatabase(file, key, { readonly: true });
    try {
      return store.sqlite.pragma('user_version', { simple: true }) as number;
    } finally {
      store.close();
    }
  };

  it('is either not begun or done after each kill, and done keeps every hash', async () => {
    const versionBefore = schemaVersion();
    const backup = `${file}.orig`;
    cpSync(file, backup);
    const full = await startChild([file, 'migrate', key.toString('hex')], (line) => line === 'ready').finished;
    expect(full.lines).toContain('migrated');
    const migrateMs = full.armedMs;
    const outcomes: string[] = [];
    for (let round = 0; round < 8; round += 1) {
      cpSync(backup, file);
      for (const suffix of ['-wal', '-shm']) rmSync(file + suffix, { force: true });
      const { killed } = await startChild([file, 'migrate', key.toString('hex')], (line) => line === 'ready', randomBetween(0, migrateMs))
        .finished;
      const version = schemaVersion();
      outcomes.push(killed ? `killed at v${version}` : 'finished');
      // Never half: the old layout whole (to be moved again at the next unlock) or the new one whole, with every
      // later migration (they run in the same transaction).
      expect([versionBefore, knownSchemaVersion()]).toContain(version);
      const store = openDatabase(file, key);
      try {
        expect(store.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
        expect(store.sqlite.prepare('SELECT id, lower(hex(prev_hash)) AS prevHash, lower(hex(hash)) AS hash FROM log_entries ORDER BY id').all()).toEqual(legacy);
        expect(verifyChains(store.sqlite)).toMatchObject({ ok: true, entriesChecked: entries });
      } finally {
        store.close();
      }
    }
    console.info(`crash/migrate 0008: ${entries} entries, full run ${Math.round(migrateMs)} ms; ${outcomes.join(', ')}`);
  });
});
