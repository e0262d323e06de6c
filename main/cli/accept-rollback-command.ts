import { describeFinding, type RollbackFinding } from '../../db/rollback-memory';
import { acceptRollback, type RollbackAcceptor } from '../../db/vault';
import { requireOption, type ParsedArgs } from './args';
import type { Command, Output } from './commands';
import { exitCodes } from './exit-codes';
import { confirmOnTerminal, readPassphrase } from './prompt';
import { actingUserName } from './vault-session';

/**
 * `ordelog-admin accept-rollback`: a beheerder (or the holder of the recovery key) knowingly keeps a database
 * that is older than what the vault last saw of it, for instance a copy put back by hand after a disk failure.
 * The command says what is older, asks (`--force` answers for a script), and then has the vault remember the
 * database as it is; the acceptance is in the audit log.
 */

async function acceptorFrom(args: ParsedArgs): Promise<RollbackAcceptor> {
  if (args.options.has('recovery')) return { recoveryKey: await readPassphrase('ORDELOG_RECOVERY_KEY', 'Herstelsleutel: ') };
  const userName = actingUserName(args);
  return { userName, passphrase: await readPassphrase('ORDELOG_PASSPHRASE', `Wachtwoordzin van ${userName}: `) };
}

function describe(findings: readonly RollbackFinding[], io: Output): void {
  io.err('LET OP: de database van deze kluis is ouder dan wat de kluis er het laatst van zag:');
  for (const finding of findings) io.err(`  ${describeFinding(finding)}`);
  io.err('Wat na die oudere stand is vastgelegd, staat niet in deze database. Aanvaarden betekent: de kluis gaat verder met deze database en vergeet de nieuwere stand.');
}

export const acceptRollbackCommand: Command = async (args, io) => {
  const dir = requireOption(args, 'vault');
  const force = args.options.has('force');
  const acceptor = await acceptorFrom(args);
  let noTerminal = false;
  const result = await acceptRollback(dir, acceptor, {
    origin: 'cli',
    confirm: async (findings) => {
      describe(findings, io);
      if (force) {
        io.err('--force: de oudere database wordt zonder verdere vraag aanvaard.');
        return true;
      }
      if (!process.stdin.isTTY) {
        noTerminal = true;
        return false;
      }
      return confirmOnTerminal('Deze oudere database aanvaarden? Typ "ja" om door te gaan: ');
    },
  });
  if (result.findings.length === 0) {
    io.out(`De database in ${dir} is niet ouder dan wat de kluis ervan zag; er was niets te aanvaarden.`);
    return exitCodes.ok;
  }
  if (!result.accepted) {
    io.err(
      noTerminal
        ? 'Niet aanvaard: dit moet worden bevestigd. Start het commando in een terminal, of geef --force mee als een script dit bewust doet. Er is niets gewijzigd.'
        : 'Niet aanvaard. Er is niets gewijzigd.',
    );
    return exitCodes.notConfirmed;
  }
  io.out(`Aanvaard: de kluis in ${dir} gaat verder met deze database. Dit staat in het auditlog (vault.rollback.accept).`);
  return exitCodes.ok;
};
