import { chmodSync, closeSync, lstatSync, mkdirSync, openSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Only the owner may read a vault: the database is encrypted, but the key slots, the sizes, the times and a
 * plaintext backup extract in the middle of a restore are still nobody else's business. Files are made with
 * mode 0600 from the start (a chmod afterwards leaves a window in which another account can open them) and the
 * folder gets 0700. SQLite creates the database with 0644, but gives the -wal, -shm and -journal files it makes
 * later the mode of the database file, so the database file is created here, empty and 0600, before SQLite
 * opens it. Windows has no such modes; there the folder's ACL, inherited from the user profile, decides.
 */

export const privateFileMode = 0o600;
export const privateFolderMode = 0o700;

const applies = process.platform !== 'win32';

/** Creates the folder (and missing parents) for the owner only, and tightens it if it already existed. */
export function makePrivateFolder(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: privateFolderMode });
  if (applies) chmodSync(dir, privateFolderMode);
}

/** Creates an empty file with mode 0600 unless it exists; SQLite then opens it instead of creating it 0644. */
export function createPrivateFile(file: string): void {
  try {
    closeSync(openSync(file, 'wx', privateFileMode));
  } catch (error) {
    if ((error as { code?: string }).code !== 'EEXIST') throw error;
  }
}

/** The names Ordelog gives the files in a vault folder; anything else there is the user's and left alone. */
const vaultFileName = /^(?:\.?ordelog\.|\.?keyslots\.json|replaced-)/;

/**
 * Tightens a vault folder made by an older version (files 0644, folder 0755) when it is opened. Only files
 * with Ordelog's names are touched. A file system without Unix modes (a FAT stick, some network shares) may
 * refuse the change; the vault still opens, as it did before.
 */
export function restrictVaultFolder(dir: string): void {
  if (!applies) return;
  const tighten = (path: string) => {
    try {
      const stat = lstatSync(path);
      const mode = stat.isDirectory() ? privateFolderMode : stat.isFile() ? privateFileMode : null;
      if (mode !== null && (stat.mode & 0o777) !== mode) chmodSync(path, mode);
    } catch (error) {
      if (!['ENOENT', 'EPERM', 'ENOTSUP', 'EROFS'].includes((error as { code?: string }).code ?? '')) throw error;
    }
  };
  tighten(dir);
  for (const name of readdirSync(dir)) if (vaultFileName.test(name)) tighten(join(dir, name));
}
