import type { Line, LinePainter, PdfDoc, Run, TextSetter } from './pdf-layout';

/**
 * Pages and tables for the streaming PDF writer. A flow runs twice over the same content: once without a
 * document, only counting pages, and once drawing them, so every page can say "pagina X van Y" although no page
 * is kept once it is written. Both runs take the same decisions from the same measurements.
 */

const mm = (value: number) => (value * 72) / 25.4;

/** A4 landscape, and the print stylesheet's margins (`printMargins`), in points. */
export const pageBox = { width: 841.89, height: 595.28 } as const;
export const margins = { top: mm(22), right: mm(18), bottom: mm(18), left: mm(18) } as const;
export const contentLeft = margins.left;
export const contentWidth = pageBox.width - margins.left - margins.right;
const contentTop = margins.top;
const contentBottom = pageBox.height - margins.bottom;

export { mm };

/** A paragraph of a cell: its runs, the size its empty lines take, and the space above it. */
export interface Block {
  runs: Run[];
  size: number;
  marginTop?: number;
}

export interface TableStyle {
  padX: number;
  padY: number;
  /** `log`: a hairline under each row (the dense log table); `grid`: every cell framed. */
  rules: 'log' | 'grid';
  borderColor: string;
  borderWidth: number;
}

export interface Column {
  width: number;
}

interface SetLine {
  line: Line;
  top: number;
}

interface SetCell {
  lines: SetLine[];
  height: number;
}

export interface SetRow {
  /** One cell per column, or one cell across the table. */
  cells: SetCell[];
  fill: string | null;
  fullWidth: boolean;
}

export class Flow {
  page = 0;
  y = contentTop;
  private repeatedHead: SetRow | null = null;
  private tableColumns: readonly Column[] = [];
  private tableStyle: TableStyle | null = null;

  constructor(
    readonly setter: TextSetter,
    /** Null while counting pages. */
    private readonly doc: PdfDoc | null,
    private readonly painter: LinePainter | null,
    /** Draws the running header and footer of a page (drawing run only). */
    private readonly decorate: (page: number) => void,
  ) {}

  get drawing(): boolean {
    return this.doc !== null;
  }

  private get bodyTop(): number {
    return contentTop + (this.repeatedHead && this.tableStyle ? this.rowHeight(this.repeatedHead, this.tableStyle) : 0);
  }

  newPage(): void {
    this.page += 1;
    if (this.doc) {
      this.doc.addPage({ size: 'A4', layout: 'landscape', margin: 0 });
      this.painter!.reset();
      this.decorate(this.page);
    }
    this.y = contentTop;
    if (this.repeatedHead && this.tableStyle) this.placeNow(this.repeatedHead, this.tableStyle);
  }

  /** Moves to a new page unless `height` fits below, or the page holds nothing yet that could move. */
  keep(height: number): void {
    if (this.y + height > contentBottom + 0.01 && this.y > this.bodyTop + 0.01) this.newPage();
  }

  /** Sets blocks into lines `width` wide. */
  setCell(blocks: readonly Block[], width: number): SetCell {
    const lines: SetLine[] = [];
    let top = 0;
    for (const block of blocks) {
      top += block.marginTop ?? 0;
      for (const line of this.setter.lines(block.runs, width, block.size)) {
        lines.push({ line, top });
        top += line.height;
      }
    }
    return { lines, height: top };
  }

  setRow(cells: readonly (readonly Block[])[], style: TableStyle, columns: readonly Column[], fill: string | null = null): SetRow {
    const fullWidth = cells.length === 1 && columns.length > 1;
    const widths = fullWidth ? [contentWidth] : columns.map((column) => column.width);
    return {
      cells: cells.map((blocks, index) => this.setCell(blocks, (widths[index] ?? 0) - 2 * style.padX)),
      fill,
      fullWidth,
    };
  }

  rowHeight(row: SetRow, style: TableStyle): number {
    return Math.max(0, ...row.cells.map((cell) => cell.height)) + 2 * style.padY;
  }

  /** Starts a table whose head row repeats at the top of every page it runs onto. */
  beginTable(head: SetRow, style: TableStyle, columns: readonly Column[], keepWith: number): void {
    this.tableColumns = columns;
    this.tableStyle = style;
    this.keep(this.rowHeight(head, style) + keepWith);
    this.placeNow(head, style);
    this.repeatedHead = head;
  }

  endTable(): void {
    this.repeatedHead = null;
    this.tableStyle = null;
  }

  /** Rows that stay on one page together (a phase band and its first entry; an evidence file and its hash). */
  placeTogether(rows: readonly SetRow[], style: TableStyle): void {
    const height = rows.reduce((sum, row) => sum + this.rowHeight(row, style), 0);
    if (height <= contentBottom - this.bodyTop) this.keep(height);
    for (const row of rows) this.place(row, style);
  }

  /** A row on the page it fits, or split across pages when it is taller than a page. */
  place(row: SetRow, style: TableStyle): void {
    let rest = row;
    for (;;) {
      const height = this.rowHeight(rest, style);
      if (this.y + height <= contentBottom + 0.01) {
        this.placeNow(rest, style);
        return;
      }
      // Kept whole where it can be: a row that does not fit starts the next page, as `break-inside: avoid` does.
      if (this.y > this.bodyTop + 0.01) {
        this.newPage();
        continue;
      }
      const room = contentBottom - this.y - 2 * style.padY;
      const head: SetRow = { ...rest, cells: rest.cells.map((cell) => cutCell(cell, room).head) };
      const tail: SetRow = { ...rest, cells: rest.cells.map((cell) => cutCell(cell, room).tail) };
      this.placeNow(head, style, contentBottom - this.y);
      this.newPage();
      rest = tail;
    }
  }

  /** Text outside tables (headings, the title block): lines `width` wide at `x`, moving to a new page as needed. */
  paragraph(blocks: readonly Block[], options: { x?: number; width?: number; keepWith?: number } = {}): number {
    const cell = this.setCell(blocks, options.width ?? contentWidth);
    this.keep(cell.height + (options.keepWith ?? 0));
    const top = this.y;
    if (this.painter) for (const { line, top: offset } of cell.lines) this.painter.line(line, options.x ?? contentLeft, top + offset);
    this.y += cell.height;
    return top;
  }

  rule(width: number, color: string, gap = 0): void {
    if (this.doc) {
      const y = this.y + gap + width / 2;
      this.doc.save().lineWidth(width).strokeColor(color).moveTo(contentLeft, y).lineTo(contentLeft + contentWidth, y).stroke().restore();
    }
    this.y += gap + width;
  }

  space(height: number): void {
    this.y = Math.min(this.y + height, contentBottom);
  }

  private placeNow(row: SetRow, style: TableStyle, forcedHeight?: number): void {
    const height = forcedHeight ?? this.rowHeight(row, style);
    if (this.doc && this.painter) {
      const doc = this.doc;
      const widths = row.fullWidth ? [contentWidth] : this.tableColumns.map((column) => column.width);
      if (row.fill) doc.save().rect(contentLeft, this.y, contentWidth, height).fill(row.fill).restore();
      doc.save().lineWidth(style.borderWidth).strokeColor(style.borderColor);
      if (style.rules === 'log') {
        doc.moveTo(contentLeft, this.y + height).lineTo(contentLeft + contentWidth, this.y + height).stroke();
      } else {
        let x = contentLeft;
        for (const width of widths) {
          doc.rect(x, this.y, width, height).stroke();
          x += width;
        }
      }
      doc.restore();
      this.painter.reset();
      let x = contentLeft;
      row.cells.forEach((cell, index) => {
        for (const { line, top } of cell.lines) this.painter!.line(line, x + style.padX, this.y + style.padY + top);
        x += widths[index] ?? 0;
      });
    }
    this.y += height;
  }
}

function cutCell(cell: SetCell, room: number): { head: SetCell; tail: SetCell } {
  const head = cell.lines.filter((item) => item.top + item.line.height <= room + 0.01);
  const tail = cell.lines.slice(head.length);
  const shift = tail[0]?.top ?? 0;
  return {
    head: { lines: head, height: head.reduce((end, item) => Math.max(end, item.top + item.line.height), 0) },
    tail: { lines: tail.map((item) => ({ line: item.line, top: item.top - shift })), height: Math.max(0, cell.height - shift) },
  };
}

