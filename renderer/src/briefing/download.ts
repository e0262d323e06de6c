import type { DeliveredFile } from '../../../shared/briefing';
import type { OrdelogApi } from '../../../shared/contract';
import { success, type Result } from '../../../shared/result';
import { base64ToBytes } from '../signals/evidence';

/** The file's bytes: whole in the answer, or read piece by piece while the vault keeps a large one for us. */
async function bytesOf(api: Pick<OrdelogApi, 'exports.read'>, file: DeliveredFile): Promise<Result<Uint8Array[]>> {
  if ('data' in file) return success([base64ToBytes(file.data)]);
  const pieces: Uint8Array[] = [];
  let offset: number | null = 0;
  while (offset !== null) {
    const piece = await api['exports.read']({ fileId: file.fileId, offset });
    if (!piece.ok) return piece;
    pieces.push(base64ToBytes(piece.value.data));
    offset = piece.value.next;
  }
  return success(pieces);
}

/**
 * Hands an exported file to the browser's (or Electron's) download handling: the bytes stay in this page as a
 * Blob until the user saves them; nothing goes to a server.
 */
export async function offerDownload(api: Pick<OrdelogApi, 'exports.read'>, file: DeliveredFile): Promise<Result<void>> {
  const bytes = await bytesOf(api, file);
  if (!bytes.ok) return bytes;
  saveBlob(new Blob(bytes.value as BlobPart[], { type: file.mediaType }), file.fileName);
  return success(undefined);
}

/**
 * Offers `blob` for saving as `fileName`. The object URL is revoked shortly after the click, not at once, so a
 * slow save dialog still finds the bytes.
 */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  // In the document for the click: some engines ignore a click on a detached link.
  document.body.append(link);
  try {
    link.click();
  } finally {
    link.remove();
    window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
}
