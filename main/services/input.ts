import type { z } from 'zod';
import { OrdelogError } from '../../shared/errors';
import { describeIssues, fieldLabel, type FieldIssue } from '../../shared/validation-messages';

/**
 * INVALID_INPUT naming each bad field and the rule it breaks (never its value); `detail` stays the first path.
 * `input` is what was parsed, for the length of a text that is too long.
 */
export function invalidInput(error: z.ZodError, input?: unknown): OrdelogError {
  const fields = describeIssues(error.issues, input);
  return new OrdelogError('INVALID_INPUT', { detail: fields[0]?.path ?? '(invoer)', fields });
}

export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw invalidInput(result.error, input);
}

type Rule = { nl: string; en: string };

/** Most such fields are references; these say what else went wrong, by the field's own key. */
const rulesByKey: Record<string, Rule> = {
  seq: { nl: 'moet gelijk zijn aan de plaats in de lijst', en: 'must equal the position in the list' },
  corrects: { nl: 'moet naar een eerdere logregel wijzen', en: 'must point to an earlier entry' },
  sha256: { nl: 'past niet bij de inhoud van het bestand', en: 'does not match the content of the file' },
  redacted: { nl: 'een gelakte export kan niet worden ingelezen', en: 'a redacted export cannot be imported' },
  legalGround: { nl: 'verplicht bij een besloten kanaal', en: 'required for a closed channel' },
  number: { nl: 'komt twee keer voor', en: 'occurs twice' },
  entry: { nl: 'moet naar een eigen logregel van het type signaal wijzen', en: 'must point to a signal entry of its own' },
  retentionCategory: { nl: 'kies er een; met het sluiten begint de bewaartermijn', en: 'choose one; closing starts the retention period' },
  phaseIds: { nl: 'moet elke fase precies één keer noemen', en: 'must name every phase exactly once' },
};
const referenceRule: Rule = { nl: 'bestaat niet of past hier niet', en: 'does not exist or does not fit here' };

/** INVALID_INPUT for a field that parsed but does not hold up (an unknown id, a number out of sequence). */
export function invalidField(path: string, rule?: Rule): OrdelogError {
  const parts = path.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part));
  const key = parts.findLast((part): part is string => typeof part === 'string') ?? '';
  rule ??= rulesByKey[key] ?? referenceRule;
  const label = fieldLabel(parts);
  const field: FieldIssue = { path, nl: `${label.nl}: ${rule.nl}`, en: `${label.en}: ${rule.en}`, atPath: `${path}: ${rule.nl}` };
  return new OrdelogError('INVALID_INPUT', { detail: path, fields: [field] });
}
