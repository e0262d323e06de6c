import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, afterAll, describe, expect, it } from 'vitest';
import { unlockVault } from '../../db/vault';
import { runCli } from '../../main/cli/main';
import type { Output } from '../../main/cli/commands';
import { createCase } from '../../main/services/cases';
import { appendEntry } from '../../main/services/entries';
import { sessionFor } from '../../main/services/session';
import { invitationSchema } from '../../shared/sharing';
import { createTestVault, testPassphrase, testUserName, type TestVault } from '../helpers/vault';

/*
 * Sharing a case by file with `ordelog-admin`, as IT staff at two organisations do it: invitations both ways,
 * partners added after the code was read out, a bundle made at one vault and read at the other, and each refusal
 * with its own exit code. The CLI runs in this process on real encrypted vaults.
 */

interface Run {
  code: number;
  out: string;
  err: string;
  progress: string[];
}

async function cli(...argv: string[]): Promise<Run> {
  return cliWith({}, ...argv);
}

/** With `interrupted`, Ctrl-C was pressed as soon as the command could hear it. */
async function cliWith({ interrupted = false }: { interrupted?: boolean }, ...argv: string[]): Promise<Run> {
  let out = '';
  let err = '';
  const progress: string[] = [];
  const io: Output = {
    out: (text) => (out += `${text}\n`),
    err: (text) => (err += `${text}\n`),
    progress: { update: (text) => progress.push(text), end: () => undefined },
    interrupt: () => {
      const controller = new AbortController();
      if (interrupted) controller.abort();
      return controller.signal;
    },
  };
  const code = await runCli(argv, io);
  return { code, out, err, progress };
}

const codePattern = /[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/;
/** The code a refused bundle's sender is known by here, as the refusal prints it. */
const senderCodeIn = (err: string) => /peers accept ([0-9A-Z-]{19})/.exec(err)![1]!;
const caseCount = async (dir: string) => (JSON.parse((await cli('cases', '--vault', dir, '--json')).out) as unknown[]).length;

interface Party {
  test: TestVault;
  dir: string;
  invitation: string;
  code: string;
}

const opened: TestVault[] = [];

async function party(organisation: string, displayName: string): Promise<Party> {
  const test = await createTestVault({ displayName });
  test.vault.lock();
  opened.push(test);
  const invitation = join(test.root, 'mij.ordelog-uitnodiging');
  const invited = await cli('invite', '--vault', test.dir, '--organisatie', organisation, '--uit', invitation);
  expect(invited.code, invited.err).toBe(0);
  return { test, dir: test.dir, invitation, code: codePattern.exec(invited.out)![0] };
}

/** `from` adds `to`'s invitation, as a person does after hearing the code. */
async function add(from: Party, to: Party): Promise<void> {
  const added = await cli('peers', 'add', to.invitation, '--vault', from.dir, '--force');
  expect(added.code, added.err).toBe(0);
}

async function caseWithEntries(at: Party, title: string): Promise<string> {
  const vault = await unlockVault(at.dir, testUserName, testPassphrase);
  try {
    const session = sessionFor(vault, 'cli');
    const caseId = createCase(session, { title }).id;
    appendEntry(session, { caseId, type: 'signaal', text: 'TikTok: "iedereen om 21:00 naar het station"' });
    appendEntry(session, { caseId, type: 'waarneming', text: 'Zestig jongeren bij het station', location: 'Stationsplein' });
    return caseId;
  } finally {
    vault.lock();
  }
}

beforeAll(() => {
  process.env.ORDELOG_PASSPHRASE = testPassphrase;
  process.env.ORDELOG_USER = testUserName;
});

afterEach(() => {
  delete process.env.ORDELOG_BUNDLE_PASSPHRASE;
});

afterAll(() => {
  for (const test of opened) test.cleanup();
  delete process.env.ORDELOG_PASSPHRASE;
  delete process.env.ORDELOG_USER;
});

describe('ordelog-admin sharing by file', () => {
  it('writes an invitation with its code and the organisation it sets, and prints it as JSON with --json', async () => {
    const gemeente = await party('Gemeente Lindedorp', 'OOV-adviseur Jansen');
    const written = invitationSchema.parse(JSON.parse(readFileSync(gemeente.invitation, 'utf8')));
    expect(written).toMatchObject({ name: 'OOV-adviseur Jansen', organisation: 'Gemeente Lindedorp', code: gemeente.code });

    const printed = await cli('invite', '--vault', gemeente.dir, '--json');
    expect(printed.code).toBe(0);
    expect(invitationSchema.parse(JSON.parse(printed.out))).toEqual(written);
    expect(printed.err).toContain(`Uitnodigingscode: ${gemeente.code}`);
    expect((await cli('invite', '--vault', gemeente.dir, '--json', '--uit', join(gemeente.test.root, 'x'))).code).toBe(2);
  });

  it('adds a partner only once the code is confirmed (--force for scripts), and lists partners', async () => {
    const gemeente = await party('Gemeente Lindedorp', 'OOV-adviseur Jansen');
    const politie = await party('Politie basisteam Lindedorp', 'Wijkagent de Vries');

    // No terminal to ask on and no --force: nothing is added.
    const unconfirmed = await cli('peers', 'add', politie.invitation, '--vault', gemeente.dir);
    expect(unconfirmed.code).toBe(11);
    expect(unconfirmed.err).toContain(`Code: ${politie.code}`);
    expect(unconfirmed.err).toContain('Er is niets gewijzigd');
    expect((await cli('peers', 'list', '--vault', gemeente.dir)).out).toContain('Nog geen partners');

    await add(gemeente, politie);
    const listed = await cli('peers', 'list', '--vault', gemeente.dir);
    expect(listed.out.split('\n')).toContain(`Wijkagent de Vries\tPolitie basisteam Lindedorp\t${politie.code}\tja\tja`);
    const json = JSON.parse((await cli('peers', 'list', '--vault', gemeente.dir, '--json')).out) as { code: string; accepted: boolean }[];
    expect(json).toEqual([expect.objectContaining({ code: politie.code, accepted: true, canReceive: true })]);

    // An invitation changed on the way is refused with the file's exit code.
    const changed = JSON.parse(readFileSync(gemeente.invitation, 'utf8')) as { name: string };
    const forged = join(politie.test.root, 'vervalst.ordelog-uitnodiging');
    writeFileSync(forged, JSON.stringify({ ...changed, code: politie.code }));
    const refused = await cli('peers', 'add', forged, '--vault', politie.dir, '--force');
    expect(refused.code).toBe(13);
    expect(refused.err).toContain('INVITATION_INVALID');
  });

  it('sends a case to a partner: it arrives whole, and a second import finds nothing new', async () => {
    const gemeente = await party('Gemeente Lindedorp', 'OOV-adviseur Jansen');
    const politie = await party('Politie basisteam Lindedorp', 'Wijkagent de Vries');
    await add(gemeente, politie);
    await add(politie, gemeente);
    const caseId = await caseWithEntries(gemeente, 'Oproep tot rellen bij het station');
    const bundle = join(gemeente.test.root, 'station.ordelogpakket');

    const exported = await cli('bundle-export', '--vault', gemeente.dir, '--case', caseId, '--partner', politie.code.toLowerCase(), '--uit', bundle);
    expect(exported.code, exported.err).toBe(0);
    const sha256 = createHash('sha256').update(readFileSync(bundle)).digest('hex');
    expect(exported.out).toContain('verzegeld voor Wijkagent de Vries (Politie basisteam Lindedorp)');
    expect(exported.out).toContain(`dossier ${caseId} als pakket 1`);
    expect(exported.out).toContain(`SHA-256 ${sha256}`);
    expect(exported.progress.some((line) => line.startsWith('Pakket maken — vastleggen'))).toBe(true);

    const imported = await cli('bundle-import', bundle, '--vault', politie.dir);
    expect(imported.code, imported.err).toBe(0);
    expect(imported.out).toMatch(
      /^Dossier Oproep tot rellen bij het station: [1-9]\d* nieuwe logregels, 0 geweigerd, 0 voorlopig, van OOV-adviseur Jansen \(Gemeente Lindedorp\)$/m,
    );
    expect(imported.out).toContain(`Het dossier is nieuw in deze kluis: ${caseId}`);
    expect(imported.progress.some((line) => line.startsWith('Pakket inlezen — lezen'))).toBe(true);
    const [arrived] = JSON.parse((await cli('cases', '--vault', politie.dir, '--json')).out) as { id: string; entries: number }[];
    // Creating the case and its two entries, as the bundle carried them.
    expect(arrived).toMatchObject({ id: caseId, entries: Number(/: (\d+) nieuwe logregels/.exec(imported.out)![1]) });
    expect(arrived!.entries).toBeGreaterThanOrEqual(3);

    const again = await cli('bundle-import', bundle, '--vault', politie.dir);
    expect(again.code, again.err).toBe(0);
    expect(again.out).toContain('Dossier Oproep tot rellen bij het station: 0 nieuwe logregels, 0 geweigerd, 0 voorlopig');
    expect(again.out).not.toContain('nieuw in deze kluis');
    expect((await cli('verify', '--vault', politie.dir)).code).toBe(0);
  });

  it('refuses a bundle from a sender nobody accepted (exit 14), and reads it once their code is accepted', async () => {
    const gemeente = await party('Gemeente Lindedorp', 'OOV-adviseur Jansen');
    const politie = await party('Politie basisteam Lindedorp', 'Wijkagent de Vries');
    // Only the sender added the recipient: the police never saw the municipality's invitation.
    await add(gemeente, politie);
    const caseId = await caseWithEntries(gemeente, 'Project X-feest');
    const bundle = join(gemeente.test.root, 'feest.ordelogpakket');
    expect((await cli('bundle-export', '--vault', gemeente.dir, '--case', caseId, '--partner', politie.code, '--uit', bundle)).code).toBe(0);

    const refused = await cli('bundle-import', bundle, '--vault', politie.dir);
    expect(refused.code).toBe(14);
    expect(refused.err).toContain('nog niet is geaccepteerd');
    const senderCode = senderCodeIn(refused.err);
    expect(refused.err).toContain(`Afzender: OOV-adviseur Jansen (Gemeente Lindedorp), code ${senderCode}.`);
    expect(refused.err).toContain(`ordelog-admin peers accept ${senderCode}`);
    expect(await caseCount(politie.dir)).toBe(0);
    expect((await cli('peers', 'list', '--vault', politie.dir)).out).toContain(`OOV-adviseur Jansen\tGemeente Lindedorp\t${senderCode}\tnee\tnee`);

    expect((await cli('peers', 'accept', 'XXXX-XXXX-XXXX-XXXX', '--vault', politie.dir)).code).toBe(5);
    const accepted = await cli('peers', 'accept', senderCode.replaceAll('-', ' ').toLowerCase(), '--vault', politie.dir);
    expect(accepted.code, accepted.err).toBe(0);
    expect(accepted.out).toContain('Geaccepteerd: OOV-adviseur Jansen (Gemeente Lindedorp)');
    // Accepted, the sender can also receive: their signed header named their receiving key.
    expect((await cli('peers', 'list', '--vault', politie.dir)).out).toContain(`${senderCode}\tja\tja`);

    const imported = await cli('bundle-import', bundle, '--vault', politie.dir);
    expect(imported.code, imported.err).toBe(0);
    expect(imported.out).toContain('Dossier Project X-feest:');
    expect(await caseCount(politie.dir)).toBe(1);
  });

  it('seals with a one-time passphrase from ORDELOG_BUNDLE_PASSPHRASE and opens with that passphrase only', async () => {
    const gemeente = await party('Gemeente Lindedorp', 'OOV-adviseur Jansen');
    const politie = await party('Politie basisteam Lindedorp', 'Wijkagent de Vries');
    await add(politie, gemeente);
    const caseId = await caseWithEntries(gemeente, 'Doxxing van een raadslid');
    const bundle = join(gemeente.test.root, 'doxxing.ordelogpakket');

    process.env.ORDELOG_BUNDLE_PASSPHRASE = 'paard batterij nietje juist';
    const exported = await cli('bundle-export', '--vault', gemeente.dir, '--case', caseId, '--wachtwoord', '--uit', bundle);
    expect(exported.code, exported.err).toBe(0);
    expect(exported.out).toContain('verzegeld voor houder van het eenmalige wachtwoord');

    delete process.env.ORDELOG_BUNDLE_PASSPHRASE;
    const without = await cli('bundle-import', bundle, '--vault', politie.dir);
    expect(without.code).toBe(15);
    expect(without.err).toContain('Geef --wachtwoord mee');
    process.env.ORDELOG_BUNDLE_PASSPHRASE = 'paard batterij nietje fout';
    expect((await cli('bundle-import', bundle, '--vault', politie.dir, '--wachtwoord')).code).toBe(15);
    expect(await caseCount(politie.dir)).toBe(0);

    process.env.ORDELOG_BUNDLE_PASSPHRASE = 'paard batterij nietje juist';
    const imported = await cli('bundle-import', bundle, '--vault', politie.dir, '--wachtwoord');
    expect(imported.code, imported.err).toBe(0);
    expect(imported.out).toContain('Dossier Doxxing van een raadslid:');
    expect(await caseCount(politie.dir)).toBe(1);
  });

  it('refuses a changed bundle whole (exit 13) and imports nothing', async () => {
    const gemeente = await party('Gemeente Lindedorp', 'OOV-adviseur Jansen');
    const politie = await party('Politie basisteam Lindedorp', 'Wijkagent de Vries');
    await add(gemeente, politie);
    await add(politie, gemeente);
    const caseId = await caseWithEntries(gemeente, 'Oproep tot rellen');
    const bundle = join(gemeente.test.root, 'rellen.ordelogpakket');
    expect((await cli('bundle-export', '--vault', gemeente.dir, '--case', caseId, '--partner', politie.code, '--uit', bundle)).code).toBe(0);

    const bytes = readFileSync(bundle);
    const middle = Math.floor(bytes.length / 2);
    bytes[middle] = bytes[middle]! ^ 0x01;
    const changed = join(politie.test.root, 'gewijzigd.ordelogpakket');
    writeFileSync(changed, bytes);
    const refused = await cli('bundle-import', changed, '--vault', politie.dir);
    expect(refused.code).toBe(13);
    expect(refused.err).toContain('beschadigd of onderweg veranderd');
    expect(await caseCount(politie.dir)).toBe(0);

    writeFileSync(changed, 'geen pakket');
    expect((await cli('bundle-import', changed, '--vault', politie.dir)).code).toBe(13);
    expect(await caseCount(politie.dir)).toBe(0);
  });

  it('refuses to seal to a partner not accepted yet (16), an unknown code (5), or without one recipient (2)', async () => {
    const gemeente = await party('Gemeente Lindedorp', 'OOV-adviseur Jansen');
    const politie = await party('Politie basisteam Lindedorp', 'Wijkagent de Vries');
    await add(gemeente, politie);
    const caseId = await caseWithEntries(gemeente, 'Oproep tot rellen');
    const towardsPolice = join(gemeente.test.root, 'naar-politie.ordelogpakket');
    expect((await cli('bundle-export', '--vault', gemeente.dir, '--case', caseId, '--partner', politie.code, '--uit', towardsPolice)).code).toBe(0);
    // The police met the municipality as a sender only and did not accept it yet: nothing is sealed to it.
    const unknown = await cli('bundle-import', towardsPolice, '--vault', politie.dir);
    expect(unknown.code).toBe(14);
    const senderCode = senderCodeIn(unknown.err);
    const ownCaseId = await caseWithEntries(politie, 'Eigen melding');

    const back = join(politie.test.root, 'terug.ordelogpakket');
    const notReady = await cli('bundle-export', '--vault', politie.dir, '--case', ownCaseId, '--partner', senderCode, '--uit', back);
    expect(notReady.code).toBe(16);
    expect(notReady.err).toContain('PEER_NOT_READY');
    expect(existsSync(back)).toBe(false);
    expect((await cli('bundle-export', '--vault', politie.dir, '--case', ownCaseId, '--partner', 'AAAA-BBBB-CCCC-DDDD', '--uit', back)).code).toBe(5);
    expect((await cli('bundle-export', '--vault', politie.dir, '--case', ownCaseId, '--uit', back)).code).toBe(2);
    expect((await cli('bundle-export', '--vault', politie.dir, '--case', ownCaseId, '--partner', gemeente.code, '--wachtwoord', '--uit', back)).code).toBe(2);
    expect(existsSync(back)).toBe(false);
  });

  it('stops on Ctrl-C: no bundle written and nothing recorded, or nothing read in', async () => {
    const gemeente = await party('Gemeente Lindedorp', 'OOV-adviseur Jansen');
    const politie = await party('Politie basisteam Lindedorp', 'Wijkagent de Vries');
    await add(gemeente, politie);
    await add(politie, gemeente);
    const caseId = await caseWithEntries(gemeente, 'Oproep tot rellen');
    const bundle = join(gemeente.test.root, 'rellen.ordelogpakket');

    const stopped = await cliWith({ interrupted: true }, 'bundle-export', '--vault', gemeente.dir, '--case', caseId, '--partner', politie.code, '--uit', bundle);
    expect(stopped.code).toBe(130);
    expect(stopped.err).toContain('Gestopt: er is geen pakket geschreven');
    expect(existsSync(bundle)).toBe(false);
    // The register holds no bundle of the stopped export: the next one is number 1.
    expect((await cli('bundle-export', '--vault', gemeente.dir, '--case', caseId, '--partner', politie.code, '--uit', bundle)).out).toContain('als pakket 1.');

    const notRead = await cliWith({ interrupted: true }, 'bundle-import', bundle, '--vault', politie.dir);
    expect(notRead.code).toBe(130);
    expect(notRead.err).toContain('Gestopt: er is niets uit het pakket in de kluis ingelezen.');
    expect(await caseCount(politie.dir)).toBe(0);
    expect((await cli('bundle-import', bundle, '--vault', politie.dir)).code).toBe(0);
  });
});
