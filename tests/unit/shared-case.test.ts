import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyChains } from '../../db/chain';
import type { UnlockedVault } from '../../db/vault';
import { createCase } from '../../main/services/cases';
import { appendEntry } from '../../main/services/entries';
import { listExports } from '../../main/services/export-register';
import { sessionFor, type Session } from '../../main/services/session';
import { exportBundle, importBundle } from '../../main/services/sharing/bundles';
import { acceptPeer, addPeer, listPeers, myInvitation, setOrganisation } from '../../main/services/sharing/invitations';
import { syncCase } from '../../main/services/sharing/replicas';
import { addTask } from '../helpers/shared-case';
import { createTestVault, type TestVault } from '../helpers/vault';

interface Party {
  test: TestVault;
  session: Session;
}

async function party(organisation: string, displayName: string): Promise<Party> {
  const test = await createTestVault({ displayName });
  const session = sessionFor(test.vault, 'app');
  setOrganisation(session, { organisation });
  return { test, session };
}

/** Both sides add each other's invitation, as two people do after reading the codes to each other. */
function introduce(a: Party, b: Party): { bAtA: string; aAtB: string } {
  const bAtA = addPeer(a.session, { invitation: JSON.stringify(myInvitation(b.session)) }).id;
  const aAtB = addPeer(b.session, { invitation: JSON.stringify(myInvitation(a.session)) }).id;
  return { bAtA, aAtB };
}

interface Row {
  id: string;
  seq: number;
  text: string;
  hash: string;
  authorKey: string | null;
}

const logOf = (vault: UnlockedVault, caseId: string): Row[] =>
  vault.database.sqlite
    .prepare(
      `SELECT e.id, e.seq, e.text, lower(hex(e.hash)) AS hash, e.author_key AS authorKey FROM log_entries e
       JOIN cases c ON c.key = e.case_key WHERE c.id = ? ORDER BY e.seq`,
    )
    .all(caseId)
    .map((row) => {
      const typed = row as Omit<Row, 'authorKey'> & { authorKey: Buffer | null };
      return { ...typed, authorKey: typed.authorKey?.toString('base64') ?? null };
    });

const headOf = (vault: UnlockedVault, caseId: string) =>
  vault.database.sqlite.prepare('SELECT head_seq AS seq, head_hash AS hash FROM cases WHERE id = ?').get(caseId);

async function send(from: Party, to: Party, caseId: string, peerId: string): Promise<Buffer> {
  const file = await exportBundle(from.session, { caseId, recipient: { kind: 'partner', peerId } });
  return Buffer.from(file.data, 'base64');
}

let gemeente: Party;
let politie: Party;

beforeEach(async () => {
  gemeente = await party('Gemeente Lindedorp', 'OOV-adviseur Jansen');
  politie = await party('Politie basisteam Lindedorp', 'Wijkagent de Vries');
});
afterEach(() => {
  gemeente.test.cleanup();
  politie.test.cleanup();
});

describe('a case shared by bundle', () => {
  it('arrives whole in a fresh vault: the same final log, chains and signatures verify, the same fingerprint', async () => {
    const peers = introduce(gemeente, politie);
    const caseId = createCase(gemeente.session, { title: 'Oproep tot rellen bij het station' }).id;
    appendEntry(gemeente.session, { caseId, type: 'signaal', text: 'TikTok: "iedereen om 21:00 naar het station"' });
    appendEntry(gemeente.session, { caseId, type: 'waarneming', text: 'Zestig jongeren bij het station', location: 'Stationsplein' });
    addTask(gemeente.session, caseId);

    const bundle = await send(gemeente, politie, caseId, peers.bAtA);
    const imported = await importBundle(politie.session, bundle, {});

    expect(imported).toMatchObject({ caseId, created: true, from: { organisation: 'Gemeente Lindedorp' } });
    const original = logOf(gemeente.test.vault, caseId);
    // The owner's export put a line about the bundle in its log after sealing it: the bundle holds the log before.
    expect(logOf(politie.test.vault, caseId)).toEqual(original.slice(0, imported.added));
    expect(imported.added).toBe(original.length - 1);
    expect(verifyChains(politie.test.vault.database.sqlite)).toMatchObject({ ok: true });
    expect(logOf(politie.test.vault, caseId).filter((row) => row.authorKey === null)).toEqual([]);
    expect(listExports(politie.session, { caseId }).map((record) => record.kind)).toEqual(['pakket-ontvangen']);
    expect(listExports(gemeente.session, { caseId }).map((record) => [record.kind, record.recipient])).toEqual([
      ['pakket', 'Wijkagent de Vries (Politie basisteam Lindedorp)'],
    ]);
  });

  it('brings a partner entry back: final in both vaults in the same place, with its author and organisation', async () => {
    const peers = introduce(gemeente, politie);
    const caseId = createCase(gemeente.session, { title: 'Project X-feest' }).id;
    appendEntry(gemeente.session, { caseId, type: 'signaal', text: 'Snapchat-uitnodiging voor zaterdag' });
    await importBundle(politie.session, await send(gemeente, politie, caseId, peers.bAtA), {});

    const fromPolice = appendEntry(politie.session, { caseId, type: 'waarneming', text: 'Twee busjes met jongeren gezien bij de afrit' });
    expect(fromPolice.seq).toBe(0);
    const back = await importBundle(gemeente.session, await send(politie, gemeente, caseId, peers.aAtB), {});
    // The police vault's own line about the bundle it read travels too: its log is the case's log.
    expect(back.added).toBe(2);
    const atOwner = logOf(gemeente.test.vault, caseId);
    const placed = atOwner.find((row) => row.id === fromPolice.id)!;
    expect(placed).toMatchObject({ text: fromPolice.text });

    await importBundle(politie.session, await send(gemeente, politie, caseId, peers.bAtA), {});
    await syncCase(gemeente.session, caseId);
    const atOwnerNow = logOf(gemeente.test.vault, caseId);
    const atPartner = logOf(politie.test.vault, caseId);
    expect(atPartner).toEqual(atOwnerNow.slice(0, atPartner.length));
    expect(atPartner.map((row) => row.id)).toContain(fromPolice.id);
    expect(verifyChains(gemeente.test.vault.database.sqlite)).toMatchObject({ ok: true });
    expect(verifyChains(politie.test.vault.database.sqlite)).toMatchObject({ ok: true });
    const origin = gemeente.test.vault.database.sqlite
      .prepare('SELECT organisation FROM replica_authors WHERE author_key = ?')
      .pluck()
      .get(placed.authorKey);
    expect(origin).toBe('Politie basisteam Lindedorp');
  });

  it('changes nothing when the same bundle is read again', async () => {
    const peers = introduce(gemeente, politie);
    const caseId = createCase(gemeente.session, { title: 'Doxxing van een raadslid' }).id;
    appendEntry(gemeente.session, { caseId, type: 'signaal', text: 'Adres gedeeld in een Telegramgroep' });
    const bundle = await send(gemeente, politie, caseId, peers.bAtA);
    await importBundle(politie.session, bundle, {});
    const before = { log: logOf(politie.test.vault, caseId), exports: listExports(politie.session, { caseId }) };
    const again = await importBundle(politie.session, bundle, {});
    expect(again).toMatchObject({ created: false, added: 0, provisional: 0 });
    expect({ log: logOf(politie.test.vault, caseId), exports: listExports(politie.session, { caseId }) }).toEqual(before);
    expect(headOf(politie.test.vault, caseId)).toEqual(headOf(politie.test.vault, caseId));
  });

  it('is refused whole when any byte changed, and nothing is imported', async () => {
    const peers = introduce(gemeente, politie);
    const caseId = createCase(gemeente.session, { title: 'Oproep tot rellen' }).id;
    const bundle = await send(gemeente, politie, caseId, peers.bAtA);
    for (const at of [0, 20, Math.floor(bundle.length / 2), bundle.length - 70, bundle.length - 1]) {
      const changed = Buffer.from(bundle);
      changed[at] = changed[at]! ^ 0x01;
      await expect(importBundle(politie.session, changed, {})).rejects.toMatchObject({
        code: at === 0 ? 'BUNDLE_NOT_A_BUNDLE' : 'BUNDLE_DAMAGED',
      });
    }
    expect(politie.test.vault.database.sqlite.prepare('SELECT count(*) FROM cases').pluck().get()).toBe(0);
  });

  it('from a sender nobody accepted is refused, and read once a person accepted them', async () => {
    const caseId = createCase(gemeente.session, { title: 'Oproep tot rellen' }).id;
    const politieAtGemeente = addPeer(gemeente.session, { invitation: JSON.stringify(myInvitation(politie.session)) }).id;
    const bundle = await send(gemeente, politie, caseId, politieAtGemeente);

    await expect(importBundle(politie.session, bundle, {})).rejects.toMatchObject({ code: 'BUNDLE_UNKNOWN_SENDER' });
    const [sender] = listPeers(politie.session);
    expect(sender).toMatchObject({ organisation: 'Gemeente Lindedorp', accepted: false, canReceive: false });
    acceptPeer(politie.session, { peerId: sender!.id });
    await expect(importBundle(politie.session, bundle, {})).resolves.toMatchObject({ created: true });
  });

  it('sealed with a one-time passphrase opens with it only', async () => {
    const { aAtB } = introduce(gemeente, politie);
    expect(aAtB).toBeTruthy();
    const caseId = createCase(gemeente.session, { title: 'Oproep tot rellen' }).id;
    const file = await exportBundle(gemeente.session, { caseId, recipient: { kind: 'wachtwoord', passphrase: 'paard batterij nietje juist' } });
    const bundle = Buffer.from(file.data, 'base64');
    await expect(importBundle(politie.session, bundle, {})).rejects.toMatchObject({ code: 'BUNDLE_NEEDS_PASSPHRASE' });
    await expect(importBundle(politie.session, bundle, { passphrase: 'paard batterij nietje fout' })).rejects.toMatchObject({
      code: 'BUNDLE_WRONG_PASSPHRASE',
    });
    await expect(importBundle(politie.session, bundle, { passphrase: 'paard batterij nietje juist' })).resolves.toMatchObject({ created: true });
  });

  it('keeps a partner to adding log entries: tasks and the phase stay with the owner', async () => {
    const peers = introduce(gemeente, politie);
    const caseId = createCase(gemeente.session, { title: 'Oproep tot rellen' }).id;
    await importBundle(politie.session, await send(gemeente, politie, caseId, peers.bAtA), {});
    expect(() => addTask(politie.session, caseId)).toThrow(expect.objectContaining({ code: 'PARTNER_CASE' }));
  });
});
