import { randomUUID } from 'node:crypto';
import type { DeliveredFile, ExportedFile } from '../../shared/briefing';
import { OrdelogError } from '../../shared/errors';

/** Files up to this much base64 travel whole; larger ones are read in pieces of `pieceLength`. */
export const wholeFileLimit = 4 * 1024 * 1024;
/** A multiple of 4, so every piece decodes on its own. */
export const pieceLength = 64 * 1024;
const keepMs = 10 * 60_000;
const maxWaiting = 4;

/**
 * Large exported files waiting for the renderer to read them, in this (the vault's) process only: never on disk.
 * A file leaves when its last piece is read, after ten minutes, when more than a few wait, and at every lock.
 */
export function createOutbox() {
  const waiting = new Map<string, { data: string; timer: ReturnType<typeof setTimeout> }>();

  function drop(fileId: string): void {
    const file = waiting.get(fileId);
    if (!file) return;
    clearTimeout(file.timer);
    waiting.delete(fileId);
  }

  return {
    deliver(file: ExportedFile): DeliveredFile {
      if (file.data.length <= wholeFileLimit) return file;
      const { data, ...rest } = file;
      const fileId = randomUUID();
      const timer = setTimeout(() => drop(fileId), keepMs);
      timer.unref?.();
      waiting.set(fileId, { data, timer });
      for (const oldest of waiting.keys()) {
        if (waiting.size <= maxWaiting) break;
        drop(oldest);
      }
      return { ...rest, fileId, size: data.length };
    },
    read(fileId: string, offset: number): { data: string; next: number | null } {
      const file = waiting.get(fileId);
      if (!file || offset % pieceLength !== 0 || offset >= file.data.length) throw new OrdelogError('NOT_FOUND');
      const end = Math.min(offset + pieceLength, file.data.length);
      const piece = { data: file.data.slice(offset, end), next: end < file.data.length ? end : null };
      if (piece.next === null) drop(fileId);
      return piece;
    },
    clear(): void {
      for (const fileId of [...waiting.keys()]) drop(fileId);
    },
  };
}
