import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import { applyKey } from '../../db/cipher';
import { checkStructure } from '../../db/structure';
import type { StructureAnswer, StructureCheckStart } from './protocol';

/*
 * The structure half of a full verify, beside the admin worker's chain pass: SQLite's integrity and foreign key
 * checks on a read-only connection of its own. Small on purpose (SQLite and the cipher settings, nothing of the
 * services), so the thread is up in milliseconds. The key is wiped once the connection has it.
 */

if (!parentPort) throw new Error('structure-worker runs only as a worker thread');
const start = workerData as StructureCheckStart;
const key = Buffer.from(start.key);
start.key.fill(0);
let answer: StructureAnswer;
try {
  const sqlite = new Database(start.file, { readonly: true, fileMustExist: true });
  try {
    applyKey(sqlite, key);
    sqlite.pragma('trusted_schema=OFF');
    answer = { ok: true, report: checkStructure(sqlite) };
  } finally {
    sqlite.close();
  }
} catch (error) {
  // Only the class crosses: a message from SQLite may quote what it read.
  answer = { ok: false, errorClass: error instanceof Error ? error.name : typeof error };
} finally {
  key.fill(0);
}
parentPort.postMessage(answer);
