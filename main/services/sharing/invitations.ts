import { createHash, randomUUID } from 'node:crypto';
import { findPeerBySigningKey, insertPeer, listPeerRows, markPeerAccepted, readOrganisationName, type PeerRow } from '../../../db/repositories/peers';
import { slotBoxKeyBeside } from '../../../db/vault';
import { signerFor } from '../../../db/signatures';
import { OrdelogError } from '../../../shared/errors';
import {
  addPeerInput,
  invitationSchema,
  peerIdInput,
  setOrganisationInput,
  type Invitation,
  type PeerSummary,
} from '../../../shared/sharing';
import { audit, mutate } from '../mutate';
import { now, type Session } from '../session';

/**
 * Invitations and peers. An invitation is what a person gives a partner so the partner can seal bundles to them
 * and recognise what they send: their name, organisation, user id, the X25519 key of their key slot and their
 * Ed25519 signing key. Its code (16 characters, from a hash of both keys) is read over the phone to check that
 * the file that arrived is the one that was sent; a bundle's sender is only trusted once a person accepted them.
 */

const crockford = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** Sixteen Crockford base32 characters (80 bits) of a hash of both keys, in four groups. */
export function invitationCode(signingKey: string, boxKey: string | null): string {
  const digest = createHash('sha256').update(`ordelog-uitnodiging/1\n${signingKey}\n${boxKey ?? ''}`).digest();
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of digest.subarray(0, 10)) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += crockford[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  return out.match(/.{4}/g)!.join('-');
}

/** The signed-in user's own keys, or SIGNING_KEY_MISSING for a session without them (the recovery key). */
export function ownKeys(session: Session): { signingKey: string; boxKey: string } {
  const signer = signerFor(session.db, session.user.id);
  const boxKey = slotBoxKeyBeside(session.db.sqlite, session.user.id);
  if (!signer || !boxKey) throw new OrdelogError('SIGNING_KEY_MISSING');
  return { signingKey: signer.publicKey, boxKey };
}

export function myInvitation(session: Session): Invitation {
  const { signingKey, boxKey } = ownKeys(session);
  const invitation: Invitation = {
    format: 'ordelog-uitnodiging',
    version: 1,
    userId: session.user.id,
    name: session.user.displayName,
    organisation: readOrganisationName(session.db),
    signingKey,
    boxKey,
    code: invitationCode(signingKey, boxKey),
  };
  audit(session, 'sharing.invitation', `user:${session.user.id}`, 'ok');
  return invitation;
}

export const toPeerSummary = (row: PeerRow): PeerSummary => ({
  id: row.id,
  name: row.name,
  organisation: row.organisation,
  code: invitationCode(row.signingKey, row.boxKey),
  canReceive: row.boxKey !== null && row.acceptedAt !== null,
  accepted: row.acceptedAt !== null,
  acceptedAt: row.acceptedAt,
  addedAt: row.addedAt,
});

export function listPeers(session: Session): PeerSummary[] {
  return listPeerRows(session.db).map(toPeerSummary);
}

/**
 * Adds (and accepts) a partner from their invitation. The person adding it has checked its code with the partner;
 * a partner first met as the sender of a bundle gets their receiving key and is accepted here too.
 */
export function addPeer(session: Session, input: unknown): PeerSummary {
  return mutate(session, { action: 'peer.add', schema: addPeerInput, object: () => 'peer' }, input, ({ invitation: text }) => {
    let invitation: Invitation;
    try {
      invitation = invitationSchema.parse(JSON.parse(text));
    } catch (error) {
      throw new OrdelogError('INVITATION_INVALID', { cause: error });
    }
    if (invitation.code !== invitationCode(invitation.signingKey, invitation.boxKey)) throw new OrdelogError('INVITATION_INVALID');
    const at = now();
    const existing = findPeerBySigningKey(session.db, invitation.signingKey);
    if (existing) {
      markPeerAccepted(session.db, existing.id, { at, by: session.user.id, boxKey: invitation.boxKey, userId: invitation.userId });
      return toPeerSummary(findPeerBySigningKey(session.db, invitation.signingKey)!);
    }
    return toPeerSummary(
      insertPeer(session.db, {
        id: randomUUID(),
        userId: invitation.userId,
        name: invitation.name,
        organisation: invitation.organisation,
        boxKey: invitation.boxKey,
        signingKey: invitation.signingKey,
        addedAt: at,
        addedBy: session.user.id,
        acceptedAt: at,
        acceptedBy: session.user.id,
      }),
    );
  });
}

/** Accepts a partner first met as the sender of a bundle, after a person checked their code with them. */
export function acceptPeer(session: Session, input: unknown): PeerSummary {
  return mutate(session, { action: 'peer.accept', schema: peerIdInput, object: (args) => `peer:${args.peerId}` }, input, ({ peerId }) => {
    const row = listPeerRows(session.db).find((peer) => peer.id === peerId);
    if (!row) throw new OrdelogError('NOT_FOUND');
    markPeerAccepted(session.db, row.id, { at: now(), by: session.user.id, boxKey: row.boxKey, userId: row.userId });
    return toPeerSummary(listPeerRows(session.db).find((peer) => peer.id === peerId)!);
  });
}

/**
 * A sender met for the first time in a bundle: remembered with the keys its signed header names (so its code is
 * the one their invitation shows), not trusted until a person accepts it. Outside any transaction that rolls back.
 */
export function rememberSender(
  session: Session,
  sender: { key: string; boxKey: string; name: string; organisation: string; userId: string },
): PeerRow {
  const existing = findPeerBySigningKey(session.db, sender.key);
  if (existing) return existing;
  return insertPeer(session.db, {
    id: randomUUID(),
    userId: sender.userId,
    name: sender.name,
    organisation: sender.organisation,
    boxKey: sender.boxKey,
    signingKey: sender.key,
    addedAt: now(),
    addedBy: session.user.id,
    acceptedAt: null,
    acceptedBy: null,
  });
}

export function setOrganisation(session: Session, input: unknown): { organisation: string } {
  return mutate(session, { action: 'settings.organisation', schema: setOrganisationInput, object: () => 'settings' }, input, ({ organisation }) => {
    session.db.sqlite.prepare(`INSERT INTO settings (key, value) VALUES ('organisation.name', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`).run(JSON.stringify(organisation));
    return { organisation };
  });
}
