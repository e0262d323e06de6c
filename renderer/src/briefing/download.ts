import type { ExportedFile } from '../../../shared/briefing';
import { base64ToBytes } from '../signals/evidence';

/**
 * Hands an exported file to the browser's (or Electron's) download handling: the bytes stay in this page as a
 * Blob until the user saves them; nothing goes to a server. The object URL is revoked shortly after the click,
 * not at once, so a slow save dialog still finds the bytes.
 */
export function offerDownload(file: Pick<ExportedFile, 'data' | 'fileName' | 'mediaType'>): void {
  const url = URL.createObjectURL(new Blob([base64ToBytes(file.data)], { type: file.mediaType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file.fileName;
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
