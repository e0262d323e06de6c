import { useCallback, useEffect, useRef, useState } from 'react';
import { isViewableImage, maxAttachmentBytes, mediaTypeOf, pastedFileName, sha256Hex } from './evidence';

/** A file waiting to be stored with a signal: its own SHA-256 from the moment it was captured. */
export interface PendingEvidence {
  key: string;
  blob: Blob;
  fileName: string;
  mediaType: string;
  size: number;
  /** Hex, once computed; null while the renderer is still hashing (or the file is too large to send). */
  sha256: string | null;
  /** An object URL for an image preview, revoked when the item goes. */
  previewUrl: string | null;
  personalData: boolean;
  tooLarge: boolean;
  how: 'paste' | 'drop' | 'picker';
}

let counter = 0;

/**
 * The files captured in a dialog, before they are stored. Hashes every file as it arrives (`crypto.subtle`)
 * and owns the preview URLs: each is revoked when its file is removed, the list cleared or the dialog closed.
 */
export function useEvidence(pastePrefix: string) {
  const [items, setItems] = useState<PendingEvidence[]>([]);
  const urls = useRef(new Map<string, string>());
  const hashes = useRef(new Map<string, Promise<string>>());

  useEffect(() => {
    const owned = urls.current;
    return () => {
      for (const url of owned.values()) URL.revokeObjectURL(url);
      owned.clear();
    };
  }, []);

  const add = useCallback(
    (files: readonly File[], how: PendingEvidence['how']) => {
      const added = files.map((file): PendingEvidence => {
        counter += 1;
        const key = `evidence-${counter}`;
        const mediaType = mediaTypeOf(file);
        // A pasted screenshot arrives as "image.png" (or nameless); give it a name that says when it was taken.
        const fileName = how === 'paste' && (file.name === '' || /^image\.\w+$/i.test(file.name)) ? pastedFileName(mediaType, new Date(), pastePrefix) : file.name;
        const tooLarge = file.size > maxAttachmentBytes;
        const previewUrl = !tooLarge && isViewableImage(mediaType) ? URL.createObjectURL(file) : null;
        if (previewUrl) urls.current.set(key, previewUrl);
        if (!tooLarge) {
          const hash = file.arrayBuffer().then(sha256Hex);
          hashes.current.set(key, hash);
          void hash.then((sha256) => setItems((current) => current.map((item) => (item.key === key ? { ...item, sha256 } : item))));
        }
        return { key, blob: file, fileName, mediaType, size: file.size, sha256: null, previewUrl, personalData: false, tooLarge, how };
      });
      setItems((current) => [...current, ...added]);
      return added;
    },
    [pastePrefix],
  );

  const forget = useCallback((keys: readonly string[]) => {
    for (const key of keys) {
      const url = urls.current.get(key);
      if (url) URL.revokeObjectURL(url);
      urls.current.delete(key);
      hashes.current.delete(key);
    }
    setItems((current) => current.filter((item) => !keys.includes(item.key)));
  }, []);

  const setPersonalData = useCallback((key: string, personalData: boolean) => {
    setItems((current) => current.map((item) => (item.key === key ? { ...item, personalData } : item)));
  }, []);

  /** The capture hash of an item, waiting for it when the renderer is still computing it. */
  const hashOf = useCallback((key: string): Promise<string> | undefined => hashes.current.get(key), []);

  return { items, add, forget, setPersonalData, hashOf };
}

export type Evidence = ReturnType<typeof useEvidence>;

/** Files on a paste: the clipboard's file list, or its file items (an image copied from a screenshot tool). */
export function filesFromClipboard(data: DataTransfer | null): File[] {
  if (!data) return [];
  const files = Array.from(data.files);
  if (files.length > 0) return files;
  return Array.from(data.items)
    .filter((item) => item.kind === 'file')
    .map((item) => item.getAsFile())
    .filter((file): file is File => file !== null);
}
