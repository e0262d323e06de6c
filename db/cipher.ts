import type Database from 'better-sqlite3';
import { OrdelogError } from '../shared/errors';

/**
 * Applies the cipher settings and the raw 256-bit key. Must run first on every connection, outside a
 * transaction: the SQLCipher v4 scheme, so standard SQLCipher tooling opens the file given the same raw key.
 * Also keeps temporary tables, indices and sorts in memory: SQLite3MultipleCiphers does not encrypt temporary
 * files, and this build (SQLITE_TEMP_STORE=1) would otherwise spill large sorts and IN-lists of case text to
 * plaintext files in the temp folder.
 */
export function applyKey(sqlite: Database.Database, key: Buffer): void {
  if (key.length !== 32) throw new OrdelogError('INTERNAL', { detail: 'Sleutel heeft een onjuiste lengte.' });
  sqlite.pragma('temp_store=MEMORY');
  sqlite.pragma(`cipher='sqlcipher'`);
  sqlite.pragma('legacy=4');
  const hex = key.toString('hex');
  sqlite.pragma(`key="x'${hex}'"`);
}
