import type { Failure } from '../../../shared/result';
import { errorText } from '../api';

/** The text of a form's alert: the fields it refused (`formProblems`), else what the main process refused. */
export function alertText(problems: string, error: Failure | string | null): string {
  if (problems) return problems;
  if (!error) return '';
  return typeof error === 'string' ? error : errorText(error);
}

/** A dialog's alert line, always present so a screen reader hears it as soon as it has text. */
export function FormAlert({ problems, error }: { problems: string; error: Failure | string | null }) {
  return (
    <p role="alert" className="form-error">
      {alertText(problems, error)}
    </p>
  );
}
