import { readFile } from 'node:fs/promises';
import { backupVault } from '../../db/backup';
import type { UnlockedVault } from '../../db/vault';
import { OrdelogError } from '../../shared/errors';
import { importCase } from '../services/case-import';
import { throwIfCancelled, type JobContext } from '../services/jobs';
import type { Session } from '../services/session';
import { verify } from '../services/verify';

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
  async verify({ session }, { quick }, job) {
    return verify(session, {
      quick,
      progress: (done, total) => {
        throwIfCancelled(job);
        job.progress('checking', done, total);
      },
    });
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
