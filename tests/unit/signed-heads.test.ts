import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendChainedEntry, entryHash, genesisHash, type ChainedEntry } from '../../db/chain';
import { readKeySlots } from '../../db/keyslots';
import { attachSigner, caseHeadSignatureValid, detachSigner, newSigningKeyPair, registerAuthorKey } from '../../db/signatures';
import { unlockVault, vaultPaths, type UnlockedVault } from '../../db/vault';
import { createCase } from '../../main/services/cases';
import { appendEntry } from '../../main/services/entries';
import { sessionFor, type Session } from '../../main/services/session';
import { verify } from '../../main/services/verify';
import { errorMessages } from '../../shared/errors';
import { entryInTheNameOf, keyHolderConnection } from '../helpers/key-holder';
import { createTestVault, type TestVault } from '../helpers/vault';

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

interface HeadRow {
  seq: number;
  hash: string;
  signature: Buffer | null;
  signer: string | null;
}

const headOf = (sqlite: Database.Database, id = caseId): HeadRow =>
  sqlite.prepare('SELECT head_seq AS seq, head_hash AS hash, head_signature AS signature, head_signer AS signer FROM cases WHERE id = ?').get(id) as HeadRow;

const slotKeyOf = (vault: UnlockedVault): string =>
  readKeySlots(vaultPaths(vault.dir).keySlots).slots.find((slot) => slot.userId === vault.user.id)!.signing!.publicKey;

function asKeyHolder(work: (raw: Database.Database) => void): void {
  const raw = keyHolderConnection(test.vault);
  try {
    work(raw);
  } finally {
    raw.close();
  }
}

const readChain = (raw: Database.Database): (Omit<ChainedEntry, 'personalData' | 'authorKey' | 'signature'> & { personalData: number })[] =>
  raw
    .prepare(
      `SELECT id, seq, type, text, occurred_at AS occurredAt, recorded_at AS recordedAt, author_id AS authorId,
         author_name AS authorName, source, source_reliability AS sourceReliability, information_credibility AS informationCredibility,
         corrects_entry_id AS correctsEntryId, personal_data AS personalData, phase_id AS phaseId, location
       FROM log_entries WHERE case_key = (SELECT key FROM cases WHERE id = ?) ORDER BY seq`,
    )
    .all(caseId) as (Omit<ChainedEntry, 'personalData' | 'authorKey' | 'signature'> & { personalData: number })[];

/** Rewrites the case's log without the entries' signatures (as /1 and /2), rechained, and moves the head onto it. */
function stripSignaturesAndRechain(raw: Database.Database, keep: (seq: number) => boolean = () => false): void {
  raw.exec('DROP TRIGGER log_entries_no_update');
  let prevHash = genesisHash;
  const update = raw.prepare('UPDATE log_entries SET device = NULL, author_key = NULL, signature = NULL, prev_hash = unhex(?), hash = unhex(?) WHERE id = ?');
  const relink = raw.prepare('UPDATE log_entries SET prev_hash = unhex(?), hash = unhex(?) WHERE id = ?');
  const signed = raw.prepare('SELECT device, author_key AS authorKey, signature FROM log_entries WHERE id = ?');
  for (const row of readChain(raw)) {
    const kept = keep(row.seq);
    const signature = signed.get(row.id) as { device: string; authorKey: Buffer; signature: Buffer };
    const entry: ChainedEntry = {
      ...row,
      caseId,
      personalData: row.personalData === 1,
      ...(kept ? { device: signature.device, authorKey: signature.authorKey.toString('base64'), signature: signature.signature.toString('base64') } : {}),
      prevHash,
    };
    const hash = entryHash(entry);
    (kept ? relink : update).run(prevHash, hash, row.id);
    prevHash = hash;
  }
  raw.prepare('UPDATE cases SET head_hash = ? WHERE id = ?').run(prevHash, caseId);
}

const logCount = () => session.db.sqlite.prepare('SELECT count(*) FROM log_entries').pluck().get() as number;

describe('signed case heads', () => {
  it('signs the head of a case at every append with the writer’s slot key, over ordelog-case-head/1', () => {
    const head = headOf(session.db.sqlite);
    expect(head.seq).toBeGreaterThanOrEqual(3);
    expect(head.signer).toBe(slotKeyOf(test.vault));
    expect(caseHeadSignatureValid(head.signer!, caseId, head.seq, head.hash, head.signature!)).toBe(true);
    expect(caseHeadSignatureValid(head.signer!, caseId, head.seq - 1, head.hash, head.signature!)).toBe(false);
    expect(verify(session)).toMatchObject({ ok: true });
    expect(verify(session, { quick: true })).toMatchObject({ ok: true });
  });

  it('finds an unsigned /1 entry a key holder appended in a user’s name, rechained, with the head moved', () => {
    const before = headOf(session.db.sqlite);
    // The application's own append on a connection without a user key: links and head as Ordelog writes them.
    asKeyHolder((raw) => appendChainedEntry(raw, entryInTheNameOf(test.vault, caseId, 'Er was niets aan de hand')));
    const seq = before.seq + 1;
    expect(headOf(session.db.sqlite)).toMatchObject({ seq, signature: null, signer: null });
    expect(verify(session).chains.firstBroken).toMatchObject({ caseId, seq, reason: 'head-unsigned' });
    expect(verify(session, { quick: true }).chains.firstBroken).toMatchObject({ caseId, seq, reason: 'head-unsigned' });

    // And with the old head signature left in place.
    asKeyHolder((raw) => raw.prepare('UPDATE cases SET head_signature = ?, head_signer = ? WHERE id = ?').run(before.signature, before.signer, caseId));
    expect(verify(session).chains.firstBroken).toMatchObject({ caseId, seq, reason: 'head-signature-bad' });
  });

  it('finds a head a key holder signed with a key of their own, registered for the user but not bound by their slot', () => {
    asKeyHolder((raw) => {
      const attacker = newSigningKeyPair();
      const publicKey = attacker.publicKey.toString('base64');
      registerAuthorKey(raw, test.vault.user.id, publicKey, new Date().toISOString());
      attachSigner({ sqlite: raw }, { userId: test.vault.user.id, device: 'f'.repeat(32), publicKey, privateKey: attacker.privateKey });
      try {
        appendChainedEntry(raw, entryInTheNameOf(test.vault, caseId, 'Er was niets aan de hand'));
      } finally {
        detachSigner({ sqlite: raw });
      }
    });
    const head = headOf(session.db.sqlite);
    expect(head.signer).not.toBe(slotKeyOf(test.vault));
    expect(caseHeadSignatureValid(head.signer!, caseId, head.seq, head.hash, head.signature!)).toBe(true);
    expect(verify(session).chains.firstBroken).toMatchObject({ caseId, seq: head.seq, reason: 'head-signature-bad' });
  });

  it('finds the entries’ signatures stripped and the chain rechained under the signed head', () => {
    asKeyHolder((raw) => stripSignaturesAndRechain(raw));
    const { seq } = headOf(session.db.sqlite);
    expect(verify(session).chains.firstBroken).toMatchObject({ caseId, seq, reason: 'head-signature-bad' });
    expect(verify(session, { quick: true }).chains.firstBroken).toMatchObject({ caseId, seq, reason: 'head-signature-bad' });
  });

  it('finds a signature stripped from an entry, rechained, with the head’s signature taken away as well', () => {
    asKeyHolder((raw) => {
      stripSignaturesAndRechain(raw, (seq) => seq !== 2);
      raw.prepare('UPDATE cases SET head_signature = NULL, head_signer = NULL WHERE id = ?').run(caseId);
    });
    // A case that still has a signed entry must have a signed head.
    expect(verify(session).chains.firstBroken).toMatchObject({ caseId, seq: headOf(session.db.sqlite).seq, reason: 'head-unsigned' });
  });

  it('refuses the next append after a forged entry with LOG_TAMPERED, and writes nothing', () => {
    const before = headOf(session.db.sqlite);
    asKeyHolder((raw) => {
      appendChainedEntry(raw, entryInTheNameOf(test.vault, caseId, 'Er was niets aan de hand'));
      // Even under the old head's signature.
      raw.prepare('UPDATE cases SET head_signature = ?, head_signer = ? WHERE id = ?').run(before.signature, before.signer, caseId);
    });
    const forged = headOf(session.db.sqlite);
    const entries = logCount();
    expect(() => appendEntry(session, { caseId, type: 'notitie', text: 'Rustig op het plein' })).toThrow(expect.objectContaining({ code: 'LOG_TAMPERED' }));
    expect(logCount()).toBe(entries);
    expect(headOf(session.db.sqlite)).toEqual(forged);
    // Without the old signature the head is unsigned over signed entries: refused as well.
    asKeyHolder((raw) => raw.prepare('UPDATE cases SET head_signature = NULL, head_signer = NULL WHERE id = ?').run(caseId));
    expect(() => appendEntry(session, { caseId, type: 'notitie', text: 'Rustig op het plein' })).toThrow(expect.objectContaining({ code: 'LOG_TAMPERED' }));
    expect(logCount()).toBe(entries);
    expect(errorMessages.LOG_TAMPERED.nl).toMatch(/buiten Ordelog om gewijzigd.*niets vastgelegd.*beheerder/);
    expect(errorMessages.LOG_TAMPERED.en).toMatch(/changed outside Ordelog.*Nothing was written/);
  });

  it('refuses an append onto an entry a key holder added behind a head they left alone', () => {
    asKeyHolder((raw) => {
      const head = headOf(raw);
      const entry: ChainedEntry = { ...entryInTheNameOf(test.vault, caseId, 'Er was niets aan de hand'), seq: head.seq + 1, prevHash: head.hash };
      raw
        .prepare(
          `INSERT INTO log_entries (id, case_key, seq, type, text, occurred_at, recorded_at, author_id, author_name, personal_data, phase_id, prev_hash, hash)
           VALUES (?, (SELECT key FROM cases WHERE id = ?), ?, ?, ?, ?, ?, ?, ?, 0, ?, unhex(?), unhex(?))`,
        )
        .run(entry.id, caseId, entry.seq, entry.type, entry.text, entry.occurredAt, entry.recordedAt, entry.authorId, entry.authorName, entry.phaseId, entry.prevHash, entryHash(entry));
    });
    const entries = logCount();
    expect(() => appendEntry(session, { caseId, type: 'notitie', text: 'Rustig op het plein' })).toThrow(expect.objectContaining({ code: 'LOG_TAMPERED' }));
    expect(logCount()).toBe(entries);
  });

  it('opens a vault whose cases have no head signature, signs a head at its next append, and verifies throughout', async () => {
    // Written the way Ordelog did before signatures: no key held, so unsigned entries and unsigned heads.
    test.cleanup();
    test = await createTestVault();
    detachSigner(test.vault.database);
    session = sessionFor(test.vault, 'app');
    caseId = createCase(session, { title: 'Oproep tot rellen bij het station' }).id;
    const other = createCase(session, { title: 'Onrust in de wijk' }).id;
    appendEntry(session, { caseId, type: 'notitie', text: 'Geschreven zonder ondertekening' });
    expect(session.db.sqlite.prepare('SELECT count(*) FROM cases WHERE head_signature IS NOT NULL OR head_signer IS NOT NULL').pluck().get()).toBe(0);
    const { dir, passphrase, userName } = test;
    test.vault.lock();

    test.vault = await unlockVault(dir, userName, passphrase);
    session = sessionFor(test.vault, 'app');
    expect(verify(session)).toMatchObject({ ok: true });
    appendEntry(session, { caseId, type: 'notitie', text: 'Ondertekend na het ontgrendelen' });
    const head = headOf(session.db.sqlite);
    expect(head.signer).toBe(slotKeyOf(test.vault));
    expect(caseHeadSignatureValid(head.signer!, caseId, head.seq, head.hash, head.signature!)).toBe(true);
    // The case nobody wrote in since keeps its unsigned head, which is in order for a log of unsigned entries.
    expect(headOf(session.db.sqlite, other)).toMatchObject({ signature: null, signer: null });
    expect(verify(session)).toMatchObject({ ok: true });
    expect(verify(session, { quick: true })).toMatchObject({ ok: true });
  });
});
