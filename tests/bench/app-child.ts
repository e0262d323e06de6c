/**
 * The admin work of tests/bench/app.bench.ts in a fresh process, as `ordelog-admin` runs it: `verify` (full and
 * `--snel`) with its progress, `backup`, and `import` of a case file (read, parsed, `importCase` with its
 * progress), in that order, so the import's new case does not change what verify and backup read. Prints one JSON
 * line of `ChildResult`.
 *
 *   app-child <vault dir> <backup file> <case file>
 */
import { readFileSync } from 'node:fs';
import { backupVault } from '../../db/backup';
import { unlockVault } from '../../db/vault';
import { importCase } from '../../main/services/case-import';
import { sessionFor } from '../../main/services/session';
import { runAdminJob } from '../../main/worker/admin-client';
import { benchUser } from './app-data';

export interface Timed {
  ms: number;
  /** How many progress updates the caller heard, and the last one; null when the call takes no progress. */
  progress: { updates: number; done: number; total: number } | null;
}

export interface ChildResult {
  verify: Timed;
  quickVerify: Timed;
  backup: Timed & { bytes: number };
  import: Timed & { entries: number; parseMs: number };
}

function listener() {
  const heard = { updates: 0, done: 0, total: 0 };
  return { heard, progress: (done: number, total: number) => Object.assign(heard, { updates: heard.updates + 1, done, total }) };
}

async function main(dir: string, backupFile: string, caseFile: string): Promise<void> {
  // As ordelog-admin runs it: in the vault worker the CLI ships (built beside its bundle), which opens the vault
  // itself; the full check runs SQLite's structure checks in a thread beside the chain pass.
  const verifyOnce = async (quick: boolean): Promise<Timed> => {
    const { heard, progress } = listener();
    const started = performance.now();
    const report = await runAdminJob({
      job: 'verify',
      vault: { dir, userName: benchUser.name, passphrase: benchUser.passphrase },
      args: { quick },
      progress: (_phase, done, total) => progress(done, total),
      workerFile: new URL('../../dist/cli/vault-worker.mjs', import.meta.url),
    });
    if (!report.ok) throw new Error('verify found a problem in the benchmark vault');
    return { ms: performance.now() - started, progress: heard };
  };
  const full = await verifyOnce(false);
  const quick = await verifyOnce(true);

  const vault = await unlockVault(dir, benchUser.name, benchUser.passphrase);
  const session = sessionFor(vault, 'cli');
  try {
    const backupHeard = listener();
    let started = performance.now();
    const backup = await backupVault(vault, backupFile, {
      origin: 'cli',
      job: { signal: new AbortController().signal, progress: (_phase, done, total) => backupHeard.progress(done, total) },
    });
    const backupMs = performance.now() - started;

    started = performance.now();
    const parsed = JSON.parse(readFileSync(caseFile, 'utf8')) as { entries: unknown[] };
    const parseMs = performance.now() - started;
    const { heard, progress } = listener();
    started = performance.now();
    importCase(session, parsed, { progress });
    const importMs = performance.now() - started;

    const result: ChildResult = {
      verify: full,
      quickVerify: quick,
      backup: { ms: backupMs, progress: backupHeard.heard, bytes: backup.bytes },
      import: { ms: importMs, progress: heard, entries: parsed.entries.length, parseMs },
    };
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    vault.lock();
  }
}

const [dir, backupFile, caseFile] = process.argv.slice(2);
if (dir !== undefined && backupFile !== undefined && caseFile !== undefined) await main(dir, backupFile, caseFile);
