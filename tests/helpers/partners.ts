import type { UnlockedVault } from '../../db/vault';
import { createTask } from '../../main/services/tasks';
import { sessionFor, type Session } from '../../main/services/session';
import { exportBundle } from '../../main/services/sharing/bundles';
import { addPeer, myInvitation, setOrganisation } from '../../main/services/sharing/invitations';
import { createTestVault, type TestVault } from './vault';

/** A vault of one organisation, its user signed in, as the sharing tests pass cases between them. */
export interface Party {
  test: TestVault;
  session: Session;
  /** Peer ids of the other parties in this vault, by their organisation. */
  peers: Map<string, string>;
  organisation: string;
}

export async function party(organisation: string, displayName: string): Promise<Party> {
  const test = await createTestVault({ displayName });
  const session = sessionFor(test.vault, 'app');
  setOrganisation(session, { organisation });
  return { test, session, peers: new Map(), organisation };
}

/** Both sides add each other's invitation, as two people do after reading the codes to each other. */
export function introduce(a: Party, b: Party): void {
  a.peers.set(b.organisation, addPeer(a.session, { invitation: JSON.stringify(myInvitation(b.session)) }).id);
  b.peers.set(a.organisation, addPeer(b.session, { invitation: JSON.stringify(myInvitation(a.session)) }).id);
}

/** The bytes of a bundle of `caseId` that `from` seals to `to`. */
export async function bundleFor(from: Party, to: Party, caseId: string): Promise<Buffer> {
  const peerId = from.peers.get(to.organisation);
  if (peerId === undefined) throw new Error(`${from.organisation} does not know ${to.organisation}`);
  const file = await exportBundle(from.session, { caseId, recipient: { kind: 'partner', peerId } });
  return Buffer.from(file.data, 'base64');
}

export interface LogRow {
  id: string;
  seq: number;
  type: string;
  hash: string;
  prevHash: string;
}

/** A case's final log as the vault holds it, in chain order. */
export const finalLogOf = (vault: UnlockedVault, caseId: string): LogRow[] =>
  vault.database.sqlite
    .prepare(
      `SELECT e.id, e.seq, e.type, lower(hex(e.hash)) AS hash, lower(hex(e.prev_hash)) AS prevHash FROM log_entries e
       JOIN cases c ON c.key = e.case_key WHERE c.id = ? ORDER BY e.seq`,
    )
    .all(caseId) as LogRow[];

/** The ids of a case's provisional entries in the vault, in the order the app shows them. */
export const provisionalIdsOf = (vault: UnlockedVault, caseId: string): string[] =>
  vault.database.sqlite
    .prepare('SELECT p.entry_id FROM provisional_entries p JOIN cases c ON c.key = p.case_key WHERE c.id = ? ORDER BY p.position IS NULL, p.position, p.rowid')
    .pluck()
    .all(caseId) as string[];

export const refusalsIn = (vault: UnlockedVault, caseId: string) =>
  vault.database.sqlite
    .prepare('SELECT r.position, r.writer, r.reason FROM replica_refusals r JOIN cases c ON c.key = r.case_key WHERE c.id = ? ORDER BY r.position')
    .all(caseId) as { position: number; writer: string; reason: string }[];

/** A task for the OOV-adviseur role: a write only the case's owner may do. */
export function addTask(session: Session, caseId: string) {
  return createTask(session, { caseId, text: 'Jongerenwerk inlichten', ownerRoleId: 'oov-adviseur' });
}
