import { errorMessages, type ErrorCode } from './errors';
import type { FieldMessage } from './validation-messages';

/**
 * What crosses every boundary between the renderer and the main process. Errors travel as data: a thrown error
 * loses everything but its message over Electron IPC, a result keeps its code.
 */
export interface Failure {
  code: ErrorCode;
  /** Dutch, for logs and as a fallback; the UI shows its own translation of `code`. Never case data. */
  message: string;
  /** Present when the request may be repeated only after this many milliseconds (failed unlocks). */
  retryAfterMs?: number;
  /** INVALID_INPUT: each bad field and the rule it breaks, in both languages (never the value). */
  fields?: FieldMessage[];
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: Failure };

export function success<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function failure(
  code: ErrorCode,
  options: { message?: string; retryAfterMs?: number; fields?: readonly FieldMessage[] } = {},
): Result<never> {
  const error: Failure = { code, message: options.message ?? errorMessages[code].nl };
  if (options.retryAfterMs !== undefined) error.retryAfterMs = options.retryAfterMs;
  if (options.fields && options.fields.length > 0) error.fields = options.fields.map(({ path, nl, en }) => ({ path, nl, en }));
  return { ok: false, error };
}
