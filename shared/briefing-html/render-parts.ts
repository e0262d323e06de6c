import type { DocumentLocale, ExportDocument } from '../briefing';
import { formatDocumentDateTime } from '../time';
import { withSoftHyphens } from '../hyphenation';
import { escapeHtml, visibleText } from './escape';
import { labels, type Labels } from './labels';

/**
 * Small markup builders shared by the briefing and the log export. Naming rule: a parameter called `text` is
 * plain text and is escaped here; a parameter called `html` is markup built by these functions.
 */

export interface RenderContext {
  words: Labels;
  locale: DocumentLocale;
  /** The whole document is the redacted version. */
  redacted: boolean;
}

export function contextOf(doc: ExportDocument): RenderContext {
  return { words: labels[doc.locale], locale: doc.locale, redacted: doc.redacted };
}

/** One of our own words. */
export const label = (text: string): string => escapeHtml(text);

/** Something a user wrote, inline; isolated so right-to-left text cannot reorder what is around it. */
export const userText = (text: string): string => `<span class="ut">${visibleText(text)}</span>`;

/** Something a user wrote, in a narrow column: long words break where Dutch (or English) breaks them. */
export const cellText = (text: string, ctx: RenderContext): string => `<span class="ut">${visibleText(text, ctx.locale)}</span>`;

/** A user's text, or a dash when there is none. */
export const optionalText = (text: string | null, ctx: RenderContext): string =>
  text === null || text.trim() === '' ? label(ctx.words.empty.none) : cellText(text, ctx);

/** One of our own words in a narrow column, with the same break points. */
export const cellLabel = (text: string, ctx: RenderContext): string => label(withSoftHyphens(text, ctx.locale));

/** A user's multi-line text as a block, or the sentence that says it is empty. */
export function userBlock(text: string, emptyText: string): string {
  return text.trim() === '' ? emptyNote(emptyText) : `<div class="ut block">${visibleText(text)}</div>`;
}

export const emptyNote = (text: string): string => `<p class="empty">${label(text)}</p>`;

export const redactedMarker = (ctx: RenderContext): string =>
  `<span class="marker">${label(ctx.words.redactedMarker)}</span>`;

export const hash = (text: string): string => `<span class="hash">${visibleText(text)}</span>`;

export const url = (text: string): string => `<span class="url">${visibleText(text)}</span>`;

export const time = (iso: string, ctx: RenderContext): string => label(formatDocumentDateTime(iso, ctx.locale));

export const optionalTime = (iso: string | null, ctx: RenderContext): string =>
  iso === null ? label(ctx.words.empty.none) : time(iso, ctx);

export const num = (value: number): string => label(String(value));

export const warning = (text: string): string => `<strong class="warning">${label(text)}</strong>`;

export const tag = (text: string): string => `<span class="tag">${label(text)}</span>`;

export const muted = (html: string): string => `<span class="muted">${html}</span>`;

export function section(className: string, title: string, bodyHtml: string): string {
  return `<section class="${className}"><h2>${label(title)}</h2>${bodyHtml}</section>`;
}

export const subsection = (title: string, bodyHtml: string): string => `<h3>${label(title)}</h3>${bodyHtml}`;

/** A definition list of facts; rows whose value is null are left out. */
export function facts(rows: ReadonlyArray<readonly [string, string | null]>): string {
  const items = rows
    .filter((row): row is readonly [string, string] => row[1] !== null)
    .map(([term, valueHtml]) => `<dt>${label(term)}</dt><dd>${valueHtml}</dd>`);
  return `<dl class="facts">${items.join('')}</dl>`;
}

export interface Column {
  title: string;
  /** A width class from the stylesheet (`w-time`, ...); the column without one takes the rest. */
  width?: string;
}

function tableHead(columns: readonly Column[]): string {
  const cells = columns.map((column) => {
    const attribute = column.width ? ` class="${column.width}"` : '';
    return `<th scope="col"${attribute}>${label(column.title)}</th>`;
  });
  return `<thead><tr>${cells.join('')}</tr></thead>`;
}

/** One table row of cell markup; `className` is one of the stylesheet's row classes. */
export function row(cells: readonly string[], className?: string): string {
  const attribute = className ? ` class="${className}"` : '';
  return `<tr${attribute}>${cells.map((cell) => `<td>${cell}</td>`).join('')}</tr>`;
}

/** A table of rows (each an array of cell markup), or the sentence that says there are none. */
export function table(columns: readonly Column[], rows: readonly (readonly string[])[], emptyText: string): string {
  if (rows.length === 0) return emptyNote(emptyText);
  const body = rows.map((cells) => row(cells));
  return `<table>${tableHead(columns)}<tbody>${body.join('')}</tbody></table>`;
}

/**
 * A table where each item is its own <tbody> of several rows, kept together on a page; a `long` one may break
 * between its paragraphs, so it starts under the table's head instead of leaving the head alone at the foot of a
 * page. `itemsHtml` are the inner rows of each tbody.
 */
export function groupedTable(
  columns: readonly Column[],
  itemsHtml: readonly (string | { rows: string; long: boolean })[],
  emptyText: string,
): string {
  if (itemsHtml.length === 0) return emptyNote(emptyText);
  const bodies = itemsHtml.map((item) =>
    typeof item === 'string' || !item.long ? `<tbody class="item">${typeof item === 'string' ? item : item.rows}</tbody>` : `<tbody class="item long">${item.rows}</tbody>`,
  );
  return `<table>${tableHead(columns)}${bodies.join('')}</table>`;
}

/** " · "-separated "term: value" pieces under an entry's text. */
export function details(pieces: ReadonlyArray<readonly [string, string]>): string {
  if (pieces.length === 0) return '';
  const items = pieces.map(([term, valueHtml]) => `<span>${label(term)}: ${valueHtml}</span>`);
  return `<div class="details">${items.join(' · ')}</div>`;
}

/** The partner a briefing's partner version is for, or null. */
export const partnerOf = (doc: ExportDocument): string | null => (doc.kind === 'briefing' ? doc.partner : null);

/** The classification and, for a redacted document, the redaction banner; a partner version says for whom. */
export function banners(doc: ExportDocument, ctx: RenderContext): string {
  const classification = `<p class="classification">${label(ctx.words.classifications[doc.case.classification])}</p>`;
  const redacted = doc.redacted ? `<p class="classification">${label(ctx.words.redactedVersion)}</p>` : '';
  const partner = partnerOf(doc);
  const forPartner = partner === null ? '' : `<p class="classification">${visibleText(ctx.words.partnerVersion(partner))}</p>`;
  return classification + redacted + forPartner;
}

/** "213 regels · laatste hash <full head hash>": what a reader checks against the log. */
export function fingerprint(doc: ExportDocument, ctx: RenderContext): string {
  const { entries, headHash } = doc.fingerprint;
  const front = ctx.words.front;
  return `${label(front.fingerprintEntries(entries))} · ${label(front.fingerprintHead)} ${hash(headHash)}`;
}

/** The facts every document opens with after its own (case, generation, fingerprint). */
export function commonFacts(doc: ExportDocument, ctx: RenderContext): Array<readonly [string, string | null]> {
  const front = ctx.words.front;
  return [
    [front.reference, userText(doc.case.reference)],
    [front.municipality, doc.case.municipality === null ? null : userText(doc.case.municipality)],
    [front.classification, label(ctx.words.classifications[doc.case.classification])],
    [front.caseStatus, label(ctx.words.caseStatuses[doc.case.status])],
    [front.currentPhase, userText(doc.case.phaseName)],
    [front.contentClass, label(ctx.words.contentClasses[doc.case.contentClass])],
  ];
}

export function generationFacts(doc: ExportDocument, ctx: RenderContext): Array<readonly [string, string]> {
  const front = ctx.words.front;
  const generated = front.generatedAtBy(formatDocumentDateTime(doc.generatedAt, ctx.locale), doc.generatedByName);
  return [
    [front.generated, userText(generated)],
    [front.fingerprint, fingerprint(doc, ctx)],
  ];
}

export function frontNotes(doc: ExportDocument, ctx: RenderContext): string {
  const redacted = doc.redacted ? `<p class="marker">${label(ctx.words.redactedNotice)}</p>` : '';
  return `<p class="muted">${label(ctx.words.front.timeZone)}</p>${redacted}`;
}

export function article(doc: ExportDocument, bodyHtml: string): string {
  return `<article class="ordelog-doc" lang="${doc.locale === 'en' ? 'en' : 'nl'}">${bodyHtml}</article>`;
}
