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

const loaded = new Map<DocumentFace, Buffer>();

/** The bytes of one face, read once per process. */
export function documentFont(face: DocumentFace): Buffer {
  let bytes = loaded.get(face);
  if (!bytes) {
    bytes = readFileSync(`${fontsFolder()}${documentFontFiles[face]}`);
    loaded.set(face, bytes);
  }
  return bytes;
}

/** Every face as base64, for the `@font-face` rules of the print document. */
export function documentFontsBase64(): Record<DocumentFace, string> {
  const faces = Object.keys(documentFontFiles) as DocumentFace[];
  return Object.fromEntries(faces.map((face) => [face, documentFont(face).toString('base64')])) as Record<DocumentFace, string>;
}
