import type { Failure } from '../../../shared/result';
import type { Attachment } from '../../../shared/views';
import { bytesToBase64 } from './evidence';
import type { Write } from '../data/writes';
import type { PendingEvidence } from './useEvidence';

export type StoreOutcome =
  | { key: string; fileName: string; ok: true; attachment: Attachment; captured: string; matches: boolean }
  | { key: string; fileName: string; ok: false; error: Failure };

/**
 * Sends each captured file to the main process, one at a time (a file can be 50 MB). The main process stores
 * and hashes it again; its SHA-256 must equal the one the renderer computed at capture, else the outcome says so.
 * Files over the limit are not sent at all: the main process would refuse them with the same message.
 */
export async function storeEvidence(
  add: Write<'attachments.add'>,
  target: { caseId: string; entryId: string | null },
  items: readonly PendingEvidence[],
  hashOf: (key: string) => Promise<string> | undefined,
): Promise<StoreOutcome[]> {
  const outcomes: StoreOutcome[] = [];
  for (const item of items) {
    if (item.tooLarge) {
      outcomes.push({ key: item.key, fileName: item.fileName, ok: false, error: { code: 'FILE_TOO_LARGE', message: '' } });
      continue;
    }
    const bytes = new Uint8Array(await item.blob.arrayBuffer());
    const captured = (await hashOf(item.key)) ?? item.sha256 ?? '';
    // One intent per captured file: sent again (a retry), it is still stored once.
    const result = await add(
      {
        caseId: target.caseId,
        ...(target.entryId ? { entryId: target.entryId } : {}),
        fileName: item.fileName,
        mediaType: item.mediaType,
        personalData: item.personalData,
        data: bytesToBase64(bytes),
      },
      item.key,
    );
    if (!result.ok) {
      outcomes.push({ key: item.key, fileName: item.fileName, ok: false, error: result.error });
      continue;
    }
    const attachment = result.value;
    outcomes.push({ key: item.key, fileName: item.fileName, ok: true, attachment, captured, matches: attachment.sha256 === captured });
  }
  return outcomes;
}
