import type Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendChainedEntry, entryHash, verifyChains, type NewEntry } from '../../db/chain';
import { attachSigner, detachSigner, deviceIdOf, newSigningKeyPair, registerAuthorKey, signEntry, type EntrySigner } from '../../db/signatures';
import { appendLegacyEntry, migrationsJournal, migrationsUpTo as migrationsFolderUpTo, verifyLegacyChains } from '../helpers/legacy-log';
import { openDatabase, type OpenedDatabase } from '../../db/open';
import { listCaseRoles, listLegalBases } from '../../db/repositories/catalogue';
import { findEntry, listEntryPage } from '../../db/repositories/entries';
import { entryMatch, searchDocuments, toFtsQuery } from '../../db/repositories/search';
import { collectStats } from '../../db/repositories/stats';

/**
 * Each migration is applied to a database at the version before it that holds data, and must keep that
 * data. A new migration needs a step here: the last test fails until it has one.
 */

const journal = migrationsJournal();

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ordelog-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const migrationsUpTo = (count: number): string => migrationsFolderUpTo(dir, count);

const dump = (sqlite: Database.Database, table: string) => sqlite.prepare(`SELECT * FROM ${table} ORDER BY rowid`).all();
const at = '2026-03-01T10:00:00.000Z';

/** The user 'u1', the phase 'online-signaal' and the empty case 'c1' that most steps start from. */
function insertUserPhaseAndCase(sqlite: OpenedDatabase['sqlite']): void {
  sqlite.prepare("INSERT INTO users (id, name, display_name, role, created_at) VALUES ('u1', 'joost', 'Joost', 'redacteur', ?)").run(at);
  sqlite.prepare("INSERT INTO phases (id, ordinal, name, description) VALUES ('online-signaal', 2, 'Online signaal', '')").run();
  sqlite
    .prepare(
      `INSERT INTO cases (id, title, status, classification, content_class, current_phase_id, created_at, created_by,
         created_by_name, head_seq, head_hash) VALUES ('c1', 'Station', 'open', 'vertrouwelijk', 'ongewenst',
         'online-signaal', ?, 'u1', 'Joost', 0, ?)`,
    )
    .run(at, '0'.repeat(64));
}

interface Step {
  tag: string;
  /** Puts data into a database at the version before this migration; returns the tables to compare. */
  fill(store: OpenedDatabase): string[];
  /** What must hold once this migration has run. */
  check(store: OpenedDatabase): void;
}

const steps: Step[] = [
  {
    tag: '0000_initial',
    fill: () => [],
    check: ({ sqlite }) => {
      const tables = sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[];
      expect(tables.map((t) => t.name)).toEqual(expect.arrayContaining(['users', 'cases', 'log_entries', 'decisions', 'search_documents']));
    },
  },
  {
    tag: '0001_append_only_and_search',
    fill: ({ sqlite }) => {
      sqlite.prepare("INSERT INTO users (id, name, display_name, role, created_at) VALUES ('u1', 'joost', 'Joost', 'redacteur', ?)").run(at);
      sqlite.prepare("INSERT INTO phases (id, ordinal, name, description) VALUES ('online-signaal', 2, 'Online signaal', '')").run();
      sqlite.prepare("INSERT INTO case_roles (id, ordinal, name, description) VALUES ('oov-adviseur', 1, 'OOV-adviseur', '')").run();
      sqlite
        .prepare(
          `INSERT INTO cases (id, title, status, classification, content_class, current_phase_id, created_at, created_by,
             created_by_name, head_seq, head_hash) VALUES ('c1', 'Station', 'open', 'vertrouwelijk', 'ongewenst',
             'online-signaal', ?, 'u1', 'Joost', 0, ?)`,
        )
        .run(at, '0'.repeat(64));
      for (const [i, text] of ['Oproep op TikTok', 'Het is geëscaleerd'].entries()) {
        appendLegacyEntry(sqlite, {
          id: `e${i + 1}`, caseId: 'c1', type: 'signaal', text, occurredAt: at, recordedAt: at, authorId: 'u1',
          authorName: 'Joost', source: null, sourceReliability: 'B', informationCredibility: '2', correctsEntryId: null,
          personalData: false, phaseId: 'online-signaal',
        });
      }
      sqlite
        .prepare(
          `INSERT INTO tasks (id, case_id, text, owner_role_id, status, created_at, created_by, created_by_name, updated_at)
           VALUES ('t1', 'c1', 'Rectificatie controleren', 'oov-adviseur', 'open', ?, 'u1', 'Joost', ?)`,
        )
        .run(at, at);
      sqlite
        .prepare(
          `INSERT INTO decisions (id, case_id, number, text, decided_by, necessity, proportionality, subsidiarity,
             decided_at, recorded_at, recorded_by_name) VALUES ('d1', 'c1', 1, 'Politie aanwezig', 'burgemeester',
             'Dreiging', 'Beperkt', 'Geen lichter middel', ?, ?, 'Joost')`,
        )
        .run(at, at);
      return ['users', 'phases', 'case_roles', 'cases', 'log_entries', 'tasks', 'decisions'];
    },
    check: ({ sqlite }) => {
      const found = (query: string) =>
        (sqlite
          .prepare(
            `SELECT d.kind FROM search_index JOIN search_documents d ON d.id = search_index.rowid
             WHERE search_index MATCH ? ORDER BY d.kind`,
          )
          .all(toFtsQuery(query)) as { kind: string }[]).map((row) => row.kind);
      expect(found('geescaleerd')).toEqual(['entry']);
      expect(found('rectificatie')).toEqual(['task']);
      expect(found('lichter')).toEqual(['decision']);
      expect(() => sqlite.prepare("UPDATE log_entries SET text = 'x'").run()).toThrow(/append-only/);
      expect(verifyLegacyChains(sqlite)).toMatchObject({ ok: true, entriesChecked: 2 });
    },
  },
  {
    tag: '0002_signals',
    fill: ({ sqlite }) => {
      insertUserPhaseAndCase(sqlite);
      for (const [i, type] of (['signaal', 'notitie'] as const).entries()) {
        appendLegacyEntry(sqlite, {
          id: `e${i + 1}`, caseId: 'c1', type, text: `Regel ${i + 1}`, occurredAt: at, recordedAt: at, authorId: 'u1',
          authorName: 'Joost', source: null, sourceReliability: null, informationCredibility: null, correctsEntryId: null,
          personalData: false, phaseId: 'online-signaal',
        });
      }
      sqlite
        .prepare(
          `INSERT INTO attachments (id, case_id, entry_id, file_name, media_type, size, sha256, personal_data, bytes,
             added_at, added_by, added_by_name) VALUES ('a1', 'c1', 'e1', 'oproep.txt', 'text/plain', 3, ?, 1, ?, ?, 'u1', 'Joost')`,
        )
        .run('f'.repeat(64), Buffer.from('abc'), at);
      return ['users', 'phases', 'cases', 'log_entries', 'attachments'];
    },
    check: ({ sqlite }) => {
      const insert = (entryId: string, channel: string, legalGround: string | null) =>
        sqlite
          .prepare(
            `INSERT INTO signals (entry_id, case_id, platform, channel, legal_ground, seen_at, content_class, captured_by, captured_by_name)
             VALUES (?, 'c1', 'tiktok', ?, ?, ?, 'ongewenst', 'u1', 'Joost')`,
          )
          .run(entryId, channel, legalGround, at);
      expect(() => insert('e2', 'openbaar', null)).toThrow(/signaal entry/);
      expect(() => insert('e1', 'besloten', ' ')).toThrow(/legal ground/);
      insert('e1', 'besloten', 'Melding van school: oproep in klassengroep');
      expect(() => sqlite.prepare("UPDATE signals SET platform = 'x'").run()).toThrow(/append-only/);
      expect(() => sqlite.prepare('DELETE FROM signals').run()).toThrow(/append-only/);
      expect(sqlite.prepare('SELECT count(*) AS n FROM signals').get()).toEqual({ n: 1 });
      expect(verifyLegacyChains(sqlite)).toMatchObject({ ok: true, entriesChecked: 2 });
    },
  },
  {
    tag: '0003_export_register',
    fill: ({ sqlite }) => {
      insertUserPhaseAndCase(sqlite);
      sqlite
        .prepare(
          `INSERT INTO briefing_exports (id, case_id, at, by, by_name, fingerprint, classification, redacted, page_count)
           VALUES ('b1', 'c1', ?, 'u1', 'Joost', ?, 'vertrouwelijk', 0, 2)`,
        )
        .run(at, 'a'.repeat(64));
      return ['users', 'phases', 'cases'];
    },
    check: ({ sqlite }) => {
      // A record made before the register kept kinds and file hashes reads as briefing 1 without a hash.
      expect(sqlite.prepare('SELECT kind, number, audience, sha256, size, page_count AS pages FROM briefing_exports').get()).toEqual({
        kind: 'briefing', number: 1, audience: null, sha256: null, size: null, pages: 2,
      });
      expect(() => sqlite.prepare("UPDATE briefing_exports SET sha256 = 'x'").run()).toThrow(/append-only/);
      expect(() => sqlite.prepare('DELETE FROM briefing_exports').run()).toThrow(/append-only/);
    },
  },
  {
    tag: '0004_write_requests',
    fill: ({ sqlite }) => {
      insertUserPhaseAndCase(sqlite);
      return ['users', 'phases', 'cases', 'briefing_exports'];
    },
    check: ({ sqlite }) => {
      // Answers kept for repeated requests: one per request id, and pruned (unlike the log) once old.
      const insert = sqlite.prepare("INSERT INTO write_requests (request_id, channel, user_id, result, at) VALUES (?, 'entries.append', 'u1', '{}', ?)");
      insert.run('r1', at);
      expect(() => insert.run('r1', at)).toThrow(/UNIQUE/);
      expect(sqlite.prepare('DELETE FROM write_requests WHERE at < ?').run('2026-03-02T00:00:00.000Z').changes).toBe(1);
    },
  },
  {
    tag: '0005_law_and_role_rules',
    fill: ({ sqlite }) => {
      insertUserPhaseAndCase(sqlite);
      const role = sqlite.prepare('INSERT INTO case_roles (id, ordinal, name, description) VALUES (?, ?, ?, ?)');
      role.run('oov-adviseur', 2, 'OOV-adviseur', '');
      role.run('politie-liaison', 4, 'Politie-liaison', '');
      role.run('eigen-rol', 20, 'Crisiscoördinator', 'Door de gemeente toegevoegd');
      sqlite
        .prepare(
          `INSERT INTO decisions (id, case_id, number, text, decided_by, necessity, proportionality, subsidiarity,
             decided_at, recorded_at, recorded_by_name) VALUES ('d1', 'c1', 1, 'Noodverordening', 'burgemeester',
             '', '', '', ?, ?, 'Joost')`,
        )
        .run(at, at);
      return ['users', 'phases', 'cases', 'decisions'];
    },
    check: ({ sqlite }) => {
      // The default catalogue's single-holder roles get the flag; a municipality's own role keeps several holders.
      expect(sqlite.prepare('SELECT id, single_holder AS single FROM case_roles ORDER BY ordinal').all()).toEqual([
        { id: 'oov-adviseur', single: 1 },
        { id: 'politie-liaison', single: 0 },
        { id: 'eigen-rol', single: 0 },
      ]);
      sqlite
        .prepare(
          `INSERT INTO decision_council_meetings (id, decision_id, council_meeting_at, at, recorded_at, by, by_name)
           VALUES ('m1', 'd1', '2026-03-17T18:30:00.000Z', ?, ?, 'u1', 'Joost')`,
        )
        .run(at, at);
      expect(() => sqlite.prepare("UPDATE decision_council_meetings SET council_meeting_at = 'x'").run()).toThrow(/append-only/);
      expect(() => sqlite.prepare('DELETE FROM decision_council_meetings').run()).toThrow(/append-only/);
    },
  },
  {
    tag: '0006_drafts',
    fill: ({ sqlite }) => {
      insertUserPhaseAndCase(sqlite);
      return ['users', 'phases', 'cases', 'settings'];
    },
    check: ({ sqlite }) => {
      // One draft per user and form, replaced as typing goes on, and deleted (unlike the log) once done with.
      const draft = sqlite.prepare('INSERT INTO drafts (user_id, key, value, saved_at) VALUES (?, ?, ?, ?)');
      draft.run('u1', 'case/c1/phase-change', '{"reason":"Groepen"}', at);
      expect(() => draft.run('u1', 'case/c1/phase-change', '{}', at)).toThrow(/UNIQUE/);
      expect(() => draft.run('nobody', 'case/c1/phase-change', '{}', at)).toThrow(/FOREIGN KEY/);
      expect(sqlite.prepare("UPDATE drafts SET value = '{}' WHERE user_id = 'u1'").run().changes).toBe(1);
      expect(sqlite.prepare('DELETE FROM drafts').run().changes).toBe(1);
      const setting = sqlite.prepare('INSERT INTO user_settings (user_id, key, value, updated_at) VALUES (?, ?, ?, ?)');
      setting.run('u1', 'language', '"en"', at);
      expect(() => setting.run('u1', 'language', '"nl"', at)).toThrow(/UNIQUE/);
      expect(() => setting.run('nobody', 'language', '"nl"', at)).toThrow(/FOREIGN KEY/);
    },
  },
  {
    tag: '0007_glance',
    fill: ({ sqlite }) => {
      insertUserPhaseAndCase(sqlite);
      for (const [i, text] of ['Oproep op TikTok', 'Zestig jongeren bij het station'].entries()) {
        appendLegacyEntry(sqlite, {
          id: `e${i + 1}`, caseId: 'c1', type: 'waarneming', text, occurredAt: at, recordedAt: at, authorId: 'u1',
          authorName: 'Joost', source: 'Politie', sourceReliability: 'A', informationCredibility: '2', correctsEntryId: null,
          personalData: false, phaseId: 'online-signaal',
        });
      }
      sqlite
        .prepare(
          `INSERT INTO people (id, name, function, contact, notes, created_at, updated_at)
           VALUES ('p1', 'Ilse', 'Wijkagent', 'portofoon kanaal 3', '', ?, ?)`,
        )
        .run(at, at);
      sqlite
        .prepare(
          `INSERT INTO tasks (id, case_id, text, owner_person_id, due_at, status, created_at, created_by, created_by_name, updated_at)
           VALUES ('t1', 'c1', 'Rectificatie controleren', 'p1', ?, 'open', ?, 'u1', 'Joost', ?)`,
        )
        .run('2026-03-04T17:00:00.000Z', at, at);
      // log_entries and people gain a column; the chain check below shows every entry kept its fields.
      return ['users', 'phases', 'cases', 'tasks'];
    },
    check: ({ sqlite }) => {
      // Entries from before places keep their hashes and verify; a person from before has no phone yet.
      expect(sqlite.prepare('SELECT count(*) AS n FROM log_entries WHERE location IS NOT NULL').get()).toEqual({ n: 0 });
      expect(verifyLegacyChains(sqlite)).toMatchObject({ ok: true, entriesChecked: 2 });
      expect(sqlite.prepare('SELECT phone, contact FROM people').get()).toEqual({ phone: '', contact: 'portofoon kanaal 3' });
      // A new entry with a place chains onto the old ones, and the whole chain still verifies.
      appendLegacyEntry(sqlite, {
        id: 'e3', caseId: 'c1', type: 'waarneming', text: 'Vuurwerk gegooid', occurredAt: at, recordedAt: at, authorId: 'u1',
        authorName: 'Joost', source: null, sourceReliability: null, informationCredibility: null, correctsEntryId: null,
        personalData: false, phaseId: 'online-signaal', location: 'Stationsplein',
      });
      expect(verifyLegacyChains(sqlite)).toMatchObject({ ok: true, entriesChecked: 3 });
      expect(() => sqlite.prepare("UPDATE log_entries SET location = 'x'").run()).toThrow(/append-only/);
      // Where a user stands in reading a case's signals: one row per user and case.
      const read = sqlite.prepare("INSERT INTO signal_reads (user_id, case_id, read_at) VALUES ('u1', 'c1', ?)");
      read.run(at);
      expect(() => read.run(at)).toThrow(/UNIQUE|PRIMARY/);
      // The deadlines of open tasks are read through the partial index, never by scanning every task.
      const plan = sqlite
        .prepare(
          `EXPLAIN QUERY PLAN SELECT t.id FROM tasks t
           WHERE t.case_id = 'c1' AND t.status IN ('open', 'bezig') AND t.due_at IS NOT NULL AND t.due_at < ?`,
        )
        .all(at) as { detail: string }[];
      expect(plan.map((row) => row.detail).join(' ')).toContain('tasks_open_due');
    },
  },
  {
    tag: '0008_store_at_the_floor',
    fill: ({ sqlite }) => {
      insertUserPhaseAndCase(sqlite);
      sqlite
        .prepare(
          `INSERT INTO cases (id, title, status, classification, content_class, current_phase_id, created_at, created_by,
             created_by_name, head_seq, head_hash) VALUES ('c2', 'Plein', 'open', 'vertrouwelijk', 'ongewenst',
             'online-signaal', ?, 'u1', 'Joost', 0, ?)`,
        )
        .run(at, '0'.repeat(64));
      // Two cases written in turn, as a night with two incidents would: their rows interleave in the old table.
      const texts = ['Oproep op TikTok: station 21:00', 'Vuurwerk op het plein', 'Zestig jongeren bij het station', 'Rustig op het plein'];
      texts.forEach((text, i) => {
        appendLegacyEntry(sqlite, {
          id: `e${i + 1}`, caseId: i % 2 === 0 ? 'c1' : 'c2', type: i === 0 ? 'signaal' : 'waarneming', text, occurredAt: at,
          recordedAt: at, authorId: 'u1', authorName: 'Joost', source: null, sourceReliability: null,
          informationCredibility: null, correctsEntryId: null, personalData: i === 2, phaseId: 'online-signaal',
          location: i === 2 ? 'Stationsplein' : null,
        });
      });
      appendLegacyEntry(sqlite, {
        id: 'e5', caseId: 'c1', type: 'waarneming', text: 'Veertig jongeren bij het station', occurredAt: at, recordedAt: at,
        authorId: 'u1', authorName: 'Joost', source: null, sourceReliability: null, informationCredibility: null,
        correctsEntryId: 'e3', personalData: false, phaseId: 'online-signaal',
      });
      sqlite
        .prepare(
          `INSERT INTO signals (entry_id, case_id, platform, channel, seen_at, content_class, captured_by, captured_by_name)
           VALUES ('e1', 'c1', 'tiktok', 'openbaar', ?, 'ongewenst', 'u1', 'Joost')`,
        )
        .run(at);
      sqlite
        .prepare(
          `INSERT INTO attachments (id, case_id, entry_id, file_name, media_type, size, sha256, personal_data, bytes, added_at,
             added_by, added_by_name) VALUES ('a1', 'c1', 'e1', 'oproep.png', 'image/png', 3, ?, 0, x'010203', ?, 'u1', 'Joost')`,
        )
        .run('ab'.repeat(32), at);
      sqlite
        .prepare(
          `INSERT INTO tasks (id, case_id, text, status, created_at, created_by, created_by_name, updated_at)
           VALUES ('t1', 'c1', 'Station: rectificatie controleren', 'open', ?, 'u1', 'Joost', ?)`,
        )
        .run(at, at);
      legacyHashes = sqlite.prepare('SELECT id, prev_hash AS prevHash, hash FROM log_entries ORDER BY id').all() as typeof legacyHashes;
      return ['users', 'phases', 'signals', 'attachments', 'tasks'];
    },
    check: (store) => {
      const { sqlite } = store;
      // Every hash and link is the same 32 bytes it was as hex (the chains are verified by today's code in 0010's step,
      // which reads the log's later columns).
      expect(sqlite.prepare('SELECT id, lower(hex(prev_hash)) AS prevHash, lower(hex(hash)) AS hash FROM log_entries ORDER BY id').all()).toEqual(
        legacyHashes,
      );
      expect(sqlite.pragma('foreign_key_check')).toEqual([]);
      // Within a case the rowid follows the log's order, and each case has its own small key.
      const rows = sqlite.prepare('SELECT c.id AS caseId, e.seq, e.n FROM log_entries e JOIN cases c ON c.key = e.case_key ORDER BY e.n').all() as {
        caseId: string;
        seq: number;
      }[];
      expect(rows.map((row) => `${row.caseId}:${row.seq}`)).toEqual(['c1:1', 'c1:2', 'c1:3', 'c2:1', 'c2:2']);
      // The text is stored once: entries left the shared search documents, which keep tasks and decisions.
      expect(sqlite.prepare("SELECT kind, count(*) AS n FROM search_documents GROUP BY kind").all()).toEqual([{ kind: 'task', n: 1 }]);
      const hits = searchDocuments(store, { caseId: 'c1', query: 'station', limit: 50 }).map((hit) => `${hit.kind}:${hit.id}`);
      expect(hits.sort()).toEqual(['entry:e1', 'entry:e3', 'entry:e5', 'task:t1']);
      expect(searchDocuments(store, { caseId: 'c2', query: 'station', limit: 50 })).toEqual([]);
      expect(listEntryPage(store, { caseId: 'c1', match: entryMatch(store, 'jongeren')! }, { limit: 10 }).entries.map((entry) => entry.id)).toEqual(['e3', 'e5']);
      const entry = findEntry(store, 'e3')!;
      expect(entry).toMatchObject({ caseId: 'c1', seq: 2, location: 'Stationsplein', correctedByIds: ['e5'], personalData: true });
      // Counts from the counter table match the log.
      const stats = collectStats(store, 'c1', at);
      expect(stats).toMatchObject({ entries: 3, personalDataEntries: 1, entriesByType: { signaal: 1, waarneming: 2 } });
      expect(collectStats(store, null, at).entries).toBe(5);
      // The rules of the log still hold in the database itself.
      expect(() => sqlite.prepare("UPDATE log_entries SET text = 'x'").run()).toThrow(/append-only/);
      expect(() => sqlite.prepare('DELETE FROM log_entries').run()).toThrow(/append-only/);
      expect(() =>
        sqlite
          .prepare(
            `INSERT INTO signals (entry_id, case_id, platform, channel, seen_at, content_class, captured_by_name)
             VALUES ('e2', 'c1', 'tiktok', 'openbaar', ?, 'ongewenst', 'Joost')`,
          )
          .run(at),
      ).toThrow(/signaal entry/);
      // A new case gets the next key.
      sqlite
        .prepare(
          `INSERT INTO cases (id, title, status, classification, content_class, current_phase_id, created_at, created_by_name,
             head_seq, head_hash) VALUES ('c3', 'Wijk', 'open', 'vertrouwelijk', 'ongewenst', 'online-signaal', ?, 'Joost', 0, ?)`,
        )
        .run(at, '0'.repeat(64));
      expect(sqlite.prepare("SELECT id, key FROM cases ORDER BY key").all()).toEqual([
        { id: 'c1', key: 1 },
        { id: 'c2', key: 2 },
        { id: 'c3', key: 3 },
      ]);
    },
  },
  {
    tag: '0009_partner_recipient',
    fill: ({ sqlite }) => {
      insertUserPhaseAndCase(sqlite);
      sqlite
        .prepare(
          `INSERT INTO briefing_exports (id, case_id, at, by_name, fingerprint, classification, redacted, page_count, kind, number)
           VALUES ('x1', 'c1', ?, 'Joost', ?, 'vertrouwelijk', 0, 4, 'briefing', 1)`,
        )
        .run(at, `0:${'0'.repeat(64)}`);
      // The register gains a column, so its rows are compared in the check, not as they were.
      return [];
    },
    check: ({ sqlite }) => {
      // Earlier exports were all for the own organisation; a partner version names its recipient.
      expect(sqlite.prepare("SELECT id, recipient FROM briefing_exports").all()).toEqual([{ id: 'x1', recipient: null }]);
      expect(() => sqlite.prepare("UPDATE briefing_exports SET recipient = 'OM' WHERE id = 'x1'").run()).toThrow(/append-only/);
    },
  },
  {
    tag: '0010_author_signatures',
    fill: ({ sqlite }) => {
      insertUserPhaseAndCase(sqlite);
      appendEntryWithUnsignedHead(sqlite, { ...unsignedEntry, id: 'e1', text: 'Oproep op TikTok: station 21:00' });
      appendEntryWithUnsignedHead(sqlite, { ...unsignedEntry, id: 'e2', text: 'Zestig jongeren', location: 'Stationsplein' });
      legacyHashes = sqlite.prepare('SELECT id, lower(hex(prev_hash)) AS prevHash, lower(hex(hash)) AS hash FROM log_entries ORDER BY id').all() as typeof legacyHashes;
      return ['users', 'phases', 'cases'];
    },
    check: (store) => {
      const { sqlite } = store;
      // The entries written before signatures keep their bytes, their hashes and their /1 and /2 encodings.
      expect(sqlite.prepare('SELECT id, lower(hex(prev_hash)) AS prevHash, lower(hex(hash)) AS hash FROM log_entries ORDER BY id').all()).toEqual(
        legacyHashes,
      );
      expect(sqlite.prepare('SELECT count(*) FROM log_entries WHERE device IS NOT NULL OR author_key IS NOT NULL OR signature IS NOT NULL').pluck().get()).toBe(0);
      // The vault has a device id of its own, kept as the settings keep values (JSON).
      expect(deviceIdOf(sqlite)).toMatch(/^[0-9a-f]{32}$/);
      // A signed entry chains onto the old ones (today's code verifies the chain in 0012's step), is found and counted.
      const pair = newSigningKeyPair();
      const publicKey = pair.publicKey.toString('base64');
      registerAuthorKey(sqlite, 'u1', publicKey, at);
      const signed = signEntry({ ...unsignedEntry, id: 'e3', text: 'Station weer rustig' }, { userId: 'u1', device: deviceIdOf(sqlite), publicKey, privateKey: pair.privateKey });
      appendEntryWithUnsignedHead(sqlite, signed);
      expect(sqlite.prepare("SELECT seq, author_key AS authorKey FROM log_entries WHERE id = 'e3'").get()).toEqual({ seq: 3, authorKey: pair.publicKey });
      expect(searchDocuments(store, { caseId: 'c1', query: 'rustig', limit: 50 }).map((hit) => hit.id)).toEqual(['e3']);
      expect(collectStats(store, 'c1', at).entries).toBe(3);
      // The log and the key registry refuse to be changed in place.
      expect(() => sqlite.prepare("UPDATE log_entries SET signature = NULL WHERE id = 'e3'").run()).toThrow(/append-only/);
      expect(() => sqlite.prepare('DELETE FROM log_entries').run()).toThrow(/append-only/);
      expect(() => sqlite.prepare('UPDATE author_keys SET public_key = zeroblob(32)').run()).toThrow(/append-only/);
      expect(() => sqlite.prepare('DELETE FROM author_keys').run()).toThrow(/append-only/);
    },
  },
  {
    tag: '0011_shared_cases',
    fill: ({ sqlite }) => {
      insertUserPhaseAndCase(sqlite);
      appendEntryWithUnsignedHead(sqlite, { ...unsignedEntry, id: 'e1', text: 'Oproep op TikTok: station 21:00' });
      // Users gain a column, so they are compared in the check.
      return ['phases', 'cases', 'log_entries'];
    },
    check: ({ sqlite }) => {
      // Every existing user is an account of this vault, none an author from another one.
      expect(sqlite.prepare('SELECT id, external_organisation AS external FROM users').all()).toEqual([{ id: 'u1', external: null }]);
      for (const table of ['peers', 'case_replicas', 'replica_authors', 'provisional_entries', 'replica_refusals']) {
        expect(sqlite.prepare(`SELECT count(*) FROM ${table}`).pluck().get(), table).toBe(0);
      }
      // A case can be shared whole and, apart, its signals; never twice in one scope.
      const share = sqlite.prepare(
        `INSERT INTO case_replicas (case_key, scope, engine_name, base_key, block_key, owner, shared_at)
         VALUES ((SELECT key FROM cases WHERE id = 'c1'), ?, 'c1', ?, zeroblob(32), 1, ?)`,
      );
      share.run('alles', 'a'.repeat(64), at);
      share.run('signalen', 'b'.repeat(64), at);
      expect(() => share.run('alles', 'c'.repeat(64), at)).toThrow(/UNIQUE/);
    },
  },
  {
    tag: '0012_signed_heads',
    fill: ({ sqlite }) => {
      insertUserPhaseAndCase(sqlite);
      // A second case holds a signed entry under a head moved before heads were signed.
      sqlite
        .prepare(
          `INSERT INTO cases (id, title, status, classification, content_class, current_phase_id, created_at, created_by,
             created_by_name, head_seq, head_hash) VALUES ('c2', 'Wijk', 'open', 'vertrouwelijk', 'ongewenst',
             'online-signaal', ?, 'u1', 'Joost', 0, ?)`,
        )
        .run(at, '0'.repeat(64));
      appendEntryWithUnsignedHead(sqlite, { ...unsignedEntry, id: 'e1', text: 'Oproep op TikTok: station 21:00' });
      appendEntryWithUnsignedHead(sqlite, { ...unsignedEntry, id: 'e2', text: 'Zestig jongeren', location: 'Stationsplein' });
      const pair = newSigningKeyPair();
      registerAuthorKey(sqlite, 'u1', pair.publicKey.toString('base64'), at);
      const signer = { userId: 'u1', device: deviceIdOf(sqlite), publicKey: pair.publicKey.toString('base64'), privateKey: pair.privateKey };
      appendEntryWithUnsignedHead(sqlite, signEntry({ ...unsignedEntry, caseId: 'c2', id: 'e3', text: 'Ondertekend' }, signer));
      oldSigner = signer;
      return ['log_entries', 'author_keys'];
    },
    check: (store) => {
      const { sqlite } = store;
      expect(sqlite.prepare('SELECT id, head_seq AS seq, head_signature AS signature, head_signer AS signer FROM cases ORDER BY id').all()).toEqual([
        { id: 'c1', seq: 2, signature: null, signer: null },
        { id: 'c2', seq: 1, signature: null, signer: null },
      ]);
      // Today's code on the old log: an unsigned head is in order for a case of unsigned entries, not for one with a signed entry.
      expect(verifyChains(sqlite)).toMatchObject({ ok: false, entriesChecked: 3, firstBroken: { caseId: 'c2', seq: 1, entryId: 'e3', reason: 'head-unsigned' } });
      // The next append by a signed-in user signs the head of the case of unsigned entries, and it verifies.
      attachSigner(store, oldSigner!);
      const signed = signEntry({ ...unsignedEntry, id: 'e4', text: 'Station weer rustig' }, oldSigner!);
      expect(appendChainedEntry(sqlite, signed)).toMatchObject({ seq: 3 });
      expect(sqlite.prepare("SELECT head_signer FROM cases WHERE id = 'c1'").pluck().get()).toBe(oldSigner!.publicKey);
      expect(sqlite.prepare("SELECT length(head_signature) FROM cases WHERE id = 'c1'").pluck().get()).toBe(64);
      // The other case's unsigned head over a signed entry is not signed over.
      expect(() => appendChainedEntry(sqlite, signEntry({ ...unsignedEntry, caseId: 'c2', id: 'e5', text: 'Erover' }, oldSigner!))).toThrow(
        expect.objectContaining({ code: 'LOG_TAMPERED' }),
      );
      expect(sqlite.prepare("SELECT count(*) FROM log_entries WHERE id = 'e5'").pluck().get()).toBe(0);
      detachSigner(store);
      expect(verifyChains(sqlite).firstBroken).toMatchObject({ caseId: 'c2', reason: 'head-unsigned' });
    },
  },
];

let oldSigner: EntrySigner | undefined;

const unsignedEntry: NewEntry = {
  id: '',
  caseId: 'c1',
  type: 'waarneming',
  text: '',
  occurredAt: at,
  recordedAt: at,
  authorId: 'u1',
  authorName: 'Joost',
  source: null,
  sourceReliability: null,
  informationCredibility: null,
  correctsEntryId: null,
  personalData: false,
  phaseId: 'online-signaal',
};

/**
 * An entry as Ordelog wrote it from migration 0008 to 0011: the head moved without a signature, and the entry's
 * signature columns (from 0010 on) written only when it has a signature.
 */
function appendEntryWithUnsignedHead(sqlite: Database.Database, entry: NewEntry): void {
  const head = sqlite.prepare('SELECT key, head_seq AS seq, head_hash AS hash FROM cases WHERE id = ?').get(entry.caseId) as {
    key: number;
    seq: number;
    hash: string;
  };
  const chained = { ...entry, seq: head.seq + 1, prevHash: head.hash };
  const hash = entryHash(chained);
  const signed = entry.signature ? ', device, author_key, signature' : '';
  sqlite
    .prepare(
      `INSERT INTO log_entries (id, case_key, seq, type, text, occurred_at, recorded_at, author_id, author_name, source,
         source_reliability, information_credibility, corrects_entry_id, personal_data, phase_id, location, prev_hash, hash${signed})
       VALUES (@id, @caseKey, @seq, @type, @text, @occurredAt, @recordedAt, @authorId, @authorName, @source,
         @sourceReliability, @informationCredibility, @correctsEntryId, 0, @phaseId, @location, unhex(@prevHash), unhex(@hash)
         ${signed && ', @device, @authorKey, @signature'})`,
    )
    .run({
      ...chained,
      caseKey: head.key,
      location: chained.location ?? null,
      hash,
      ...(entry.signature ? { authorKey: Buffer.from(entry.authorKey!, 'base64'), signature: Buffer.from(entry.signature, 'base64') } : {}),
    });
  sqlite.prepare('UPDATE cases SET head_seq = ?, head_hash = ? WHERE key = ?').run(chained.seq, hash, head.key);
}

let legacyHashes: { id: string; prevHash: string; hash: string }[] = [];

describe('migrations', () => {
  it.each(steps.map((step, index) => [step.tag, index] as const))('%s keeps the data of the version before it', (_tag, index) => {
    const step = steps[index]!;
    const file = join(dir, 'vault.db');
    const key = randomBytes(32);
    const before = openDatabase(file, key, { create: true, seed: false, migrationsFolder: migrationsUpTo(index) });
    const tables = step.fill(before);
    const rows = Object.fromEntries(tables.map((table) => [table, dump(before.sqlite, table)]));
    before.close();

    const after = openDatabase(file, key, { seed: false, migrationsFolder: migrationsUpTo(index + 1) });
    try {
      expect(after.sqlite.pragma('user_version', { simple: true })).toBe(index + 1);
      for (const table of tables) expect(dump(after.sqlite, table), table).toEqual(rows[table]);
      step.check(after);
    } finally {
      after.close();
    }
  });

  it('has a step for every migration in the journal', () => {
    expect(steps.map((step) => step.tag)).toEqual(journal.entries.map((entry) => entry.tag));
  });

  it('gives a vault made before the role and law rules the new legal bases and role flags when it is opened', () => {
    const file = join(dir, 'vault.db');
    const key = randomBytes(32);
    const beforeRules = journal.entries.findIndex((entry) => entry.tag === '0005_law_and_role_rules');
    const before = openDatabase(file, key, { create: true, seed: false, migrationsFolder: migrationsUpTo(beforeRules) });
    // The catalogue as a vault seeded by the previous release holds it, with one basis the municipality reworded.
    const basis = before.sqlite.prepare('INSERT INTO legal_bases (id, ordinal, citation, name, description, deadline_rules) VALUES (?, ?, ?, ?, ?, ?)');
    basis.run('gemw-172-3', 1, 'Gemeentewet art. 172 lid 3', 'Lichte bevelsbevoegdheid', '', '[]');
    basis.run('gemw-176', 6, 'Gemeentewet art. 176', 'Noodverordening (eigen tekst)', '', '[{"kind":"council-ratification"}]');
    before.sqlite.prepare("INSERT INTO case_roles (id, ordinal, name, description) VALUES ('burgemeester', 1, 'Burgemeester', '')").run();
    before.close();

    const after = openDatabase(file, key);
    try {
      const bases = listLegalBases(after);
      expect(bases.map((item) => item.id)).toEqual(expect.arrayContaining(['gemw-172-1', 'gemw-172-2', 'gemw-174a', 'politiewet-12', 'wvr-39']));
      expect(bases.slice(0, 3).map((item) => item.citation)).toEqual([
        'Gemeentewet art. 172 lid 1',
        'Gemeentewet art. 172 lid 2',
        'Gemeentewet art. 172 lid 3',
      ]);
      expect(bases.find((item) => item.id === 'gemw-176')!.name).toBe('Noodverordening (eigen tekst)');
      expect(listCaseRoles(after).find((role) => role.id === 'burgemeester')).toMatchObject({ singleHolder: true });
      expect(listCaseRoles(after).find((role) => role.id === 'jongerenwerk')).toMatchObject({ singleHolder: false });
    } finally {
      after.close();
    }
  });

  it('refuses a vault migrated by a newer version', () => {
    const file = join(dir, 'vault.db');
    const key = randomBytes(32);
    openDatabase(file, key, { create: true }).close();
    expect(() => openDatabase(file, key, { migrationsFolder: migrationsUpTo(journal.entries.length - 1) })).toThrow(
      expect.objectContaining({ code: 'VAULT_NEWER_VERSION' }),
    );
  });
});
