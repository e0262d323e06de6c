import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type BuildOptions } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { documentFontFiles, emojiPiecesFor, emojiRanges, printFontFiles } from '../../main/services/pdf/fonts';

/**
 * The fonts both PDFs embed are the app's own files: the shipped faces and their licence, copied beside the
 * main bundle by the build, and found there by a bundled main process that has no repository around it.
 */

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const { copyBesideBundle, workerBuildOptions } = (await import(new URL('../../scripts/build-main.js', import.meta.url).href)) as {
  copyBesideBundle(dir: string): Promise<void>;
  workerBuildOptions(): BuildOptions;
};
// PDFKit's font library, which reads the faces when they are embedded.
const fontkitModule: string = 'fontkit';
const fontkit = (await import(fontkitModule)) as { create(bytes: Buffer): { version: string; familyName: string; hasGlyphForCodePoint(codePoint: number): boolean } };
const fontsDir = join(repoRoot, 'assets', 'fonts');
const dir = mkdtempSync(join(tmpdir(), 'ordelog-fonts-'));

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A bundled program, built as the shell is, that writes a one-entry log PDF and prints it as base64. */
const probe = `
import { writeLogPdf } from './main/services/pdf/log-pdf';
const at = '2026-03-29T10:00:00.000Z';
const head = {
  kind: 'logboek', locale: 'nl', redacted: false, generatedAt: at, generatedByName: 'Joost de Vries',
  case: { id: 'c1', reference: 'DOSSIER-C1', title: 'Proef', municipality: null, classification: 'intern', status: 'open', contentClass: 'onbekend', phaseName: 'Nafase' },
  fingerprint: { entries: 1, headHash: 'a'.repeat(64) }, evidence: [], phaseHistory: [],
};
const entry = { seq: 1, type: 'notitie', occurredAt: at, recordedAt: at, authorName: 'Joost de Vries', text: 'Eén regel, € 12', source: null,
  grading: null, phaseName: 'Nafase', personalData: false, redacted: false, correctsSeq: null, correctedBySeqs: [], signal: null };
const written = await writeLogPdf(
  { head, batches: () => [[entry]], metadata: { title: 'Proef', author: 'Joost de Vries', subject: '', keywords: '', createdAt: new Date(at) } },
  { signal: new AbortController().signal, progress: () => undefined },
);
process.stdout.write(written.pdf.toString('base64'));
`;

describe('the document fonts', () => {
  it('are Liberation Sans and Mono 2.1.5 (TrueType for PDFKit, WOFF2 for the print page) with the SIL Open Font License', () => {
    expect(readdirSync(fontsDir).sort()).toEqual(
      [...Object.values(documentFontFiles), ...Object.values(printFontFiles), 'LICENSE-Liberation.txt', 'LICENSE-NotoEmoji.txt', 'noto-emoji'].sort(),
    );
    for (const file of [...Object.values(documentFontFiles), ...Object.values(printFontFiles)]) {
      const font = fontkit.create(readFileSync(join(fontsDir, file)));
      expect(font.version, file).toMatch(/^Version 2\.1\.5/);
      expect(font.familyName, file).toMatch(/^Liberation (Sans|Mono)$/);
    }
    const licence = readFileSync(join(fontsDir, 'LICENSE-Liberation.txt'), 'utf8');
    expect(licence).toContain('SIL OPEN FONT LICENSE Version 1.1');
    expect(licence).toContain('Reserved Font Name Liberation');
  });

  it('include Noto Emoji in the pieces its publisher cut by Unicode range, each as WOFF2 (print page) and WOFF (PDFKit)', () => {
    const pieces = emojiRanges();
    expect(pieces.length).toBe(11);
    const files = readdirSync(join(fontsDir, 'noto-emoji')).sort();
    expect(files).toEqual([...pieces.flatMap((piece) => [piece.file, piece.file.replace(/\.woff2$/, '.woff')]), 'ranges.json'].sort());
    for (const piece of pieces) {
      for (const file of [piece.file, piece.file.replace(/\.woff2$/, '.woff')]) {
        const font = fontkit.create(readFileSync(join(fontsDir, 'noto-emoji', file)));
        expect(font.familyName, file).toBe('Noto Emoji');
        // Every range the piece claims has its glyph there (the first code point of each, as a sample).
        for (const [from] of piece.ranges) {
          if (from >= 0x2000 && from !== 0x200d && from !== 0xfe0f) expect(font.hasGlyphForCodePoint(from), `${file} U+${from.toString(16)}`).toBe(true);
        }
      }
    }
    expect(emojiPiecesFor('Duim omhoog 👍🏽 en vlag 🇳🇱').map((piece) => piece.file).sort()).toEqual(['NotoEmoji-0.woff2', 'NotoEmoji-8.woff2', 'NotoEmoji-9.woff2']);
    expect(emojiPiecesFor('Geen emoji, wel “aanhalingstekens” – en een streep')).toEqual([]);
    const licence = readFileSync(join(fontsDir, 'LICENSE-NotoEmoji.txt'), 'utf8');
    expect(licence).toContain('SIL Open Font License, Version 1.1');
  });

  it('are found beside the bundled vault worker, which embeds them and nothing else in the log PDF', async () => {
    const bundle = join(dir, 'probe.mjs');
    // The vault worker writes the log PDF in the app.
    const shell = workerBuildOptions();
    await build({
      ...shell,
      entryPoints: undefined,
      outdir: undefined,
      outExtension: undefined,
      sourcemap: false,
      stdin: { contents: probe, resolveDir: repoRoot, sourcefile: 'probe.ts', loader: 'ts' },
      outfile: bundle,
      external: [],
    });
    // Without the copy the bundle finds no fonts: nothing leads it back to the repository's assets.
    expect(() => execFileSync(process.execPath, [bundle], { stdio: 'pipe' })).toThrow(/document fonts are missing/);
    await copyBesideBundle(dir);
    const pdf = join(dir, 'probe.pdf');
    writeFileSync(pdf, Buffer.from(execFileSync(process.execPath, [bundle], { encoding: 'utf8' }), 'base64'));
    const fonts = execFileSync('pdffonts', [pdf], { encoding: 'utf8' }).split('\n').slice(2).filter((line) => line.trim() !== '');
    expect(fonts.length).toBeGreaterThan(0);
    for (const line of fonts) expect(line).toMatch(/^[A-Z]{6}\+Liberation(Sans|Mono)\S*\s.*\byes\s+yes\s+yes\s/);
    expect(execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' })).toContain('Eén regel, € 12');
  }, 60_000);
});
