import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppController, type AppController } from '../../main/app/controller';
import { fileVaultBackend } from '../../main/app/vault-backend';
import { createDispatcher, type Dispatch } from '../../main/ipc/dispatcher';
import { chromiumPrinter } from '../../main/services/pdf/chromium-printer';
import type { PdfPrinter } from '../../main/services/pdf/printer';
import { writeChannels, type WriteChannel } from '../../shared/contract';
import type { Result } from '../../shared/result';
import type { Invitation } from '../../shared/sharing';
import { createCase } from '../../main/services/cases';
import { sessionFor, type Session } from '../../main/services/session';
import { exportBundle } from '../../main/services/sharing/bundles';
import { addPeer, myInvitation } from '../../main/services/sharing/invitations';
import { createTestVault, type TestVault } from '../helpers/vault';

/**
 * Every write in the contract carries the renderer's request id, and the main process carries out an id at most
 * once: the same write sent twice, at once or one after the other, leaves one row, one `ok` audit line and one
 * log entry, and both senders get the first answer. This walks every write channel of the contract.
 */

const trusted = { origin: 'app://ordelog', isMainFrame: true };
const png = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
).toString('base64');

let root: string;
let controller: AppController;
let dispatch: Dispatch;
let printer: PdfPrinter;

async function call<T = Record<string, unknown>>(channel: string, input?: unknown): Promise<T> {
  const result = (await dispatch(channel, input, trusted)) as Result<T>;
  if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
  return result.value;
}

const write = <T = Record<string, unknown>>(channel: WriteChannel, input: Record<string, unknown>) =>
  call<T>(channel, { ...input, requestId: randomUUID() });

/** Row counts of every table the services write, and the audit's `ok` lines per action. */
function footprint(): Record<string, number> {
  const { sqlite } = controller.session().db;
  const tables = sqlite
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'search_index%'")
    .pluck()
    .all() as string[];
  const counts: Record<string, number> = {};
  for (const table of tables) counts[table] = sqlite.prepare(`SELECT count(*) FROM "${table}"`).pluck().get() as number;
  for (const row of sqlite.prepare("SELECT action, count(*) AS n FROM audit_lines WHERE result = 'ok' GROUP BY action").all() as {
    action: string;
    n: number;
  }[]) {
    counts[`audit ok ${row.action}`] = row.n;
  }
  return counts;
}

function grew(before: Record<string, number>, after: Record<string, number>): Record<string, number> {
  const delta: Record<string, number> = {};
  for (const [key, value] of Object.entries(after)) if (value !== (before[key] ?? 0)) delta[key] = value - (before[key] ?? 0);
  return delta;
}

interface Fixture {
  caseId: string;
  closedCaseId: string;
  archivableCaseId: string;
  entryId: string;
  taskId: string;
  handOverId: string;
  endId: string;
  organisationId: string;
  personId: string;
  otherPersonId: string;
  phaseIds: string[];
  newPhaseId: string;
  decisionId: string;
  interventionId: string;
  recoveryKey: string;
  /** Accounts, one per user-management write. */
  roleUserId: string;
  resetUserId: string;
  removeUserId: string;
  /** A partner's invitation, a sender met only in a bundle, and a bundle from an accepted partner. */
  invitation: string;
  pendingPeerId: string;
  bundle: string;
}
let fixture: Fixture;

/** A valid input for each write channel, against the fixture; each is sent once (twice, with one id). */
const inputs: Record<WriteChannel, (f: Fixture) => Record<string, unknown>> = {
  'cases.create': () => ({ title: 'Tweede oproep station' }),
  'cases.update': (f) => ({ caseId: f.caseId, title: 'Oproep station, bijgewerkt' }),
  'cases.close': (f) => ({ caseId: f.closedCaseId, reason: 'Afgerond', retentionCategory: 'handhaving' }),
  'cases.reopen': (f) => ({ caseId: f.closedCaseId, reason: 'Nieuwe oproep' }),
  'cases.archive': (f) => ({ caseId: f.archivableCaseId }),
  'entries.append': (f) => ({ caseId: f.caseId, type: 'waarneming', text: 'Groep van twintig bij de fietsenstalling.' }),
  'entries.correct': (f) => ({ entryId: f.entryId, text: 'Groep van dertig, niet twintig.' }),
  'phases.change': (f) => ({ caseId: f.caseId, phaseId: f.phaseIds[2], reason: 'Oproep wordt massaal gedeeld.' }),
  'roles.assign': (f) => ({ caseId: f.caseId, roleId: 'notulist', personId: f.personId }),
  'roles.handOver': (f) => ({ assignmentId: f.handOverId, toPersonId: f.otherPersonId, note: 'Dienstwissel' }),
  'roles.end': (f) => ({ assignmentId: f.endId }),
  'directory.createOrganisation': () => ({ name: 'Basisteam Lindedorp', kind: 'politie' }),
  'directory.updateOrganisation': (f) => ({ organisationId: f.organisationId, contact: '0900-8844' }),
  'directory.createPerson': () => ({ name: 'Fatima Bakker' }),
  'directory.updatePerson': (f) => ({ personId: f.personId, function: 'Wijkagent' }),
  'tasks.create': (f) => ({ caseId: f.caseId, text: 'Ouders informeren', ownerRoleId: 'oov-adviseur' }),
  'tasks.update': (f) => ({ taskId: f.taskId, text: 'Scholen en ouders informeren' }),
  'tasks.setStatus': (f) => ({ taskId: f.taskId, status: 'bezig' }),
  'decisions.record': (f) => ({ caseId: f.caseId, text: 'Noodbevel stationsplein', decidedBy: 'burgemeester', legalBasisId: 'gemw-175' }),
  'decisions.setCouncilMeeting': (f) => ({ decisionId: f.decisionId, councilMeetingAt: '2026-03-17T18:30:00.000Z' }),
  'interventions.record': (f) => ({ caseId: f.caseId, interventionId: f.interventionId, status: 'overwogen', reason: 'Snel in te zetten' }),
  'phaseModel.create': () => ({ name: 'Evaluatie' }),
  'phaseModel.update': (f) => ({ phaseId: f.newPhaseId, description: 'Terugblik' }),
  'phaseModel.reorder': (f) => ({ phaseIds: [...f.phaseIds].reverse() }),
  'phaseModel.remove': (f) => ({ phaseId: f.newPhaseId }),
  'signals.record': (f) => ({
    caseId: f.caseId,
    text: 'TikTok-oproep: vanavond 21:00 station',
    platform: 'tiktok',
    channel: 'openbaar',
    sourceReliability: 'B',
    informationCredibility: '2',
  }),
  'signals.markRead': (f) => ({ caseId: f.caseId }),
  'attachments.add': (f) => ({ caseId: f.caseId, fileName: 'screenshot.png', mediaType: 'image/png', data: png }),
  'briefings.export': (f) => ({ caseId: f.caseId, audience: 'burgemeester' }),
  'handovers.export': (f) => ({ caseId: f.caseId, hours: 8, incomingName: 'Bram de Boer', firstActions: 'Contact met de wijkagent.' }),
  'exports.log': (f) => ({ caseId: f.caseId, format: 'json' }),
  'sharing.addPeer': (f) => ({ invitation: f.invitation }),
  'sharing.acceptPeer': (f) => ({ peerId: f.pendingPeerId }),
  'sharing.setOrganisation': () => ({ organisation: 'Gemeente Lindedorp' }),
  'sharing.exportBundle': (f) => ({ caseId: f.caseId, recipient: { kind: 'wachtwoord', passphrase: 'een-eenmalig-wachtwoord' } }),
  'sharing.importBundle': (f) => ({ data: f.bundle }),
  'users.add': () => ({ userName: 'nachtdienst', displayName: 'Nina Nacht', accountRole: 'redacteur', passphrase: 'de-nachtdienst-begint' }),
  'users.setRole': (f) => ({ userId: f.roleUserId, accountRole: 'lezer' }),
  'users.resetPassphrase': (f) => ({ userId: f.resetUserId, recoveryKey: f.recoveryKey, newPassphrase: 'na-het-vergeten-opnieuw' }),
  'users.remove': (f) => ({ userId: f.removeUserId }),
  'users.changeOwnPassphrase': () => ({ currentPassphrase: 'een-lange-test-wachtwoordzin', newPassphrase: 'een-nieuwe-test-wachtwoordzin' }),
};

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'ordelog-'));
  controller = createAppController({
    vaultDir: join(root, 'vault'),
    appVersion: 'test',
    origin: 'app',
    vaults: fileVaultBackend({ kdf: { N: 2 ** 10, r: 8, p: 1 } }),
  });
  printer = chromiumPrinter();
  dispatch = createDispatcher(controller, { trustedOrigins: [trusted.origin], printer, log: () => undefined });
  const { recoveryKey } = await call<{ recoveryKey: string }>('vault.create', {
    userName: 'oov',
    displayName: 'Joost de Vries',
    passphrase: 'een-lange-test-wachtwoordzin',
  });
  const account = (userName: string) =>
    write<{ id: string }>('users.add', { userName, displayName: userName, accountRole: 'redacteur', passphrase: 'een-wachtwoordzin-voor-de-test' });
  const [roleUser, resetUser, removeUser] = [await account('rolwissel'), await account('vergeten'), await account('vertrokken')];

  const kase = await write<{ id: string }>('cases.create', { title: 'Oproep station' });
  const closed = await write<{ id: string }>('cases.create', { title: 'Feest Lindedorp' });
  const archivable = await write<{ id: string }>('cases.create', { title: 'Giveaway' });
  await write('cases.close', { caseId: archivable.id, reason: 'Klaar', retentionCategory: 'handhaving' });
  const entry = await write<{ id: string }>('entries.append', { caseId: kase.id, type: 'waarneming', text: 'Twintig jongeren.' });
  const task = await write<{ id: string }>('tasks.create', { caseId: kase.id, text: 'Ouders', ownerRoleId: 'oov-adviseur' });
  const organisation = await write<{ id: string }>('directory.createOrganisation', { name: 'Jongerenwerk', kind: 'jongerenwerk' });
  const person = await write<{ id: string }>('directory.createPerson', { name: 'Sanne Visser' });
  const other = await write<{ id: string }>('directory.createPerson', { name: 'Kees Jansen' });
  const handOver = await write<{ id: string }>('roles.assign', { caseId: kase.id, roleId: 'oov-adviseur', personId: person.id });
  const toEnd = await write<{ id: string }>('roles.assign', { caseId: kase.id, roleId: 'plotter', personId: other.id });
  const { phases } = await call<{ phases: { id: string }[] }>('phases.list');
  const { phases: withNew } = await write<{ phases: { id: string; name: string }[] }>('phaseModel.create', { name: 'Nazorg extra' });
  const bylaw = await write<{ id: string }>('decisions.record', {
    caseId: kase.id,
    text: 'Noodverordening stationsgebied',
    decidedBy: 'burgemeester',
    legalBasisId: 'gemw-176',
    councilMeetingUnknown: true,
  });
  const { interventions } = await call<{ interventions: { id: string }[] }>('interventions.catalogue');
  const partners = await partnerFixtures(await call<Invitation>('sharing.invitation'));
  fixture = {
    ...partners,
    caseId: kase.id,
    closedCaseId: closed.id,
    archivableCaseId: archivable.id,
    entryId: entry.id,
    taskId: task.id,
    handOverId: handOver.id,
    endId: toEnd.id,
    organisationId: organisation.id,
    personId: person.id,
    otherPersonId: other.id,
    phaseIds: phases.map((phase) => phase.id),
    newPhaseId: withNew.find((phase) => phase.name === 'Nazorg extra')!.id,
    decisionId: bylaw.id,
    interventionId: interventions[0]!.id,
    recoveryKey,
    roleUserId: roleUser.id,
    resetUserId: resetUser.id,
    removeUserId: removeUser.id,
  };
}, 120_000);

/**
 * What the sharing writes need from elsewhere: another vault's invitation, a sender met only in a bundle (whose
 * bundle was refused), and a bundle sealed to this vault's user by a partner it accepted.
 */
async function partnerFixtures(own: Invitation): Promise<Pick<Fixture, 'invitation' | 'pendingPeerId' | 'bundle'>> {
  const stranger = await createTestVault({ displayName: 'Onbekende afzender' });
  const partner = await createTestVault({ displayName: 'Wijkagent de Vries' });
  others.push(stranger, partner);
  const strangerSession = sessionFor(stranger.vault, 'app');
  const partnerSession = sessionFor(partner.vault, 'app');
  const addOwn = (session: Session) => addPeer(session, { invitation: JSON.stringify(own) }).id;
  const toUs = async (session: Session) => {
    const caseId = createCase(session, { title: 'Gedeeld dossier' }).id;
    return (await exportBundle(session, { caseId, recipient: { kind: 'partner', peerId: addOwn(session) } })).data;
  };
  const refused = await dispatch('sharing.importBundle', { data: await toUs(strangerSession), requestId: randomUUID() }, trusted);
  expect(refused).toMatchObject({ ok: false, error: { code: 'BUNDLE_UNKNOWN_SENDER' } });
  const { peers } = await call<{ peers: { id: string }[] }>('sharing.peers');
  const partnerInvitation = JSON.stringify(myInvitation(partnerSession));
  await write('sharing.addPeer', { invitation: partnerInvitation });
  return { invitation: JSON.stringify(myInvitation(sessionFor((await createOther()).vault, 'app'))), pendingPeerId: peers[0]!.id, bundle: await toUs(partnerSession) };
}

const others: TestVault[] = [];
async function createOther(): Promise<TestVault> {
  const other = await createTestVault({ displayName: 'Jongerenwerker Amir' });
  others.push(other);
  return other;
}

afterAll(async () => {
  for (const other of others) other.cleanup();
  controller.lock('shutdown');
  await printer.close();
  rmSync(root, { recursive: true, force: true });
});

/** Exports print a file that the vault never keeps: a later repeat is told so instead of being printed again. */
const exportChannels = new Set<WriteChannel>(['briefings.export', 'handovers.export', 'exports.log', 'sharing.exportBundle']);

describe('a write sent twice with one request id', () => {
  it('walks every write channel of the contract', () => {
    expect(Object.keys(inputs).sort()).toEqual([...writeChannels].sort());
  });

  it.each(writeChannels.map((channel) => [channel]))('%s: at once and again afterwards, it is carried out once', async (channel) => {
    // The walk runs in the contract's order: `cases.close` before `cases.reopen`, and the phase model as it is by then.
    if (channel === 'phaseModel.reorder') fixture.phaseIds = (await call<{ phases: { id: string }[] }>('phases.list')).phases.map((p) => p.id);
    const input = { ...inputs[channel](fixture), requestId: randomUUID() };
    const before = footprint();

    const [first, second] = await Promise.all([dispatch(channel, input, trusted), dispatch(channel, input, trusted)]);
    expect(first.ok, JSON.stringify(first)).toBe(true);
    expect(second).toEqual(first);
    const once = grew(before, footprint());
    expect(Object.entries(once).filter(([key]) => key.startsWith('audit ok ')).length).toBeGreaterThan(0);
    for (const [key, count] of Object.entries(once)) {
      if (key === 'audit_lines') continue;
      // One row of each kind the write makes: one entry in the log, one `ok` audit line for what it did.
      if (key === 'log_entries' || key.startsWith('audit ok ')) expect(count, key).toBe(1);
    }
    expect(once.write_requests).toBe(1);

    const settled = footprint();
    const again = await dispatch(channel, input, trusted);
    if (exportChannels.has(channel)) {
      expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    } else {
      expect(again).toEqual(first);
    }
    expect(grew(settled, footprint())).toEqual({});
  });

  it('refuses a write without a request id, and an id reused for another write', async () => {
    const withoutId = await dispatch('entries.append', { caseId: fixture.caseId, type: 'notitie', text: 'x' }, trusted);
    expect(withoutId).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const requestId = randomUUID();
    await call('entries.append', { caseId: fixture.caseId, type: 'notitie', text: 'Eerste', requestId });
    const before = footprint();
    const reused = await dispatch('tasks.create', { caseId: fixture.caseId, text: 'Iets anders', ownerRoleId: 'notulist', requestId }, trusted);
    expect(reused).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    // Nothing but the audit line that says the attempt failed.
    expect(grew(before, footprint())).toEqual({ audit_lines: 1 });
  });

  it('carries out a failed write again when it is retried with the same id', async () => {
    const requestId = randomUUID();
    const tooLong = { caseId: fixture.caseId, type: 'notitie', text: 'x'.repeat(60_000), requestId };
    expect(await dispatch('entries.append', tooLong, trusted)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const retried = await dispatch('entries.append', { ...tooLong, text: 'Nu wel goed' }, trusted);
    expect(retried).toMatchObject({ ok: true, value: { text: 'Nu wel goed' } });
  });
});
