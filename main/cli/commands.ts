import { writeFileSync } from 'node:fs';
import { addUser, changePassphrase, listUsers, removeUser, resetRecoveryKey } from '../../db/users';
import { createVault, unlockWithRecoveryKey } from '../../db/vault';
import { userRoles, type UserRole } from '../../shared/domain';
import { OrdelogError } from '../../shared/errors';
import { formatNumber } from '../../shared/numbers';
import type { ChainBreakReason } from '../../shared/views';
import { exportCase } from '../services/case-export';
import { listCases } from '../services/cases';
import { fillDemoCase } from '../services/demo';
import { stats } from '../services/stats';
import { optionalOption, requireOption, UsageError, type ParsedArgs } from './args';
import { briefingCommand, logExportCommand, verifyExportCommand } from './export-commands';
import { cliJob, interruptedMeanwhile, runAsJob } from './cli-job';
import { exitCodes } from './exit-codes';
import { printable, printableJson } from './printable';
import { readNewPassphrase, readPassphrase } from './prompt';
import { restoreCommand } from './restore-command';
import { acceptRollbackCommand } from './accept-rollback-command';
import { bundleExportCommand, bundleImportCommand, inviteCommand, peersCommand } from './sharing-commands';
import { runAdminJob } from '../worker/admin-client';
import { actingUserName, credentialsFor, withVault } from './vault-session';

export interface Output {
  out(text: string): void;
  err(text: string): void;
  /** A line on a terminal that rewrites itself with how far long work is; absent when stderr is not a terminal. */
  progress?: { update(text: string): void; end(): void };
  /**
   * Long work that can stop cleanly asks for this: from then on Ctrl-C aborts the signal instead of ending the
   * process. Absent, nothing cancels (tests pass their own).
   */
  interrupt?: () => AbortSignal;
}

export type Command = (args: ParsedArgs, io: Output) => Promise<number>;

const json = printableJson;

const chainBreaks: Record<ChainBreakReason, string> = {
  'seq-gap': 'regelnummer ontbreekt',
  'prev-hash-mismatch': 'verwijzing naar de vorige regel klopt niet',
  'hash-mismatch': 'hash van de regel klopt niet',
  'head-mismatch': 'laatste regel van het dossier klopt niet met de opgeslagen laatste hash',
  'bad-signature': 'ondertekening van de regel klopt niet met de inhoud',
  'unknown-author-key': 'regel is ondertekend met een sleutel die niet van de schrijver is',
  'head-signature-bad': 'ondertekening van de laatste stand van het dossier klopt niet of is niet van een bekende schrijver',
  'head-unsigned': 'laatste stand van het dossier is niet ondertekend, terwijl het ondertekende regels heeft',
};

const headsChecked =
  'Van elk dossier is de laatste stand ondertekend door de gebruiker die hem schreef; die ondertekening dekt via de hashketen alle regels ervoor en is gecontroleerd.';
const headBroken =
  'De laatste stand van dit dossier is niet ondertekend door een bekende gebruiker: het logboek is buiten Ordelog om gewijzigd. Ordelog weigert nieuwe regels in dit dossier.';

function userByName(vault: Parameters<typeof listUsers>[0], name: string) {
  const user = listUsers(vault).find((candidate) => candidate.name === name && candidate.removedAt === null);
  if (!user) throw new OrdelogError('NOT_FOUND', { detail: `(gebruiker ${name})` });
  return user;
}

function roleOption(args: ParsedArgs): UserRole {
  const role = optionalOption(args, 'role') ?? 'redacteur';
  if (!(userRoles as readonly string[]).includes(role)) {
    throw new UsageError(`Onbekende rol ${role}: kies ${userRoles.join(', ')}.`);
  }
  return role as UserRole;
}

const init: Command = async (args, io) => {
  const dir = requireOption(args, 'vault');
  const userName = actingUserName(args);
  const displayName = optionalOption(args, 'display-name') ?? userName;
  const passphrase = await readNewPassphrase('ORDELOG_PASSPHRASE', userName);
  const { vault, recoveryKey } = await createVault(dir, { userName, displayName, passphrase, origin: 'cli' });
  vault.lock();
  io.out(`Kluis aangemaakt in ${dir} met beheerder ${userName}.`);
  io.out('Herstelsleutel (wordt maar één keer getoond; druk hem af en bewaar hem veilig, los van deze laptop):');
  io.out(recoveryKey);
  return exitCodes.ok;
};

const users: Command = async (args, io) => {
  const action = args.positionals[1];
  switch (action) {
    case 'list':
      return withVault(args, ({ vault }) => {
        const rows = listUsers(vault);
        if (args.options.has('json')) io.out(json(rows));
        else for (const u of rows) io.out(`${u.name}\t${u.role}\t${printable(u.displayName)}${u.removedAt ? '\t(verwijderd)' : ''}`);
        return exitCodes.ok;
      });
    case 'add': {
      const name = requireOption(args, 'name');
      const displayName = optionalOption(args, 'display-name') ?? name;
      const role = roleOption(args);
      return withVault(args, async ({ vault }) => {
        const passphrase = await readNewPassphrase('ORDELOG_NEW_PASSPHRASE', name);
        await addUser(vault, { name, displayName, role, passphrase }, { origin: 'cli' });
        io.out(`Gebruiker ${name} (${role}) toegevoegd.`);
        return exitCodes.ok;
      });
    }
    case 'remove':
      return removeCommand(args, io);
    case 'passwd':
      return passwd(args, io);
    default:
      throw new UsageError('Gebruik: users list|add|remove|passwd --vault MAP');
  }
};

/**
 * A removal ends with a new data key: the whole vault is encrypted again (vault.ts `rekeyVault`). Ctrl-C is heard
 * until the removal starts; once it has, it is finished, because the removed user's key must stop working.
 */
async function removeCommand(args: ParsedArgs, io: Output): Promise<number> {
  const name = requireOption(args, 'name');
  const job = cliJob(io, 'Nieuwe sleutel');
  return runAsJob(io, `Gestopt: gebruiker ${name} is niet verwijderd. Er is niets gewijzigd.`, () =>
    withVault(args, async ({ vault }) => {
      removeUser(vault, userByName(vault, name).id, { origin: 'cli', job });
      io.progress?.end();
      io.out(`Gebruiker ${name} verwijderd; de kluis heeft een nieuwe sleutel gekregen.`);
      if (await interruptedMeanwhile(job)) io.err('Ctrl-C kwam toen de nieuwe sleutel al werd aangebracht; dat is afgemaakt.');
      return exitCodes.ok;
    }),
  );
}

/** Own passphrase, a beheerder resetting someone's, or (with --recovery) a reset with the recovery key. */
async function passwd(args: ParsedArgs, io: Output): Promise<number> {
  if (args.options.has('recovery')) {
    const dir = requireOption(args, 'vault');
    const name = requireOption(args, 'name');
    const recoveryKey = await readPassphrase('ORDELOG_RECOVERY_KEY', 'Herstelsleutel: ');
    const vault = await unlockWithRecoveryKey(dir, recoveryKey, { origin: 'cli' });
    try {
      const target = userByName(vault, name);
      await changePassphrase(vault, target.id, await readNewPassphrase('ORDELOG_NEW_PASSPHRASE', name), { origin: 'cli' });
    } finally {
      vault.lock();
    }
    io.out(`Nieuwe wachtwoordzin voor ${name} ingesteld met de herstelsleutel.`);
    return exitCodes.ok;
  }
  return withVault(args, async ({ vault }) => {
    const name = optionalOption(args, 'name') ?? vault.user.name;
    const target = userByName(vault, name);
    await changePassphrase(vault, target.id, await readNewPassphrase('ORDELOG_NEW_PASSPHRASE', name), { origin: 'cli' });
    io.out(`Nieuwe wachtwoordzin voor ${name} ingesteld.`);
    return exitCodes.ok;
  });
}

const recoveryKey: Command = (args, io) =>
  withVault(args, async ({ vault }) => {
    const key = await resetRecoveryKey(vault, { origin: 'cli' });
    io.out('Nieuwe herstelsleutel (de vorige werkt niet meer; druk hem af en bewaar hem veilig):');
    io.out(key);
    return exitCodes.ok;
  });

// verify, backup and import run in the vault worker (main/worker/admin-jobs.ts), like the app's work: this thread
// asks for the passphrase, prints progress and hears Ctrl-C at once, whatever the worker is doing.

const verifyCommand: Command = async (args, io) => {
  const quick = args.options.has('snel');
  const { progress } = io;
  const report = await runAdminJob({
    job: 'verify',
    vault: await credentialsFor(args),
    args: { quick },
    progress: progress && ((_, done, total) => progress.update(`Logregels gecontroleerd: ${formatNumber(done, 'nl')} van ${formatNumber(total, 'nl')}`)),
  });
  progress?.end();
  if (args.options.has('json')) io.out(json(report));
  else if (report.ok) {
    io.out(`In orde: ${report.chains.casesChecked} dossiers, ${report.chains.entriesChecked} logregels gecontroleerd${quick ? ' (alleen de hashketens)' : ''}.`);
    io.out(headsChecked);
  }
  else {
    io.err('NIET IN ORDE: de kluis is beschadigd of er is met het logboek geknoeid.');
    if (report.integrity.join() !== 'ok') io.err(`Integriteitscontrole: ${report.integrity.slice(0, 5).join('; ')}`);
    if (report.foreignKeyViolations > 0) io.err(`Verwijzingsfouten: ${report.foreignKeyViolations}`);
    const broken = report.chains.firstBroken;
    if (broken) io.err(`Eerste gebroken schakel: dossier ${broken.caseId}, regel ${broken.seq} (${chainBreaks[broken.reason]})`);
    if (broken?.reason === 'head-signature-bad' || broken?.reason === 'head-unsigned') io.err(headBroken);
  }
  return report.ok ? exitCodes.ok : exitCodes.damaged;
};

const backup: Command = async (args, io) => {
  const out = requireOption(args, 'out');
  const job = cliJob(io, 'Back-up');
  return runAsJob(io, `Gestopt: er is geen back-up geschreven (${out} is niet aangemaakt of gewijzigd). De kluis is niet gewijzigd.`, async () => {
    const vault = await credentialsFor(args);
    const info = await runAdminJob({ job: 'backup', vault, args: { out }, progress: job.progress, signal: job.signal });
    io.progress?.end();
    io.out(args.options.has('json') ? json(info) : `Back-up geschreven en gecontroleerd: ${out} (${info.bytes} bytes, SHA-256 ${info.sha256})`);
    return exitCodes.ok;
  });
};

const cases: Command = (args, io) =>
  withVault(args, ({ session }) => {
    const rows = listCases(session).map((c) => ({ id: c.id, title: c.title, phase: c.phaseName, status: c.status, entries: c.entryCount }));
    if (args.options.has('json')) io.out(json(rows));
    else for (const c of rows) io.out(`${c.id}\t${c.status}\t${printable(c.phase)}\t${c.entries} regels\t${printable(c.title)}`);
    return exitCodes.ok;
  });

const statsCommand: Command = (args, io) =>
  withVault(args, ({ session }) => {
    const caseId = optionalOption(args, 'case');
    const result = stats(session, caseId === undefined ? {} : { caseId });
    io.out(json(result));
    return exitCodes.ok;
  });

const demo: Command = (args, io) =>
  withVault(args, ({ session }) => {
    const created = fillDemoCase(session);
    io.out(`Demodossier aangemaakt: ${created.id} ${printable(created.title)}`);
    return exitCodes.ok;
  });

/**
 * The import writes the whole case in one transaction. Ctrl-C is heard while the file is read and the vault
 * unlocked, and between two batches of entries as they are written (through memory shared with the worker, as
 * the transaction does not pause): either way the transaction is rolled back and nothing is imported. Only a
 * Ctrl-C after the transaction was committed finds the case complete, and says so.
 */
const importCommand: Command = async (args, io) => {
  const file = requireOption(args, 'json');
  const job = cliJob(io, 'Import');
  return runAsJob(io, 'Gestopt: er is niets geïmporteerd. De kluis is niet gewijzigd.', async () => {
    const vault = await credentialsFor(args);
    const { progress } = io;
    // The worker reads and parses the file and writes the case; a Ctrl-C before the commit leaves nothing.
    const created = await runAdminJob({
      job: 'import',
      vault,
      args: { file },
      signal: job.signal,
      progress: progress && ((_, done, total) => progress.update(`Logregels ingelezen: ${formatNumber(done, 'nl')} van ${formatNumber(total, 'nl')}`)),
    });
    progress?.end();
    io.out(`Dossier geïmporteerd: ${created.id} ${printable(created.title)}`);
    if (job.signal.aborted) io.err('Ctrl-C kwam toen het dossier al was weggeschreven; het is volledig geïmporteerd.');
    return exitCodes.ok;
  });
};

const exportCommand: Command = async (args, io) => {
  const caseId = requireOption(args, 'case');
  const file = requireOption(args, 'json');
  return withVault(args, ({ session }) => {
    const exported = exportCase(session, { caseId });
    writeFileSync(file, `${JSON.stringify(exported, null, 2)}\n`, { mode: 0o600 });
    io.out(`Dossier ${caseId} geëxporteerd naar ${file}. Let op: dit bestand is NIET versleuteld.`);
    return exitCodes.ok;
  });
};

export const commands: Record<string, Command> = {
  init,
  users,
  'recovery-key': recoveryKey,
  verify: verifyCommand,
  backup,
  restore: restoreCommand,
  'accept-rollback': acceptRollbackCommand,
  cases,
  stats: statsCommand,
  demo,
  import: importCommand,
  export: exportCommand,
  briefing: briefingCommand,
  'log-export': logExportCommand,
  'verify-export': verifyExportCommand,
  invite: inviteCommand,
  peers: peersCommand,
  'bundle-export': bundleExportCommand,
  'bundle-import': bundleImportCommand,
};
