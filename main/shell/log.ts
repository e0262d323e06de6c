import type { DiagnosticsLog } from '../diagnostics';

/**
 * The shell's only output. It names what happened and, for errors, only their class and code: error
 * messages can carry case data (a query, a file name, a title), and this output ends up in terminals,
 * crash reports and support e-mails.
 */
export function describeError(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return typeof code === 'string' ? `${error.name} ${code}` : error.name;
  }
  return typeof error;
}

let diagnostics: DiagnosticsLog | null = null;

/** Where the shell's events also go once the vault's folder is known: the rotating diagnostics log. */
export function setShellDiagnostics(log: DiagnosticsLog): void {
  diagnostics = log;
}

export function logShellEvent(event: string, error?: unknown): void {
  const suffix = error === undefined ? '' : ` (${describeError(error)})`;
  process.stderr.write(`[ordelog] ${event}${suffix}\n`);
  diagnostics?.event(`${event}${suffix}`);
}
