import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyKey, mapDatabaseError } from '../../db/open';
import { canonicalEntryEncoding, entryHash, genesisHash, verifyChains } from '../../db/chain';
import { createCase } from '../../main/services/cases';
import { appendEntry, correctEntry, getEntry, listEntries } from '../../main/services/entries';
import { verify } from '../../main/services/verify';
import { OrdelogError } from '../../shared/errors';
import { openCaseStore, type CaseStore } from './support/case-store';

let fixture: CaseStore;
let caseId: string;

beforeEach(() => {
  fixture = openCaseStore();
  const session = fixture.sessions.redacteur;
  caseId = createCase(session, { title: 'Challenge station' }).id;
  for (let i = 1; i <= 4; i += 1) {
    appendEntry(session, { caseId, type: 'waarneming', text: `Waarneming ${i}`, occurredAt: `2026-03-0${i}T10:00:00+01:00` });
  }
});

afterEach(() => fixture.dispose());

/** A second connection with the key and no application code: what someone holding the key could do. */
function rawConnection(): Database.Database {
  const raw = new Database(fixture.file);
  applyKey(raw, fixture.key);
  return raw;
}

const entrySeq = (raw: Database.Database, seq: number) =>
  raw.prepare('SELECT id FROM log_entries WHERE case_key = (SELECT key FROM cases WHERE id = ?) AND seq = ?').get(caseId, seq) as { id: string };

describe('append-only log', () => {
  it('refuses UPDATE and DELETE of a log entry in the database itself', () => {
    const raw = rawConnection();
    try {
      expect(() => raw.prepare("UPDATE log_entries SET text = 'anders' WHERE seq = 2").run()).toThrow(/append-only/);
      expect(() => raw.prepare('DELETE FROM log_entries WHERE seq = 2').run()).toThrow(/append-only/);
      expect(() => raw.prepare("UPDATE phase_transitions SET reason = 'x'").run()).toThrow(/append-only/);
      expect(() => raw.prepare('DELETE FROM phase_transitions').run()).toThrow(/append-only/);
      expect(() => raw.prepare("UPDATE audit_lines SET result = 'ok'").run()).toThrow(/append-only/);
      expect(() => raw.prepare('DELETE FROM audit_lines').run()).toThrow(/append-only/);
      expect((raw.prepare('SELECT count(*) AS n FROM log_entries').get() as { n: number }).n).toBe(5);
    } finally {
      raw.close();
    }
  });

  it('keeps the original when an entry is corrected', () => {
    const session = fixture.sessions.redacteur;
    const { entries } = listEntries(session, { caseId, types: ['waarneming'] });
    const original = entries[1]!;
    const correction = correctEntry(session, { entryId: original.id, text: 'Waarneming 2, juiste tijd', occurredAt: '2026-03-02T11:00:00+01:00' });

    expect(correction.correctsEntryId).toBe(original.id);
    expect(correction.type).toBe('waarneming');
    expect(correction.seq).toBe(6);
    const after = getEntry(session, { entryId: original.id });
    expect(after.text).toBe('Waarneming 2');
    expect(after.hash).toBe(original.hash);
    expect(after.correctedByIds).toEqual([correction.id]);
    expect(verifyChains(fixture.store.sqlite).ok).toBe(true);
  });

  it('does not let a system entry be corrected', () => {
    const first = listEntries(fixture.sessions.redacteur, { caseId, types: ['systeem_status'] }).entries[0]!;
    expect(() => correctEntry(fixture.sessions.redacteur, { entryId: first.id, text: 'x' })).toThrow(OrdelogError);
  });
});

describe('hash chain', () => {
  it('chains every entry to the previous one of its case, from the genesis hash', () => {
    const entries = listEntries(fixture.sessions.lezer, { caseId }).entries;
    const raw = rawConnection();
    try {
      const rows = raw.prepare('SELECT seq, lower(hex(prev_hash)) AS prevHash, lower(hex(hash)) AS hash FROM log_entries WHERE case_key = (SELECT key FROM cases WHERE id = ?) ORDER BY seq').all(caseId) as {
        seq: number;
        prevHash: string;
        hash: string;
      }[];
      expect(rows[0]!.prevHash).toBe(genesisHash);
      rows.slice(1).forEach((row, index) => expect(row.prevHash).toBe(rows[index]!.hash));
      expect(entries.map((entry) => entry.hash).sort()).toEqual(rows.map((row) => row.hash).sort());
    } finally {
      raw.close();
    }
    expect(verifyChains(fixture.store.sqlite)).toEqual({ ok: true, casesChecked: 1, entriesChecked: 5 });
  });

  it('hashes a documented canonical encoding', () => {
    const fields = {
      id: 'e1', caseId: 'c1', seq: 1, type: 'signaal' as const, text: 'Oproep "vrijdag" 21:00 – geëscaleerd',
      occurredAt: '2026-03-01T09:00:00.000Z', recordedAt: '2026-03-01T09:05:00.000Z', authorId: null,
      authorName: 'Samira', source: 'TikTok', sourceReliability: 'B' as const, informationCredibility: '2' as const,
      correctsEntryId: null, personalData: false, phaseId: 'online-signaal', prevHash: genesisHash,
    };
    expect(canonicalEntryEncoding(fields)).toBe(
      '["ordelog-entry/1","e1","c1",1,"signaal","Oproep \\"vrijdag\\" 21:00 – geëscaleerd","2026-03-01T09:00:00.000Z",' +
        '"2026-03-01T09:05:00.000Z",null,"Samira","TikTok","B","2",null,false,"online-signaal",' +
        `"${genesisHash}"]`,
    );
    expect(entryHash(fields)).toMatch(/^[0-9a-f]{64}$/);
    expect(entryHash({ ...fields, text: fields.text + ' ' })).not.toBe(entryHash(fields));
  });

  it('finds a row altered behind the triggers, at the altered entry', () => {
    const raw = rawConnection();
    try {
      const target = entrySeq(raw, 3);
      raw.exec('DROP TRIGGER log_entries_no_update');
      raw.prepare("UPDATE log_entries SET text = 'Er was niets aan de hand' WHERE id = ?").run(target.id);
    } finally {
      raw.close();
    }
    expect(verifyChains(fixture.store.sqlite)).toEqual({
      ok: false,
      casesChecked: 1,
      entriesChecked: 5,
      firstBroken: { caseId, seq: 3, entryId: entrySeqOf(3), reason: 'hash-mismatch' },
    });
    const report = verify(fixture.sessions.lezer);
    expect(report.ok).toBe(false);
    expect(report.integrity).toEqual(['ok']);
  });

  it('finds an altered entry whose own hash was recomputed, at the next link', () => {
    const raw = rawConnection();
    try {
      const row = raw.prepare('SELECT *, lower(hex(prev_hash)) AS prev_hex FROM log_entries WHERE case_key = (SELECT key FROM cases WHERE id = ?) AND seq = 3').get(caseId) as Record<string, string | number | null>;
      const tampered = {
        id: row.id as string, caseId, seq: 3, type: 'waarneming' as const, text: 'Er was niets aan de hand',
        occurredAt: row.occurred_at as string, recordedAt: row.recorded_at as string, authorId: row.author_id as string,
        authorName: row.author_name as string, source: null, sourceReliability: null, informationCredibility: null,
        correctsEntryId: null, personalData: false, phaseId: row.phase_id as string, prevHash: row.prev_hex as string,
      };
      raw.exec('DROP TRIGGER log_entries_no_update');
      raw.prepare('UPDATE log_entries SET text = ?, hash = unhex(?) WHERE id = ?').run(tampered.text, entryHash(tampered), tampered.id);
    } finally {
      raw.close();
    }
    expect(verifyChains(fixture.store.sqlite).firstBroken).toEqual({ caseId, seq: 4, entryId: entrySeqOf(4), reason: 'prev-hash-mismatch' });
  });

  it('finds an entry deleted from the middle and a log cut short at its end', () => {
    const raw = rawConnection();
    try {
      raw.exec('DROP TRIGGER log_entries_no_delete');
      raw.prepare('DELETE FROM log_entries WHERE case_key = (SELECT key FROM cases WHERE id = ?) AND seq = 5').run(caseId);
      expect(verifyChains(raw).firstBroken).toEqual({ caseId, seq: 5, entryId: null, reason: 'head-mismatch' });
      raw.prepare('DELETE FROM log_entries WHERE case_key = (SELECT key FROM cases WHERE id = ?) AND seq = 2').run(caseId);
      expect(verifyChains(raw).firstBroken).toEqual({ caseId, seq: 2, entryId: null, reason: 'seq-gap' });
    } finally {
      raw.close();
    }
  });

  it('maps the refusal to the APPEND_ONLY error code', () => {
    let refusal: unknown;
    try {
      fixture.store.sqlite.prepare("UPDATE log_entries SET text = 'x'").run();
    } catch (error) {
      refusal = mapDatabaseError(error);
    }
    expect(refusal).toBeInstanceOf(OrdelogError);
    expect((refusal as OrdelogError).code).toBe('APPEND_ONLY');
  });
});

function entrySeqOf(seq: number): string {
  const raw = rawConnection();
  try {
    return entrySeq(raw, seq).id;
  } finally {
    raw.close();
  }
}
