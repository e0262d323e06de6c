import type Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { OrdelogError } from '../../shared/errors';
import { appendChainedEntry, type NewEntry } from '../chain';
import { registerAuthorKey } from '../signatures';
import { statement } from '../statements';
import type { BundleScope } from '../../shared/sharing';
import type { LoggedNode } from './engine';
import { replicaEventSchema, type HistoryEntry, type ReplicaAuthor, type ReplicaEvent, type SignedReplicaEntry } from './events';

/**
 * Writes what the engine merged into the vault people read from. The final part of the merged log goes into
 * `log_entries` in the merged order, chained there like any entry (so every laptop computes the same chain); the
 * rest replaces the case's provisional entries. Runs in one transaction per update: a crash leaves the case as
 * it was before, and the next update starts from `applied` again.
 *
 * On the owner's vault its own entries are already in the log: each must come back from the engine at the seq
 * it has (`placed` counts the entries the merged order has placed so far), or the log and the engine disagree.
 */

export interface ReplicaRow {
  caseKey: number;
  caseId: string;
  scope: BundleScope;
  owner: boolean;
  applied: number;
  placed: number;
}

export interface MergedLog {
  /** Nodes of the engine's log view from `applied` on. */
  nodes: readonly LoggedNode[];
  /** How many nodes of the whole view are final. */
  finalLength: number;
  /** This laptop's writer core (hex): its own provisional entries are not counted as news. */
  ownWriter: string;
}

export interface Materialised {
  /** Entries that entered the log. */
  added: number;
  /** Nodes the rules refused. */
  refused: number;
  /** Other laptops' entries merged but not final yet. */
  provisional: number;
}

type EntryFields = Omit<SignedReplicaEntry, 'device' | 'authorKey' | 'signature'> & {
  device: string | null;
  authorKey: string | null;
  signature: string | null;
};

function toNewEntry(entry: EntryFields): NewEntry {
  return {
    id: entry.id,
    caseId: entry.caseId,
    type: entry.type,
    text: entry.text,
    occurredAt: entry.occurredAt,
    recordedAt: entry.recordedAt,
    authorId: entry.authorId,
    authorName: entry.authorName,
    source: entry.source,
    sourceReliability: entry.sourceReliability,
    informationCredibility: entry.informationCredibility,
    correctsEntryId: entry.correctsEntryId,
    personalData: entry.personalData,
    phaseId: entry.phaseId,
    location: entry.location,
    device: entry.device,
    authorKey: entry.authorKey,
    signature: entry.signature,
  };
}

/** A name for an author of another vault that no local login name can be (they never sign in here). */
const externalUserName = (author: ReplicaAuthor) =>
  `extern.${createHash('sha256').update(author.key).digest('hex').slice(0, 16)}`;

/** Makes an author of the case known here: the roster row, their signing key, and a user row for another vault's author. */
function admitAuthor(sqlite: Database.Database, caseKey: number, author: ReplicaAuthor, owner: boolean, at: string): void {
  statement(
    sqlite,
    `INSERT INTO replica_authors (case_key, author_key, user_id, name, organisation, owner) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT DO NOTHING`,
  ).run(caseKey, author.key, author.userId, author.name, author.organisation, owner ? 1 : 0);
  const known = statement(sqlite, 'SELECT 1 FROM users WHERE id = ?').get(author.userId) !== undefined;
  if (!known) {
    statement(
      sqlite,
      `INSERT INTO users (id, name, display_name, role, created_at, removed_at, external_organisation)
       VALUES (?, ?, ?, 'lezer', ?, ?, ?)`,
    ).run(author.userId, externalUserName(author), author.name, at, at, author.organisation);
  }
  registerAuthorKey(sqlite, author.userId, author.key, at);
}

/** Authors of the owner's history not admitted by name: known by their signing key, of the owner's organisation. */
function historyAuthor(entry: HistoryEntry, organisation: string): ReplicaAuthor | null {
  if (entry.authorKey === null || entry.authorId === null) return null;
  return { key: entry.authorKey, userId: entry.authorId, name: entry.authorName, organisation };
}

interface CaseHeads {
  headSeq: number;
}

function existingSeq(sqlite: Database.Database, entryId: string): number | undefined {
  return statement(sqlite, 'SELECT seq FROM log_entries WHERE id = ?').pluck().get(entryId) as number | undefined;
}

const diverged = (caseId: string) => new OrdelogError('REPLICA_DIVERGED', { detail: caseId });

/**
 * Places one entry of the final order: appended when new, checked when the owner's log has it already, skipped
 * when an earlier node of the merged order carried the same entry (a node sent twice).
 */
function place(sqlite: Database.Database, row: ReplicaRow, entry: EntryFields, expectedHash: string | null): boolean {
  const seq = existingSeq(sqlite, entry.id);
  // The owner's log holds all of the case; a log of part of it (its signals) has its own order and numbers.
  if (row.owner && row.scope !== 'alles') {
    if (seq !== undefined) return false;
    appendChainedEntry(sqlite, toNewEntry(entry));
    return true;
  }
  if (seq !== undefined) {
    if (seq <= row.placed) return false;
    if (seq !== row.placed + 1) throw diverged(row.caseId);
    row.placed = seq;
    return false;
  }
  const head = statement(sqlite, 'SELECT head_seq AS headSeq FROM cases WHERE key = ?').get(row.caseKey) as CaseHeads;
  if (head.headSeq !== row.placed) throw diverged(row.caseId);
  const stored = appendChainedEntry(sqlite, toNewEntry(entry));
  if (expectedHash !== null && stored.hash !== expectedHash) throw diverged(row.caseId);
  row.placed = stored.seq;
  return true;
}

/** The ids of the entries a node carries, read leniently: a refused node need not match the schema. */
function carriedEntryIds(value: unknown): string[] {
  const event = value as { t?: unknown; entry?: { id?: unknown }; entries?: unknown } | null;
  if (typeof event !== 'object' || event === null) return [];
  const entries = event.t === 'entry' ? [event.entry] : event.t === 'history' && Array.isArray(event.entries) ? (event.entries as unknown[]) : [];
  return entries.flatMap((entry) => {
    const id = (entry as { id?: unknown } | null)?.id;
    return typeof id === 'string' ? [id] : [];
  });
}

/**
 * Takes the entries of a node this laptop handed over and the rules refused out of its hand-over queue: they
 * stay in its writer core, where the owner's order decides them once, but would otherwise be handed over again
 * at every round and recorded refused again on every laptop. An entry refused only in the order seen so far
 * still enters the log should the owner's order admit it.
 */
function dropRefusedOwn(sqlite: Database.Database, caseKey: number, node: Extract<LoggedNode, { rejected: string }>, ownWriter: string): void {
  if (node.writer !== ownWriter) return;
  for (const id of carriedEntryIds(node.value)) {
    statement(sqlite, 'DELETE FROM provisional_entries WHERE case_key = ? AND entry_id = ? AND position IS NULL').run(caseKey, id);
  }
}

export interface CaseCreation {
  /** Creates the case row (a vault that receives the case for the first time) and returns its key. */
  (event: Extract<ReplicaEvent, { t: 'case' }>): number;
}

/**
 * Applies the merged log's new nodes to the vault: final ones into the log, the rest as provisional. `row` is
 * updated in place and written back. On a vault that receives the case, `createCase` makes the case's row when
 * the `case` node arrives; before it, nothing of the case can be placed.
 */
export function materialise(sqlite: Database.Database, row: ReplicaRow, merged: MergedLog, at: string): Materialised {
  const result: Materialised = { added: 0, refused: 0, provisional: 0 };
  const finalCount = Math.max(0, merged.finalLength - row.applied);
  let ownerOrganisation = statement(sqlite, 'SELECT organisation FROM replica_authors WHERE case_key = ? AND owner = 1 LIMIT 1')
    .pluck()
    .get(row.caseKey) as string | undefined;
  merged.nodes.slice(0, finalCount).forEach((node, index) => {
    const position = row.applied + index;
    if ('rejected' in node) {
      statement(sqlite, 'INSERT INTO replica_refusals (case_key, scope, position, writer, reason) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING').run(
        row.caseKey,
        row.scope,
        position,
        node.writer,
        node.rejected,
      );
      dropRefusedOwn(sqlite, row.caseKey, node, merged.ownWriter);
      result.refused += 1;
      return;
    }
    const event = replicaEventSchema.parse(node.value);
    switch (event.t) {
      case 'genesis':
        ownerOrganisation = event.owner.organisation;
        admitAuthor(sqlite, row.caseKey, event.owner, true, at);
        return;
      case 'admit':
        admitAuthor(sqlite, row.caseKey, event.author, event.owner, at);
        return;
      case 'case':
        return;
      case 'history':
        for (const entry of event.entries) {
          const author = historyAuthor(entry, ownerOrganisation ?? '');
          if (author) admitAuthor(sqlite, row.caseKey, author, true, at);
          // A log of part of the case chains its entries anew: only the whole log keeps the owner's hashes.
          if (place(sqlite, row, entry, row.scope === 'alles' ? entry.hash : null)) result.added += 1;
        }
        return;
      case 'entry':
        if (place(sqlite, row, event.entry, null)) result.added += 1;
        return;
    }
  });
  row.applied += finalCount;

  statement(sqlite, 'DELETE FROM provisional_entries WHERE case_key = ? AND (position IS NOT NULL OR entry_id IN (SELECT id FROM log_entries WHERE case_key = ?))').run(
    row.caseKey,
    row.caseKey,
  );
  merged.nodes.slice(finalCount).forEach((node, index) => {
    if ('rejected' in node) {
      dropRefusedOwn(sqlite, row.caseKey, node, merged.ownWriter);
      return;
    }
    const parsed = replicaEventSchema.safeParse(node.value);
    if (!parsed.success) return;
    const entries: EntryFields[] = parsed.data.t === 'entry' ? [parsed.data.entry] : parsed.data.t === 'history' ? parsed.data.entries : [];
    for (const entry of entries) {
      if (existingSeq(sqlite, entry.id) !== undefined) continue;
      statement(
        sqlite,
        `INSERT INTO provisional_entries (entry_id, case_key, position, entry) VALUES (?, ?, ?, ?)
         ON CONFLICT (entry_id) DO UPDATE SET position = excluded.position`,
      ).run(entry.id, row.caseKey, row.applied + index, JSON.stringify(entry));
      if (node.writer !== merged.ownWriter) result.provisional += 1;
    }
  });
  statement(sqlite, 'UPDATE case_replicas SET applied = ?, placed = ? WHERE case_key = ? AND scope = ?').run(row.applied, row.placed, row.caseKey, row.scope);
  return result;
}
