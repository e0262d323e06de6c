import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendChainedEntry, canonicalEntryEncoding, entryHash, type ChainedEntry } from '../../db/chain';
import { readKeySlots, type KeySlotsFile } from '../../db/keyslots';
import { detachSigner, entrySignatureValid, newSigningKeyPair, registerAuthorKey, signEntry } from '../../db/signatures';
import { addUser, changePassphrase } from '../../db/users';
import { unlockVault, vaultPaths, type UnlockedVault } from '../../db/vault';
import { exportCase } from '../../main/services/case-export';
import { importCase } from '../../main/services/case-import';
import { createCase } from '../../main/services/cases';
import { appendEntry } from '../../main/services/entries';
import { sessionFor, type Session } from '../../main/services/session';
import { verify } from '../../main/services/verify';
import { errorMessages } from '../../shared/errors';
import { entryInTheNameOf, keyHolderConnection } from '../helpers/key-holder';
import { createTestVault, testKdf, type TestVault } from '../helpers/vault';

let test: TestVault;
let session: Session;
let caseId: string;

beforeEach(async () => {
  test = await createTestVault();
  session = sessionFor(test.vault, 'app');
  caseId = createCase(session, { title: 'Oproep tot rellen bij het station' }).id;
  appendEntry(session, { caseId, type: 'signaal', text: 'Oproep op TikTok: om 21:00 naar het station' });
  appendEntry(session, { caseId, type: 'waarneming', text: 'Zestig jongeren bij het station', location: 'Stationsplein' });
});
afterEach(() => test.cleanup());

interface LogRow {
  id: string;
  seq: number;
  text: string;
  authorId: string | null;
  device: string | null;
  authorKey: Buffer | null;
  signature: Buffer | null;
}

const logRows = (vault: UnlockedVault): LogRow[] =>
  vault.database.sqlite
    .prepare('SELECT id, seq, text, author_id AS authorId, device, author_key AS authorKey, signature FROM log_entries ORDER BY n')
    .all() as LogRow[];

const slotsOf = (dir: string): KeySlotsFile => readKeySlots(vaultPaths(dir).keySlots);
const userSlotOf = (dir: string, userId: string) => slotsOf(dir).slots.find((slot) => slot.userId === userId)!;

const firstBroken = () => verify(session).chains.firstBroken;

describe('author signatures', () => {
  it('signs every entry a user writes, the system line of a new case included, with their slot key, as ordelog-entry/3', () => {
    const rows = logRows(test.vault);
    const slotKey = userSlotOf(test.dir, test.vault.user.id).signing!.publicKey;
    const device = JSON.parse(test.vault.database.sqlite.prepare("SELECT value FROM settings WHERE key = 'device.id'").pluck().get() as string) as string;
    expect(rows.length).toBeGreaterThanOrEqual(2);
    for (const row of rows) {
      expect(row.authorKey?.toString('base64')).toBe(slotKey);
      expect(row.device).toBe(device);
      expect(row.signature).toHaveLength(64);
    }
    expect(test.vault.database.sqlite.prepare('SELECT count(*) FROM author_keys WHERE user_id = ?').pluck().get(test.vault.user.id)).toBe(1);
    const entry = session.db.sqlite
      .prepare(
        `SELECT id, seq, type, text, occurred_at AS occurredAt, recorded_at AS recordedAt, author_id AS authorId,
           author_name AS authorName, source, source_reliability AS sourceReliability, information_credibility AS informationCredibility,
           corrects_entry_id AS correctsEntryId, personal_data AS personalData, phase_id AS phaseId, location, device,
           author_key AS authorKey, signature, lower(hex(prev_hash)) AS prevHash, lower(hex(hash)) AS hash
         FROM log_entries WHERE location IS NOT NULL`,
      )
      .get() as Omit<ChainedEntry, 'authorKey' | 'signature' | 'personalData'> & { authorKey: Buffer; signature: Buffer; personalData: number; hash: string };
    const chained: ChainedEntry = {
      ...entry,
      caseId,
      personalData: entry.personalData === 1,
      authorKey: entry.authorKey.toString('base64'),
      signature: entry.signature.toString('base64'),
    };
    expect(canonicalEntryEncoding(chained).startsWith('["ordelog-entry/3",')).toBe(true);
    expect(entryHash(chained)).toBe(entry.hash);
    expect(entrySignatureValid({ ...chained, device: chained.device!, authorKey: chained.authorKey!, signature: chained.signature! })).toBe(true);
    expect(verify(session).ok).toBe(true);
  });

  it('finds an entry a key holder signed with a key of their own and registered for the author', () => {
    const raw = keyHolderConnection(test.vault);
    try {
      const attacker = newSigningKeyPair();
      const publicKey = attacker.publicKey.toString('base64');
      registerAuthorKey(raw, test.vault.user.id, publicKey, new Date().toISOString());
      const forged = signEntry(entryInTheNameOf(test.vault, caseId, 'Er was niets aan de hand'), {
        userId: test.vault.user.id,
        device: 'f'.repeat(32),
        publicKey,
        privateKey: attacker.privateKey,
      });
      appendChainedEntry(raw, forged);
    } finally {
      raw.close();
    }
    // The chain links and the signature holds over the entry; the key is not the one the author's slot binds.
    expect(firstBroken()).toMatchObject({ caseId, seq: 4, reason: 'unknown-author-key' });
  });

  it('finds an entry carrying the author’s public key with a signature that is not theirs', () => {
    const raw = keyHolderConnection(test.vault);
    try {
      const authorKey = userSlotOf(test.dir, test.vault.user.id).signing!.publicKey;
      const forged = { ...entryInTheNameOf(test.vault, caseId, 'Er was niets aan de hand'), device: 'f'.repeat(32), authorKey, signature: randomBytes(64).toString('base64') };
      appendChainedEntry(raw, forged);
    } finally {
      raw.close();
    }
    expect(firstBroken()).toMatchObject({ caseId, seq: 4, reason: 'bad-signature' });
  });

  it('finds a signed entry whose text lost one byte, rehashed and rechained', () => {
    const raw = keyHolderConnection(test.vault);
    try {
      const last = raw
        .prepare(
          `SELECT id, seq, type, text, occurred_at AS occurredAt, recorded_at AS recordedAt, author_id AS authorId,
             author_name AS authorName, source, source_reliability AS sourceReliability, information_credibility AS informationCredibility,
             corrects_entry_id AS correctsEntryId, personal_data AS personalData, phase_id AS phaseId, location, device,
             author_key AS authorKey, signature, lower(hex(prev_hash)) AS prevHash
           FROM log_entries ORDER BY n DESC LIMIT 1`,
        )
        .get() as Omit<ChainedEntry, 'authorKey' | 'signature' | 'personalData'> & { authorKey: Buffer; signature: Buffer; personalData: number };
      const tampered: ChainedEntry = {
        ...last,
        caseId,
        text: last.text.slice(1),
        personalData: last.personalData === 1,
        authorKey: last.authorKey.toString('base64'),
        signature: last.signature.toString('base64'),
      };
      const hash = entryHash(tampered);
      raw.exec('DROP TRIGGER log_entries_no_update');
      raw.prepare('UPDATE log_entries SET text = ?, hash = unhex(?) WHERE id = ?').run(tampered.text, hash, last.id);
      raw.prepare('UPDATE cases SET head_hash = ? WHERE id = ?').run(hash, caseId);
    } finally {
      raw.close();
    }
    expect(firstBroken()).toMatchObject({ caseId, seq: 3, reason: 'bad-signature' });
  });

  it('refuses the author’s unlock, with a clear message, once their signing key was replaced in the slot file', async () => {
    const { dir, passphrase, userName } = test;
    test.vault.lock();
    const file = JSON.parse(readFileSync(vaultPaths(dir).keySlots, 'utf8')) as KeySlotsFile;
    const slot = file.slots.find((candidate) => candidate.kind === 'user')!;
    slot.signing = { ...slot.signing!, publicKey: newSigningKeyPair().publicKey.toString('base64') };
    writeFileSync(vaultPaths(dir).keySlots, JSON.stringify(file));

    await expect(unlockVault(dir, userName, passphrase)).rejects.toMatchObject({ code: 'SIGNING_KEY_REPLACED' });
    await expect(unlockVault(dir, userName, 'not the passphrase at all')).rejects.toMatchObject({ code: 'WRONG_PASSPHRASE' });
    expect(errorMessages.SIGNING_KEY_REPLACED.nl).toMatch(/ondertekeningssleutel .* vervangen/);
  });

  it('gives a vault from before signatures a signing key at its next unlock, keeping every old entry and hash', async () => {
    // A log written the way Ordelog did before signatures: no key held, so /1 and /2.
    test.cleanup();
    test = await createTestVault();
    detachSigner(test.vault.database);
    session = sessionFor(test.vault, 'app');
    caseId = createCase(session, { title: 'Oproep tot rellen bij het station' }).id;
    appendEntry(session, { caseId, type: 'notitie', text: 'Geschreven zonder ondertekening' });
    appendEntry(session, { caseId, type: 'notitie', text: 'Met een plaats', location: 'Stationsplein' });
    expect(logRows(test.vault).every((row) => row.signature === null)).toBe(true);
    const hashes = test.vault.database.sqlite.prepare('SELECT id, lower(hex(hash)) AS hash FROM log_entries ORDER BY n').all();
    const { dir, passphrase, userName } = test;
    const userId = test.vault.user.id;
    test.vault.lock();
    // And a slot file as Ordelog wrote it then: the same format version, no signing key.
    const file = JSON.parse(readFileSync(vaultPaths(dir).keySlots, 'utf8')) as KeySlotsFile;
    for (const slot of file.slots) delete slot.signing;
    writeFileSync(vaultPaths(dir).keySlots, JSON.stringify(file));

    test.vault = await unlockVault(dir, userName, passphrase);
    session = sessionFor(test.vault, 'app');
    const signing = userSlotOf(dir, userId).signing!;
    expect(signing.publicKey).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    expect(slotsOf(dir).slots.find((slot) => slot.kind === 'recovery')!.signing).toBeUndefined();
    expect(test.vault.database.sqlite.prepare('SELECT id, lower(hex(hash)) AS hash FROM log_entries ORDER BY n').all()).toEqual(hashes);
    appendEntry(session, { caseId, type: 'notitie', text: 'Ondertekend na het ontgrendelen' });
    expect(logRows(test.vault).at(-1)!.authorKey!.toString('base64')).toBe(signing.publicKey);
    expect(verify(session).ok).toBe(true);

    // The next unlock finds the key and keeps it.
    test.vault.lock();
    test.vault = await unlockVault(dir, userName, passphrase);
    session = sessionFor(test.vault, 'app');
    expect(userSlotOf(dir, userId).signing).toEqual(signing);
  });

  it('keeps entries signed before a new passphrase valid, and signs after it with the new key', async () => {
    const before = userSlotOf(test.dir, test.vault.user.id).signing!.publicKey;
    const added = await addUser(test.vault, { name: 'joost', displayName: 'Joost de Vries', role: 'redacteur', passphrase: 'een andere wachtwoordzin', kdf: testKdf });
    await changePassphrase(test.vault, test.vault.user.id, 'een nieuwe wachtwoordzin voor mij', { kdf: testKdf });
    await changePassphrase(test.vault, added.id, 'opnieuw ingesteld door de beheerder', { kdf: testKdf });
    const signing = userSlotOf(test.dir, test.vault.user.id).signing!;
    expect(signing.publicKey).not.toBe(before);
    expect(signing.retiredPublicKeys).toEqual([before]);
    appendEntry(session, { caseId, type: 'notitie', text: 'Na de nieuwe wachtwoordzin' });
    expect(logRows(test.vault).at(-1)!.authorKey!.toString('base64')).toBe(signing.publicKey);
    expect(verify(session).ok).toBe(true);
  });

  it('exports each signature for checking from the file alone; an import, with new ids, makes a case that verifies', async () => {
    const file = exportCase(session, { caseId });
    expect(file.entries.length).toBeGreaterThanOrEqual(3);
    for (const entry of file.entries) {
      const valid = entrySignatureValid({
        id: entry.id!,
        caseId: file.case.id!,
        type: entry.type,
        text: entry.text,
        occurredAt: entry.occurredAt,
        recordedAt: entry.recordedAt!,
        authorId: entry.authorId ?? null,
        authorName: entry.recordedBy!,
        source: entry.source ?? null,
        sourceReliability: entry.sourceReliability ?? null,
        informationCredibility: entry.informationCredibility ?? null,
        correctsEntryId: null,
        personalData: entry.personalData!,
        phaseId: entry.phase!,
        location: entry.location ?? null,
        device: entry.device!,
        authorKey: entry.authorKey!,
        signature: entry.signature!,
      });
      expect(valid).toBe(true);
    }
    const target = await createTestVault();
    try {
      const targetSession = sessionFor(target.vault, 'app');
      const imported = importCase(targetSession, JSON.parse(JSON.stringify(file)));
      const again = exportCase(targetSession, { caseId: imported.id });
      expect(again.entries.map((entry) => entry.text)).toEqual(file.entries.map((entry) => entry.text));
      expect(again.entries.every((entry) => entry.signature === null)).toBe(true);
      expect(verify(targetSession).ok).toBe(true);
    } finally {
      target.cleanup();
    }
  });
});
