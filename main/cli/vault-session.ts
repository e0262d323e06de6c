import { unlockVault, type UnlockedVault } from '../../db/vault';
import { sessionFor, type Session } from '../services/session';
import { requireOption, type ParsedArgs } from './args';
import { readPassphrase } from './prompt';

export interface OpenedForCli {
  vault: UnlockedVault;
  session: Session;
}

/** The acting user: `--user NAME` or ORDELOG_USER; the passphrase from ORDELOG_PASSPHRASE or the terminal. */
export function actingUserName(args: ParsedArgs): string {
  const fromOption = args.options.get('user');
  if (typeof fromOption === 'string' && fromOption.length > 0) return fromOption;
  const fromEnv = process.env.ORDELOG_USER;
  if (fromEnv !== undefined && fromEnv.length > 0) return fromEnv;
  return requireOption(args, 'user');
}

/** The vault folder, the acting user and their passphrase (asked for here, on the terminal's thread). */
export async function credentialsFor(args: ParsedArgs): Promise<{ dir: string; userName: string; passphrase: string }> {
  const dir = requireOption(args, 'vault');
  const userName = actingUserName(args);
  const passphrase = await readPassphrase('ORDELOG_PASSPHRASE', `Wachtwoordzin van ${userName}: `);
  return { dir, userName, passphrase };
}

export async function openForCli(args: ParsedArgs): Promise<OpenedForCli> {
  const { dir, userName, passphrase } = await credentialsFor(args);
  const vault = await unlockVault(dir, userName, passphrase, { origin: 'cli' });
  return { vault, session: sessionFor(vault, 'cli') };
}

/** Runs work on an unlocked vault and always locks it again (closes the database, zeroes the key). */
export async function withVault<T>(args: ParsedArgs, work: (opened: OpenedForCli) => Promise<T> | T): Promise<T> {
  const opened = await openForCli(args);
  try {
    return await work(opened);
  } finally {
    opened.vault.lock();
  }
}
