import type PDFDocument from 'pdfkit';
import { splitHidden } from '../../../shared/visible-text';
import { documentToken } from '../../../shared/briefing-html/escape';
import { syllablesOf, type HyphenationLanguage } from '../../../shared/hyphenation';
import { emojiRanges, type DocumentFace } from './fonts';

/**
 * Rich text set in lines for PDFKit: runs of styled text are broken into lines by measuring words with the
 * embedded fonts, the way the print stylesheet breaks them (`overflow-wrap: anywhere`: at spaces, and inside a
 * word only when it does not fit a line on its own). Measuring and drawing are separate, so the same lines
 * serve the pass that counts pages and the pass that draws them.
 */

/** A text face, or a piece of the emoji face by its index in `emojiRanges()`. */
export type Face = Exclude<DocumentFace, 'sansBoldItalic'> | `emoji${number}`;

export interface Style {
  face: Face;
  size: number;
  color: string;
  /** A thin frame around the run: a tag, or the token of a hidden character. */
  boxed?: boolean;
}

export interface Run {
  text: string;
  style: Style;
}

export interface Piece {
  text: string;
  style: Style;
  x: number;
  width: number;
}

export interface Line {
  pieces: Piece[];
  /** The largest font size on the line; the line box is that times `lineHeightFactor`. */
  size: number;
  height: number;
}

/** What measuring needs of a font: PDFKit's embedded font, whose per-word layout cache makes repeats cheap. */
export interface MeasuringFont {
  widthOfString(text: string, size: number): number;
  layoutCache?: Record<string, unknown>;
}

export const lineHeightFactor = 1.25;
/** Room left at the end of each line for what kerning may add to an unkerned measure (see `TextSetter.width`). */
const kerningRoom = 1;
const boxPadding = 1;

/** Tabs as spaces (a cell has no tab stops); everything else as written. */
const plain = (text: string) => text.replace(/\t/g, '    ');

/** An emoji with what joins it: modifiers, variation selectors, ZWJ sequences, flags and keycaps. */
const emojiCluster =
  /(?:\p{Extended_Pictographic}|\p{Regional_Indicator})(?:[\u{1F3FB}-\u{1F3FF}]|\uFE0F|\u20E3|\u200D(?:\p{Extended_Pictographic}|\p{Regional_Indicator})|\p{Regional_Indicator})*/gu;

/** The piece of the emoji face that holds every character of `cluster` (its ligature then forms), else null. */
function emojiPieceOf(cluster: string): number | null {
  const codePoints = [...cluster].map((character) => character.codePointAt(0) ?? 0);
  const index = emojiRanges().findIndex((piece) => codePoints.every((codePoint) => piece.ranges.some(([from, to]) => codePoint >= from && codePoint <= to)));
  return index === -1 ? null : index;
}

/**
 * Text with its emoji in the shipped emoji face, as the print stylesheet's font list does it: Liberation has no
 * emoji, and PDF/A forbids the missing-glyph box. A cluster no single piece holds is set character by character.
 */
function withEmoji(text: string, style: Style): Run[] {
  const runs: Run[] = [];
  let at = 0;
  for (const match of text.matchAll(emojiCluster)) {
    if (match.index > at) runs.push({ text: text.slice(at, match.index), style });
    const piece = emojiPieceOf(match[0]);
    if (piece !== null) runs.push({ text: match[0], style: { ...style, face: `emoji${piece}` } });
    else {
      for (const character of match[0]) {
        const single = emojiPieceOf(character);
        runs.push({ text: character, style: single === null ? style : { ...style, face: `emoji${single}` } });
      }
    }
    at = match.index + match[0].length;
  }
  if (at < text.length) runs.push({ text: text.slice(at), style });
  return runs;
}

/** A user's text: hidden characters as a boxed token in the monospaced face, as `.ctl` prints them; emoji in the emoji face. */
export function userRuns(text: string, style: Style): Run[] {
  return splitHidden(text).flatMap((part) =>
    part.hidden
      ? [{ text: documentToken(part.text), style: { face: 'mono' as const, size: style.size * 0.85, color: style.color, boxed: true } }]
      : withEmoji(plain(part.text), style),
  );
}

/** Words remembered before the caches are emptied: common words stay measured, memory stays flat. */
const wordsRemembered = 100_000;

export class TextSetter {
  /** Widths at size 1 by face, of words and of single characters. */
  private readonly words = new Map<Face, Map<string, number>>();
  private readonly characters = new Map<Face, Map<string, number>>();

  /**
   * `fontOf` opens a face the first time it is asked for (the emoji pieces only when a text has an emoji);
   * `language` says where a word too long for its column may break.
   */
  constructor(
    private readonly fontOf: (face: Face) => MeasuringFont,
    private readonly language: HyphenationLanguage = 'nl',
  ) {}

  /**
   * A word wider than its column: broken where the language hyphenates it, with a hyphen at each break, as the
   * print stylesheet's soft hyphens do ("Communicatie-" / "adviseur", never "Communicatiead" / "viseur"); a piece
   * between two break points that is itself too wide is broken by character.
   */
  private breakWord(word: string, style: Style, width: number, used: () => number, breakLine: () => void, add: (text: string, style: Style, advance: number) => void): void {
    const pieces = syllablesOf(word, this.language);
    const hyphen = this.width('-', style);
    let line = '';
    const flush = (last: boolean) => {
      if (line === '') return;
      const text = last ? line : `${line}-`;
      add(text, style, this.width(line, style) + (last ? 0 : hyphen));
      line = '';
    };
    pieces.forEach((piece, index) => {
      const tail = index === pieces.length - 1 ? 0 : hyphen;
      if (this.width(line + piece, style) + tail <= width - used()) {
        line += piece;
        return;
      }
      if (line !== '') {
        flush(false);
        breakLine();
      } else if (used() > 0) {
        breakLine();
      }
      if (this.width(piece, style) + tail <= width - used()) {
        line = piece;
        return;
      }
      // A piece wider than the whole column: by character, as before.
      for (const character of piece) {
        const advance = this.width(character, style);
        if (used() > 0 && used() + advance > width) breakLine();
        add(character, style, advance);
      }
    });
    flush(true);
  }

  private mapOf(maps: Map<Face, Map<string, number>>, face: Face): Map<string, number> {
    let map = maps.get(face);
    if (!map) {
      map = new Map();
      maps.set(face, map);
    }
    return map;
  }

  /**
   * The advance of a text: the sum of its characters' advances, without kerning. Shaping each new word with
   * fontkit, as PDFKit does to draw it, made measuring the slowest part of the log. Kerning in these faces
   * narrows pairs by up to 0.13 em and widens a few (r’, f’) by at most 0.04 em, so `lines` keeps a point of room.
   */
  width(text: string, style: Style): number {
    const known = this.mapOf(this.words, style.face);
    let width = known.get(text);
    if (width === undefined) {
      const characters = this.mapOf(this.characters, style.face);
      const font = this.fontOf(style.face);
      width = 0;
      // An emoji cluster is one glyph once shaped (a skin tone, a flag, a ZWJ family): measured as drawn.
      if (style.face.startsWith('emoji')) {
        width = font.widthOfString(text, 1);
      } else {
        for (const character of text) {
          let advance = characters.get(character);
          if (advance === undefined) {
            advance = font.widthOfString(character, 1);
            characters.set(character, advance);
          }
          width += advance;
        }
      }
      known.set(text, width);
    }
    return width * style.size;
  }

  /**
   * Between batches: forgets the words seen so far once there are many, here and in PDFKit, which keeps every
   * word it has shaped for drawing; over a 100,000-entry log that would be most of the log.
   */
  forgetWords(): void {
    const count = [...this.words.values()].reduce((sum, map) => sum + map.size, 0);
    if (count < wordsRemembered) return;
    for (const [face, map] of this.words) {
      map.clear();
      const font = this.fontOf(face);
      if (font.layoutCache) font.layoutCache = Object.create(null) as Record<string, unknown>;
    }
  }

  /** Breaks runs into lines no wider than `width`; `\n` starts a new line. */
  lines(runs: readonly Run[], cellWidth: number, baseSize: number): Line[] {
    const width = cellWidth - kerningRoom;
    const lines: Line[] = [];
    let pieces: Piece[] = [];
    let used = 0;
    let tallest = baseSize;
    const breakLine = () => {
      lines.push({ pieces, size: tallest, height: tallest * lineHeightFactor });
      pieces = [];
      used = 0;
      tallest = baseSize;
    };
    const add = (text: string, style: Style, advance: number) => {
      const last = pieces.at(-1);
      if (last && last.style === style && !style.boxed) {
        last.text += text;
        last.width += advance;
      } else {
        pieces.push({ text, style, x: used, width: advance });
      }
      used += advance;
      tallest = Math.max(tallest, style.size);
    };
    for (const run of runs) {
      const { style } = run;
      if (style.boxed) {
        const advance = this.width(run.text, style) + 2 * boxPadding;
        if (used > 0 && used + advance > width) breakLine();
        add(run.text, style, advance);
        continue;
      }
      run.text.split('\n').forEach((paragraph, index) => {
        if (index > 0) breakLine();
        // Words with their one trailing space, the unit PDFKit lays out and caches, so measured is drawn.
        for (const chunk of paragraph.match(/[^ ]+ ?| /g) ?? []) {
          const word = chunk.endsWith(' ') ? chunk.slice(0, -1) : chunk;
          const wordWidth = word === '' ? 0 : this.width(word, style);
          if (used + wordWidth <= width || word === '') {
            add(chunk, style, chunk === word ? wordWidth : this.width(chunk, style));
          } else if (wordWidth <= width) {
            breakLine();
            add(chunk, style, chunk === word ? wordWidth : this.width(chunk, style));
          } else {
            this.breakWord(word, style, width, () => used, breakLine, add);
            if (chunk !== word) add(' ', style, this.width(' ', style));
          }
        }
      });
    }
    // A closing line break starts no line of its own, as a <br> at the end of a block does not.
    if (pieces.length > 0 || lines.length === 0) breakLine();
    return lines;
  }
}

/** Draws set lines with PDFKit; tracks font and colour so each change is written once. */
export class LinePainter {
  private face: Face | null = null;
  private size = 0;
  private color = '';

  /**
   * PDFKit's own step that writes one run of text at a point. `doc.text` gets there too, but lays each line out
   * twice more on the way only to measure it, which was a third of the time of drawing a log.
   */
  private readonly fragment: (text: string, x: number, y: number, options: { textWidth: number; wordCount: number }) => void;

  constructor(
    private readonly doc: PDFKit.PDFDocument,
    private readonly ascent: (face: Face) => number,
  ) {
    const internals = doc as unknown as { _fragment: LinePainter['fragment'] };
    this.fragment = internals._fragment.bind(doc);
  }

  /** Forgets the current font and colour: a new page starts without them. */
  reset(): void {
    this.face = null;
    this.size = 0;
    this.color = '';
  }

  private use(style: Style): void {
    if (style.face !== this.face) {
      this.doc.font(style.face);
      this.face = style.face;
      this.size = 0;
    }
    if (style.size !== this.size) {
      this.doc.fontSize(style.size);
      this.size = style.size;
    }
    if (style.color !== this.color) {
      this.doc.fillColor(style.color);
      this.color = style.color;
    }
  }

  line(line: Line, x: number, top: number): void {
    for (const piece of line.pieces) {
      const { style } = piece;
      // Every piece sits on the line's baseline, with the half-leading above the largest size on the line.
      const baseline = top + (line.height - line.size) / 2 + this.ascent('sans') * line.size;
      const y = baseline - this.ascent(style.face) * style.size;
      this.use(style);
      if (style.boxed) {
        this.doc.save().lineWidth(0.5).strokeColor(style.color)
          .rect(x + piece.x, y - 0.5, piece.width, style.size * 1.15 + 1).stroke().restore();
        this.fragment(piece.text, x + piece.x + boxPadding, y, { textWidth: piece.width, wordCount: 1 });
      } else {
        this.fragment(piece.text.trimEnd(), x + piece.x, y, { textWidth: piece.width, wordCount: 1 });
      }
    }
  }
}

export type PdfDoc = InstanceType<typeof PDFDocument>;
