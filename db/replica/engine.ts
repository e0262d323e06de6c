import { existsSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { pipeline } from 'node:stream';
import type Autobase from 'autobase';
import type Corestore from 'corestore';

/**
 * The engine's packages (and their native modules) load on first use: a vault that shares nothing, and every admin
 * command that does not share, never loads them, and an install without them still opens and verifies vaults.
 */
let loaded: Promise<{ Autobase: typeof Autobase; Corestore: typeof Corestore }> | undefined;
function modules(): Promise<{ Autobase: typeof Autobase; Corestore: typeof Corestore }> {
  loaded ??= Promise.all([import('autobase'), import('corestore')]).then(([autobase, corestore]) => ({
    Autobase: autobase.default,
    Corestore: corestore.default,
  }));
  return loaded;
}

/**
 * The replication engine under a shared case: Autobase 7 over Hypercore 11 and Corestore 7 (pinned in
 * package.json). Each laptop appends to its own signed append-only Hypercore; Autobase merges the writers' logs
 * into one order that every laptop computes alike, and marks the prefix a majority of indexers has signed as
 * final. This is the only module that imports the engine; the rest of Ordelog sees plain JSON values, hex keys
 * and the functions below.
 *
 * One Corestore per shared log (a folder under `replica` beside the database, see handles.ts), holding that log's
 * Autobase in a namespace named after it. Block contents are encrypted with the log's key (kept in the vault's
 * database); the engine keeps its device key and core metadata (keys, lengths) in clear in its own RocksDB.
 *
 * The merged order is applied to two views: `log`, every node as `{ writer, value }` or `{ writer, rejected, value }`,
 * and `roster`, what the rules admitted (authors, the owner's device). Whether a node is admitted is decided by
 * `CaseRules.judge` from the node and the roster alone, so every laptop decides alike.
 */

/**
 * A node as the case's log view holds it: who wrote it (the writer core's key, hex) and the value, with why it
 * was refused if it was (its writer must learn which of the entries it handed over will never count).
 */
export type LoggedNode = { writer: string; value: unknown } | { writer: string; rejected: string; value: unknown };

export interface Verdict {
  /** Null: the node enters the log; otherwise the reason it is recorded as refused. */
  refused: string | null;
  /** Items the node adds to the roster. */
  admits?: unknown[];
}

export interface CaseRules {
  judge(value: unknown, writer: string, roster: readonly unknown[]): Verdict;
}

interface CaseView {
  log: CaseViewCore;
  roster: CaseViewCore;
}
interface CaseViewCore {
  readonly length: number;
  readonly signedLength: number;
  get(index: number): Promise<unknown>;
  append(value: unknown): Promise<void>;
}

/** A writer core as a bundle carries it: its key and how many blocks of it were copied. */
export interface CoreExtent {
  key: string;
  length: number;
}

export interface ReplicaStore {
  readonly store: Corestore;
  close(): Promise<void>;
}

/**
 * Corestore's device file (`CORESTORE`, which also holds the folder's lock) is created empty, marked, then
 * written; a process killed in between leaves it empty, and the store then refuses to open for good ("moved
 * unsafely" or "modified"). It is written before the store's database opens, so an empty one means no store was
 * ever opened here: it goes, and a new one is written.
 */
function removeUnfinishedDeviceFile(directory: string): void {
  const file = join(directory, 'CORESTORE');
  if (existsSync(file) && statSync(file).size === 0) rmSync(file);
}

export async function openReplicaStore(directory: string): Promise<ReplicaStore> {
  removeUnfinishedDeviceFile(directory);
  const { Corestore } = await modules();
  const store = new Corestore(directory);
  await store.ready();
  return { store, close: () => store.close() };
}

export interface CaseBase {
  /** The base's key (hex): what identifies the shared case's log on every laptop. */
  readonly key: string;
  /** This laptop's writer core for the base (hex). */
  readonly writerKey: string;
  /** Whether this laptop is the base's indexer (the case's owner). */
  readonly isIndexer: boolean;
  append(values: readonly unknown[]): Promise<void>;
  /** The merged log from `start`: its nodes, and how many of the whole log are final. */
  read(start: number): Promise<{ nodes: LoggedNode[]; length: number; finalLength: number }>;
  /** Makes the nodes seen so far final, when this laptop is the indexer. */
  settle(): Promise<void>;
  /**
   * Waits until at least `length` nodes of the merged log are final here (what the sender saw final), updating
   * the merge meanwhile; false when that does not happen within `timeoutMs`.
   */
  finalAtLeast(length: number, timeoutMs: number): Promise<boolean>;
  /** Every writer core this laptop holds for the base, with the length held. */
  cores(): Promise<CoreExtent[]>;
  /**
   * Replicates a copied store (read-only, from a bundle) into the base: Hypercore checks every block's signature
   * and Merkle proof, and Autobase merges the writers it is told of. Resolves once every core has arrived.
   */
  receive(directory: string, extents: readonly CoreExtent[]): Promise<void>;
  close(): Promise<void>;
}

const namespaceOf = (name: string) => `ordelog-case/${name}`;

async function readAll(core: CaseViewCore): Promise<unknown[]> {
  const items: unknown[] = [];
  for (let index = 0; index < core.length; index += 1) items.push(await core.get(index));
  return items;
}

/**
 * Opens (or creates, with `bootstrap` null) the base of a shared case, named by the case and what it shares of it
 * (`name`, the same on every laptop). `encryptionKey` is its 32-byte block key. A laptop that is not the owner
 * appends optimistically: its nodes count once the rules admit them.
 */
export async function openCaseBase(
  replica: ReplicaStore,
  name: string,
  bootstrap: string | null,
  encryptionKey: Buffer,
  rules: CaseRules,
): Promise<CaseBase> {
  const { Autobase, Corestore } = await modules();
  const base = new Autobase<CaseView>(replica.store.namespace(namespaceOf(name)), bootstrap === null ? null : Buffer.from(bootstrap, 'hex'), {
    valueEncoding: 'json',
    encryptionKey,
    optimistic: true,
    ackInterval: 0,
    // Every laptop applies every writer's nodes itself, so each judges every entry; none adopts another's view.
    fastForward: false,
    open: (store) => ({
      log: store.get('log', { valueEncoding: 'json' }),
      roster: store.get('roster', { valueEncoding: 'json' }),
    }),
    async apply(nodes, view, host) {
      const roster = await readAll(view.roster);
      for (const node of nodes) {
        if (node.value === null) continue;
        const writer = node.from.key.toString('hex');
        const verdict = rules.judge(node.value, writer, roster);
        // Acknowledging also the refused node records the refusal in the merged order, alike on every laptop.
        await host.ackWriter(node.from.key);
        if (verdict.refused !== null) {
          await view.log.append({ writer, rejected: verdict.refused, value: node.value } satisfies LoggedNode);
          continue;
        }
        for (const item of verdict.admits ?? []) {
          await view.roster.append(item);
          roster.push(item);
        }
        await view.log.append({ writer, value: node.value } satisfies LoggedNode);
      }
    },
  });
  await base.ready();
  return {
    key: base.key.toString('hex'),
    writerKey: base.local.key.toString('hex'),
    get isIndexer() {
      return base.isIndexer;
    },
    async append(values) {
      if (base.writable) await base.append([...values]);
      // An optimistic node goes alone: Autobase takes a batch of them as one value.
      else for (const value of values) await base.append(value, { optimistic: true });
      await base.update();
    },
    async read(start) {
      await base.update();
      const { log } = base.view;
      const nodes: LoggedNode[] = [];
      for (let index = start; index < log.length; index += 1) nodes.push((await log.get(index)) as LoggedNode);
      return { nodes, length: log.length, finalLength: log.signedLength };
    },
    async finalAtLeast(length, timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        await base.update();
        if (base.view.log.signedLength >= length) return true;
        if (Date.now() > deadline) return false;
        await sleep(20);
      }
    },
    async settle() {
      await base.update();
      if (base.isIndexer) {
        await base.ack();
        await base.update();
      }
    },
    async cores() {
      const extents = new Map<string, number>();
      extents.set(base.local.key.toString('hex'), base.local.length);
      for await (const writer of base.system.list()) extents.set(writer.key.toString('hex'), writer.length);
      const result: CoreExtent[] = [];
      for (const key of extents.keys()) {
        const core = replica.store.get({ key: Buffer.from(key, 'hex') });
        await core.ready();
        result.push({ key, length: core.contiguousLength });
        await core.close();
      }
      return result.filter((extent) => extent.length > 0);
    },
    async receive(directory, extents) {
      // Writable though temporary: the laptop's newer blocks of cores the copy also holds flow into it while
      // connected, and a read-only store would end the connection at the first such write.
      const source = new Corestore(directory, { allowBackup: true });
      await source.ready();
      const disconnect = connect(replica.store, source);
      try {
        // This laptop's own writer core is never taken from elsewhere: it is the one copy that grows here.
        const others = extents.filter((extent) => extent.key !== base.local.key.toString('hex'));
        // The copy serves only cores it has open: open them all for the length of the transfer.
        const served = others.map((extent) => source.get({ key: Buffer.from(extent.key, 'hex') }));
        try {
          for (const core of served) await core.ready();
          await downloadAll(replica.store, others);
        } finally {
          for (const core of served) await core.close();
        }
        base.hintWakeup(others.map((extent) => ({ key: Buffer.from(extent.key, 'hex'), length: extent.length })));
        await waitFor(replica.store, others, () => base.update(), receiveTimeoutMs);
        await applied(base, others, receiveTimeoutMs);
      } finally {
        disconnect();
        await source.close();
      }
    },
    close: () => base.close(),
  };
}

/** A bundle is read from local disk: a transfer that has not finished in this time has stalled. */
const receiveTimeoutMs = 120_000;

function connect(a: Corestore, b: Corestore): () => void {
  const left = a.replicate(true);
  const right = b.replicate(false);
  // Either end closing ends the copy; what it failed to bring is found missing by the waiting that follows.
  pipeline(left, right, left, () => undefined);
  return () => {
    left.destroy();
    right.destroy();
  };
}

async function downloadAll(store: Corestore, extents: readonly CoreExtent[]): Promise<void> {
  for (const extent of extents) {
    const core = store.get({ key: Buffer.from(extent.key, 'hex') });
    try {
      await core.ready();
      await core.download({ start: 0, end: extent.length }).done();
    } finally {
      await core.close();
    }
  }
}

async function waitFor(store: Corestore, extents: readonly CoreExtent[], onIdle: () => Promise<void>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const sessions = extents.map((extent) => ({ extent, core: store.get({ key: Buffer.from(extent.key, 'hex') }) }));
  try {
    for (const { core } of sessions) await core.ready();
    for (;;) {
      if (sessions.every(({ extent, core }) => core.contiguousLength >= extent.length)) return;
      if (Date.now() > deadline) throw new Error('replica transfer timed out');
      await onIdle();
      await sleep(10);
    }
  } finally {
    for (const { core } of sessions) await core.close();
  }
}

/**
 * Waits until the base has applied every node of the received writers it knows. Having the blocks is not enough:
 * after a process was killed midway through a transfer, the blocks are all here at once, and a single update
 * applies only part of them, so the final part of the log would look shorter than the writers made it.
 */
async function applied(base: Autobase<CaseView>, extents: readonly CoreExtent[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await base.update();
    let behind = false;
    for (const extent of extents) {
      const writer = await base.system.get(Buffer.from(extent.key, 'hex'));
      if (writer !== null && writer.length < extent.length) behind = true;
    }
    if (!behind) return;
    if (Date.now() > deadline) throw new Error('replica apply timed out');
    await sleep(10);
  }
}

/**
 * Copies the given cores from `replica` into a new store in `directory` (which must be empty), by replicating
 * in-process: the copy holds exactly the signed, encrypted blocks, verified by Hypercore on the way. The new
 * store's own key is fixed at zeros: the copy carries no secret of this laptop.
 */
export async function copyCores(replica: ReplicaStore, extents: readonly CoreExtent[], directory: string): Promise<void> {
  const { Corestore } = await modules();
  const target = new Corestore(directory, { primaryKey: Buffer.alloc(32), unsafe: true });
  await target.ready();
  const disconnect = connect(replica.store, target);
  try {
    const sessions = extents.map((extent) => target.get({ key: Buffer.from(extent.key, 'hex') }));
    try {
      for (const [index, core] of sessions.entries()) {
        await core.ready();
        await core.download({ start: 0, end: extents[index]!.length }).done();
      }
    } finally {
      for (const core of sessions) await core.close();
    }
  } finally {
    disconnect();
    await target.close();
  }
}
