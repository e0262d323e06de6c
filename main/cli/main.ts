import { errorMessages, isOrdelogError } from '../../shared/errors';
import { UsageError } from './args';
import { commands, type Output } from './commands';
import { exitCodeFor, exitCodes } from './exit-codes';
import { parseCommandArgs } from './options';

export const usage = `ordelog-admin — beheer van een Ordelog-kluis (administration of an Ordelog vault)

  init         --vault MAP --user NAAM [--display-name "Naam"]
  users        list|add|remove|passwd --vault MAP --user NAAM [--name ANDER] [--role beheerder|redacteur|lezer] [--recovery] [--json]
  recovery-key --vault MAP --user NAAM
  verify       --vault MAP --user NAAM [--snel] [--json] (exit 0 in orde, 3 beschadigd of geknoeid;
                                                         --snel: alleen de hashketens)
  backup       --vault MAP --user NAAM --out BESTAND
  restore      --vault MAP --user NAAM --from BESTAND [--force]   (exit 11 niet bevestigd)
  accept-rollback --vault MAP (--user NAAM | --recovery) [--force]  (een oudere database bewust aanvaarden;
               exit 11 niet bevestigd. Zonder dit weigert openen zo'n database: exit 12)
  cases        --vault MAP --user NAAM [--json]
  stats        --vault MAP --user NAAM --json [--case ID]
  demo         --vault MAP --user NAAM
  import       --vault MAP --user NAAM --json BESTAND
  export       --vault MAP --user NAAM --case ID --json BESTAND
  briefing     --vault MAP --user NAAM --case ID --out BESTAND.pdf [--audience burgemeester|driehoek|beleidsteam|raad]
               [--from ISO-TIJD] [--to ISO-TIJD] [--summary-file F] [--risks-file F] [--requested-file F]
               [--redacted] [--lang nl|en] [--browser PAD-NAAR-CHROMIUM]
  log-export   --vault MAP --user NAAM --case ID --out BESTAND [--format pdf|json] [--redacted] [--lang nl|en]
  verify-export --vault MAP --user NAAM --case ID --file BESTAND   (exit 0 klopt, 3 gewijzigd of onbekend)

Delen met partners per bestand (sharing a case with partners by file):
  invite       --vault MAP --user NAAM [--organisatie "Gemeente Lindedorp"] [--json | --uit BESTAND]
               (uw uitnodiging en de code om telefonisch voor te lezen; zonder --uit: NAAM.ordelog-uitnodiging)
  peers        list|add UITNODIGINGSBESTAND|accept CODE --vault MAP --user NAAM [--force] [--json]
               (add vraagt of de code klopt met wat de partner voorleest; --force voor scripts, exit 11 niet bevestigd)
  bundle-export --vault MAP --user NAAM --case ID (--partner CODE | --wachtwoord) --uit BESTAND
               (--wachtwoord: een eenmalig wachtwoord uit ORDELOG_BUNDLE_PASSPHRASE of de vraag, twee keer)
  bundle-import --vault MAP --user NAAM PAKKETBESTAND [--wachtwoord]
  Exit 13 geen of gewijzigd pakket of uitnodiging, 14 afzender nog niet geaccepteerd (peers accept CODE),
  15 pakket niet voor u of wachtwoord ontbreekt of klopt niet, 16 partner nog zonder uitnodiging,
  17 het dossier bestaat hier al ongedeeld of als ander gedeeld logboek.

Eerst het commando, dan zijn opties; een optie die het commando niet kent, is een fout.
De wachtwoordzin komt uit ORDELOG_PASSPHRASE of wordt gevraagd; nooit als argument. --user mag ook uit
ORDELOG_USER komen. Nieuwe wachtwoordzinnen: ORDELOG_NEW_PASSPHRASE; herstelsleutel: ORDELOG_RECOVERY_KEY;
eenmalig wachtwoord van een pakket: ORDELOG_BUNDLE_PASSPHRASE.
PDF's maakt een lokale Chromium, Chrome of Edge: --browser of ORDELOG_BROWSER, anders de gebruikelijke plek.`;

/** Runs one command and returns its exit code; never throws. Errors print their Dutch message, no stack. */
export async function runCli(argv: readonly string[], io: Output): Promise<number> {
  try {
    const name = argv[0];
    const help = argv.includes('--help') || name === 'help';
    if (name === undefined || help) {
      io.out(usage);
      return help ? exitCodes.ok : exitCodes.usage;
    }
    if (name.startsWith('-')) throw new UsageError('Begin met het commando, dan de opties (ordelog-admin verify --vault MAP).');
    const command = commands[name];
    if (!command) throw new UsageError(`Onbekend commando: ${name}.`);
    // The command's name is the first positional, as the commands expect.
    return await command(parseCommandArgs(name, argv), io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`${error.message}\n\n${usage}`);
      return exitCodes.usage;
    }
    if (isOrdelogError(error) && error.code === 'CANCELLED') {
      io.err('Gestopt. Er is niets gewijzigd.');
      return exitCodeFor(error.code);
    }
    if (isOrdelogError(error)) {
      if (error.fields.length === 0) io.err(`Fout (${error.code}): ${error.message}`);
      // Here the path names the field best: `entries.0.text: maximaal 50.000 tekens`.
      else io.err([`Fout (${error.code}): ${errorMessages[error.code].nl}`, ...error.fields.map((field) => `  ${field.atPath}`)].join('\n'));
      return exitCodeFor(error.code);
    }
    // Unknown errors may carry case data in their message: print only their kind.
    io.err(`Onverwachte fout (${(error as Error)?.name ?? 'onbekend'}). Wat al bevestigd was, is bewaard; niets is half opgeslagen.`);
    return exitCodes.unexpected;
  }
}
