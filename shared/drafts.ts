import { z } from 'zod';
import { displayTimeZones } from './time';

/**
 * Drafts and personal settings: the inputs and results of the `drafts.*` and `settings.*Personal` channels.
 * Both belong to the signed-in user alone and live inside the encrypted vault, never in the renderer's storage.
 */

/** A form's draft key: `case/<case id>/<form>`, parts of letters, digits, `_` and `-` joined by `/`, `:` or `.`. */
export const draftKeySchema = z.string().max(200).regex(/^[\w-]+(?:[/:.][\w-]+)*$/);

/**
 * A form's values as JSON text: the renderer's own shape, stored and handed back as it is. Room for the largest
 * form (a briefing's three texts of 50,000 characters each), with the escapes JSON adds.
 */
export const draftValueMaxLength = 400_000;
export const draftValueSchema = z.string().min(2).max(draftValueMaxLength);

export const savedDraftSchema = z.strictObject({ key: draftKeySchema, value: z.string(), savedAt: z.iso.datetime() });
export type SavedDraft = z.infer<typeof savedDraftSchema>;

/** A screen of the signed-in app, as the address bar keeps it (`renderer/src/screens/SignedIn.tsx`). */
export const placeSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('list') }),
  z.strictObject({ kind: z.literal('directory') }),
  z.strictObject({ kind: z.literal('phaseModel') }),
  z.strictObject({ kind: z.literal('users') }),
  z.strictObject({ kind: z.literal('ownPassphrase') }),
  z.strictObject({ kind: z.literal('partners') }),
  z.strictObject({ kind: z.literal('case'), caseId: z.string().min(1).max(100), section: z.string().regex(/^[\w-]{1,40}$/) }),
]);
export type Place = z.infer<typeof placeSchema>;

/** Where the user was: the screen, and the form (and its field) they were typing in, if any. */
export const resumePointSchema = z.strictObject({
  place: placeSchema,
  form: draftKeySchema.nullable(),
  field: z.string().regex(/^[\w.]{1,100}$/).nullable(),
});
export type ResumePoint = z.infer<typeof resumePointSchema>;

export const saveDraftInput = z.strictObject({ key: draftKeySchema, value: draftValueSchema });
export const discardDraftInput = z.strictObject({ key: draftKeySchema });
export const draftsSchema = z.strictObject({ resume: resumePointSchema.nullable(), drafts: z.array(savedDraftSchema) });

export const uiLanguages = ['nl', 'en'] as const;
export type UiLanguage = (typeof uiLanguages)[number];

/** A user's own display settings; null where the user never chose (the window's current choice then stays). */
export const personalSettingsSchema = z.strictObject({
  language: z.enum(uiLanguages).nullable(),
  timeZone: z.enum(displayTimeZones).nullable(),
});
export type PersonalSettings = z.infer<typeof personalSettingsSchema>;
export const setPersonalSettingsInput = z.strictObject({
  language: z.enum(uiLanguages).optional(),
  timeZone: z.enum(displayTimeZones).optional(),
});
