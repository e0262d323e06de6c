import { z } from 'zod';

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
