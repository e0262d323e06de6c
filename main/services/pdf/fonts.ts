import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The faces both PDFs print with, shipped with the app (assets/fonts, Liberation 2.1.5 under the SIL OFL 1.1):
 * PDFKit embeds them in the full log, and the Chromium print document loads them by `@font-face`, so the two
 * look alike and neither borrows a system font that the archived file would then carry or miss.
 */
export const documentFontFiles = {
  sans: 'LiberationSans-Regular.ttf',
  sansBold: 'LiberationSans-Bold.ttf',
  sansItalic: 'LiberationSans-Italic.ttf',
  sansBoldItalic: 'LiberationSans-BoldItalic.ttf',
  mono: 'LiberationMono-Regular.ttf',
} as const;

export type DocumentFace = keyof typeof documentFontFiles;

/**
 * The faces the print document uses, as WOFF2 (the same fonts, losslessly compressed): Electron's print window
 * loads the page as one data: URL, which Chromium refuses beyond 2 MB, and the TTFs as base64 alone were more.
 */
export const printFontFiles = {
  sans: 'LiberationSans-Regular.woff2',
  sansBold: 'LiberationSans-Bold.woff2',
  sansItalic: 'LiberationSans-Italic.woff2',
  mono: 'LiberationMono-Regular.woff2',
} as const;

export type PrintFace = keyof typeof printFontFiles;

// Beside the bundle (dist/main/fonts, where build-main copies them), else the repository's assets when running
// from source (tsx, tests, the browser host). The same rule db/open.ts follows for its migrations.
const candidates = [new URL('./fonts/', import.meta.url), new URL('../../../assets/fonts/', import.meta.url)];

function fontsFolder(): string {
  for (const candidate of candidates) {
    const folder = fileURLToPath(candidate);
    if (existsSync(`${folder}${documentFontFiles.sans}`)) return folder;
  }
  throw new Error(`The document fonts are missing (looked in ${candidates.map((url) => fileURLToPath(url)).join(', ')})`);
}

const loaded = new Map<string, Buffer>();

function fontFile(file: string): Buffer {
  let bytes = loaded.get(file);
  if (!bytes) {
    bytes = readFileSync(`${fontsFolder()}${file}`);
    loaded.set(file, bytes);
  }
  return bytes;
}

/** The bytes of one face as TrueType, read once per process. */
export const documentFont = (face: DocumentFace): Buffer => fontFile(documentFontFiles[face]);

/**
 * The monochrome emoji face, Noto Emoji (SIL OFL 1.1, from @fontsource/noto-emoji 5.3.2, weight 400), in the
 * pieces its publisher cut it into by Unicode range (assets/fonts/noto-emoji, `ranges.json` from their CSS).
 * Each piece keeps the ligatures of its range (flags, skin tones, ZWJ sequences).
 */
export interface EmojiPiece {
  file: string;
  ranges: [number, number][];
}

let emojiPieces: EmojiPiece[] | undefined;

export function emojiRanges(): EmojiPiece[] {
  emojiPieces ??= JSON.parse(fontFile('noto-emoji/ranges.json').toString('utf8')) as EmojiPiece[];
  return emojiPieces;
}

/**
 * The bytes of one piece of the emoji face for PDFKit: the same piece as WOFF (1.0). fontkit renders WOFF2 but
 * cannot subset it (its glyf table is stored transformed), and PDFKit embeds subsets only.
 */
export const emojiFont = (file: string): Buffer => fontFile(`noto-emoji/${file.replace(/\.woff2$/, '.woff')}`);

/** The pieces of the emoji face that hold a character of `text` from U+2000 on (below it, Liberation has them all). */
export function emojiPiecesFor(text: string): EmojiPiece[] {
  const wanted = new Set<number>();
  for (const character of text) {
    const codePoint = character.codePointAt(0) ?? 0;
    if (codePoint >= 0x2000) wanted.add(codePoint);
  }
  if (wanted.size === 0) return [];
  return emojiRanges().filter((piece) => [...wanted].some((codePoint) => piece.ranges.some(([from, to]) => codePoint >= from && codePoint <= to)));
}

const unicodeRange = (ranges: [number, number][]): string =>
  ranges.map(([from, to]) => (from === to ? `U+${from.toString(16)}` : `U+${from.toString(16)}-${to.toString(16)}`)).join(',');

/** The print document's faces as base64 WOFF2, for its `@font-face` rules; the emoji pieces `text` needs. */
export function printFontsBase64(text = ''): Record<PrintFace, string> & { emoji: { data: string; unicodeRange: string }[] } {
  const faces = Object.keys(printFontFiles) as PrintFace[];
  const base = Object.fromEntries(faces.map((face) => [face, fontFile(printFontFiles[face]).toString('base64')])) as Record<PrintFace, string>;
  const emoji = emojiPiecesFor(text).map((piece) => ({ data: fontFile(`noto-emoji/${piece.file}`).toString('base64'), unicodeRange: unicodeRange(piece.ranges) }));
  return { ...base, emoji };
}
