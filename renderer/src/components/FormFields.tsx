import type { KeyboardEvent } from 'react';
import { useController, type Control, type FieldValues, type Path } from 'react-hook-form';
import type { DateTimeValue } from '../../../shared/time';
import { DateTimeField } from './DateTimeField';
import { TextAreaField } from './Field';

/** Fields bound to a react-hook-form form, for the forms of every screen. */

/** `DateTimeField` bound to a form field of react-hook-form; the field holds a `DateTimeValue`. */
export function TimeField<V extends FieldValues, T>({
  control,
  name,
  ...field
}: {
  control: Control<V, unknown, T>;
  name: Path<V>;
  id: string;
  label: string;
  hint?: string;
  autoFocus?: boolean;
}) {
  const { field: bound, fieldState } = useController({ control, name });
  return <DateTimeField {...field} value={bound.value as DateTimeValue} onChange={bound.onChange} inputRef={bound.ref} error={fieldState.error?.message} />;
}

/**
 * A textarea bound to a form field of react-hook-form, controlled so its limit shows the count as the user types
 * ("12 / 5.000 tekens") and is right again after the form is emptied.
 */
export function LongText<V extends FieldValues, T>({
  control,
  name,
  ...field
}: {
  control: Control<V, unknown, T>;
  name: Path<V>;
  id: string;
  label: string;
  hint?: string;
  rows?: number;
  required?: boolean;
  autoFocus?: boolean;
  maxLength: number;
  'aria-describedby'?: string;
  onKeyDown?(event: KeyboardEvent<HTMLTextAreaElement>): void;
}) {
  const { field: bound, fieldState } = useController({ control, name });
  return <TextAreaField {...field} {...bound} error={fieldState.error?.message} />;
}
