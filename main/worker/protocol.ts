import type { JobPhase, LockReason, OrdelogEvent } from '../../shared/contract';
import type { ErrorCode } from '../../shared/errors';
import type { FieldIssue } from '../../shared/validation-messages';
import type { AdminJobName } from './admin-jobs';
import type { StructureReport } from '../../db/structure';
import type { Result } from '../../shared/result';
import type { PrintJob } from '../services/pdf/printer';
import type { Sender } from '../ipc/dispatcher';
import type { UnlockDelays } from '../app/unlock-throttle';

/**
 * The messages between the thread that owns the window (Electron's main thread, the browser host's server, the
 * CLI) and the vault worker. Plain data only: the contract's channel, its raw input and the sender as values go
 * in, the dispatcher's `Result` comes out. Nothing but the worker ever holds a key or a database connection.
 */

/** What the worker needs to start: the same options the controller gets in-process, as plain values. */
export interface VaultWorkerData {
  vaultDir: string;
  appVersion: string;
  origin: 'app' | 'browser-host';
  trustedOrigins: string[];
  /** Tests only: a short idle lock. */
  idleLockMsOverride?: number;
  /** Tests only: shorter waits after a wrong passphrase. */
  unlockDelays?: UnlockDelays;
}

/** How a worker starts: serving the app's contract, or running one administrator's job (the CLI). */
export type WorkerStart = ({ mode: 'app' } & VaultWorkerData) | { mode: 'admin'; cancelFlag: SharedArrayBuffer };

/**
 * A helper of an admin worker's full verify (`structure-worker.ts`): SQLite's structure checks on a read-only
 * connection of its own, so they run beside the chain pass. It gets the database file and the data key (from the
 * worker that holds it, never from the CLI's thread), answers one `StructureAnswer`, and ends.
 */
export interface StructureCheckStart {
  file: string;
  key: Uint8Array;
}

export type StructureAnswer = { ok: true; report: StructureReport } | { ok: false; errorClass: string };

/** An administrator's job for a worker started in `admin` mode: it opens the vault itself, runs, and locks. */
export interface AdminJobRequest {
  type: 'admin';
  job: AdminJobName;
  vault: { dir: string; userName: string; passphrase: string };
  args: unknown;
}

export type FromAdminWorker =
  | { type: 'progress'; phase: JobPhase; done: number; total: number }
  | { type: 'done'; value: unknown }
  | { type: 'failed'; error: { code: ErrorCode; detail: string | undefined; fields: readonly FieldIssue[] } | { errorClass: string } };

export type ToWorker =
  | { type: 'call'; id: number; channel: string; input: unknown; sender: Sender }
  | { type: 'lock'; reason: LockReason }
  | { type: 'printed'; id: number; pdf: Uint8Array }
  | { type: 'print-failed'; id: number; code: 'PRINT_FAILED' | 'PRINTER_UNAVAILABLE' }
  /** Lock for shutdown and answer `closed`; the owner then ends the thread. */
  | { type: 'close' }
  | AdminJobRequest
  | { type: 'cancel' };

export type FromWorker =
  | { type: 'ready' }
  | { type: 'result'; id: number; result: Result<unknown> }
  | { type: 'event'; event: OrdelogEvent }
  | { type: 'print'; id: number; job: PrintJob }
  | { type: 'diagnostics'; call: { channel: string; ms: number; outcome: string } }
  | { type: 'diagnostics'; error: { where: string; errorClass: string; code: string | undefined } }
  | { type: 'closed' };
