import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { findCaseRow } from '../../../db/repositories/cases';
import { findPeer, findPeerBySigningKey, readOrganisationName } from '../../../db/repositories/peers';
import { findReplicaByBase, findReplicaOfCase, replicasOfCase } from '../../../db/repositories/replicas';
import type { CoreExtent } from '../../../db/replica/engine';
import {
  agreeWith,
  ed25519PrivateKey,
  openBundle,
  readBundleHeader,
  readFolder,
  sealBundle,
  writeFolder,
  type BundleRecipient,
} from '../../../db/replica/bundle-file';
import { eventSignedContent, signContent, type ReplicaEvent } from '../../../db/replica/events';
import { caseBaseOf, copyCoresTo, discardLog, removeFolder, tempFolder } from '../../../db/replica/handles';
import { withBoxKey } from '../../../db/signatures';
import { caseReference, type ExportedFile } from '../../../shared/briefing';
import { OrdelogError } from '../../../shared/errors';
import { bundleScopes, exportBundleInput, importBundleInput, type ImportedBundle } from '../../../shared/sharing';
import { defaultKdf } from '../../../db/kdf';
import { sha256Hex } from '../attachments';
import { requireCase } from '../guards';
import { parseInput } from '../input';
import { checkpoint, unwatchedJob, type JobContext } from '../jobs';
import { audit, earlierAnswer, requireWriter, writeOnce } from '../mutate';
import { recordExport } from '../export-register';
import { now, type Session } from '../session';
import { invitationCode, ownKeys, rememberSender } from './invitations';
import {
  baseOf,
  materialiseInto,
  pushPending,
  receiveCase,
  requireSigner,
  serialised,
  settleAndMaterialise,
  shareCase,
  withCaseSyncing,
} from './replicas';

/**
 * Case bundles: a shared case's writer cores, sealed to one partner (or a one-time passphrase) and signed by the
 * sender. Export shares the case first if it was not yet. Import refuses a sender no person here accepted,
 * reads the cores into the engine (which checks every block), and writes what the merge yields into the vault;
 * reading the same bundle again finds nothing new and changes nothing.
 */

const manifestSchema = z.strictObject({
  format: z.literal('ordelog-pakket-inhoud'),
  version: z.literal(1),
  caseId: z.uuid(),
  scope: z.enum(bundleScopes),
  baseKey: z.string().regex(/^[0-9a-f]{64}$/),
  blockKey: z.string().regex(/^[A-Za-z0-9+/]{43}=$/),
  senderUserId: z.string().min(1).max(64),
  /** How many nodes of the merged log were final at the sender: a reader has the bundle whole once as many are here. */
  finalLength: z.number().int().min(0),
  cores: z.array(z.strictObject({ key: z.string().regex(/^[0-9a-f]{64}$/), length: z.number().int().min(1) })).min(1).max(1_000),
});
type Manifest = z.infer<typeof manifestSchema>;

/** A bundle is read from local disk: the merge of what arrived is done in seconds, or it has stalled. */
const finalWaitMs = 60_000;

/** A one-time passphrase seals with the vault's standard key derivation (the recipient derives it once). */
const passphraseKdf = defaultKdf;

function admitEvent(session: Session, peer: { signingKey: string; userId: string; name: string; organisation: string }): ReplicaEvent {
  const signer = requireSigner(session);
  const event = {
    t: 'admit' as const,
    v: 1 as const,
    author: { key: peer.signingKey, userId: peer.userId, name: peer.name, organisation: peer.organisation },
    owner: false,
    by: signer.publicKey,
    signature: '',
  };
  event.signature = signContent(eventSignedContent(event), ed25519PrivateKey(signer.privateKey));
  return event;
}

export async function exportBundle(session: Session, input: unknown, job: JobContext = unwatchedJob): Promise<ExportedFile> {
  const args = parseInput(exportBundleInput, input);
  requireWriter(session, 'bundle.export', `case:${args.caseId}`);
  // The sealed file is never kept: a repeated request is told so instead of sealing a second one.
  if (earlierAnswer(session)) throw new OrdelogError('CONFLICT', { detail: 'Dit pakket is al gemaakt en staat in het exportregister.' });
  const caseRow = requireCase(session, args.caseId);
  const signer = requireSigner(session);
  const keys = ownKeys(session);
  let recipient: BundleRecipient;
  let recipientName: string;
  let admitted: ReplicaEvent | null = null;
  if (args.recipient.kind === 'partner') {
    const peer = findPeer(session.db, args.recipient.peerId);
    if (!peer) throw new OrdelogError('NOT_FOUND');
    if (peer.acceptedAt === null || peer.boxKey === null || peer.userId === null) throw new OrdelogError('PEER_NOT_READY');
    recipient = { kind: 'sleutel', key: peer.boxKey };
    recipientName = `${peer.name} (${peer.organisation})`;
    admitted = admitEvent(session, { signingKey: peer.signingKey, userId: peer.userId, name: peer.name, organisation: peer.organisation });
  } else {
    recipient = { kind: 'wachtwoord', passphrase: args.recipient.passphrase, kdf: passphraseKdf };
    recipientName = 'houder van het eenmalige wachtwoord';
  }
  const { sealed, scope } = await serialised(caseRow.id, async () => {
    await checkpoint(job, 'reading', 0, 3);
    // A received case goes back through the log it came by; an own case through the log of the chosen scope.
    const received = replicasOfCase(session.db, caseRow.id).find((candidate) => !candidate.owner);
    const replica = received ?? findReplicaOfCase(session.db, caseRow.id, args.scope) ?? (await shareCase(session, caseRow, args.scope, signer));
    const base = await baseOf(session, replica);
    await pushPending(session, replica, base);
    // The owner admits the partner it seals to, so what the partner writes back counts.
    if (admitted !== null && replica.owner) await base.append([admitted]);
    await settleAndMaterialise(session, replica, base);
    await checkpoint(job, 'writing', 1, 3);
    const cores = await base.cores();
    const { finalLength } = await base.read(Number.MAX_SAFE_INTEGER);
    const folder = await tempFolder(session.db);
    try {
      await copyCoresTo(session.db, replica.engineName, cores, folder);
      const manifest: Manifest = {
        format: 'ordelog-pakket-inhoud',
        version: 1,
        caseId: caseRow.id,
        scope: replica.scope,
        baseKey: replica.baseKey,
        blockKey: replica.blockKey.toString('base64'),
        senderUserId: session.user.id,
        finalLength,
        cores,
      };
      const sender = {
        key: keys.signingKey,
        boxKey: keys.boxKey,
        userId: session.user.id,
        name: session.user.displayName,
        organisation: readOrganisationName(session.db),
      };
      const sealedFile = await sealBundle(manifest, readFolder(folder), sender, ed25519PrivateKey(signer.privateKey), recipient, now());
      return { sealed: sealedFile, scope: replica.scope };
    } finally {
      removeFolder(folder);
    }
  });
  await checkpoint(job, 'recording', 2, 3);
  const head = findCaseRow(session.db, caseRow.id)!;
  const record = recordExport(session, {
    caseId: caseRow.id,
    kind: 'pakket',
    fingerprint: { entries: head.headSeq, headHash: head.headHash },
    classification: head.classification,
    redacted: false,
    pageCount: 0,
    sha256: sha256Hex(sealed),
    size: sealed.length,
    recipient: scope === 'signalen' ? `${recipientName}, alleen signalen` : recipientName,
  });
  return {
    record,
    fileName: `${caseReference(caseRow.id)}-${scope === 'signalen' ? 'signalen-' : ''}pakket-${record.number}.ordelogpakket`,
    mediaType: 'application/octet-stream',
    data: sealed.toString('base64'),
  };
}

/**
 * Reads a bundle into the vault. `bytes` is the whole file. The sender must be a partner a person here accepted;
 * a sender met for the first time is remembered (so they can be accepted) and the bundle refused.
 */
export async function importBundle(session: Session, bytes: Buffer, input: unknown, job: JobContext = unwatchedJob): Promise<ImportedBundle> {
  const args = parseInput(importBundleInput, input);
  requireWriter(session, 'bundle.import', 'bundle');
  return writeOnce(session, () => importOnce({ ...session, request: undefined }, bytes, args, job));
}

async function importOnce(session: Session, bytes: Buffer, args: z.output<typeof importBundleInput>, job: JobContext): Promise<ImportedBundle> {
  await checkpoint(job, 'reading', 0, 3);
  const { header } = readBundleHeader(bytes);
  const known = findPeerBySigningKey(session.db, header.sender.key);
  if (!known || known.acceptedAt === null) {
    const remembered = known ?? rememberSender(session, header.sender);
    audit(session, 'bundle.import', 'bundle', 'geweigerd');
    throw new OrdelogError('BUNDLE_UNKNOWN_SENDER', {
      detail: `Afzender: ${header.sender.name} (${header.sender.organisation}), code ${invitationCode(remembered.signingKey, remembered.boxKey)}.`,
    });
  }
  let opened: Awaited<ReturnType<typeof openBundle>>;
  if (header.recipient.kind === 'sleutel') {
    if (header.recipient.key !== ownKeys(session).boxKey) throw new OrdelogError('BUNDLE_NOT_FOR_YOU');
    opened = await withBoxKey(session.db, session.user.id, (privateKey) => openBundle(bytes, { kind: 'sleutel', agree: agreeWith(privateKey) }));
  } else {
    if (args.passphrase === undefined) throw new OrdelogError('BUNDLE_NEEDS_PASSPHRASE');
    opened = await openBundle(bytes, { kind: 'wachtwoord', passphrase: args.passphrase });
  }
  const parsed = manifestSchema.safeParse(opened.manifest);
  if (!parsed.success) throw new OrdelogError('BUNDLE_DAMAGED', { cause: parsed.error });
  const manifest = parsed.data;
  const existing = findReplicaByBase(session.db, manifest.baseKey);
  // A case known here under another shared log (or not shared at all) is not merged with this one.
  if (!existing && findCaseRow(session.db, manifest.caseId) !== undefined) throw new OrdelogError('BUNDLE_CASE_CONFLICT');
  const blockKey = Buffer.from(manifest.blockKey, 'base64');
  // A first reading gets an engine name of its own: one a crash cut short is left behind, never built on.
  const engineName = existing?.engineName ?? `${manifest.caseId}/${manifest.scope}/${randomUUID()}`;
  await checkpoint(job, 'writing', 1, 3);
  const result = await serialised(manifest.caseId, () =>
    withCaseSyncing(manifest.caseId, async () => {
      const folder = await tempFolder(session.db);
      try {
        writeFolder(folder, opened.files);
        const base = await caseBaseOf(session.db, engineName, manifest.baseKey, blockKey);
        if (existing) await pushPending(session, existing, base);
        await base.receive(folder, manifest.cores satisfies CoreExtent[]);
        await base.settle();
        // What the sender saw final must be final here before anything is written: never half a bundle.
        if (!(await base.finalAtLeast(manifest.finalLength, finalWaitMs))) throw new OrdelogError('BUNDLE_INCOMPLETE');
        const merged = await base.read(existing?.applied ?? 0);
        await checkpoint(job, 'recording', 2, 3);
        return session.db.sqlite
          .transaction(() => {
            const { replica, created } = existing
              ? { replica: existing, created: false }
              : receiveCase(session, merged.nodes, { key: manifest.baseKey, blockKey, scope: manifest.scope, engineName });
            const materialised = materialiseInto(session, replica, base, merged);
            audit(session, 'bundle.import', `case:${manifest.caseId}`, 'ok');
            return { created, ...materialised };
          })
          .immediate();
      } catch (error) {
        // A first reading that did not get through leaves no engine state for the next attempt to build on.
        if (!existing) await discardLog(session.db, engineName);
        throw error;
      } finally {
        removeFolder(folder);
      }
    }),
  );
  const caseRow = findCaseRow(session.db, manifest.caseId)!;
  if (result.created || result.added > 0) {
    recordReceived(session, caseRow.id, bytes, `${header.sender.name} (${header.sender.organisation})`);
  }
  return {
    caseId: caseRow.id,
    title: caseRow.title,
    created: result.created,
    from: { name: header.sender.name, organisation: header.sender.organisation },
    added: result.added,
    refused: result.refused,
    provisional: result.provisional,
  };
}

function recordReceived(session: Session, caseId: string, bytes: Buffer, from: string): void {
  const head = findCaseRow(session.db, caseId)!;
  recordExport(session, {
    caseId,
    kind: 'pakket-ontvangen',
    fingerprint: { entries: head.headSeq, headHash: head.headHash },
    classification: head.classification,
    redacted: false,
    pageCount: 0,
    sha256: sha256Hex(bytes),
    size: bytes.length,
    recipient: from,
  });
}
