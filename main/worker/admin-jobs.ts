import { readFile } from 'node:fs/promises';
import { backupVault } from '../../db/backup';
import { vaultInternals, type UnlockedVault } from '../../db/vault';
import { Worker } from 'node:worker_threads';
import { OrdelogError } from '../../shared/errors';
import { importCase } from '../services/case-import';
import { throwIfCancelled, type JobContext } from '../services/jobs';
import type { Session } from '../services/session';
import type { StructureReport } from '../../db/structure';
import { verify, verifyOnTwoThreads } from '../services/verify';
import type { StructureAnswer, StructureCheckStart } from './protocol';
import { workerEntry } from './vault-host';

/**
 * The administrator's long work (ordelog-admin verify, backup, import), run in the vault worker: the vault is
 * opened there, the work reports progress and can be cancelled, and the calling thread (the CLI's) stays free to
 * print progress and hear Ctrl-C. Arguments and answers are plain data; the passphrase only passes through.
 */
export interface AdminJobs {
  verify: { args: { quick: boolean }; value: ReturnType<typeof verify> };
  backup: { args: { out: string }; value: Awaited<ReturnType<typeof backupVault>> };
  /** `file` is read and parsed here, off the calling thread: a 100,000-entry case file is about 70 MB. */
  import: { args: { file: string }; value: { id: string; title: string } };
}
export type AdminJobName = keyof AdminJobs;

interface Opened {
  vault: UnlockedVault;
  session: Session;
}

type Runner<J extends AdminJobName> = (opened: Opened, args: AdminJobs[J]['args'], job: JobContext) => Promise<AdminJobs[J]['value']>;

export const adminJobs: { [J in AdminJobName]: Runner<J> } = {
  async verify({ vault, session }, { quick }, job) {
    const progress = (done: number, total: number) => {
      throwIfCancelled(job);
      job.progress('checking', done, total);
    };
    if (quick) return verify(session, { quick, progress });
    const helper = structureCheckThread(vault);
    try {
      return await verifyOnTwoThreads(session, { progress }, () => helper.report);
    } finally {
      await helper.stop();
    }
  },
  backup({ vault }, { out }, job) {
    return backupVault(vault, out, { origin: 'cli', job });
  },
  async import({ session }, { file }, job) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(await readFile(file, 'utf8'));
    } catch (error) {
      throw new OrdelogError('INVALID_INPUT', { detail: `(${file} is geen leesbaar JSON-bestand)`, cause: error });
    }
    throwIfCancelled(job);
    // The case is written in one transaction; a cancel heard between two batches of entries rolls it back whole.
    const created = importCase(session, parsed, {
      progress: (done, total) => {
        throwIfCancelled(job);
        job.progress('writing', done, total);
      },
    });
    return { id: created.id, title: created.title };
  },
};

/** SQLite's structure checks in a thread of their own, on the vault's file with a copy of its data key. */
function structureCheckThread(vault: UnlockedVault): { report: Promise<StructureReport>; stop: () => Promise<void> } {
  const { paths, dataKey } = vaultInternals(vault);
  const { file, entry } = workerEntry('structure-worker');
  const key = new Uint8Array(dataKey.key);
  const thread = new Worker(file, { workerData: { file: paths.database, key, entry } satisfies StructureCheckStart & { entry?: string } });
  key.fill(0);
  const failed = (what: string) => new OrdelogError('INTERNAL', { detail: `(controle van de databasestructuur: ${what})` });
  const report = new Promise<StructureReport>((resolve, reject) => {
    thread.once('message', (answer: StructureAnswer) => (answer.ok ? resolve(answer.report) : reject(failed(answer.errorClass))));
    thread.once('error', (error) => reject(failed(error.name)));
    thread.once('exit', (code) => reject(failed(`gestopt (${code})`)));
  });
  return { report, stop: async () => void (await thread.terminate()) };
}
