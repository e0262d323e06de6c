import { createPublicKey, sign as edSign, verify as edVerify, type KeyObject } from 'node:crypto';
import { z } from 'zod';
import { classificationLabels, contentClasses, entryTypes, informationCredibility, sourceReliability } from '../../shared/domain';
import type { CaseRules, Verdict } from './engine';
import { bundleScopes, type BundleScope } from '../../shared/sharing';

/**
 * What a shared case's base holds, as JSON values, and the rules that decide which of them count.
 *
 * - `genesis`: the first node, by the owner's device: names the case, what of it the log shares (all, or signals
 *   only: then every entry must be a signal), the sharing author (key, organisation) and when the case was shared;
 *   signed by that author.
 * - `case`: the case's descriptive fields and the phases its entries refer to, signed by an owner author.
 * - `history`: the owner vault's own log entries, in the order its log holds them, exactly as they were chained
 *   (signed by their authors, or unsigned when written before signatures or before sharing); only from the
 *   owner's device.
 * - `entry`: one log entry of a partner, signed by its author (the `ordelog-entry/3` fields without seq and chain).
 * - `admit`: an author key admitted by an owner author on the owner's device: a colleague of the owner's vault
 *   (`owner`), or a partner a person accepted. An author may admit themselves once, proving their key.
 *
 * The rules see only the node, its writer core and the roster so far, so every laptop judges every node alike.
 * A refused node stays in the merged order as a refusal with its reason.
 */

const base64Key = z.string().regex(/^[A-Za-z0-9+/]{43}=$/);
const base64Signature = z.string().regex(/^[A-Za-z0-9+/]{86}==$/);
const isoTime = z.string().min(20).max(40);

export const authorSchema = z.object({
  key: base64Key,
  userId: z.string().min(1).max(64),
  name: z.string().min(1).max(200),
  organisation: z.string().min(1).max(200),
});
export type ReplicaAuthor = z.infer<typeof authorSchema>;

const entryFields = {
  id: z.uuid(),
  caseId: z.uuid(),
  type: z.enum(entryTypes),
  text: z.string().max(100_000),
  occurredAt: isoTime,
  recordedAt: isoTime,
  authorId: z.string().max(64).nullable(),
  authorName: z.string().max(200),
  source: z.string().max(10_000).nullable(),
  sourceReliability: z.enum(sourceReliability).nullable(),
  informationCredibility: z.enum(informationCredibility).nullable(),
  correctsEntryId: z.uuid().nullable(),
  personalData: z.boolean(),
  phaseId: z.string().min(1).max(100),
  location: z.string().max(1_000).nullable(),
};

/** A signed entry as it travels: every field its signature covers, the device, the author's key and signature. */
export const signedEntrySchema = z.object({
  ...entryFields,
  device: z.string().min(1).max(64),
  authorKey: base64Key,
  signature: base64Signature,
});
export type SignedReplicaEntry = z.infer<typeof signedEntrySchema>;

/** An entry from before sharing: as chained in the owner's vault, signed when it was, with the hash it had. */
export const historyEntrySchema = z.object({
  ...entryFields,
  device: z.string().min(1).max(64).nullable(),
  authorKey: base64Key.nullable(),
  signature: base64Signature.nullable(),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
});
export type HistoryEntry = z.infer<typeof historyEntrySchema>;

const phaseItemSchema = z.object({ id: z.string().min(1).max(100), ordinal: z.number().int(), name: z.string().max(200), description: z.string().max(5_000) });

export const caseFieldsSchema = z.object({
  id: z.uuid(),
  title: z.string().min(1).max(500),
  municipality: z.string().max(200).nullable(),
  classification: z.enum(classificationLabels),
  contentClass: z.enum(contentClasses),
  currentPhaseId: z.string().min(1).max(100),
  createdAt: isoTime,
  createdByName: z.string().max(200),
});
export type ReplicaCaseFields = z.infer<typeof caseFieldsSchema>;

const signed = { by: base64Key, signature: base64Signature };

export const replicaEventSchema = z.discriminatedUnion('t', [
  z.object({
    t: z.literal('genesis'),
    v: z.literal(1),
    caseId: z.uuid(),
    scope: z.enum(bundleScopes),
    owner: authorSchema,
    sharedAt: isoTime,
    signature: base64Signature,
  }),
  z.object({ t: z.literal('case'), v: z.literal(1), case: caseFieldsSchema, phases: z.array(phaseItemSchema).max(200), ...signed }),
  z.object({ t: z.literal('history'), v: z.literal(1), entries: z.array(historyEntrySchema).min(1).max(1_000) }),
  z.object({ t: z.literal('entry'), v: z.literal(1), entry: signedEntrySchema }),
  z.object({ t: z.literal('admit'), v: z.literal(1), author: authorSchema, owner: z.boolean(), ...signed }),
]);
export type ReplicaEvent = z.infer<typeof replicaEventSchema>;

/** What the roster view holds, in the order admitted. */
export type RosterItem =
  | { kind: 'case'; caseId: string; scope: BundleScope; ownerDevice: string; sharedAt: string }
  | { kind: 'author'; author: ReplicaAuthor; owner: boolean };

// Ed25519 public keys as raw 32 bytes travel in SubjectPublicKeyInfo DER with this fixed prefix (RFC 8410).
const ed25519Spki = Buffer.from('302a300506032b6570032100', 'hex');

export function ed25519PublicKey(base64: string): KeyObject {
  return createPublicKey({ key: Buffer.concat([ed25519Spki, Buffer.from(base64, 'base64')]), format: 'der', type: 'spki' });
}

/** What an event's signature covers: a tag, then its fields in a fixed order (like the entry encodings). */
export function eventSignedContent(event: Exclude<ReplicaEvent, { t: 'entry' } | { t: 'history' }>): Buffer {
  const fields =
    event.t === 'genesis'
      ? [event.caseId, event.scope, event.owner.key, event.owner.userId, event.owner.name, event.owner.organisation, event.sharedAt]
      : event.t === 'case'
        ? [event.by, JSON.stringify(event.case), JSON.stringify(event.phases)]
        : [event.by, event.author.key, event.author.userId, event.author.name, event.author.organisation, event.owner];
  return Buffer.from(JSON.stringify([`ordelog-replica-${event.t}/1`, ...fields]), 'utf8');
}

/** Signs with a key the caller holds (a user's unwrapped Ed25519 key), as base64. */
export function signContent(content: Buffer, privateKey: KeyObject): string {
  return edSign(null, content, privateKey).toString('base64');
}

function signatureValid(content: Buffer, keyBase64: string, signatureBase64: string): boolean {
  try {
    return edVerify(null, content, ed25519PublicKey(keyBase64), Buffer.from(signatureBase64, 'base64'));
  } catch {
    return false;
  }
}

/** Checks an entry's author signature over its signed content; given by the vault (db/signatures.ts). */
export type EntrySignatureCheck = (entry: SignedReplicaEntry) => boolean;

const refuse = (reason: string): Verdict => ({ refused: reason });
const accept = (admits: RosterItem[] = []): Verdict => ({ refused: null, admits });

function rosterState(roster: readonly unknown[]) {
  const items = roster as readonly RosterItem[];
  const head = items.find((item): item is Extract<RosterItem, { kind: 'case' }> => item.kind === 'case');
  const byKey = new Map<string, Extract<RosterItem, { kind: 'author' }>>();
  const userIds = new Set<string>();
  for (const item of items) {
    if (item.kind !== 'author') continue;
    byKey.set(item.author.key, item);
    userIds.add(item.author.userId);
  }
  return { head, byKey, userIds };
}

type Roster = ReturnType<typeof rosterState>;

/** A signals log holds signals only, whoever writes to it: what a partner received as signals stays signals. */
const inScope = (entry: { type: string }, roster: Roster) => roster.head!.scope === 'alles' || entry.type === 'signaal';

/** Why a signed entry does not count, or null: its key must be admitted for its author, and the signature hold. */
function signedEntryProblem(entry: SignedReplicaEntry, roster: Roster, checkEntry: EntrySignatureCheck): string | null {
  const author = roster.byKey.get(entry.authorKey);
  if (!author) return 'unknown-author';
  if (entry.authorId !== author.author.userId) return 'author-mismatch';
  return checkEntry(entry) ? null : 'bad-signature';
}

/**
 * Why an entry of the owner's own log does not count, or null. Unsigned entries are the owner's history from
 * before signatures or before sharing: one recorded after the case was shared must be signed.
 */
function historyEntryProblem(entry: HistoryEntry, roster: Roster, checkEntry: EntrySignatureCheck): string | null {
  if (entry.caseId !== roster.head!.caseId) return 'wrong-case';
  if (!inScope(entry, roster)) return 'outside-scope';
  if (entry.signature === null || entry.authorKey === null || entry.device === null) {
    if (entry.signature !== null || entry.authorKey !== null || entry.device !== null) return 'bad-signature';
    return entry.recordedAt <= roster.head!.sharedAt ? null : 'unsigned-after-sharing';
  }
  return signedEntryProblem({ ...entry, device: entry.device, authorKey: entry.authorKey, signature: entry.signature }, roster, checkEntry);
}

function admitProblem(event: Extract<ReplicaEvent, { t: 'admit' }>, roster: Roster): string | null {
  const selfAdmission = event.by === event.author.key;
  if (selfAdmission) {
    if (!event.owner) return 'not-an-owner';
    if (roster.userIds.has(event.author.userId) || roster.byKey.has(event.author.key)) return 'already-admitted';
    return null;
  }
  if (roster.byKey.get(event.by)?.owner !== true) return 'not-an-owner';
  const admitted = roster.byKey.get(event.author.key);
  if (admitted) return admitted.author.userId === event.author.userId ? null : 'author-mismatch';
  // One key per author: a second key for someone already admitted would let its holder sign as them.
  return roster.userIds.has(event.author.userId) ? 'already-admitted' : null;
}

/** The rules of a shared case's base. */
export function caseRules(checkEntry: EntrySignatureCheck): CaseRules {
  return {
    judge(value, writer, items) {
      const parsed = replicaEventSchema.safeParse(value);
      if (!parsed.success) return refuse('invalid');
      const event = parsed.data;
      const roster = rosterState(items);
      if (!roster.head) {
        if (event.t !== 'genesis') return refuse('before-genesis');
        if (!signatureValid(eventSignedContent(event), event.owner.key, event.signature)) return refuse('bad-signature');
        return accept([
          { kind: 'case', caseId: event.caseId, scope: event.scope, ownerDevice: writer, sharedAt: event.sharedAt },
          { kind: 'author', author: event.owner, owner: true },
        ]);
      }
      const fromOwnerDevice = writer === roster.head.ownerDevice;
      switch (event.t) {
        case 'genesis':
          return refuse('second-genesis');
        case 'case': {
          if (!fromOwnerDevice) return refuse('not-owner-device');
          if (roster.byKey.get(event.by)?.owner !== true) return refuse('not-an-owner');
          if (event.case.id !== roster.head.caseId) return refuse('wrong-case');
          return signatureValid(eventSignedContent(event), event.by, event.signature) ? accept() : refuse('bad-signature');
        }
        case 'admit': {
          if (!fromOwnerDevice) return refuse('not-owner-device');
          const problem = admitProblem(event, roster);
          if (problem !== null) return refuse(problem);
          if (!signatureValid(eventSignedContent(event), event.by, event.signature)) return refuse('bad-signature');
          return roster.byKey.has(event.author.key) ? accept() : accept([{ kind: 'author', author: event.author, owner: event.owner }]);
        }
        case 'history': {
          if (!fromOwnerDevice) return refuse('not-owner-device');
          for (const entry of event.entries) {
            const problem = historyEntryProblem(entry, roster, checkEntry);
            if (problem !== null) return refuse(problem);
          }
          return accept();
        }
        case 'entry': {
          if (event.entry.caseId !== roster.head.caseId) return refuse('wrong-case');
          if (!inScope(event.entry, roster)) return refuse('outside-scope');
          const problem = signedEntryProblem(event.entry, roster, checkEntry);
          return problem === null ? accept() : refuse(problem);
        }
      }
    },
  };
}
