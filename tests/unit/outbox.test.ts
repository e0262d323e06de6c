import { describe, expect, it } from 'vitest';
import type { ExportedFile } from '../../shared/briefing';
import { createOutbox, pieceLength, wholeFileLimit } from '../../main/ipc/outbox';

const record = {} as ExportedFile['record'];
const file = (data: string): ExportedFile => ({ record, fileName: 'logboek.json', mediaType: 'application/json', data });
const large = (fill: string) => fill.repeat(wholeFileLimit + 3 * pieceLength + 12);

function readAll(outbox: ReturnType<typeof createOutbox>, fileId: string): string {
  let text = '';
  for (let offset: number | null = 0; offset !== null; ) {
    const piece = outbox.read(fileId, offset);
    expect(piece.data.length).toBeLessThanOrEqual(pieceLength);
    text += piece.data;
    offset = piece.next;
  }
  return text;
}

describe('the outbox of large exported files', () => {
  it('hands a small file over whole and a large one in pieces that add up to it, once', () => {
    const outbox = createOutbox();
    expect(outbox.deliver(file('QUJD'))).toEqual(file('QUJD'));
    const data = large('QUJD');
    const delivered = outbox.deliver(file(data));
    expect(delivered).not.toHaveProperty('data');
    const { fileId, size } = delivered as { fileId: string; size: number };
    expect(size).toBe(data.length);
    expect(readAll(outbox, fileId)).toBe(data);
    expect(() => outbox.read(fileId, 0)).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
  });

  it('refuses an offset that is not a piece boundary or past the end, and an unknown id', () => {
    const outbox = createOutbox();
    const { fileId } = outbox.deliver(file(large('QUJD'))) as { fileId: string };
    for (const offset of [1, pieceLength - 4, 10 * wholeFileLimit]) {
      expect(() => outbox.read(fileId, offset)).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    }
    expect(() => outbox.read(crypto.randomUUID(), 0)).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
  });

  it('drops everything at a lock, and the oldest when more than four wait', () => {
    const outbox = createOutbox();
    const ids = Array.from({ length: 5 }, () => (outbox.deliver(file(large('QUJD'))) as { fileId: string }).fileId);
    expect(() => outbox.read(ids[0]!, 0)).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    expect(outbox.read(ids[4]!, 0).data).toBe('QUJD'.repeat(pieceLength / 4));
    outbox.clear();
    for (const fileId of ids) expect(() => outbox.read(fileId, 0)).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
  });
});
