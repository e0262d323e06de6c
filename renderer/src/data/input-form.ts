import { z } from 'zod';
import type { DateTimeValue } from '../../../shared/time';

/** Reads a date-time field's value as a form submits it (`useReadDateTime` gives one with the fields' zone). */
export type ReadDateTime = (value: DateTimeValue) => { ok: true; iso: string | null } | { ok: false; message: string };

/**
 * A form's schema: its fields as the controls hold them (text, '' for "none", a typed time), turned into the
 * service's input by `toInput` and checked by that **shared** input schema. The rules live once, in `shared/`:
 * what the form refuses as the user submits is what the main process would refuse, under the same field names.
 */
export function inputForm<F extends z.ZodRawShape, I, O>(
  fields: F,
  toInput: (values: z.output<z.ZodObject<F>>, context: z.RefinementCtx) => I,
  input: z.ZodType<O, I>,
) {
  // zod types a transform's output as awaited; the inputs here are plain objects, so the two are the same.
  return z.object(fields).transform(toInput).pipe(input as z.ZodType<O, Awaited<I>>);
}

/** '' from a select's "none" option is `null` in an input. */
export const orNull = (value: string): string | null => (value === '' ? null : value);

/** A date-time field's value as the form holds it (`DateTimeField`); `timeInput` reads it. */
export const dateTimeValue = z.custom<DateTimeValue>((value) => typeof value === 'object' && value !== null && typeof (value as DateTimeValue).text === 'string');

/**
 * A typed time as an input field, inside a form schema's transform: left empty it is left out (undefined); a
 * time that cannot be recorded (not a time, an hour that never happened, a repeated hour not chosen, an early
 * date not confirmed) becomes an issue on this field, in the sentence `read` gives.
 */
export function timeInput(value: DateTimeValue, read: ReadDateTime, context: z.RefinementCtx, path: string): string | undefined {
  const result = read(value);
  if (result.ok) return result.iso ?? undefined;
  context.addIssue({ code: 'custom', path: [path], message: result.message });
  return undefined;
}
