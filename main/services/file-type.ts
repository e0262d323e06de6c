/**
 * What a file is, by its content (magic numbers), not by its name. An attachment is kept only when its
 * content is one of the allowed kinds AND its declared media type and its extension say the same kind: a
 * program renamed to `.png`, or a JPEG declared as PNG, is refused. Executables, scripts and archives are
 * never allowed, whatever their name.
 */

export interface AllowedType {
  mediaType: string;
  /** Dutch, for messages. */
  label: string;
  extensions: readonly string[];
}

export const allowedTypes = {
  png: { mediaType: 'image/png', label: 'PNG-afbeelding', extensions: ['png'] },
  jpeg: { mediaType: 'image/jpeg', label: 'JPEG-afbeelding', extensions: ['jpg', 'jpeg', 'jfif'] },
  gif: { mediaType: 'image/gif', label: 'GIF-afbeelding', extensions: ['gif'] },
  webp: { mediaType: 'image/webp', label: 'WebP-afbeelding', extensions: ['webp'] },
  pdf: { mediaType: 'application/pdf', label: 'PDF-document', extensions: ['pdf'] },
  mp4: { mediaType: 'video/mp4', label: 'MP4-video', extensions: ['mp4', 'm4v'] },
  webm: { mediaType: 'video/webm', label: 'WebM-video', extensions: ['webm'] },
  text: { mediaType: 'text/plain', label: 'platte tekst (UTF-8)', extensions: ['txt', 'text', 'log'] },
} as const satisfies Record<string, AllowedType>;

/** Declared media types that mean one of the allowed ones. */
const mediaTypeAliases: Record<string, string> = { 'image/jpg': 'image/jpeg', 'image/pjpeg': 'image/jpeg' };

export type Sniffed = { allowed: true; type: AllowedType } | { allowed: false; label: string };

const ascii = (bytes: Uint8Array, start: number, end: number): string =>
  String.fromCharCode(...bytes.subarray(start, Math.min(end, bytes.length)));

const startsWith = (bytes: Uint8Array, signature: readonly number[], offset = 0): boolean =>
  bytes.length >= offset + signature.length && signature.every((byte, index) => bytes[offset + index] === byte);

/** ISO base media brands that are MP4 video (not QuickTime, HEIF images or audio-only files). */
const mp4Brands = new Set(['isom', 'iso2', 'iso3', 'iso4', 'iso5', 'iso6', 'mp41', 'mp42', 'avc1', 'dash', 'M4V ', 'mmp4', 'MSNV']);

const refusedSignatures: { label: string; matches: (bytes: Uint8Array) => boolean }[] = [
  { label: 'Windows-programma (MZ/PE)', matches: (b) => startsWith(b, [0x4d, 0x5a]) },
  { label: 'Linux-programma (ELF)', matches: (b) => startsWith(b, [0x7f, 0x45, 0x4c, 0x46]) },
  {
    label: 'macOS-programma (Mach-O)',
    matches: (b) =>
      [
        [0xfe, 0xed, 0xfa, 0xce],
        [0xfe, 0xed, 0xfa, 0xcf],
        [0xce, 0xfa, 0xed, 0xfe],
        [0xcf, 0xfa, 0xed, 0xfe],
        [0xca, 0xfe, 0xba, 0xbe],
      ].some((signature) => startsWith(b, signature)),
  },
  { label: 'script (#!)', matches: (b) => startsWith(b, [0x23, 0x21]) || startsWith(b, [0xef, 0xbb, 0xbf, 0x23, 0x21]) },
  {
    label: 'ZIP-archief (ook .docx, .apk, .jar)',
    matches: (b) => [[0x50, 0x4b, 0x03, 0x04], [0x50, 0x4b, 0x05, 0x06], [0x50, 0x4b, 0x07, 0x08]].some((s) => startsWith(b, s)),
  },
  { label: 'RAR-archief', matches: (b) => startsWith(b, [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07]) },
  { label: '7-Zip-archief', matches: (b) => startsWith(b, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]) },
  { label: 'gzip-archief', matches: (b) => startsWith(b, [0x1f, 0x8b]) },
  { label: 'Windows-installatiebestand (OLE/MSI)', matches: (b) => startsWith(b, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]) },
];

function isMp4(bytes: Uint8Array): boolean {
  return ascii(bytes, 4, 8) === 'ftyp' && mp4Brands.has(ascii(bytes, 8, 12));
}

/** EBML header whose DocType is "webm" (Matroska's other flavours are not allowed). */
function isWebm(bytes: Uint8Array): boolean {
  if (!startsWith(bytes, [0x1a, 0x45, 0xdf, 0xa3])) return false;
  const header = ascii(bytes, 4, 64);
  const docType = header.indexOf('\u0042\u0082');
  return docType !== -1 && header.slice(docType + 3, docType + 7) === 'webm';
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Markup a viewer might run scripts from, even when it arrives as "text". */
const markupStart = /^\s*<(?:!doctype|html|head|body|script|svg|\?xml|iframe|object)\b/i;

function textKind(bytes: Uint8Array): Sniffed | undefined {
  if (bytes.includes(0)) return undefined;
  let decoded: string;
  try {
    decoded = utf8.decode(bytes);
  } catch {
    return undefined;
  }
  if (markupStart.test(decoded.slice(0, 1024).replace(/^\uFEFF/, ''))) return { allowed: false, label: 'HTML/XML/SVG-opmaak' };
  return { allowed: true, type: allowedTypes.text };
}

/** What the bytes are. Refused kinds are checked first, so a program is never taken for text. */
export function sniffFileType(bytes: Uint8Array): Sniffed {
  for (const refused of refusedSignatures) if (refused.matches(bytes)) return { allowed: false, label: refused.label };
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { allowed: true, type: allowedTypes.png };
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return { allowed: true, type: allowedTypes.jpeg };
  if (ascii(bytes, 0, 6) === 'GIF87a' || ascii(bytes, 0, 6) === 'GIF89a') return { allowed: true, type: allowedTypes.gif };
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP') return { allowed: true, type: allowedTypes.webp };
  if (ascii(bytes, 0, 5) === '%PDF-') return { allowed: true, type: allowedTypes.pdf };
  if (isMp4(bytes)) return { allowed: true, type: allowedTypes.mp4 };
  if (isWebm(bytes)) return { allowed: true, type: allowedTypes.webm };
  return textKind(bytes) ?? { allowed: false, label: 'onbekend of niet toegestaan bestandstype' };
}

/** `image/png; charset=…` → `image/png`, with the usual aliases resolved. */
export function normaliseMediaType(declared: string): string {
  const base = declared.split(';')[0]!.trim().toLowerCase();
  return mediaTypeAliases[base] ?? base;
}

export function extensionOf(fileName: string): string | null {
  const dot = fileName.lastIndexOf('.');
  return dot <= 0 || dot === fileName.length - 1 ? null : fileName.slice(dot + 1).toLowerCase();
}

export type FileCheck =
  | { ok: true; type: AllowedType }
  /** Dutch: what was found against what the name and the declared type say. Never the file name itself. */
  | { ok: false; found: string; claimed: string };

/** The content's type, if it is allowed and agrees with the declared media type and the file's extension. */
export function checkFile(bytes: Uint8Array, fileName: string, declaredMediaType: string): FileCheck {
  const sniffed = sniffFileType(bytes);
  const extension = extensionOf(fileName);
  const declared = normaliseMediaType(declaredMediaType);
  const claimed = `${extension === null ? 'geen extensie' : `.${extension}`}, opgegeven als ${declared}`;
  if (!sniffed.allowed) return { ok: false, found: sniffed.label, claimed };
  const { type } = sniffed;
  const agrees = declared === type.mediaType && extension !== null && (type.extensions as readonly string[]).includes(extension);
  return agrees ? { ok: true, type } : { ok: false, found: `${type.label} (${type.mediaType})`, claimed };
}
