import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendChainedEntries, type NewEntry } from '../../db/chain';
import { entryMatch } from '../../db/repositories/search';
import { createCase } from '../../main/services/cases';
import { listEntries } from '../../main/services/entries';
import { sessionFor, type Session } from '../../main/services/session';
import type { Entry } from '../../shared/views';
import { createTestVault, type TestVault } from '../helpers/vault';

/**
 * The timeline's search picks its plan by the number of hits: a selective word from the search index, a common
 * word along the timeline's index. Both must give exactly the pages the whole filtered timeline would, forwards
 * and backwards, also when entries were recorded in another order than they happened, and count the hits.
 */

const entryCount = 3_000;
let test: TestVault;
let session: Session;
let caseId: string;
/** Every entry in timeline order (occurredAt, seq), as the oracle. */
let timeline: { id: string; text: string; type: string; occurredAt: string; seq: number }[] = [];

beforeAll(async () => {
  test = await createTestVault();
  session = sessionFor(test.vault, 'app');
  caseId = createCase(session, { title: 'Oproep tot rellen bij het station' }).id;
  const other = createCase(session, { title: 'Ander dossier vol stationsberichten' });
  const base = Date.parse('2026-06-01T08:00:00Z');
  const entries: NewEntry[] = [];
  for (let i = 0; i < entryCount; i += 1) {
    // Recorded out of order now and then: a late report of something earlier, as a busy night brings, and now and
    // then something announced for later (its row number far below its place on the timeline).
    const minute = i % 7 === 0 ? i - 500 : i % 29 === 0 ? i + 900 : i;
    const at = new Date(base + minute * 60_000).toISOString();
    const words = [
      i % 10 !== 0 ? 'station' : 'plein',
      i % 250 === 0 ? 'brandbom' : '',
      `regel${i}`,
      i % 11 === 0 ? 'Stationshal' : '',
      i % 17 === 0 ? 'café' : i % 19 === 0 ? 'cafetaria' : '',
    ].join(' ');
    entries.push({
      id: randomUUID(), caseId, type: i % 3 === 0 ? 'actie' : 'waarneming', text: words, occurredAt: at, recordedAt: at,
      authorId: session.user.id, authorName: 'Test', source: null, sourceReliability: null, informationCredibility: null,
      correctsEntryId: null, personalData: false, phaseId: 'online-signaal', location: null,
    });
  }
  // Another case full of the same words, whose hits must never show up or count here.
  for (let i = 0; i < 500; i += 1) {
    const at = new Date(base + i * 60_000).toISOString();
    entries.push({
      id: randomUUID(), caseId: other.id, type: 'waarneming', text: 'station brandbom', occurredAt: at, recordedAt: at,
      authorId: session.user.id, authorName: 'Test', source: null, sourceReliability: null, informationCredibility: null,
      correctsEntryId: null, personalData: false, phaseId: 'online-signaal', location: null,
    });
  }
  session.db.sqlite.transaction(() => appendChainedEntries(session.db.sqlite, entries))();
  const all: Entry[] = [];
  for (let page = listEntries(session, { caseId, limit: 500 }); ; page = listEntries(session, { caseId, after: page.nextCursor!, limit: 500 })) {
    all.push(...page.entries);
    if (page.nextCursor === null) break;
  }
  timeline = all;
});

afterAll(() => test.cleanup());

/** Every page of a search, walking forwards from the start, then backwards from the end. */
function walk(query: string, types?: Entry['type'][]): { forwards: string[]; backwards: string[]; total: number | null } {
  const forwards: string[] = [];
  let page = listEntries(session, { caseId, query, types, limit: 97 });
  const total = page.total;
  for (;;) {
    forwards.push(...page.entries.map((entry) => entry.id));
    if (page.nextCursor === null) break;
    page = listEntries(session, { caseId, query, types, after: page.nextCursor, limit: 97 });
  }
  const backwards: string[] = [];
  page = listEntries(session, { caseId, query, types, before: '9999-12-31T23:59:59.999Z_0', limit: 97 });
  for (;;) {
    backwards.unshift(...page.entries.map((entry) => entry.id));
    if (page.previousCursor === null) break;
    page = listEntries(session, { caseId, query, types, before: page.previousCursor, limit: 97 });
  }
  return { forwards, backwards, total };
}

describe('the timeline search', () => {
  it.each([
    ['a common word', 'station', undefined],
    // Words the index holds as several terms (station, stationshal), or folded (café as cafe), or as many terms.
    ['a common word that begins a longer one', 'stations', undefined],
    ['a word written without its accent', 'cafe', undefined],
    ['a word written with its accent', 'café', undefined],
    ['a short beginning of many words', 're', undefined],
    ['a common word with a type filter', 'station', ['actie'] as Entry['type'][]],
    ['a selective word', 'brandbom', undefined],
    ['a selective word with a type filter', 'brandbom', ['actie'] as Entry['type'][]],
    ['a word nowhere', 'nergens', undefined],
    // Every word of a query must begin a word of the entry; "regel" begins the numbered word of every entry.
    ['two words, both common', 'station regel', undefined],
    ['two words, one common and one selective', 'regel brandbom', undefined],
    ['two words, both common, with a type filter', 'station regel', ['actie'] as Entry['type'][]],
  ])('gives the pages of the filtered timeline for %s, both ways, and counts them', (_name, query, types) => {
    // As the unicode61 tokenizer with remove_diacritics folds them.
    const fold = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
    const words = query.split(' ').map(fold);
    const expected = timeline
      .filter((entry) => {
        const tokens = entry.text.split(' ').map(fold);
        return words.every((word) => tokens.some((token) => token.startsWith(word))) && (!types || types.includes(entry.type as Entry['type']));
      })
      .map((entry) => entry.id);
    const { forwards, backwards, total } = walk(query, types);
    expect(forwards).toEqual(expected);
    expect(backwards).toEqual(expected);
    expect(total).toBe(expected.length);
  });

  it('reads plain words as the exact terms they begin, and keeps the others as prefixes', () => {
    expect(entryMatch(session.db, 'Station')).toEqual({ query: '("station" OR "stationshal")', lazy: true });
    expect(entryMatch(session.db, 'cafe brandbom')).toEqual({ query: '("cafe" OR "cafetaria") AND "brandbom"', lazy: true });
    expect(entryMatch(session.db, 'nergens')).toEqual({ query: '"nergens"', lazy: true });
    // Folded by the tokenizer's own tables, or beginning more terms than an OR is worth: read as a prefix.
    expect(entryMatch(session.db, 'café')).toEqual({ query: '"café"*', lazy: false });
    expect(entryMatch(session.db, 'regel')).toEqual({ query: '"regel"*', lazy: false });
    expect(entryMatch(session.db, '"; DROP TABLE log_entries; --')).toEqual({ query: '"drop" AND "table" AND "log" AND "entries"', lazy: true });
  });

  it('says no total without search words', () => {
    expect(listEntries(session, { caseId, limit: 10 }).total).toBeNull();
  });

  it('sees an entry written after the search was made', () => {
    expect(listEntries(session, { caseId, query: 'brandbom', limit: 500 }).total).toBe(12);
    listEntries(session, { caseId, query: 'station', limit: 10 });
    const at = new Date(Date.parse('2026-06-01T08:00:00Z') + 10 * 60_000).toISOString();
    session.db.sqlite.transaction(() =>
      appendChainedEntries(session.db.sqlite, [
        {
          id: randomUUID(), caseId, type: 'waarneming', text: 'stationsstraat brandbom nieuw', occurredAt: at, recordedAt: at,
          authorId: session.user.id, authorName: 'Test', source: null, sourceReliability: null, informationCredibility: null,
          correctsEntryId: null, personalData: false, phaseId: 'online-signaal', location: null,
        },
      ]),
    )();
    expect(listEntries(session, { caseId, query: 'brandbom', limit: 500 }).total).toBe(13);
    const page = listEntries(session, { caseId, query: 'station', limit: 500 });
    expect(page.total).toBe(timeline.filter((entry) => entry.text.split(' ').some((word) => word.toLowerCase().startsWith('station'))).length + 1);
  });
});
