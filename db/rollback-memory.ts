import type Database from 'better-sqlite3';
import { hkdfSync } from 'node:crypto';
import { existsSync, rmSync } from 'node:fs';
import { z } from 'zod';
import { OrdelogError } from '../shared/errors';
import { gcmOpen, gcmSeal, readKeySlots, writeKeySlots, type DataKey, type KeySlotsFile } from './keyslots';
import { openDatabase, type OpenedDatabase } from './open';

/**
 * The vault's memory of its own database, kept outside it: in the key slot file, sealed under the data key.
 * It holds the highest head (seq and hash) it has seen of every case and a generation counter the database keeps
 * too (`settings`, `rollback.generation`). Each write of the memory first raises the database's counter
 * (committed), then seals that counter with the heads read in the same transaction, so the memory never runs
 * ahead of the database it describes. At unlock a database that is behind its memory (a lower counter, a case
 * missing or shorter, or an entry at a remembered seq with another hash) is an older copy put back in place of
 * the live file, and is refused before anything is written.
 *
 * What it cannot see: the whole folder, key slot file included, replaced by an older copy. The memory is then
 * as old as the database (README, security).
 */

const purpose = 'ordelog rollback memory v1';
const generationSetting = 'rollback.generation';
const hexHash = /^[0-9a-f]{64}$/;

const memorySchema = z.object({
  generation: z.number().int().min(1),
  cases: z.record(z.string().min(1), z.object({ seq: z.number().int().min(0), hash: z.string().regex(hexHash) })),
});

export type RollbackMemory = z.infer<typeof memorySchema>;
export type SealedMemory = NonNullable<KeySlotsFile['memory']>;

/** What a database behind its memory shows; case ids and numbers only, never case text. */
export type RollbackFinding =
  | { kind: 'case-missing'; caseId: string; seq: number }
  | { kind: 'case-behind'; caseId: string; seq: number; headSeq: number }
  | { kind: 'case-rewritten'; caseId: string; seq: number }
  | { kind: 'generation'; remembered: number; found: number }
  /** The sealed memory does not open with the data key: the key slot file was edited. */
  | { kind: 'memory-unreadable' }
  /** The database has written memories before, but the key slot file holds none: it was removed. */
  | { kind: 'memory-missing'; found: number };

const memoryKey = (dataKey: DataKey): Buffer => Buffer.from(hkdfSync('sha256', dataKey.key, Buffer.alloc(0), purpose, 32));

const memoryAad = (keyId: string): Buffer => Buffer.from(JSON.stringify(['ordelog-keyslots', 1, keyId, purpose]));

export function sealMemory(memory: RollbackMemory, dataKey: DataKey): SealedMemory {
  const key = memoryKey(dataKey);
  const plaintext = Buffer.from(JSON.stringify(memory), 'utf8');
  try {
    return gcmSeal(key, plaintext, memoryAad(dataKey.keyId));
  } finally {
    key.fill(0);
    plaintext.fill(0);
  }
}

/** Null when the key does not open it or anything it covers (the key id named in the file included) changed. */
export function openMemory(sealed: SealedMemory, dataKey: DataKey): RollbackMemory | null {
  const key = memoryKey(dataKey);
  let plaintext: Buffer | null;
  try {
    plaintext = gcmOpen(key, sealed, memoryAad(dataKey.keyId));
  } catch {
    plaintext = null;
  } finally {
    key.fill(0);
  }
  if (plaintext === null) return null;
  try {
    const parsed = memorySchema.safeParse(JSON.parse(plaintext.toString('utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  } finally {
    plaintext.fill(0);
  }
}

/**
 * The memory carried across a data key replacement: opened with the key it was sealed under, sealed again under
 * the new one. One that does not open is left out rather than stopping the replacement halfway; the next unlock
 * then finds it missing.
 */
export function withMemoryResealed(committed: KeySlotsFile, before: KeySlotsFile, from: DataKey, to: DataKey): KeySlotsFile {
  const { memory: _dropped, ...rest } = committed;
  const opened = before.memory === undefined || from.keyId !== before.currentKeyId ? null : openMemory(before.memory, from);
  return opened === null ? rest : { ...rest, memory: sealMemory(opened, to) };
}

function databaseGeneration(sqlite: Database.Database): number {
  const row = sqlite.prepare('SELECT value FROM settings WHERE key = ?').get(generationSetting) as { value: string } | undefined;
  if (row === undefined) return 0;
  const value: unknown = JSON.parse(row.value);
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0 ? value : 0;
}

/**
 * The hash of a case's entry at `seq`, as lowercase hex. A database from before migration 0008 keeps the log in
 * its old layout (the case's id on each row, hashes as hex text); an older copy put back may be one.
 */
function entryHashQuery(sqlite: Database.Database): Database.Statement {
  const columns = sqlite.pragma('table_info(log_entries)') as { name: string }[];
  return sqlite.prepare(
    columns.some((column) => column.name === 'case_key')
      ? 'SELECT lower(hex(hash)) FROM log_entries WHERE case_key = (SELECT key FROM cases WHERE id = ?) AND seq = ?'
      : 'SELECT lower(hash) FROM log_entries WHERE case_id = ? AND seq = ?',
  );
}

/** Everything in which `sqlite` is behind `memory`; empty when it is as new or newer. */
export function compareWithMemory(sqlite: Database.Database, memory: RollbackMemory): RollbackFinding[] {
  const findings: RollbackFinding[] = [];
  const head = sqlite.prepare('SELECT head_seq FROM cases WHERE id = ?').pluck();
  const entryHash = entryHashQuery(sqlite).pluck();
  for (const [caseId, remembered] of Object.entries(memory.cases)) {
    const headSeq = head.get(caseId) as number | undefined;
    if (headSeq === undefined) findings.push({ kind: 'case-missing', caseId, seq: remembered.seq });
    else if (headSeq < remembered.seq) findings.push({ kind: 'case-behind', caseId, seq: remembered.seq, headSeq });
    else if (remembered.seq > 0 && entryHash.get(caseId, remembered.seq) !== remembered.hash) {
      findings.push({ kind: 'case-rewritten', caseId, seq: remembered.seq });
    }
  }
  const found = databaseGeneration(sqlite);
  if (found < memory.generation) findings.push({ kind: 'generation', remembered: memory.generation, found });
  return findings;
}

/** The memory in `file` (sealed under `dataKey`, its current key) against the database open as `sqlite`. */
export function inspectDatabase(sqlite: Database.Database, file: KeySlotsFile, dataKey: DataKey): RollbackFinding[] {
  if (file.memory === undefined) {
    // A vault from before the memory existed has no counter either; it gets its first memory at this unlock.
    const found = databaseGeneration(sqlite);
    return found > 0 ? [{ kind: 'memory-missing', found }] : [];
  }
  const memory = openMemory(file.memory, dataKey);
  return memory === null ? [{ kind: 'memory-unreadable' }] : compareWithMemory(sqlite, memory);
}

const sidecars = ['-wal', '-shm'];

/**
 * `inspectDatabase` on a read-only connection, before the unlock opens the file for writing: a refused database
 * is not migrated, checkpointed or written to. The -wal and index a read-only connection leaves are removed again
 * when it made them.
 */
export function inspectDatabaseFile(database: string, file: KeySlotsFile, dataKey: DataKey, migrationsFolder?: string): RollbackFinding[] {
  const existed = sidecars.filter((suffix) => existsSync(database + suffix));
  try {
    const opened = openDatabase(database, dataKey.key, { readonly: true, migrationsFolder });
    try {
      return inspectDatabase(opened.sqlite, file, dataKey);
    } finally {
      opened.close();
    }
  } finally {
    for (const suffix of sidecars) if (!existed.includes(suffix)) rmSync(database + suffix, { force: true });
  }
}

const listCases = (findings: readonly RollbackFinding[]) => findings.filter((finding) => finding.kind.startsWith('case-'));

/** One finding in Dutch: case ids and numbers, no case text. */
export function describeFinding(finding: RollbackFinding): string {
  switch (finding.kind) {
    case 'case-missing':
      return `dossier ${finding.caseId} ontbreekt (de kluis zag het tot en met logregel ${finding.seq})`;
    case 'case-behind':
      return `dossier ${finding.caseId} heeft logregels tot en met ${finding.headSeq}, de kluis zag er tot en met ${finding.seq}`;
    case 'case-rewritten':
      return `dossier ${finding.caseId}: logregel ${finding.seq} is een andere dan de kluis zag`;
    case 'generation':
      return `de database is versie ${finding.found}, de kluis zag versie ${finding.remembered}`;
    case 'memory-unreadable':
      return 'het geheugen van de kluis in het sleutelbestand is gewijzigd';
    case 'memory-missing':
      return 'het geheugen van de kluis ontbreekt in het sleutelbestand';
  }
}

/** The findings in Dutch for a message or a terminal: the first case (or the counter), and how many more cases. */
export function describeFindings(findings: readonly RollbackFinding[]): string {
  const cases = listCases(findings);
  const first = cases[0] ?? findings[0];
  if (first === undefined) return '';
  const more = cases.length > 1 ? `; en ${cases.length - 1} ${cases.length === 2 ? 'ander dossier' : 'andere dossiers'}` : '';
  return `(${describeFinding(first)}${more})`;
}

/** The error an unlock refuses with: a damaged memory is damage, anything else an older database. */
export function rollbackError(findings: readonly RollbackFinding[]): OrdelogError {
  const damaged = findings.some((finding) => finding.kind === 'memory-unreadable' || finding.kind === 'memory-missing');
  return new OrdelogError(damaged ? 'VAULT_DAMAGED' : 'VAULT_ROLLED_BACK', { detail: describeFindings(findings) });
}

/** Raises the database's counter and reads every case's head, in one committed transaction. */
function advanceGeneration(sqlite: Database.Database): RollbackMemory {
  return sqlite
    .transaction(() => {
      const generation = databaseGeneration(sqlite) + 1;
      sqlite
        .prepare(
          `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
           ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
        )
        .run(generationSetting, JSON.stringify(generation), new Date().toISOString());
      const rows = sqlite.prepare('SELECT id, head_seq AS seq, head_hash AS hash FROM cases').all() as { id: string; seq: number; hash: string }[];
      const cases: RollbackMemory['cases'] = {};
      for (const { id, seq, hash } of rows) cases[id] = { seq, hash };
      return { generation, cases };
    })
    .immediate();
}

/**
 * Writes the memory of the database as it is now. Skipped while a data key replacement owns the key slot file
 * (it holds two keys; the replacement reseals the memory when it finishes), and inside an open transaction: its
 * counter would only be a savepoint that may still roll back, and a memory ahead of its database refuses it.
 */
export function writeMemory(keySlots: string, sqlite: Database.Database, dataKey: DataKey): void {
  if (sqlite.inTransaction) return;
  const file = readKeySlots(keySlots);
  if (file.pendingKeyId !== undefined || file.currentKeyId !== dataKey.keyId) return;
  const memory = advanceGeneration(sqlite);
  // Read again: the transaction above is the only thing between, but the file is the one to keep as it is.
  writeKeySlots(keySlots, { ...readKeySlots(keySlots), memory: sealMemory(memory, dataKey) });
}

/**
 * Keeps the memory of one open vault up to date: after a committed write (`noteCommittedWrite`), once, at most
 * every `delayMs`, on the thread that owns the vault, so the write itself never waits for it. Lock and close
 * write it at once.
 */
export interface MemoryKeeper {
  noteWrite(): void;
  /** Writes now (when armed); a write already scheduled is then not needed. */
  writeNow(): void;
  /** From here on writes happen: set once the unlock has checked the database against the memory. */
  arm(): void;
  stop(): void;
}

export const memoryDelayMs = 2_000;

const keepers = new WeakMap<OpenedDatabase, MemoryKeeper>();

export function keepMemory(database: OpenedDatabase, write: () => void, delayMs = memoryDelayMs): MemoryKeeper {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let armed = false;
  let stopped = false;
  const cancel = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
  };
  const keeper: MemoryKeeper = {
    noteWrite() {
      if (!armed || stopped || timer !== null) return;
      timer = setTimeout(() => {
        timer = null;
        // A job's transaction may span turns of the event loop; the memory waits for it to end.
        if (database.sqlite.inTransaction) keeper.noteWrite();
        else {
          try {
            write();
          } catch {
            // The memory is written again at lock; a failure now (a full disk) must not end the vault's thread.
          }
        }
      }, delayMs);
      timer.unref?.();
    },
    writeNow() {
      cancel();
      if (armed && !stopped) write();
    },
    arm() {
      armed = true;
    },
    stop() {
      cancel();
      stopped = true;
      keepers.delete(database);
    },
  };
  keepers.set(database, keeper);
  return keeper;
}

/** Called by `mutate` after its transaction committed: the vault's memory follows within `memoryDelayMs`. */
export function noteCommittedWrite(database: OpenedDatabase): void {
  keepers.get(database)?.noteWrite();
}
