import { parseArgs as parseNodeArgs } from 'node:util';
import { UsageError, type ParsedArgs } from './args';

interface CommandOptions {
  /** Options without a value. */
  flags?: readonly string[];
  /** Options that need one. */
  valued?: readonly string[];
}

/**
 * What each command accepts beside `--vault`, `--user` and `--help`. A command told an option it does not know
 * (`init --case X`) refuses it as a usage error instead of ignoring it; `--json` is a flag for the commands that
 * print JSON and names a file for `import` and `export`.
 */
export const commandOptions: Readonly<Record<string, CommandOptions>> = {
  init: { valued: ['display-name'] },
  users: { valued: ['name', 'role'], flags: ['recovery', 'json'] },
  'recovery-key': {},
  verify: { flags: ['snel', 'json'] },
  backup: { valued: ['out'] },
  restore: { valued: ['from'], flags: ['force'] },
  'accept-rollback': { flags: ['recovery', 'force'] },
  cases: { flags: ['json'] },
  stats: { valued: ['case'], flags: ['json'] },
  demo: {},
  import: { valued: ['json'] },
  export: { valued: ['case', 'json'] },
  briefing: {
    valued: ['case', 'out', 'audience', 'from', 'to', 'summary-file', 'risks-file', 'requested-file', 'lang', 'browser'],
    flags: ['redacted'],
  },
  'log-export': { valued: ['case', 'out', 'format', 'lang'], flags: ['redacted'] },
  'verify-export': { valued: ['case', 'file'] },
  invite: { valued: ['organisatie', 'uit'], flags: ['json'] },
  peers: { flags: ['json', 'force'] },
  'bundle-export': { valued: ['case', 'partner', 'uit'], flags: ['wachtwoord'] },
  'bundle-import': { flags: ['wachtwoord'] },
};

const common: CommandOptions = { valued: ['vault', 'user'], flags: ['help'] };

/** The option an error of node's parser names, as the user typed it (`--case`). */
const namedOption = (message: string): string => /'(--?[^' ]+)/.exec(message)?.[1] ?? '';

/**
 * Parses a command's arguments (the command's name first) with node's own parser against that command's
 * options. A passphrase is never accepted as an argument: it would stand in the process list and the shell's
 * history. Errors are usage errors in Dutch, naming the option.
 */
export function parseCommandArgs(command: string, argv: readonly string[]): ParsedArgs {
  const refused = argv.find((arg) => /^--(passphrase|password)(=|$)/.test(arg));
  if (refused !== undefined) {
    throw new UsageError(
      'Een wachtwoordzin wordt nooit als argument meegegeven (hij zou in de proceslijst en de shellgeschiedenis staan). Gebruik ORDELOG_PASSPHRASE of de vraag op het scherm.',
    );
  }
  const accepted = commandOptions[command];
  if (!accepted) throw new UsageError(`Onbekend commando: ${command}.`);
  const options = Object.fromEntries([
    ...[...(common.flags ?? []), ...(accepted.flags ?? [])].map((name) => [name, { type: 'boolean' as const }]),
    ...[...(common.valued ?? []), ...(accepted.valued ?? [])].map((name) => [name, { type: 'string' as const }]),
  ]);
  let parsed: ReturnType<typeof parseNodeArgs>;
  try {
    parsed = parseNodeArgs({ args: [...argv], options, strict: true, allowPositionals: true });
  } catch (error) {
    const { code, message } = error as { code?: string; message: string };
    const option = namedOption(message);
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') throw new UsageError(`Onbekende optie ${option} bij ${command}.`);
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      const name = option.replace(/^-+/, '');
      throw new UsageError(
        accepted.flags?.includes(name) || common.flags?.includes(name)
          ? `Optie ${option} heeft geen waarde.`
          : `Optie ${option} verwacht een waarde.`,
      );
    }
    throw new UsageError(message);
  }
  const values = new Map<string, string | true>();
  for (const [name, value] of Object.entries(parsed.values)) {
    if (value === true || typeof value === 'string') values.set(name, value);
  }
  return { positionals: parsed.positionals, options: values };
}
