import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { canonicalEntryEncoding, entryHash, genesisHash, verifyChains } from '../../db/chain';
import { applyKey } from '../../db/open';
import { exportCase } from '../../main/services/case-export';
import { importCase } from '../../main/services/case-import';
import { createCase } from '../../main/services/cases';
import { createPerson } from '../../main/services/directory';
import { appendEntry, correctEntry, getEntry } from '../../main/services/entries';
import { readFileStatement } from '../../main/services/export-statement';
import { redactCaseFile } from '../../main/services/redaction';
import { assignRole } from '../../main/services/roles';
import { recordSignal } from '../../main/services/signals';
import type { CaseFile } from '../../shared/case-format';
import { openCaseStore, type CaseStore } from './support/case-store';

/**
 * A place on an entry ("stationsplein") is part of the hash chain when there is one, and entries without one are
 * hashed exactly as before places existed: every chain, export and printed fingerprint made before still checks.
 */

let fixture: CaseStore;
let caseId: string;
beforeEach(() => {
  fixture = openCaseStore();
  caseId = createCase(fixture.sessions.redacteur, { title: 'Challenge station Voorbeeldstad' }).id;
});
afterEach(() => fixture.dispose());

const editor = () => fixture.sessions.redacteur;

const fields = {
  id: 'e1', caseId: 'c1', seq: 1, type: 'waarneming' as const, text: 'Ongeveer 60 jongeren bij het station, rustig.',
  occurredAt: '2026-03-06T19:45:00.000Z', recordedAt: '2026-03-06T19:47:00.000Z', authorId: null, authorName: 'Ilse',
  source: 'Politie', sourceReliability: 'A' as const, informationCredibility: '2' as const, correctsEntryId: null,
  personalData: false, phaseId: 'samenkomst', prevHash: genesisHash,
};

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** A second connection with the key and no application code: what someone holding the key could do. */
function rawConnection(): Database.Database {
  const raw = new Database(fixture.file);
  applyKey(raw, fixture.key);
  return raw;
}

describe('the chain encoding', () => {
  it('hashes an entry without a place byte for byte as before places existed', () => {
    const before =
      '["ordelog-entry/1","e1","c1",1,"waarneming","Ongeveer 60 jongeren bij het station, rustig.",' +
      '"2026-03-06T19:45:00.000Z","2026-03-06T19:47:00.000Z",null,"Ilse","Politie","A","2",null,false,"samenkomst",' +
      `"${genesisHash}"]`;
    expect(canonicalEntryEncoding(fields)).toBe(before);
    expect(canonicalEntryEncoding({ ...fields, location: null })).toBe(before);
    expect(entryHash({ ...fields, location: null })).toBe(sha256(before));
  });

  it('covers a place under its own tag, so it cannot be changed, added or removed unnoticed', () => {
    const located = { ...fields, location: 'Stationsplein' };
    expect(canonicalEntryEncoding(located)).toBe(
      '["ordelog-entry/2","e1","c1",1,"waarneming","Ongeveer 60 jongeren bij het station, rustig.",' +
        '"2026-03-06T19:45:00.000Z","2026-03-06T19:47:00.000Z",null,"Ilse","Politie","A","2",null,false,"samenkomst",' +
        `"Stationsplein","${genesisHash}"]`,
    );
    expect(entryHash(located)).not.toBe(entryHash(fields));
    expect(entryHash({ ...located, location: 'Stationsplein ' })).not.toBe(entryHash(located));
  });
});

describe('entries with and without a place in one vault', () => {
  it('records the place with an entry and a signal, and verifies the mixed chain', () => {
    appendEntry(editor(), { caseId, type: 'notitie', text: 'Zonder plaats' });
    const observed = appendEntry(editor(), { caseId, type: 'waarneming', text: 'Vuurwerk gegooid, 3 aanhoudingen', location: '  Stationsplein ' });
    const blank = appendEntry(editor(), { caseId, type: 'waarneming', text: 'Leeg veld', location: '' });
    const { entry } = recordSignal(editor(), {
      caseId, text: 'Oproep: vrijdag 21:00 station', platform: 'tiktok', channel: 'openbaar', sourceReliability: 'B',
      informationCredibility: '2', location: 'stationsplein',
    });
    expect(observed.location).toBe('Stationsplein');
    expect(blank.location).toBeNull();
    expect(getEntry(editor(), { entryId: entry.id }).location).toBe('stationsplein');
    expect(verifyChains(fixture.store.sqlite)).toEqual({ ok: true, casesChecked: 1, entriesChecked: 5 });
  });

  it('finds a place changed, added or removed behind the application, at that entry', () => {
    const plain = appendEntry(editor(), { caseId, type: 'waarneming', text: 'Groep bij de tunnel' });
    const located = appendEntry(editor(), { caseId, type: 'waarneming', text: 'Groep bij het station', location: 'Stationsplein' });
    const tamper = (id: string, location: string | null) => {
      const raw = rawConnection();
      try {
        raw.exec('DROP TRIGGER IF EXISTS log_entries_no_update');
        raw.prepare('UPDATE log_entries SET location = ? WHERE id = ?').run(location, id);
      } finally {
        raw.close();
      }
    };
    const brokenAt = () => verifyChains(fixture.store.sqlite).firstBroken;

    tamper(located.id, 'Markt');
    expect(brokenAt()).toEqual({ caseId, seq: located.seq, entryId: located.id, reason: 'hash-mismatch' });
    tamper(located.id, null);
    expect(brokenAt()).toEqual({ caseId, seq: located.seq, entryId: located.id, reason: 'hash-mismatch' });
    tamper(located.id, 'Stationsplein');
    expect(verifyChains(fixture.store.sqlite).ok).toBe(true);
    tamper(plain.id, 'Tunnel');
    expect(brokenAt()).toEqual({ caseId, seq: plain.seq, entryId: plain.id, reason: 'hash-mismatch' });
  });

  it('keeps the place in a correction unless the correction gives another or takes it away', () => {
    const original = appendEntry(editor(), { caseId, type: 'waarneming', text: '50 jongeren', location: 'Stationsplein' });
    expect(correctEntry(editor(), { entryId: original.id, text: '60 jongeren' }).location).toBe('Stationsplein');
    expect(correctEntry(editor(), { entryId: original.id, text: '60 jongeren', location: 'Busstation' }).location).toBe('Busstation');
    expect(correctEntry(editor(), { entryId: original.id, text: '60 jongeren', location: null }).location).toBeNull();
    expect(verifyChains(fixture.store.sqlite).ok).toBe(true);
  });
});

describe('places and phone numbers in the case file', () => {
  function caseWithPlacesAndPhones(): string {
    const joost = createPerson(editor(), { name: 'Joost', function: 'OOV-adviseur', phone: '06-1234 5678' });
    assignRole(editor(), { caseId, roleId: 'oov-adviseur', personId: joost.id });
    appendEntry(editor(), { caseId, type: 'waarneming', text: 'Ongeveer 60 jongeren, rustig', location: 'Stationsplein' });
    appendEntry(editor(), { caseId, type: 'waarneming', text: 'Bewoner J. belde vanuit huis', location: 'Dorpsstraat 12', personalData: true });
    return caseId;
  }

  /** The chain recomputed from the file alone, as docs/case-format.md describes it. */
  function checksFromFile(file: CaseFile): boolean {
    let prevHash = genesisHash;
    for (const entry of file.entries) {
      const hash = entryHash({
        id: entry.id!, caseId: file.case.id!, seq: entry.seq!, type: entry.type, text: entry.text, occurredAt: entry.occurredAt,
        recordedAt: entry.recordedAt!, authorId: entry.authorId ?? null, authorName: entry.recordedBy!, source: entry.source ?? null,
        sourceReliability: entry.sourceReliability ?? null, informationCredibility: entry.informationCredibility ?? null,
        correctsEntryId: entry.corrects ? file.entries[entry.corrects - 1]!.id! : null, personalData: entry.personalData!,
        phaseId: entry.phase!, location: entry.location ?? null, prevHash,
      });
      if (entry.prevHash !== prevHash || entry.hash !== hash) return false;
      prevHash = hash;
    }
    return true;
  }

  it('exports them, with a chain that checks from the file alone, and imports them into another vault', () => {
    const file = exportCase(fixture.sessions.lezer, { caseId: caseWithPlacesAndPhones() });
    expect(file.entries.map((entry) => entry.location)).toContain('Stationsplein');
    expect(file.people).toEqual([expect.objectContaining({ name: 'Joost', phone: '06-1234 5678' })]);
    expect(checksFromFile(file)).toBe(true);
    const statement = readFileStatement(Buffer.from(JSON.stringify(file)));
    expect(statement.entries).toEqual({ consistent: true, brokenAtSeq: null, notRecomputed: 0 });

    const target = openCaseStore();
    try {
      const imported = importCase(target.sessions.redacteur, JSON.parse(JSON.stringify(file)) as unknown);
      const again = exportCase(target.sessions.lezer, { caseId: imported.id });
      expect(again.entries.map((entry) => entry.location)).toEqual(file.entries.map((entry) => entry.location));
      expect(again.people![0]!.phone).toBe('06-1234 5678');
      expect(verifyChains(target.store.sqlite).ok).toBe(true);
    } finally {
      target.dispose();
    }
  });

  it('leaves the place of a personal entry and every phone number out of a redacted export', () => {
    const redacted = redactCaseFile(exportCase(fixture.sessions.lezer, { caseId: caseWithPlacesAndPhones() }));
    expect(redacted.entries.map((entry) => entry.location)).toContain('Stationsplein');
    expect(redacted.entries.map((entry) => entry.location)).not.toContain('Dorpsstraat 12');
    expect(redacted.people![0]!.phone).toBe('');
    const statement = readFileStatement(Buffer.from(JSON.stringify(redacted)));
    expect(statement.entries).toMatchObject({ consistent: true, notRecomputed: 1 });
  });
});
