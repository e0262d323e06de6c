/** A small, strict argument parser: `--name value` and `--flag`; unknown options are usage errors. */
export interface ParsedArgs {
  positionals: string[];
  options: Map<string, string | true>;
}

export class UsageError extends Error {
  override name = 'UsageError';
}

/**
 * `flags` take no value; `valued` need one; `optionallyValued` take the next argument as value unless it is
 * missing or another option (`--json` is a flag for `cases` and names a file for `import`/`export`).
 */
export function parseArgs(
  argv: readonly string[],
  flags: ReadonlySet<string>,
  valued: ReadonlySet<string>,
  optionallyValued: ReadonlySet<string> = new Set(),
): ParsedArgs {
  const positionals: string[] = [];
  const options = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] as string;
    if (!arg.startsWith('--')) {
      positionals.push(arg);
      continue;
    }
    const [name, inline] = splitOnce(arg.slice(2));
    if (name === 'passphrase' || name === 'password') {
      throw new UsageError(
        'Een wachtwoordzin wordt nooit als argument meegegeven (hij zou in de proceslijst en de shellgeschiedenis staan). Gebruik ORDELOG_PASSPHRASE of de vraag op het scherm.',
      );
    }
    if (flags.has(name)) {
      options.set(name, true);
    } else if (optionallyValued.has(name)) {
      const next = argv[i + 1];
      if (inline !== undefined) options.set(name, inline);
      else if (next !== undefined && !next.startsWith('--')) options.set(name, argv[++i] as string);
      else options.set(name, true);
    } else if (valued.has(name)) {
      const value = inline ?? argv[++i];
      if (value === undefined || value.startsWith('--')) throw new UsageError(`Optie --${name} verwacht een waarde.`);
      options.set(name, value);
    } else {
      throw new UsageError(`Onbekende optie --${name}.`);
    }
  }
  return { positionals, options };
}

function splitOnce(text: string): [string, string | undefined] {
  const at = text.indexOf('=');
  return at < 0 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)];
}

export function requireOption(args: ParsedArgs, name: string): string {
  const value = args.options.get(name);
  if (typeof value !== 'string' || value.length === 0) throw new UsageError(`Optie --${name} is verplicht.`);
  return value;
}

export function optionalOption(args: ParsedArgs, name: string): string | undefined {
  const value = args.options.get(name);
  return typeof value === 'string' ? value : undefined;
}
