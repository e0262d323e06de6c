import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import type { NewEntry } from '../../db/chain';
import { applyKey } from '../../db/open';
import { vaultInternals, vaultPaths, type UnlockedVault } from '../../db/vault';

/** The vault's database as someone holding only its data key opens it, beside the running app. */
export function keyHolderConnection(vault: UnlockedVault): Database.Database {
  const raw = new Database(vaultPaths(vault.dir).database);
  applyKey(raw, vaultInternals(vault).dataKey.key);
  return raw;
}

/** A new, unsigned entry in `caseId` in the name of the vault's signed-in user, as a forger would write it. */
export function entryInTheNameOf(vault: UnlockedVault, caseId: string, text: string): NewEntry {
  const now = new Date().toISOString();
  return {
    id: randomUUID(),
    caseId,
    type: 'waarneming',
    text,
    occurredAt: now,
    recordedAt: now,
    authorId: vault.user.id,
    authorName: vault.user.displayName,
    source: null,
    sourceReliability: null,
    informationCredibility: null,
    correctsEntryId: null,
    personalData: false,
    phaseId: 'online-signaal',
    location: null,
  };
}
