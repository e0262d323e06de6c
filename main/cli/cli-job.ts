import type { JobPhase } from '../../shared/contract';
import { isOrdelogError } from '../../shared/errors';
import type { JobContext } from '../services/jobs';
import type { Output } from './commands';
import { exitCodes } from './exit-codes';

const phaseWords: Record<JobPhase, string> = {
  reading: 'lezen',
  writing: 'schrijven',
  printing: 'afdrukken',
  recording: 'vastleggen',
  checking: 'controleren',
  copying: 'kopiëren',
};

/**
 * The job a long command runs as: its progress is the terminal's progress line (`what — phase: n%`), and from
 * the moment the job exists Ctrl-C cancels it instead of ending the process, so the work can stop where it
 * leaves nothing half-written. A second Ctrl-C ends the process as usual.
 */
export function cliJob(io: Output, what: string): JobContext {
  const signal = io.interrupt?.() ?? new AbortController().signal;
  const { progress } = io;
  return {
    signal,
    progress: progress
      ? (phase, done, total) => progress.update(`${what} — ${phaseWords[phase]}: ${total > 0 ? Math.floor((done * 100) / total) : 0}%`)
      : () => undefined,
  };
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Whether Ctrl-C came while synchronous work ran: the signal is only heard when the event loop polls again, which
 * it does between two turns of its check phase.
 */
export async function interruptedMeanwhile(job: JobContext): Promise<boolean> {
  await nextTurn();
  await nextTurn();
  return job.signal.aborted;
}

/**
 * Runs a command's work as `job` (the work clears the progress line before it reports). When the work fails the
 * line is cleared for the message; when it was cancelled, `stopped` says what that left (nothing changed, or
 * what was), with exit code 130 as a shell gives Ctrl-C.
 */
export async function runAsJob(io: Output, stopped: string, work: () => Promise<number>): Promise<number> {
  try {
    return await work();
  } catch (error) {
    io.progress?.end();
    if (isOrdelogError(error) && error.code === 'CANCELLED') {
      io.err(stopped);
      return exitCodes.cancelled;
    }
    throw error;
  }
}
