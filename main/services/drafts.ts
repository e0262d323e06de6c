import { deleteDraft, listDrafts, readUserSettings, upsertDraft, writeUserSetting } from '../../db/repositories/drafts';
import {
  discardDraftInput,
  personalSettingsSchema,
  resumePointSchema,
  saveDraftInput,
  setPersonalSettingsInput,
  type PersonalSettings,
  type ResumePoint,
  type SavedDraft,
} from '../../shared/drafts';
import type { z } from 'zod';
import { parseInput } from './input';
import { now, type Session } from './session';

/*
 * The signed-in user's own drafts, resume point and display settings. Every call is scoped to `session.user`:
 * there is no way to name another user, so nobody reads or replaces another's draft. None of it is audited or
 * goes through `mutate()`: it is not evidence, and the renderer saves a draft each time typing pauses.
 */

const resumeKey = 'resume';

/** A value stored by an older or newer version that no longer fits the schema reads as "not set". */
function readJson<S extends z.ZodType>(schema: S, text: string | undefined): z.output<S> | null {
  if (text === undefined) return null;
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function loadDrafts(session: Session): { resume: ResumePoint | null; drafts: SavedDraft[] } {
  const settings = readUserSettings(session.db, session.user.id);
  return { resume: readJson(resumePointSchema, settings.get(resumeKey)), drafts: listDrafts(session.db, session.user.id) };
}

export function saveDraft(session: Session, input: z.input<typeof saveDraftInput>): { savedAt: string } {
  const { key, value } = parseInput(saveDraftInput, input);
  const savedAt = now();
  upsertDraft(session.db, session.user.id, { key, value, savedAt });
  return { savedAt };
}

export function discardDraft(session: Session, input: z.input<typeof discardDraftInput>): Record<string, never> {
  const { key } = parseInput(discardDraftInput, input);
  deleteDraft(session.db, session.user.id, key);
  return {};
}

export function saveResumePoint(session: Session, input: z.input<typeof resumePointSchema>): Record<string, never> {
  const resume = parseInput(resumePointSchema, input);
  writeUserSetting(session.db, session.user.id, resumeKey, JSON.stringify(resume), now());
  return {};
}

const languageSchema = personalSettingsSchema.shape.language.unwrap();
const timeZoneSchema = personalSettingsSchema.shape.timeZone.unwrap();

export function readPersonalSettings(session: Session): PersonalSettings {
  const settings = readUserSettings(session.db, session.user.id);
  return { language: readJson(languageSchema, settings.get('language')), timeZone: readJson(timeZoneSchema, settings.get('timeZone')) };
}

/** Sets what the input names and answers with all of the user's settings. */
export function setPersonalSettings(session: Session, input: z.input<typeof setPersonalSettingsInput>): PersonalSettings {
  const { language, timeZone } = parseInput(setPersonalSettingsInput, input);
  const at = now();
  session.db.sqlite.transaction(() => {
    if (language !== undefined) writeUserSetting(session.db, session.user.id, 'language', JSON.stringify(language), at);
    if (timeZone !== undefined) writeUserSetting(session.db, session.user.id, 'timeZone', JSON.stringify(timeZone), at);
  })();
  return readPersonalSettings(session);
}
