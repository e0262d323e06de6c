import { appendFileSync, existsSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * What a municipality's IT can read when Ordelog misbehaves: one JSON line per event in `diagnostics.log` in the
 * vault's folder, rotated at `maxBytes` into `diagnostics.log.1` … `.N`. Only what the code names itself goes in:
 * channel names, error classes and codes, timings. Never input, output or an error's message, which can hold
 * case text; the lines are built from fixed fields, so nothing else can reach the file.
 */
export interface DiagnosticsLog {
  /** A call the renderer made: written when it took longer than `slowMs` or failed unexpectedly. */
  call(channel: string, ms: number, outcome: string): void;
  /** An unexpected error, by class and code. */
  error(where: string, errorClass: string, code: string | undefined): void;
  /** Something the shell saw happen (a renderer gone, a failed start), in its own fixed words. */
  event(text: string): void;
}

export interface DiagnosticsOptions {
  /** A call slower than this gets a line. */
  slowMs?: number;
  maxBytes?: number;
  /** Rotated files kept beside the current one. */
  keep?: number;
  now?: () => Date;
}

export const diagnosticsFileName = 'diagnostics.log';

export function createDiagnosticsLog(dir: string, options: DiagnosticsOptions = {}): DiagnosticsLog {
  const slowMs = options.slowMs ?? 200;
  const maxBytes = options.maxBytes ?? 1024 * 1024;
  const keep = options.keep ?? 3;
  const now = options.now ?? (() => new Date());
  const file = join(dir, diagnosticsFileName);

  function rotate(): void {
    for (let index = keep - 1; index >= 1; index -= 1) {
      if (existsSync(`${file}.${index}`)) renameSync(`${file}.${index}`, `${file}.${index + 1}`);
    }
    renameSync(file, `${file}.1`);
  }

  function write(fields: Record<string, string | number>): void {
    try {
      // Before the vault exists there is no folder to write into, and nothing worth keeping yet.
      if (!existsSync(dir)) return;
      if (existsSync(file) && statSync(file).size > maxBytes) rotate();
      appendFileSync(file, `${JSON.stringify({ at: now().toISOString(), ...fields })}\n`, { mode: 0o600 });
    } catch {
      // Diagnostics must never break the work they describe.
    }
  }

  return {
    call(channel, ms, outcome) {
      if (ms > slowMs) write({ kind: 'slow', channel, ms: Math.round(ms), outcome });
      else if (outcome === 'INTERNAL') write({ kind: 'failed', channel, ms: Math.round(ms), outcome });
    },
    error(where, errorClass, code) {
      write({ kind: 'error', where, errorClass, ...(code === undefined ? {} : { code }) });
    },
    event(text) {
      write({ kind: 'event', text });
    },
  };
}
