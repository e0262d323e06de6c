import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { OrdelogError } from '../shared/errors';
import { applyKey } from './cipher';
import { createPrivateFile } from './file-modes';
import * as schema from './schema';
import { seedCatalogues } from './seed';

export type OrdelogDb = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

export interface OpenedDatabase {
  /** The raw connection, for pragmas, FTS and checks drizzle does not model. */
  sqlite: Database.Database;
  db: OrdelogDb;
  close(): void;
}

export interface OpenOptions {
  /** Where drizzle-kit's output lives; defaults to `migrations/` beside this module (or beside the bundle). */
  migrationsFolder?: string;
  /** Open read-only: no migrations, no journal-mode change. Used by verification of copies and backups. */
  readonly?: boolean;
  /** Create the file if it does not exist (only the vault's create path sets this). */
  create?: boolean;
  /**
   * Seed the default catalogues after migrating (default true). Only the migration tests, which stop at older
   * schema versions that the seed code does not know, turn it off.
   */
  seed?: boolean;
}

export { applyKey };

export const defaultMigrationsFolder = (): string => fileURLToPath(new URL('./migrations/', import.meta.url));

/** Number of migrations this build knows; stored as `PRAGMA user_version` after migrating. */
export function knownSchemaVersion(migrationsFolder = defaultMigrationsFolder()): number {
  const journal = JSON.parse(readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as {
    entries: unknown[];
  };
  return journal.entries.length;
}


function isNotADatabase(error: unknown): boolean {
  const code = (error as { code?: string }).code;
  return code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT' || code === 'SQLITE_IOERR_SHORT_READ';
}

/**
 * Opens an encrypted database file with its data key: key → test query → pragmas → version check →
 * migrations. A wrong key or a damaged file throws VAULT_DAMAGED before anything is written; a file from a
 * newer Ordelog throws VAULT_NEWER_VERSION, also before anything is written.
 */
export function openDatabase(file: string, key: Buffer, options: OpenOptions = {}): OpenedDatabase {
  const migrationsFolder = options.migrationsFolder ?? defaultMigrationsFolder();
  if (options.create) createPrivateFile(file);
  else refuseEmptyFile(file);
  let sqlite: Database.Database;
  try {
    sqlite = new Database(file, { fileMustExist: !options.create, readonly: options.readonly ?? false });
  } catch (error) {
    throw new OrdelogError('VAULT_NOT_FOUND', { cause: error });
  }
  try {
    applyKey(sqlite, key);
    // The first read decrypts page 1: a wrong key or a damaged header fails here, before any write.
    sqlite.prepare('SELECT count(*) FROM sqlite_master').get();
    sqlite.pragma('mmap_size=0');
    sqlite.pragma('foreign_keys=ON');
    sqlite.pragma('secure_delete=ON');
    sqlite.pragma('busy_timeout=5000');
    sqlite.pragma('trusted_schema=OFF');
    const known = knownSchemaVersion(migrationsFolder);
    const found = sqlite.pragma('user_version', { simple: true }) as number;
    if (found > known) throw new OrdelogError('VAULT_NEWER_VERSION', { detail: `(schema ${found}, deze versie kent ${known})` });
    if (!options.readonly) {
      if (sqlite.pragma('journal_mode', { simple: true }) !== 'wal') sqlite.pragma('journal_mode=WAL');
      sqlite.pragma('synchronous=FULL');
    }
    const db = drizzle(sqlite, { schema });
    const opened: OpenedDatabase = { sqlite, db, close: () => closeQuietly(sqlite) };
    if (!options.readonly && found < known) {
      migrateWithoutForeignKeys(sqlite, () => migrate(db, { migrationsFolder }));
      // New default catalogue items (phases, roles, legal bases, interventions) ship with a migration, so
      // seeding runs exactly when the schema was created or upgraded; it only adds what is missing.
      if (options.seed !== false) seedCatalogues(opened);
      sqlite.pragma(`user_version=${known}`);
    }
    return opened;
  } catch (error) {
    closeQuietly(sqlite);
    if (error instanceof OrdelogError) throw error;
    if (isNotADatabase(error)) throw new OrdelogError('VAULT_DAMAGED', { cause: error });
    throw error;
  }
}

/**
 * Runs the migrations the way SQLite's documentation rebuilds a table (https://sqlite.org/lang_altertable.html):
 * with foreign key enforcement off, since dropping a table others point at would otherwise fail. The pragma is a
 * no-op inside a transaction, so it is set here, around drizzle's single migration transaction; `verify` reports
 * any reference left dangling. A migration that frees much of the file (a table rebuilt in a new layout) is
 * followed by VACUUM, so the vault shrinks on disk instead of keeping the pages (in memory: temp_store=MEMORY).
 */
function migrateWithoutForeignKeys(sqlite: Database.Database, run: () => void): void {
  sqlite.pragma('foreign_keys=OFF');
  try {
    run();
  } finally {
    sqlite.pragma('foreign_keys=ON');
  }
  const free = sqlite.pragma('freelist_count', { simple: true }) as number;
  const pages = sqlite.pragma('page_count', { simple: true }) as number;
  if (free > 1_000 && free * 4 > pages) sqlite.exec('VACUUM');
}

/** SQLite treats a 0-byte file as a new, empty database; an existing vault file is never empty. */
function refuseEmptyFile(file: string): void {
  let size: number;
  try {
    size = statSync(file).size;
  } catch (error) {
    throw new OrdelogError('VAULT_NOT_FOUND', { cause: error });
  }
  if (size === 0) throw new OrdelogError('VAULT_DAMAGED', { detail: '(het bestand is leeg)' });
}

function closeQuietly(sqlite: Database.Database): void {
  try {
    if (sqlite.open) sqlite.close();
  } catch {
    // Closing a connection whose file vanished or is damaged must not mask the original error.
  }
}

/** Maps a driver error met during normal work on an open vault to a typed error. */
export function mapDatabaseError(error: unknown): unknown {
  if (error instanceof OrdelogError) return error;
  if (isNotADatabase(error)) return new OrdelogError('VAULT_DAMAGED', { cause: error });
  const message = (error as { message?: string }).message ?? '';
  if (message.includes('append-only')) return new OrdelogError('APPEND_ONLY', { cause: error });
  return error;
}
