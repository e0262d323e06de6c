import { z } from 'zod';
import { userRoles } from './domain';
import { idSchema } from './schemas';
import { singleLineText, userNamePattern } from './text-rules';

/**
 * The accounts of a vault as the app manages them (`users.*` channels): the same rules as `ordelog-admin users`,
 * which db/users.ts checks again. Passphrases and the recovery key travel only in these inputs; no output holds one.
 */

export const passphraseMinLength = 12;

/** Lower case, so "A.Jansen" and "a.jansen" are one account. */
export const userNameInput = z.string().trim().toLowerCase().regex(userNamePattern);
export const displayNameInput = singleLineText(100).min(1);
/** A passphrase someone chooses now; one that only has to be typed again is checked by the vault alone. */
export const newPassphraseInput = z.string().min(passphraseMinLength).max(1024);
const typedPassphrase = z.string().min(1).max(1024);
export const accountRoleInput = z.enum(userRoles);

export const addUserInput = z.strictObject({
  userName: userNameInput,
  displayName: displayNameInput,
  accountRole: accountRoleInput,
  passphrase: newPassphraseInput,
});

export const setUserRoleInput = z.strictObject({ userId: idSchema, accountRole: accountRoleInput });

/** As `ordelog-admin users passwd --recovery`: the recovery key sets a new passphrase for someone who lost theirs. */
export const resetPassphraseInput = z.strictObject({
  userId: idSchema,
  recoveryKey: z.string().min(1).max(200),
  newPassphrase: newPassphraseInput,
});

export const removeUserInput = z.strictObject({ userId: idSchema });

export const changeOwnPassphraseInput = z.strictObject({
  currentPassphrase: typedPassphrase,
  newPassphrase: newPassphraseInput,
});

export const userSummarySchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  displayName: z.string(),
  role: z.enum(userRoles),
  createdAt: z.string(),
  removedAt: z.string().nullable(),
  /** False for a removed account, or one whose creation was cut short (a new passphrase gives it one). */
  hasKeySlot: z.boolean(),
});
export type UserSummary = z.infer<typeof userSummarySchema>;
