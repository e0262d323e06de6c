/**
 * The vault tests/bench/app.bench.ts measures: a case of N entries and a second, newer case of N/4 in which every
 * entry holds the search words, written the fast way (the store's chained append, 1,000 a transaction), so
 * building a 300,000-entry vault takes a minute rather than the renderer's one entry at a time.
 */
import { randomUUID } from 'node:crypto';
import { appendChainedEntries, type NewEntry } from '../../db/chain';
import { createVault } from '../../db/vault';
import { createCase } from '../../main/services/cases';
import { sessionFor, type Session } from '../../main/services/session';
import type { ManualEntryType } from '../../shared/domain';
import { testKdf } from '../helpers/vault';
import { entryText, generator } from './text';

/** Who the benchmark vault is opened as. */
export const benchUser = { name: 'bench', passphrase: 'benchmark wachtwoordzin 2026' };

/** In more than half of the measured case's entries (ranks 1–3 of the Zipf-like text). */
export const commonWords = ['station', 'oproep', 'TikTok'];
/** Each in `rareHits` entries of the measured case; none is a prefix of a vocabulary word. */
export const rareWords = ['brandbom', 'kruitdamp', 'wegblokkade'];
export const rareHits = 5;
/** Around rank 100 of the vocabulary, with the rarer words they begin: each in about 6 % of the entries. */
export const middlingWords = ['woord1o', 'woord1p', 'woord1q'];
/** Never written. */
export const absentWords = ['zeppelin', 'onderzeeboot', 'vulkaan'];
/** Two words each, every one in a third to a half of the entries, together in about a fifth. */
export const multiWordQueries = ['TikTok jongeren', 'oproep vuurwerk', 'station politie'];

const types: ManualEntryType[] = ['signaal', 'waarneming', 'overleg', 'actie', 'communicatie', 'notitie'];
const batchSize = 1_000;
/** One in this many entries is recorded late: it happened three hours before the entries around it. */
const lateEvery = 97;

export interface FilledVault {
  dir: string;
  measuredCaseId: string;
  otherCaseId: string;
  entries: number;
  fillMs: number;
}

type EntryAt = (i: number) => NewEntry;

function measuredEntries(size: number, caseId: string, phaseId: string, author: Session['user']): EntryAt {
  const next = generator(42);
  const start = Date.parse('2026-06-01T08:00:00Z');
  const rareAt = new Map<number, string>();
  for (let hit = 0; hit < rareHits; hit += 1) {
    rareWords.forEach((word, index) => rareAt.set(Math.floor(((hit + 0.5) * size) / rareHits) + index, word));
  }
  return (i) => {
    const late = i % lateEvery === lateEvery - 1 ? 3 * 3_600_000 : 0;
    const occurredAt = new Date(start + i * 15_000 - late).toISOString();
    const rare = rareAt.get(i);
    return {
      id: randomUUID(),
      caseId,
      type: types[i % types.length] as ManualEntryType,
      text: rare ? `${entryText(next)} ${rare}` : entryText(next),
      occurredAt,
      recordedAt: new Date(start + i * 15_000).toISOString(),
      authorId: author.id,
      authorName: author.displayName,
      source: i % 3 === 0 ? 'TikTok' : null,
      sourceReliability: null,
      informationCredibility: null,
      correctsEntryId: null,
      personalData: i % 20 === 0,
      phaseId,
      location: i % 10 === 0 ? 'Stationsplein' : null,
    };
  };
}

function otherEntries(caseId: string, phaseId: string, author: Session['user']): EntryAt {
  const next = generator(7);
  const start = Date.parse('2026-07-01T08:00:00Z');
  const words = [...commonWords, ...rareWords, ...middlingWords, ...multiWordQueries].join(' ');
  return (i) => {
    const occurredAt = new Date(start + i * 15_000).toISOString();
    return {
      id: randomUUID(),
      caseId,
      type: types[i % types.length] as ManualEntryType,
      text: `${entryText(next)} ${words}`,
      occurredAt,
      recordedAt: occurredAt,
      authorId: author.id,
      authorName: author.displayName,
      source: null,
      sourceReliability: null,
      informationCredibility: null,
      correctsEntryId: null,
      personalData: false,
      phaseId,
      location: null,
    };
  };
}

function fill(session: Session, count: number, entryAt: EntryAt): void {
  const append = session.db.sqlite.transaction((batch: NewEntry[]) => appendChainedEntries(session.db.sqlite, batch));
  for (let done = 0; done < count; done += batchSize) {
    const batch: NewEntry[] = [];
    for (let i = done; i < Math.min(count, done + batchSize); i += 1) batch.push(entryAt(i));
    append(batch);
  }
}

/** A new vault in `dir` (the bench user, cheap KDF) holding both cases; locked again when it returns. */
export async function buildVault(dir: string, size: number): Promise<FilledVault> {
  const started = performance.now();
  const { vault } = await createVault(dir, { userName: benchUser.name, displayName: 'Benchmark', passphrase: benchUser.passphrase, kdf: testKdf });
  try {
    const session = sessionFor(vault, 'cli');
    const measured = createCase(session, { title: 'Benchmark: oproep via TikTok' });
    const other = createCase(session, { title: 'Benchmark: vuurwerk bij het station' });
    const otherSize = Math.max(1, Math.floor(size / 4));
    fill(session, size, measuredEntries(size, measured.id, measured.phaseId, session.user));
    fill(session, otherSize, otherEntries(other.id, other.phaseId, session.user));
    session.db.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    return { dir, measuredCaseId: measured.id, otherCaseId: other.id, entries: size + otherSize, fillMs: performance.now() - started };
  } finally {
    vault.lock();
  }
}
