import type Database from 'better-sqlite3';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { copyCores, openCaseBase, openReplicaStore, type CaseBase, type CoreExtent, type ReplicaStore } from './engine';
import { caseRules } from './events';
import { entrySignatureValid } from '../signatures';

/**
 * The engine's stores and bases of one open vault, opened on first use and closed when the vault locks. Each
 * shared log has a store of its own in the `replica` folder beside the database, named by a hash of its engine
 * name: a first reading of a case that a crash cut short leaves a folder no shared log names, which is removed at
 * the next opening instead of being built on (the engine's own views of a base share keys across stores' names,
 * so only a separate store starts truly afresh). Temporary stores (a bundle being made or read) live in
 * `replica-tmp`, emptied at the first opening after an unlock.
 */

interface OpenLog {
  store: ReplicaStore;
  base: Promise<CaseBase> | null;
}

interface Open {
  logs: Map<string, Promise<OpenLog>>;
}

const opened = new WeakMap<object, Promise<Open>>();
/** Stores still closing from an earlier lock: their folder locks must be free before they open again. */
const closing = new Map<string, Promise<void>>();

const folderOf = (sqlite: Database.Database) => dirname(sqlite.name);
const replicaFolder = (sqlite: Database.Database) => join(folderOf(sqlite), 'replica');
const tempRoot = (sqlite: Database.Database) => join(folderOf(sqlite), 'replica-tmp');
const storeFolderName = (engineName: string) => createHash('sha256').update(engineName).digest('hex').slice(0, 32);

async function openFor(sqlite: Database.Database): Promise<Open> {
  const folder = replicaFolder(sqlite);
  await closing.get(folder);
  rmSync(tempRoot(sqlite), { recursive: true, force: true });
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  const named = new Set(
    (sqlite.prepare('SELECT engine_name FROM case_replicas').pluck().all() as string[]).map(storeFolderName),
  );
  for (const entry of readdirSync(folder)) if (!named.has(entry)) rmSync(join(folder, entry), { recursive: true, force: true });
  return { logs: new Map() };
}

function replicaOf(database: { sqlite: Database.Database }): Promise<Open> {
  let open = opened.get(database);
  if (!open) {
    open = openFor(database.sqlite);
    opened.set(database, open);
    open.catch(() => opened.delete(database));
  }
  return open;
}

async function logOf(database: { sqlite: Database.Database }, engineName: string): Promise<OpenLog> {
  const open = await replicaOf(database);
  let log = open.logs.get(engineName);
  if (!log) {
    const folder = join(replicaFolder(database.sqlite), storeFolderName(engineName));
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    log = openReplicaStore(folder).then((store) => ({ store, base: null }));
    open.logs.set(engineName, log);
    log.catch(() => open.logs.delete(engineName));
  }
  return log;
}

/**
 * The base of a shared log of a case (all of it, or its signals) under its engine name; `bootstrap` null creates a
 * new base (sharing the case).
 */
export async function caseBaseOf(
  database: { sqlite: Database.Database },
  engineName: string,
  bootstrap: string | null,
  blockKey: Buffer,
): Promise<CaseBase> {
  const log = await logOf(database, engineName);
  if (!log.base) {
    const base = openCaseBase(log.store, engineName, bootstrap, blockKey, caseRules(entrySignatureValid));
    log.base = base;
    base.catch(() => (log.base = null));
  }
  return log.base;
}

/** Copies the given cores of a shared log's store into a new store in `directory` (engine.ts `copyCores`). */
export async function copyCoresTo(
  database: { sqlite: Database.Database },
  engineName: string,
  extents: readonly CoreExtent[],
  directory: string,
): Promise<void> {
  await copyCores((await logOf(database, engineName)).store, extents, directory);
}

/** A shared log's engine store, opened if it was not (for tests that look into it). */
export async function replicaStoreOf(database: { sqlite: Database.Database }, engineName: string): Promise<ReplicaStore> {
  return (await logOf(database, engineName)).store;
}

/** Closes a shared log's base and store and removes its folder: a first reading that failed leaves nothing. */
export async function discardLog(database: { sqlite: Database.Database }, engineName: string): Promise<void> {
  const open = await replicaOf(database);
  const log = open.logs.get(engineName);
  open.logs.delete(engineName);
  if (log) await closeLog(log);
  const folder = join(replicaFolder(database.sqlite), storeFolderName(engineName));
  if (existsSync(folder)) rmSync(folder, { recursive: true, force: true });
}

async function closeLog(log: Promise<OpenLog>): Promise<void> {
  const opened = await log.catch(() => null);
  if (!opened) return;
  await (await opened.base?.catch(() => null))?.close();
  await opened.store.close();
}

/** A fresh private folder for a temporary store (after the vault's stores opened: opening empties them); the caller removes it. */
export async function tempFolder(database: { sqlite: Database.Database }): Promise<string> {
  await replicaOf(database);
  const folder = join(tempRoot(database.sqlite), randomBytes(8).toString('hex'));
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  return folder;
}

export function removeFolder(folder: string): void {
  rmSync(folder, { recursive: true, force: true });
}

/** Closes the vault's bases and stores (at lock); the next use opens them again. */
export function closeReplicaOf(database: { sqlite: Database.Database }): Promise<void> {
  const open = opened.get(database);
  if (!open) return Promise.resolve();
  opened.delete(database);
  const folder = replicaFolder(database.sqlite);
  const done = (async () => {
    const { logs } = await open;
    for (const log of logs.values()) await closeLog(log);
  })()
    .catch(() => undefined)
    .finally(() => closing.delete(folder));
  closing.set(folder, done);
  return done;
}
