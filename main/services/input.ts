import type { z } from 'zod';
import { OrdelogError } from '../../shared/errors';

/** `entries.3.occurredAt`; an unknown key is named as if it were a field; the whole input is `(invoer)`. */
export function issuePath(issue: z.core.$ZodIssue): string {
  const path = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0] ?? ''] : issue.path;
  return path.length > 0 ? path.map(String).join('.') : '(invoer)';
}

/** INVALID_INPUT naming the first bad field (never its value). */
export function invalidInput(error: z.ZodError): OrdelogError {
  const first = error.issues[0];
  return new OrdelogError('INVALID_INPUT', { detail: first ? issuePath(first) : '(invoer)' });
}

export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw invalidInput(result.error);
}

export function invalidField(path: string): OrdelogError {
  return new OrdelogError('INVALID_INPUT', { detail: path });
}
