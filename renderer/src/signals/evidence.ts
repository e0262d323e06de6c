/**
 * Evidence files as the signal screens handle them before the main process has them: the SHA-256 computed in
 * the renderer at capture, size and type, the 50 MB pre-check and base64 for the contract. Pure functions and
 * Web Crypto only, so they run (and are tested) in Node as well as in the page.
 */

import { formatNumber, type Language } from '../../../shared/numbers';

/** The main process refuses larger files (FILE_TOO_LARGE); the renderer checks first so nobody waits for a refusal. */
export const maxAttachmentBytes = 50 * 1024 * 1024;

const hex = (bytes: Uint8Array): string => Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');

/** SHA-256 of the bytes as lower-case hex, the form the main process stores. */
export async function sha256Hex(data: ArrayBuffer | Uint8Array): Promise<string> {
  // A view is copied into a buffer of exactly its bytes: it may cover only part of its buffer (Node's
  // Buffer.slice does not even copy). A whole ArrayBuffer (File.arrayBuffer()) is hashed as it is.
  const buffer = data instanceof Uint8Array ? new Uint8Array(data).buffer : data;
  const digest = await crypto.subtle.digest('SHA-256', buffer);
  return hex(new Uint8Array(digest));
}

/** Base64 without data-URL prefix, in chunks so a large file does not overflow the argument list. */
export function bytesToBase64(bytes: Uint8Array): string {
  const chunk = 0x8000;
  let binary = '';
  for (let start = 0; start < bytes.length; start += chunk) {
    binary += String.fromCharCode(...bytes.subarray(start, start + chunk));
  }
  return btoa(binary);
}

export function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index += 1) bytes[index] = binary.charCodeAt(index);
  return bytes;
}

const byExtension: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  pdf: 'application/pdf',
  txt: 'text/plain',
  mp4: 'video/mp4',
  mov: 'video/quicktime',
  html: 'text/html',
  htm: 'text/html',
  json: 'application/json',
};

/** The type the browser gives, else one from the extension, else generic bytes. The main process checks the content. */
export function mediaTypeOf(file: { name: string; type: string }): string {
  if (file.type) return file.type;
  const extension = /\.([a-z0-9]+)$/i.exec(file.name)?.[1]?.toLowerCase() ?? '';
  return byExtension[extension] ?? 'application/octet-stream';
}

/** Images the viewer shows inline (through an object URL; the CSP allows blob: images). SVG is left out: it can carry script. */
export const isViewableImage = (mediaType: string): boolean => /^image\/(png|jpeg|gif|webp|bmp|avif)$/i.test(mediaType);

/** A name for a pasted image, which has none of its own: "klembord-2026-05-01-14-03-22.png". */
export function pastedFileName(mediaType: string, at: Date, prefix: string): string {
  const extension = /^image\/([a-z0-9]+)/i.exec(mediaType)?.[1]?.toLowerCase().replace('jpeg', 'jpg') ?? 'bin';
  const stamp = at.toISOString().slice(0, 19).replace(/[T:]/g, '-');
  return `${prefix}-${stamp}.${extension}`;
}

/** File sizes in the UI language: "512 B", "1,5 kB", "3,2 MB" (decimal units, as file managers show them). */
export function formatBytes(size: number, language: Language): string {
  if (size < 1000) return `${formatNumber(size, language)} B`;
  const units = ['kB', 'MB', 'GB'];
  let value = size / 1000;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${formatNumber(value, language)} ${units[unit]}`;
}

/** SHA-256 in groups of eight, so a person can compare it by eye; the screen still copies the whole value. */
export const groupedHash = (sha256: string): string => sha256.match(/.{1,8}/g)?.join(' ') ?? sha256;
