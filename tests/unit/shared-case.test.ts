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
import { addTask } from '../helpers/partners';
import { findReplicaOfCase } from '../../db/repositories/replicas';
import { caseBaseOf } from '../../db/replica/handles';
import { detachSigner } from '../../db/signatures';
import { unlockVault } from '../../db/vault';
import { recordSignal } from '../../main/services/signals';
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
    // The code shown for the sender is the one their own invitation shows: the phone check can match.
    expect(sender!.code).toBe(myInvitation(gemeente.session).code);
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

  it('of the signals only holds nothing but signals, and the partner can add signals only', async () => {
    const peers = introduce(gemeente, politie);
    const caseId = createCase(gemeente.session, { title: 'Oproep tot rellen bij het station' }).id;
    recordSignal(gemeente.session, { caseId, text: 'TikTok: iedereen om 21:00 naar het station', platform: 'tiktok', channel: 'openbaar', sourceReliability: 'B', informationCredibility: '2' });
    appendEntry(gemeente.session, { caseId, type: 'waarneming', text: 'Vertrouwelijk: gesprek met de ouders van J.' });
    addTask(gemeente.session, caseId);
    recordSignal(gemeente.session, { caseId, text: 'Snapchat: tweede oproep, nu met adres', platform: 'snapchat', channel: 'openbaar', sourceReliability: 'C', informationCredibility: '3' });

    const file = await exportBundle(gemeente.session, { caseId, recipient: { kind: 'partner', peerId: peers.bAtA }, scope: 'signalen' });
    expect(file.fileName).toMatch(/-signalen-pakket-1\.ordelogpakket$/);
    const imported = await importBundle(politie.session, Buffer.from(file.data, 'base64'), {});
    const received = politie.test.vault.database.sqlite
      .prepare('SELECT e.type, e.text FROM log_entries e JOIN cases c ON c.key = e.case_key WHERE c.id = ? ORDER BY e.seq')
      .all(caseId) as { type: string; text: string }[];
    expect(received.map((row) => row.type)).toEqual(['signaal', 'signaal']);
    expect(imported.added).toBe(2);
    // Nothing else of the case came along: no attachment, person, task or decision rows, and no other text.
    const { sqlite } = politie.test.vault.database;
    for (const table of ['attachments', 'people', 'tasks', 'decisions', 'signals']) {
      expect(sqlite.prepare(`SELECT count(*) FROM ${table}`).pluck().get(), table).toBe(0);
    }
    const everything = JSON.stringify(await readWholeBase(politie, caseId, 'signalen'));
    expect(everything).not.toContain('gesprek met de ouders');
    expect(everything).not.toContain('Jongerenwerk inlichten');

    expect(() => appendEntry(politie.session, { caseId, type: 'waarneming', text: 'Busjes gezien' })).toThrow(
      expect.objectContaining({ code: 'SIGNALS_ONLY_CASE' }),
    );
    const signal = appendEntry(politie.session, { caseId, type: 'signaal', text: 'Oproep ook op Telegram' });
    const back = await importBundle(gemeente.session, await send(politie, gemeente, caseId, peers.aAtB), {});
    // The partner's signal joins the owner's whole log; the line about the bundle it read was no signal, so stayed home.
    expect(back.added).toBe(1);
    expect(logOf(gemeente.test.vault, caseId).map((row) => row.id)).toContain(signal.id);
  });

  it('works for a vault from before signatures and sharing: its unsigned log arrives with the same chain', async () => {
    const peers = introduce(gemeente, politie);
    detachSigner(gemeente.test.vault.database);
    const caseId = createCase(gemeente.session, { title: 'Oude zaak' }).id;
    appendEntry(gemeente.session, { caseId, type: 'notitie', text: 'Geschreven zonder ondertekening' });
    appendEntry(gemeente.session, { caseId, type: 'waarneming', text: 'Met een plaats', location: 'Stationsplein' });
    const { dir, userName, passphrase } = gemeente.test;
    gemeente.test.vault.lock();
    gemeente.test.vault = await unlockVault(dir, userName, passphrase);
    gemeente.session = sessionFor(gemeente.test.vault, 'app');

    const bundle = await send(gemeente, politie, caseId, peers.bAtA);
    await importBundle(politie.session, bundle, {});
    const before = logOf(gemeente.test.vault, caseId);
    expect(before.slice(0, 3).every((row) => row.authorKey === null)).toBe(true);
    expect(logOf(politie.test.vault, caseId)).toEqual(before.slice(0, -1));
    expect(verifyChains(politie.test.vault.database.sqlite)).toMatchObject({ ok: true });
    expect(verifyChains(gemeente.test.vault.database.sqlite)).toMatchObject({ ok: true });
  });
});

/** Every node of a shared log as this vault's engine holds it. */
async function readWholeBase(at: Party, caseId: string, scope: 'alles' | 'signalen') {
  const replica = findReplicaOfCase(at.session.db, caseId, scope)!;
  const base = await caseBaseOf(at.session.db, replica.engineName, replica.baseKey, replica.blockKey);
  return (await base.read(0)).nodes;
}
