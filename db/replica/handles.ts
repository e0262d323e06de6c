import type Database from 'better-sqlite3';
import { mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { openCaseBase, openReplicaStore, type CaseBase, type ReplicaStore } from './engine';
import { caseRules } from './events';
import { entrySignatureValid } from '../signatures';

/**
 * The engine's store and bases of one open vault, opened on first use and closed when the vault locks. The
 * store lives in the `replica` folder beside the database; temporary stores (a bundle being made or read) in
 * `replica-tmp`, emptied when the store opens, so a crash leaves nothing behind for long.
 */

interface Open {
  store: ReplicaStore;
  bases: Map<string, Promise<CaseBase>>;
}

const opened = new WeakMap<object, Promise<Open>>();
/** A store still closing from an earlier lock: its folder lock must be free before it opens again. */
const closing = new Map<string, Promise<void>>();

const folderOf = (sqlite: Database.Database) => dirname(sqlite.name);
export const replicaFolder = (sqlite: Database.Database) => join(folderOf(sqlite), 'replica');
const tempRoot = (sqlite: Database.Database) => join(folderOf(sqlite), 'replica-tmp');

async function openFor(sqlite: Database.Database): Promise<Open> {
  const folder = replicaFolder(sqlite);
  await closing.get(folder);
  rmSync(tempRoot(sqlite), { recursive: true, force: true });
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  return { store: await openReplicaStore(folder), bases: new Map() };
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

/**
 * The base of a shared log of a case (all of it, or its signals) under its name in this vault's store; `bootstrap`
 * null creates a new base (sharing the case).
 */
export async function caseBaseOf(
  database: { sqlite: Database.Database },
  name: string,
  bootstrap: string | null,
  blockKey: Buffer,
): Promise<CaseBase> {
  const open = await replicaOf(database);
  let base = open.bases.get(name);
  if (!base) {
    base = openCaseBase(open.store, name, bootstrap, blockKey, caseRules(entrySignatureValid));
    open.bases.set(name, base);
    base.catch(() => open.bases.delete(name));
  }
  return base;
}

export async function replicaStoreOf(database: { sqlite: Database.Database }): Promise<ReplicaStore> {
  return (await replicaOf(database)).store;
}

/** A fresh private folder for a temporary store (after the store opened: opening empties them); the caller removes it. */
export async function tempFolder(database: { sqlite: Database.Database }): Promise<string> {
  await replicaOf(database);
  const folder = join(tempRoot(database.sqlite), randomBytes(8).toString('hex'));
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  return folder;
}

export function removeFolder(folder: string): void {
  rmSync(folder, { recursive: true, force: true });
}

/** Closes the vault's bases and store (at lock); the next use opens them again. */
export function closeReplicaOf(database: { sqlite: Database.Database }): Promise<void> {
  const open = opened.get(database);
  if (!open) return Promise.resolve();
  opened.delete(database);
  const folder = replicaFolder(database.sqlite);
  const done = (async () => {
    const { store, bases } = await open;
    for (const base of bases.values()) await (await base.catch(() => null))?.close();
    await store.close();
  })()
    .catch(() => undefined)
    .finally(() => closing.delete(folder));
  closing.set(folder, done);
  return done;
}
