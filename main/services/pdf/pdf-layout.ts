import type PDFDocument from 'pdfkit';
import { splitHidden } from '../../../shared/visible-text';
import { documentToken } from '../../../shared/briefing-html/escape';
import type { DocumentFace } from './fonts';

/**
 * Rich text set in lines for PDFKit: runs of styled text are broken into lines by measuring words with the
 * embedded fonts, the way the print stylesheet breaks them (`overflow-wrap: anywhere`: at spaces, and inside a
 * word only when it does not fit a line on its own). Measuring and drawing are separate, so the same lines
 * serve the pass that counts pages and the pass that draws them.
 */

export type Face = Exclude<DocumentFace, 'sansBoldItalic'>;

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
const boxPadding = 1;

/** Tabs as spaces (a cell has no tab stops); everything else as written. */
const plain = (text: string) => text.replace(/\t/g, '    ');

/** A user's text: hidden characters as a boxed token in the monospaced face, as `.ctl` prints them. */
export function userRuns(text: string, style: Style): Run[] {
  return splitHidden(text).map((part) =>
    part.hidden
      ? { text: documentToken(part.text), style: { face: 'mono', size: style.size * 0.85, color: style.color, boxed: true } }
      : { text: plain(part.text), style },
  );
}

/** Words measured before PDFKit's layout caches are emptied: enough to keep common words laid out once. */
const wordsRemembered = 200_000;

export class TextSetter {
  private measured = 0;

  constructor(private readonly fonts: Record<Face, MeasuringFont>) {}

  width(text: string, style: Style): number {
    this.measured += 1;
    return this.fonts[style.face].widthOfString(text, style.size);
  }

  /**
   * Between batches: forgets the words laid out so far once there are many. PDFKit keeps every word it has laid
   * out (shaping a word is the costly part of setting text), which over a 100,000-entry log would be most of the
   * log; emptying the caches now and then keeps memory flat while common words stay cheap.
   */
  forgetWords(): void {
    if (this.measured < wordsRemembered) return;
    this.measured = 0;
    for (const font of Object.values(this.fonts)) if (font.layoutCache) font.layoutCache = Object.create(null) as Record<string, unknown>;
  }

  /** Breaks runs into lines no wider than `width`; `\n` starts a new line. */
  lines(runs: readonly Run[], width: number, baseSize: number): Line[] {
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
            for (const character of word) {
              const advance = this.width(character, style);
              if (used > 0 && used + advance > width) breakLine();
              add(character, style, advance);
            }
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

  constructor(
    private readonly doc: PDFKit.PDFDocument,
    private readonly ascent: Record<Face, number>,
  ) {}

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
      const baseline = top + (line.height - line.size) / 2 + this.ascent.sans * line.size;
      const y = baseline - this.ascent[style.face] * style.size;
      this.use(style);
      if (style.boxed) {
        this.doc.save().lineWidth(0.5).strokeColor(style.color)
          .rect(x + piece.x, y - 0.5, piece.width, style.size * 1.15 + 1).stroke().restore();
        this.doc.text(piece.text, x + piece.x + boxPadding, y, { lineBreak: false });
      } else {
        this.doc.text(piece.text.trimEnd(), x + piece.x, y, { lineBreak: false });
      }
    }
  }
}

export type PdfDoc = InstanceType<typeof PDFDocument>;
