import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { writeFileAtomic } from '../../db/atomic-file';
import { findPeerBySigningKey, readOrganisationName } from '../../db/repositories/peers';
import { readBundleHeader } from '../../db/replica/bundle-file';
import { isOrdelogError, OrdelogError } from '../../shared/errors';
import { invitationSchema, type ImportedBundle, type Invitation, type PeerSummary } from '../../shared/sharing';
import { exportBundle, importBundle } from '../services/sharing/bundles';
import { acceptPeer, addPeer, invitationCode, listPeers, myInvitation, setOrganisation } from '../services/sharing/invitations';
import type { Session } from '../services/session';
import { optionalOption, requireOption, UsageError, type ParsedArgs } from './args';
import { cliJob, runAsJob } from './cli-job';
import type { Command, Output } from './commands';
import { exitCodeFor, exitCodes } from './exit-codes';
import { printable, printableJson } from './printable';
import { confirmOnTerminal, readNewPassphrase, readPassphrase } from './prompt';
import { actingUserName, withVault } from './vault-session';

/**
 * `ordelog-admin invite`, `peers`, `bundle-export` and `bundle-import`: sharing a case with a partner by file,
 * as the app's Partners screen does. The work is the app's own services (main/services/sharing/), run in this
 * process: the engine's work is asynchronous and stops at the service's checkpoints, so Ctrl-C is heard between
 * its steps without a worker.
 */

const bundlePassphraseEnv = 'ORDELOG_BUNDLE_PASSPHRASE';

const count = (n: number, one: string, more: string) => `${n} ${n === 1 ? one : more}`;
const yesNo = (value: boolean) => (value ? 'ja' : 'nee');

/** A code as someone types it after hearing it: any case, with or without dashes or spaces, Crockford's look-alikes. */
function normalisedCode(code: string): string {
  return code
    .toUpperCase()
    .replace(/[^0-9A-Z]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
}

function peerByCode(session: Session, code: string): PeerSummary {
  const wanted = normalisedCode(code);
  const peer = listPeers(session).find((candidate) => normalisedCode(candidate.code) === wanted);
  if (!peer) throw new OrdelogError('NOT_FOUND', { detail: `(geen partner met code ${printable(code)}; zie ordelog-admin peers list)` });
  return peer;
}

function readInput(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    throw new OrdelogError('NOT_FOUND', { detail: `(${file} is niet te lezen)`, cause: error });
  }
}

/** The folder the file goes in must exist before any work is recorded: a register entry without its file helps nobody. */
function requireWritableTarget(file: string): void {
  const folder = dirname(resolve(file));
  if (!existsSync(folder) || !statSync(folder).isDirectory()) throw new OrdelogError('NOT_FOUND', { detail: `(map ${folder})` });
}

export const inviteCommand: Command = (args, io) => {
  const organisation = optionalOption(args, 'organisatie');
  const toStdout = args.options.has('json');
  const out = optionalOption(args, 'uit');
  if (toStdout && out !== undefined) throw new UsageError('Kies --json of --uit BESTAND, niet allebei.');
  const file = out ?? `${actingUserName(args)}.ordelog-uitnodiging`;
  if (!toStdout) requireWritableTarget(file);
  return withVault(args, ({ session }) => {
    if (organisation !== undefined) setOrganisation(session, { organisation });
    const invitation = myInvitation(session);
    if (toStdout) {
      io.out(printableJson(invitation));
      io.err(`Uitnodigingscode: ${invitation.code}`);
      return exitCodes.ok;
    }
    writeFileAtomic(file, `${JSON.stringify(invitation, null, 2)}\n`);
    io.out(`Uitnodiging van ${printable(invitation.name)} (${printable(invitation.organisation)}) geschreven naar ${file}.`);
    io.out(`Uitnodigingscode: ${invitation.code}`);
    io.out('Stuur het bestand naar de partner en lees de code telefonisch voor: zo weet de partner dat het bestand van u komt.');
    if (organisation === undefined && readOrganisationName(session.db) === 'Ordelog') {
      io.err('Let op: de organisatie van deze kluis is nog niet ingesteld (nu "Ordelog"). Geef --organisatie "Naam" mee.');
    }
    return exitCodes.ok;
  });
};

function printPeers(peers: readonly PeerSummary[], io: Output, json: boolean): void {
  if (json) {
    io.out(printableJson(peers));
    return;
  }
  if (peers.length === 0) {
    io.out('Nog geen partners. Voeg er een toe met: ordelog-admin peers add UITNODIGINGSBESTAND');
    return;
  }
  io.out('naam\torganisatie\tcode\tgeaccepteerd\tkan ontvangen');
  for (const peer of peers) {
    io.out(`${printable(peer.name)}\t${printable(peer.organisation)}\t${peer.code}\t${yesNo(peer.accepted)}\t${yesNo(peer.canReceive)}`);
  }
}

/** The invitation in a file, read before anything is unlocked, with the code its keys give (not the one it claims). */
function invitationFrom(file: string): { text: string; invitation: Invitation; code: string } {
  const text = readInput(file).toString('utf8');
  let invitation: Invitation;
  try {
    invitation = invitationSchema.parse(JSON.parse(text));
  } catch (error) {
    throw new OrdelogError('INVITATION_INVALID', { cause: error });
  }
  return { text, invitation, code: invitationCode(invitation.signingKey, invitation.boxKey) };
}

async function addPeerCommand(args: ParsedArgs, io: Output): Promise<number> {
  const file = args.positionals[2];
  if (file === undefined) throw new UsageError('Gebruik: peers add UITNODIGINGSBESTAND --vault MAP --user NAAM [--force]');
  const { text, invitation, code } = invitationFrom(file);
  io.err(`Uitnodiging van ${printable(invitation.name)} (${printable(invitation.organisation)})`);
  io.err(`Code: ${code}`);
  if (args.options.has('force')) io.err('--force: de code wordt zonder vraag als gecontroleerd beschouwd.');
  else if (!process.stdin.isTTY) {
    io.err('Niet toegevoegd: de code moet met de partner worden gecontroleerd. Start het commando in een terminal, of geef --force mee als een script dit bewust doet. Er is niets gewijzigd.');
    return exitCodes.notConfirmed;
  } else if (!(await confirmOnTerminal('Komt deze code overeen met wat de partner u voorleest? Typ "ja" om toe te voegen: '))) {
    io.err('Niet toegevoegd. Er is niets gewijzigd.');
    return exitCodes.notConfirmed;
  }
  return withVault(args, ({ session }) => {
    const peer = addPeer(session, { invitation: text });
    io.out(`Partner toegevoegd en geaccepteerd: ${printable(peer.name)} (${printable(peer.organisation)}), code ${peer.code}.`);
    return exitCodes.ok;
  });
}

/** Typing the code the sender read out is the check itself: no further question. */
async function acceptPeerCommand(args: ParsedArgs, io: Output): Promise<number> {
  const code = args.positionals[2];
  if (code === undefined) throw new UsageError('Gebruik: peers accept CODE --vault MAP --user NAAM');
  return withVault(args, ({ session }) => {
    const peer = peerByCode(session, code);
    if (peer.accepted) {
      io.out(`${printable(peer.name)} (${printable(peer.organisation)}) was al geaccepteerd; er is niets gewijzigd.`);
      return exitCodes.ok;
    }
    const accepted = acceptPeer(session, { peerId: peer.id });
    io.out(`Geaccepteerd: ${printable(accepted.name)} (${printable(accepted.organisation)}), code ${accepted.code}. Pakketten van deze afzender worden nu ingelezen.`);
    if (!accepted.canReceive) io.out('Om pakketten aan deze partner te sturen is ook zijn of haar uitnodiging nodig (peers add).');
    return exitCodes.ok;
  });
}

export const peersCommand: Command = (args, io) => {
  switch (args.positionals[1]) {
    case 'list':
      return withVault(args, ({ session }) => {
        printPeers(listPeers(session), io, args.options.has('json'));
        return exitCodes.ok;
      });
    case 'add':
      return addPeerCommand(args, io);
    case 'accept':
      return acceptPeerCommand(args, io);
    default:
      throw new UsageError('Gebruik: peers list|add UITNODIGINGSBESTAND|accept CODE --vault MAP --user NAAM');
  }
};

export const bundleExportCommand: Command = (args, io) => {
  const caseId = requireOption(args, 'case');
  const out = requireOption(args, 'uit');
  const partner = optionalOption(args, 'partner');
  const withPassphrase = args.options.has('wachtwoord');
  if ((partner === undefined) === !withPassphrase) throw new UsageError('Kies de ontvanger: --partner CODE of --wachtwoord (een van beide).');
  requireWritableTarget(out);
  return withVault(args, async ({ session }) => {
    const recipient =
      partner === undefined
        ? { kind: 'wachtwoord' as const, passphrase: await readNewPassphrase(bundlePassphraseEnv, 'dit pakket (eenmalig)') }
        : { kind: 'partner' as const, peerId: peerByCode(session, partner).id };
    const job = cliJob(io, 'Pakket maken');
    return runAsJob(io, `Gestopt: er is geen pakket geschreven (${out} is niet aangemaakt of gewijzigd) en niets in het exportregister vastgelegd.`, async () => {
      const exported = await exportBundle(session, { caseId, recipient }, job);
      io.progress?.end();
      const data = Buffer.from(exported.data, 'base64');
      writeFileAtomic(out, data);
      const { record } = exported;
      io.out(`Pakket geschreven: ${out} (${data.length} bytes), verzegeld voor ${printable(record.recipient ?? '')}.`);
      io.out(`Vastgelegd in het exportregister van dossier ${caseId} als pakket ${record.number}.`);
      io.out(`SHA-256 ${record.sha256 ?? ''}`);
      if (recipient.kind === 'wachtwoord') io.out('Geef het eenmalige wachtwoord langs een andere weg door dan het bestand, bijvoorbeeld telefonisch.');
      if (job.signal.aborted) io.err('Ctrl-C kwam toen het pakket al was vastgelegd; het is volledig geschreven.');
      return exitCodes.ok;
    });
  });
};

function describeImport(result: ImportedBundle, io: Output): void {
  io.out(
    `Dossier ${printable(result.title)}: ${count(result.added, 'nieuwe logregel', 'nieuwe logregels')}, ${result.refused} geweigerd, ` +
      `${result.provisional} voorlopig, van ${printable(result.from.name)} (${printable(result.from.organisation)})`,
  );
  if (result.created) io.out(`Het dossier is nieuw in deze kluis: ${result.caseId}`);
}

/**
 * A sender nobody here accepted: the service remembered them; say how to accept them once their code was checked
 * with them, with that code.
 */
function adviseUnknownSender(session: Session, bytes: Buffer, error: OrdelogError, io: Output): number {
  io.err(`Fout (${error.code}): ${error.message}`);
  const sender = findPeerBySigningKey(session.db, readBundleHeader(bytes).header.sender.key);
  if (sender) {
    io.err(`Klopt de code met wat de afzender u voorleest, accepteer dan met: ordelog-admin peers accept ${invitationCode(sender.signingKey, sender.boxKey)}`);
  }
  return exitCodeFor(error.code);
}

export const bundleImportCommand: Command = async (args, io) => {
  const file = args.positionals[1];
  if (file === undefined) throw new UsageError('Gebruik: bundle-import PAKKETBESTAND --vault MAP --user NAAM [--wachtwoord]');
  const bytes = readInput(file);
  return withVault(args, async ({ session }) => {
    const passphrase = args.options.has('wachtwoord') ? await readPassphrase(bundlePassphraseEnv, 'Eenmalig wachtwoord van het pakket: ') : undefined;
    const job = cliJob(io, 'Pakket inlezen');
    return runAsJob(io, 'Gestopt: er is niets uit het pakket in de kluis ingelezen.', async () => {
      let result: ImportedBundle;
      try {
        result = await importBundle(session, bytes, passphrase === undefined ? {} : { passphrase }, job);
      } catch (error) {
        io.progress?.end();
        if (isOrdelogError(error) && error.code === 'BUNDLE_UNKNOWN_SENDER') return adviseUnknownSender(session, bytes, error, io);
        if (isOrdelogError(error) && error.code === 'BUNDLE_NEEDS_PASSPHRASE') {
          throw new OrdelogError('BUNDLE_NEEDS_PASSPHRASE', { detail: `Geef --wachtwoord mee (of zet ${bundlePassphraseEnv}).` });
        }
        throw error;
      }
      io.progress?.end();
      describeImport(result, io);
      if (job.signal.aborted) io.err('Ctrl-C kwam toen het pakket al was ingelezen; het is volledig ingelezen.');
      return exitCodes.ok;
    });
  });
};
