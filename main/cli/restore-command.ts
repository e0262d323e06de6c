import { restoreVault } from '../../db/backup';
import type { RestoreComparison } from '../../db/restore-check';
import type { JobContext } from '../services/jobs';
import { requireOption } from './args';
import type { Command, Output } from './commands';
import { cliJob, runAsJob } from './cli-job';
import { exitCodes } from './exit-codes';
import { confirmOnTerminal, readPassphrase } from './prompt';
import { actingUserName } from './vault-session';

/**
 * `ordelog-admin restore`: a backup replaces the vault in a folder. When the live vault holds cases or entries
 * the backup lacks, or cannot be opened with the passphrase given, the command says so and asks; `--force`
 * answers for a script. The replaced vault is always kept beside the restored one.
 */

const unopenable = {
  passphrase:
    'De kluis die nu in deze map staat, gaat met deze wachtwoordzin niet open (is de wachtwoordzin na de back-up gewijzigd?). Ordelog kan dus niet nagaan wat er verloren zou gaan.',
  damaged: 'De kluis die nu in deze map staat, is beschadigd of midden in een onderbroken handeling en kon niet worden gelezen. Ordelog kan dus niet nagaan wat er verloren zou gaan.',
  'newer-version': 'De kluis die nu in deze map staat, is gemaakt met een nieuwere versie van Ordelog. Ordelog kan dus niet nagaan wat er verloren zou gaan.',
} as const;

const count = (n: number, one: string, more: string) => `${n} ${n === 1 ? one : more}`;

/**
 * What would be lost, to the terminal of the person who holds the passphrase. Case titles are case data: they
 * go to this terminal only, never to a log. JSON quoting keeps control characters in a title from acting on it.
 */
function describeLoss(comparison: RestoreComparison, io: Output): void {
  const { live } = comparison;
  if (live.state === 'unopenable') {
    io.err(`LET OP: ${unopenable[live.reason]} Zij wordt ongewijzigd bewaard in een map naast de teruggezette kluis.`);
    return;
  }
  if (live.state !== 'compared') return;
  const entries = live.losses.reduce((sum, loss) => sum + loss.entriesLost, 0);
  const whole = live.losses.filter((loss) => !loss.inBackup).length;
  io.err(`LET OP: de kluis die nu in deze map staat, is nieuwer dan de back-up van ${comparison.backupCreatedAt}.`);
  io.err(
    `Na het terugzetten ontbreken ${count(entries, 'logregel', 'logregels')} uit ${count(live.losses.length, 'dossier', 'dossiers')}` +
      `${whole > 0 ? `; ${count(whole, 'dossier ontbreekt', 'dossiers ontbreken')} helemaal` : ''}:`,
  );
  for (const loss of live.losses) {
    const what = loss.inBackup
      ? `${loss.entriesLost} van de ${loss.liveEntries} logregels (de back-up heeft er ${loss.backupEntries})`
      : `het hele dossier, ${count(loss.liveEntries, 'logregel', 'logregels')}`;
    io.err(`  dossier ${loss.caseId} ${JSON.stringify(loss.title)}: ${what}`);
  }
  io.err('De huidige kluis wordt als back-up bewaard in dezelfde map.');
}

export const restoreCommand: Command = async (args, io) => {
  const dir = requireOption(args, 'vault');
  const from = requireOption(args, 'from');
  const force = args.options.has('force');
  const userName = actingUserName(args);
  const passphrase = await readPassphrase('ORDELOG_PASSPHRASE', `Wachtwoordzin van ${userName} (zoals in de back-up): `);
  const job = cliJob(io, 'Terugzetten');
  return runAsJob(io, `Gestopt: er is niets teruggezet. De kluis in ${dir} is ongewijzigd.`, () => restoreAsJob(dir, from, userName, passphrase, force, job, io));
};

async function restoreAsJob(dir: string, from: string, userName: string, passphrase: string, force: boolean, job: JobContext, io: Output): Promise<number> {
  let noTerminal = false;
  const result = await restoreVault(dir, from, userName, passphrase, {
    origin: 'cli',
    job,
    confirm: async (comparison) => {
      io.progress?.end();
      describeLoss(comparison, io);
      if (force) {
        io.err('--force: de huidige kluis wordt zonder verdere vraag vervangen.');
        return true;
      }
      if (!process.stdin.isTTY) {
        noTerminal = true;
        return false;
      }
      return confirmOnTerminal('Huidige kluis vervangen door de back-up? Typ "ja" om door te gaan: ');
    },
  });
  io.progress?.end();
  if (!result.restored) {
    io.err(
      noTerminal
        ? 'Niet teruggezet: dit moet worden bevestigd. Start het commando in een terminal, of geef --force mee als een script dit bewust doet. Er is niets gewijzigd.'
        : 'Niet teruggezet. Er is niets gewijzigd.',
    );
    return exitCodes.notConfirmed;
  }
  io.out(`Back-up van ${result.info.createdAt} gecontroleerd en teruggezet in ${dir}.`);
  if (result.replaced?.kind === 'backup') {
    io.out(`De vervangen kluis is bewaard als back-up: ${result.replaced.path} (terug te zetten met restore --from).`);
  } else if (result.replaced?.kind === 'folder') {
    io.out(`De vervangen kluis is ongewijzigd bewaard in de map ${result.replaced.path} (te openen met --vault ${result.replaced.path}).`);
  }
  return exitCodes.ok;
}
