import { zodResolver } from '@hookform/resolvers/zod';
import type { FieldErrors, Resolver } from 'react-hook-form';
import type { z } from 'zod';
import { fieldLabel, validationErrorMap, withoutFullStop } from '../../../shared/validation-messages';
import { currentLanguage } from '../../i18n';

/**
 * The resolver every form uses (`inputForm` schemas, or a plain object schema of shared rules). A field's
 * message names the rule in the UI's language, the way the main process would ("maximaal 50.000 tekens; u
 * plakte 228.000 tekens"); the field itself is named by its label on the screen.
 */
export function formResolver<S extends z.ZodType<unknown, Record<string, unknown>>>(schema: S): Resolver<z.input<S>, unknown, z.output<S>> {
  const error: z.core.$ZodErrorMap = (issue) => validationErrorMap(currentLanguage())(issue);
  return zodResolver(schema as never, { error }) as unknown as Resolver<z.input<S>, unknown, z.output<S>>;
}

/**
 * What a submit refused, as one sentence per field with the field named: "Tekst: maximaal 50.000 tekens; u plakte
 * 228.000 tekens." The fields show their own message too; this is the alert a screen reader hears at once.
 */
export function formProblems(errors: FieldErrors): string {
  const language = currentLanguage();
  return Object.entries(errors)
    .filter(([, error]) => typeof error?.message === 'string' && error.message !== '')
    .map(([key, error]) => `${fieldLabel([key])[language]}: ${withoutFullStop(String(error?.message))}.`)
    .join(' ');
}
