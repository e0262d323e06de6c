import Database from 'better-sqlite3';
import { randomBytes, randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyChains } from '../../db/chain';
import { applyKey } from '../../db/open';
import type { SignedReplicaEntry } from '../../db/replica/events';
import { newSigningKeyPair, signEntry, signerFor } from '../../db/signatures';
import { vaultInternals, vaultPaths, type UnlockedVault } from '../../db/vault';
import { createCase } from '../../main/services/cases';
import { appendEntry } from '../../main/services/entries';
import { importBundle } from '../../main/services/sharing/bundles';
import { bundleFor, finalLogOf, introduce, party, provisionalIdsOf, refusalsIn, type Party } from '../helpers/partners';

/*
 * Someone who has a partner vault's data key (a stolen laptop and its key, an administrator gone rogue) but not
 * its user's passphrase writes an entry in that user's name straight into the database, where the app keeps the
 * entries it still has to hand over. Every laptop must refuse it alike, at the same place in the merged order,
 * and no log may hold it.
 */

let gemeente: Party;
let politie: Party;
let jongerenwerk: Party;
let caseId: string;

beforeEach(async () => {
  gemeente = await party('Gemeente Lindedorp', 'OOV-adviseur Jansen');
  politie = await party('Politie basisteam Lindedorp', 'Wijkagent de Vries');
  jongerenwerk = await party('Jongerenwerk Lindedorp', 'Jongerenwerker Bakker');
  introduce(gemeente, politie);
  introduce(gemeente, jongerenwerk);
  caseId = createCase(gemeente.session, { title: 'Oproep tot rellen bij het station' }).id;
  appendEntry(gemeente.session, { caseId, type: 'signaal', text: 'TikTok: "iedereen om 21:00 naar het station"' });
  await importBundle(politie.session, await bundleFor(gemeente, politie, caseId), {});
  await importBundle(jongerenwerk.session, await bundleFor(gemeente, jongerenwerk, caseId), {});
});
afterEach(() => {
  for (const each of [gemeente, politie, jongerenwerk]) each.test.cleanup();
});

/** An entry in the name of the police vault's user, as the forger writes it, unsigned yet. */
function inTheNameOfPolice(text: string): Omit<SignedReplicaEntry, 'device' | 'authorKey' | 'signature'> {
  const at = new Date().toISOString();
  const user = politie.test.vault.user;
  return {
    id: randomUUID(),
    caseId,
    type: 'waarneming',
    text,
    occurredAt: at,
    recordedAt: at,
    authorId: user.id,
    authorName: user.displayName,
    source: null,
    sourceReliability: null,
    informationCredibility: null,
    correctsEntryId: null,
    personalData: false,
    phaseId: 'online-signaal',
    location: null,
  };
}

/** Writes an entry into the vault's hand-over queue through a connection of its own, with only the data key. */
function plantWithDataKey(vault: UnlockedVault, entry: SignedReplicaEntry): void {
  const raw = new Database(vaultPaths(vault.dir).database);
  try {
    applyKey(raw, vaultInternals(vault).dataKey.key);
    const caseKey = raw.prepare('SELECT key FROM cases WHERE id = ?').pluck().get(caseId);
    raw.prepare('INSERT INTO provisional_entries (entry_id, case_key, position, entry) VALUES (?, ?, NULL, ?)').run(entry.id, caseKey, JSON.stringify(entry));
  } finally {
    raw.close();
  }
}

const forgeries: [string, () => SignedReplicaEntry, string][] = [
  [
    'the author’s public key with a signature that is not theirs',
    () => {
      const entry = inTheNameOfPolice('Er was niets aan de hand bij het station');
      return { ...entry, device: 'f'.repeat(32), authorKey: signerFor(politie.test.vault.database, politie.test.vault.user.id)!.publicKey, signature: randomBytes(64).toString('base64') };
    },
    'bad-signature',
  ],
  [
    'a valid signature by a key of the forger’s own',
    () => {
      const forger = newSigningKeyPair();
      return signEntry(inTheNameOfPolice('Er was niets aan de hand bij het station'), {
        userId: politie.test.vault.user.id,
        device: 'f'.repeat(32),
        publicKey: forger.publicKey.toString('base64'),
        privateKey: forger.privateKey,
      }) as SignedReplicaEntry;
    },
    'unknown-author',
  ],
];

describe('an entry forged in a partner vault with its data key only', () => {
  it.each(forgeries)('carrying %s is refused alike on every laptop, at the same place, and no log holds it', async (_what, forge, reason) => {
    const genuine = appendEntry(politie.session, { caseId, type: 'waarneming', text: 'Twee busjes met jongeren bij de afrit' });
    const forged = forge();
    plantWithDataKey(politie.test.vault, forged);
    const after = appendEntry(politie.session, { caseId, type: 'waarneming', text: 'Busjes rijden weg richting centrum' });

    await importBundle(gemeente.session, await bundleFor(politie, gemeente, caseId), {});
    await importBundle(politie.session, await bundleFor(gemeente, politie, caseId), {});
    await importBundle(jongerenwerk.session, await bundleFor(gemeente, jongerenwerk, caseId), {});

    const laptops = [gemeente, politie, jongerenwerk];
    const refusals = laptops.map((each) => refusalsIn(each.test.vault, caseId));
    expect(refusals[0]).toEqual([{ position: expect.any(Number), writer: expect.stringMatching(/^[0-9a-f]{64}$/), reason }]);
    expect(refusals[1]).toEqual(refusals[0]);
    expect(refusals[2]).toEqual(refusals[0]);
    for (const each of laptops) {
      const ids = finalLogOf(each.test.vault, caseId).map((row) => row.id);
      expect(ids).not.toContain(forged.id);
      expect(provisionalIdsOf(each.test.vault, caseId)).not.toContain(forged.id);
      // The police user's real entries, before and after the forgery, count.
      expect(ids).toEqual(expect.arrayContaining([genuine.id, after.id]));
      expect(verifyChains(each.test.vault.database.sqlite)).toMatchObject({ ok: true });
    }
    // Another round: the forged entry is not handed over again, so nobody records it refused a second time.
    await importBundle(gemeente.session, await bundleFor(politie, gemeente, caseId), {});
    await importBundle(politie.session, await bundleFor(gemeente, politie, caseId), {});
    await importBundle(jongerenwerk.session, await bundleFor(gemeente, jongerenwerk, caseId), {});
    for (const each of laptops) expect(refusalsIn(each.test.vault, caseId)).toEqual(refusals[0]);

    const textIn = (vault: UnlockedVault) =>
      vault.database.sqlite.prepare("SELECT count(*) FROM log_entries WHERE text LIKE '%niets aan de hand%'").pluck().get();
    for (const each of laptops) expect(textIn(each.test.vault)).toBe(0);
  });
});
