import type Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportCase } from '../../main/services/case-export';
import { createCase, getCase, listCases } from '../../main/services/cases';
import { appendEntry, correctEntry, getEntry, listEntries } from '../../main/services/entries';
import { searchCase } from '../../main/services/search';
import { sessionFor, type Session } from '../../main/services/session';
import { getSituation } from '../../main/services/situation';
import { stats } from '../../main/services/stats';
import { verify } from '../../main/services/verify';
import { createTestVault, type TestVault } from '../helpers/vault';

/**
 * Every index of the log's tables earns its place: the app's own calls, as the renderer and the CLI make them,
 * are run with SQLite explaining each statement's plan, and each index must appear in one of those plans. An
 * index no query uses only costs space and time on every append (store-at-the-floor.md counted six, two on
 * random UUIDs); one added later needs a call here that uses it.
 */

const logTables = ['log_entries', 'cases', 'entry_counts', 'search_documents'];

/** Indexes that hold a rule rather than serve a query, each with the rule. */
const rules: Record<string, string> = {
  search_documents_object: 'one search document per task or decision, found by the triggers that keep it current',
};

let test: TestVault;
let session: Session;
const plans: string[] = [];
/** How many of `plans` came from the calls a user waits on while working (all but verification). */
let workingPlans = 0;

/** Runs each statement's EXPLAIN QUERY PLAN with the same arguments before the statement itself. */
function explainEverything(sqlite: Database.Database): void {
  const prepare = sqlite.prepare.bind(sqlite);
  const explained = (sql: string, statement: Database.Statement): Database.Statement => {
    if (!/^\s*(SELECT|WITH|INSERT|UPDATE|DELETE)/i.test(sql)) return statement;
    const explain = prepare(`EXPLAIN QUERY PLAN ${sql}`);
    return new Proxy(statement, {
      get(target, property, receiver) {
        const value: unknown = Reflect.get(target, property, receiver);
        if (typeof value !== 'function') return value;
        if (['all', 'get', 'run', 'iterate'].includes(String(property))) {
          return (...args: unknown[]) => {
            for (const row of explain.all(...args) as { detail: string }[]) plans.push(row.detail);
            return (value as (...a: unknown[]) => unknown).apply(target, args);
          };
        }
        return (...args: unknown[]) => {
          const result = (value as (...a: unknown[]) => unknown).apply(target, args);
          return result === target ? receiver : result;
        };
      },
    });
  };
  sqlite.prepare = ((sql: string) => explained(sql, prepare(sql))) as typeof sqlite.prepare;
}

beforeAll(async () => {
  test = await createTestVault();
  explainEverything(test.vault.database.sqlite);
  session = sessionFor(test.vault, 'app');
  const other = createCase(session, { title: 'Ander dossier' });
  const caseId = createCase(session, { title: 'Oproep tot rellen bij het station' }).id;
  for (let i = 0; i < 30; i += 1) {
    appendEntry(session, { caseId: i % 3 === 0 ? other.id : caseId, type: 'waarneming', text: `Jongeren bij het station ${i}` });
  }
  const first = listEntries(session, { caseId, limit: 10 });
  const corrected = correctEntry(session, { entryId: first.entries[1]!.id, text: 'Twintig jongeren bij het station' });
  getEntry(session, { entryId: corrected.id });
  listEntries(session, { caseId, after: first.nextCursor!, limit: 10 });
  listEntries(session, { caseId, query: 'station', types: ['waarneming'], limit: 10 });
  searchCase(session, { caseId, query: 'jongeren', limit: 50 });
  searchCase(session, { caseId: null, query: 'jongeren', limit: 50 });
  stats(session, { caseId });
  getCase(session, { caseId });
  listCases(session, {});
  getSituation(session, { caseId });
  exportCase(session, { caseId });
  workingPlans = plans.length;
  // Verification reads the whole log on purpose, in one sequential pass.
  verify(session, { quick: true });
});

afterAll(() => test.cleanup());

describe('the log store', () => {
  it('has no index that none of the app calls uses', () => {
    const indexes = test.vault.database.sqlite
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (${logTables.map(() => '?').join(', ')})`)
      .pluck()
      .all(...logTables) as string[];
    expect(indexes.length).toBeGreaterThan(0);
    const used = new Set(plans.flatMap((detail) => [...detail.matchAll(/USING (?:COVERING )?INDEX (\w+)/g)].map((match) => match[1])));
    expect(indexes.filter((name) => !used.has(name) && !(name in rules))).toEqual([]);
    for (const name of ['log_entries_id', 'log_entries_case_seq', 'log_entries_timeline', 'log_entries_corrects', 'cases_key']) {
      expect(used, name).toContain(name);
    }
  });

  it('never scans the log table whole while a user works, and verifies it in one sequential scan', () => {
    expect(plans.slice(workingPlans)).toContain('SCAN log_entries');
    expect(plans.slice(0, workingPlans).filter((detail) => /^SCAN (e|log_entries)\b(?! USING)/.test(detail))).toEqual([]);
  });
});
