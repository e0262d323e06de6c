import { randomBytes } from 'node:crypto';
import { findCaseRow, insertCase, type CaseRow } from '../../../db/repositories/cases';
import { findPhase, insertPhaseIfMissing, listPhases } from '../../../db/repositories/catalogue';
import { readOrganisationName } from '../../../db/repositories/peers';
import {
  findReplicaByBase,
  findReplicaOfCase,
  insertReplica,
  pendingLocalEntries,
  replicaAuthorKeys,
  replicasOfCase,
  unpushedEntries,
  updatePushedSeq,
  type ReplicaRecord,
} from '../../../db/repositories/replicas';
import type { CaseBase, LoggedNode } from '../../../db/replica/engine';
import { eventSignedContent, replicaEventSchema, signContent, type HistoryEntry, type ReplicaEvent } from '../../../db/replica/events';
import { ed25519PrivateKey } from '../../../db/replica/bundle-file';
import { caseBaseOf } from '../../../db/replica/handles';
import { materialise, type Materialised } from '../../../db/replica/materialise';
import { signerFor, type EntrySigner } from '../../../db/signatures';
import { OrdelogError } from '../../../shared/errors';
import type { BundleScope } from '../../../shared/sharing';
import { now, type Session } from '../session';

/**
 * A shared case between the vault and the engine. The owner's vault writes its log as before and hands each new
 * entry to the engine in log order (`history` nodes); a partner's entries come back through the engine, ordered
 * by the owner's device (the base's one indexer) after the owner's own. While a bundle is read into an owned
 * case, nothing else may be written to that case's log: the engine must place the partner's entries after
 * everything the log already holds (`CASE_SYNCING`, for a few seconds).
 *
 * A vault that received a case writes its own entries as provisional ones, signs them, and hands them to the
 * engine; they enter its log once the owner has ordered them and a bundle from the owner brought that back.
 */

const historyChunk = 500;
const busy = new Set<string>();
/** One engine operation per case at a time, in order. */
const queues = new Map<string, Promise<unknown>>();

export function caseIsSyncing(caseId: string): boolean {
  return busy.has(caseId);
}

/** Runs `work` after the case's earlier engine work, whatever became of it. */
export function serialised<T>(caseId: string, work: () => Promise<T>): Promise<T> {
  const previous = queues.get(caseId) ?? Promise.resolve();
  const next = previous.catch(() => undefined).then(work);
  queues.set(caseId, next);
  void next.finally(() => {
    if (queues.get(caseId) === next) queues.delete(caseId);
  }).catch(() => undefined);
  return next;
}

export async function withCaseSyncing<T>(caseId: string, work: () => Promise<T>): Promise<T> {
  busy.add(caseId);
  try {
    return await work();
  } finally {
    busy.delete(caseId);
  }
}

export function requireSigner(session: Session): EntrySigner {
  const signer = signerFor(session.db, session.user.id);
  if (!signer) throw new OrdelogError('SIGNING_KEY_MISSING');
  return signer;
}

function signedBy<E extends Extract<ReplicaEvent, { t: 'case' | 'admit' }>>(event: Omit<E, 'signature'>, signer: EntrySigner): E {
  const unsigned = { ...event, signature: '' } as E;
  return { ...unsigned, signature: signContent(eventSignedContent(unsigned), ed25519PrivateKey(signer.privateKey)) };
}

export function baseOf(session: Session, replica: ReplicaRecord): Promise<CaseBase> {
  return caseBaseOf(session.db, replica.engineName, replica.baseKey, replica.blockKey);
}

/**
 * Shares a case this vault owns (all of it, or its signals as a log of their own): a new base whose first nodes
 * name the sharing author, describe the case and carry its log so far, exactly as chained here. The log's own
 * entries follow at the next hand-over.
 */
export async function shareCase(session: Session, caseRow: CaseRow, scope: BundleScope, signer: EntrySigner): Promise<ReplicaRecord> {
  const blockKey = randomBytes(32);
  const engineName = `${caseRow.id}/${scope}`;
  const base = await caseBaseOf(session.db, engineName, null, blockKey);
  const sharedAt = now();
  const owner = { key: signer.publicKey, userId: session.user.id, name: session.user.displayName, organisation: readOrganisationName(session.db) };
  const genesis = { t: 'genesis' as const, v: 1 as const, caseId: caseRow.id, scope, owner, sharedAt, signature: '' };
  genesis.signature = signContent(eventSignedContent(genesis), ed25519PrivateKey(signer.privateKey));
  await base.append([genesis]);
  insertReplica(session.db, { caseKey: caseRow.key!, scope, engineName, baseKey: base.key, blockKey, owner: true, sharedAt });
  const replica = findReplicaOfCase(session.db, caseRow.id, scope)!;
  await base.append([caseEvent(session, caseRow, signer)]);
  // The roster now names the sharing author, so their entries are not admitted a second time.
  await settleAndMaterialise(session, replica, base);
  return replica;
}

function caseEvent(session: Session, caseRow: CaseRow, signer: EntrySigner): ReplicaEvent {
  const usedPhases = new Set<string>(
    session.db.sqlite.prepare('SELECT DISTINCT phase_id FROM log_entries WHERE case_key = ?').pluck().all(caseRow.key) as string[],
  );
  usedPhases.add(caseRow.currentPhaseId);
  const phases = listPhases(session.db).filter((phase) => usedPhases.has(phase.id));
  return signedBy<Extract<ReplicaEvent, { t: 'case' }>>(
    {
      t: 'case',
      v: 1,
      case: {
        id: caseRow.id,
        title: caseRow.title,
        municipality: caseRow.municipality,
        classification: caseRow.classification,
        contentClass: caseRow.contentClass,
        currentPhaseId: caseRow.currentPhaseId,
        createdAt: caseRow.createdAt,
        createdByName: caseRow.createdByName,
      },
      phases,
      by: signer.publicKey,
    },
    signer,
  );
}

/**
 * Hands the owner's entries written since the last time to the engine, in log order. Their authors are admitted
 * first (the signed-in author admits themselves, then colleagues), so the rules can check each signature.
 */
async function pushOwnerEntries(session: Session, replica: ReplicaRecord, base: CaseBase, signer: EntrySigner): Promise<void> {
  const entries = unpushedEntries(session.db, replica, signer.device);
  if (entries.length === 0) return;
  const admitted = replicaAuthorKeys(session.db, replica.caseKey);
  const organisation = readOrganisationName(session.db);
  const events: ReplicaEvent[] = [];
  const admit = (author: { key: string; userId: string; name: string }) => {
    if (admitted.has(author.key)) return;
    admitted.add(author.key);
    events.push(
      signedBy<Extract<ReplicaEvent, { t: 'admit' }>>(
        { t: 'admit', v: 1, author: { ...author, organisation }, owner: true, by: signer.publicKey },
        signer,
      ),
    );
  };
  if (!admitted.has(signer.publicKey)) admit({ key: signer.publicKey, userId: session.user.id, name: session.user.displayName });
  for (const entry of entries) {
    if (entry.authorKey !== null && entry.authorId !== null) admit({ key: entry.authorKey, userId: entry.authorId, name: entry.authorName });
  }
  for (let start = 0; start < entries.length; start += historyChunk) {
    const chunk: HistoryEntry[] = entries.slice(start, start + historyChunk).map(({ seq: _seq, ...entry }) => entry);
    events.push({ t: 'history', v: 1, entries: chunk });
  }
  await base.append(events);
  updatePushedSeq(session.db, replica, entries[entries.length - 1]!.seq);
}

/** Hands the entries written here in a received case to the engine, each signed by its author already. */
async function pushPartnerEntries(session: Session, replica: ReplicaRecord, base: CaseBase): Promise<void> {
  const pending = pendingLocalEntries(session.db, replica.caseKey);
  if (pending.length === 0) return;
  await base.append(pending.map((entry) => ({ t: 'entry', v: 1, entry })));
}

export async function pushPending(session: Session, replica: ReplicaRecord, base: CaseBase): Promise<void> {
  if (replica.owner) await pushOwnerEntries(session, replica, base, requireSigner(session));
  else await pushPartnerEntries(session, replica, base);
}

/** Reads what the engine merged since the last time and writes it into the vault, in one transaction. */
export async function settleAndMaterialise(session: Session, replica: ReplicaRecord, base: CaseBase): Promise<Materialised> {
  await base.settle();
  const merged = await base.read(replica.applied);
  return session.db.sqlite.transaction(() => materialiseInto(session, replica, base, merged)).immediate();
}

export function materialiseInto(
  session: Session,
  replica: ReplicaRecord,
  base: CaseBase,
  merged: { nodes: readonly LoggedNode[]; finalLength: number },
): Materialised {
  const row = { caseKey: replica.caseKey, caseId: replica.caseId, scope: replica.scope, owner: replica.owner, applied: replica.applied, placed: replica.placed };
  const result = materialise(session.db.sqlite, row, { ...merged, ownWriter: base.writerKey }, now());
  replica.applied = row.applied;
  replica.placed = row.placed;
  return result;
}

/** The whole round for each shared log of a case: hand over what is pending, let the owner order it, bring the result in. */
export function syncCase(session: Session, caseId: string): Promise<Materialised[]> {
  return serialised(caseId, async () => {
    const results: Materialised[] = [];
    for (const replica of replicasOfCase(session.db, caseId)) {
      const base = await baseOf(session, replica);
      await pushPending(session, replica, base);
      results.push(await settleAndMaterialise(session, replica, base));
    }
    return results;
  });
}

/**
 * The first time a vault receives a case: the merged log's `case` node names it. Makes the case's row (with the
 * phases its entries use) and its replica record; returns the record, or the existing one.
 */
export function receiveCase(
  session: Session,
  nodes: readonly LoggedNode[],
  base: { key: string; blockKey: Buffer; scope: BundleScope; engineName: string },
): { replica: ReplicaRecord; created: boolean } {
  const existing = findReplicaByBase(session.db, base.key);
  if (existing) return { replica: existing, created: false };
  const caseNode = nodes
    .map((node) => ('value' in node ? replicaEventSchema.safeParse(node.value) : null))
    .find((parsed) => parsed?.success === true && parsed.data.t === 'case');
  if (!caseNode?.success || caseNode.data.t !== 'case') throw new OrdelogError('BUNDLE_DAMAGED');
  const { case: fields, phases } = caseNode.data;
  if (findCaseRow(session.db, fields.id)) throw new OrdelogError('BUNDLE_CASE_CONFLICT');
  for (const phase of phases) insertPhaseIfMissing(session.db, phase);
  const phaseId = findPhase(session.db, fields.currentPhaseId) ? fields.currentPhaseId : phases[0]!.id;
  insertCase(session.db, {
    id: fields.id,
    title: fields.title,
    municipality: fields.municipality,
    status: 'open',
    classification: fields.classification,
    contentClass: fields.contentClass,
    currentPhaseId: phaseId,
    retentionCategory: null,
    createdAt: fields.createdAt,
    createdBy: null,
    createdByName: fields.createdByName,
    closedAt: null,
    archivedAt: null,
  });
  const caseRow = findCaseRow(session.db, fields.id)!;
  insertReplica(session.db, {
    caseKey: caseRow.key!,
    scope: base.scope,
    engineName: base.engineName,
    baseKey: base.key,
    blockKey: base.blockKey,
    owner: false,
    sharedAt: now(),
  });
  return { replica: findReplicaOfCase(session.db, fields.id, base.scope)!, created: true };
}
