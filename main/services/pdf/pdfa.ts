// Turns Chromium's printed PDF into one that carries what PDF/A-2b asks of the document level: XMP metadata
// with the PDF/A identification, an sRGB output intent, an Info dictionary that agrees with the XMP, and a
// trailer /ID. It appends an incremental update (ISO 32000-1, 7.5.6) instead of rewriting the file, so
// Chromium's bytes, offsets and streams stay exactly as printed; PDF/A-2 permits incremental updates.
//
// The parser below is deliberately small: it reads classic cross-reference tables and direct objects,
// which is what Chromium's Skia PDF backend writes, and refuses anything else loudly rather than guessing.

import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { documentTimeZone, wallClock } from '../../../shared/time';
import { srgbIccProfile } from './srgb-icc';

export interface PdfMetadata {
  title: string;
  author: string;
  subject: string;
  keywords: string;
  createdAt: Date;
  producer?: string;
  /**
   * The state of the case's log the document summarises ("<entries>:<headHash>") and the case's id, written as
   * XMP properties in Ordelog's own schema and as Info keys, where `verify-export` reads them back.
   */
  ordelog?: { fingerprint: string; caseId: string };
}

/** The XMP namespace of Ordelog's export properties, declared to PDF/A by an extension schema. */
export const ORDELOG_XMP_NAMESPACE = 'urn:ordelog:ns:export:1/';
/** Info dictionary keys holding the same values as the XMP properties. */
export const ORDELOG_INFO_KEYS = { fingerprint: 'OrdelogFingerprint', caseId: 'OrdelogCase' } as const;

const CREATOR_TOOL = 'Ordelog';
const PRODUCER_SUFFIX = 'Ordelog PDF/A-2b';
const OUTPUT_CONDITION = 'sRGB IEC61966-2.1';

// ---------------------------------------------------------------------------------------------------------
// Lexing and parsing

export type PdfValue =
  | { kind: 'dict'; entries: Map<string, DictEntry>; start: number; end: number }
  | { kind: 'array'; items: PdfValue[]; start: number; end: number }
  | { kind: 'name'; name: string; start: number; end: number }
  | { kind: 'number'; value: number; start: number; end: number }
  | { kind: 'ref'; num: number; gen: number; start: number; end: number }
  | { kind: 'string'; bytes: Buffer; start: number; end: number }
  | { kind: 'bool'; value: boolean; start: number; end: number }
  | { kind: 'null'; start: number; end: number };

/** Keeps the key's raw spelling next to the value so a rewritten dictionary can reuse both verbatim. */
interface DictEntry {
  rawKey: string;
  value: PdfValue;
}

const WHITESPACE = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);
const DELIMITERS = new Set('()<>[]{}/%'.split('').map((ch) => ch.charCodeAt(0)));

function isRegular(code: number): boolean {
  return !Number.isNaN(code) && !WHITESPACE.has(code) && !DELIMITERS.has(code);
}

class PdfSyntaxError extends Error {
  constructor(message: string, offset: number) {
    super(`PDF post-processing: ${message} at byte ${offset}`);
    this.name = 'PdfSyntaxError';
  }
}

/**
 * Reads PDF objects from the file as a latin1 string, so that string indices are byte offsets; that keeps
 * the cross-reference arithmetic exact without a byte-level tokenizer.
 */
class Reader {
  constructor(readonly src: string) {}

  skipSpace(pos: number): number {
    let i = pos;
    for (;;) {
      const code = this.src.charCodeAt(i);
      if (WHITESPACE.has(code)) {
        i++;
      } else if (code === 0x25 /* % */) {
        while (i < this.src.length && this.src[i] !== '\n' && this.src[i] !== '\r') i++;
      } else {
        return i;
      }
    }
  }

  private regularRun(pos: number): number {
    let i = pos;
    while (i < this.src.length && isRegular(this.src.charCodeAt(i))) i++;
    return i;
  }

  /** An unsigned integer token at `pos` (after whitespace), or null. */
  integerAt(pos: number): { value: number; end: number } | null {
    const start = this.skipSpace(pos);
    const end = this.regularRun(start);
    const token = this.src.slice(start, end);
    return /^\d+$/.test(token) ? { value: Number(token), end } : null;
  }

  keywordAt(pos: number, keyword: string): number | null {
    const start = this.skipSpace(pos);
    const end = this.regularRun(start);
    return this.src.slice(start, end) === keyword ? end : null;
  }

  parseValue(pos: number): PdfValue {
    const start = this.skipSpace(pos);
    const ch = this.src[start];
    if (ch === undefined) throw new PdfSyntaxError('unexpected end of file', start);
    if (ch === '<' && this.src[start + 1] === '<') return this.parseDict(start);
    if (ch === '<') return this.parseHexString(start);
    if (ch === '(') return this.parseLiteralString(start);
    if (ch === '[') return this.parseArray(start);
    if (ch === '/') {
      const end = this.regularRun(start + 1);
      const name = this.src.slice(start + 1, end).replace(/#([0-9a-fA-F]{2})/g, (_, hex: string) =>
        String.fromCharCode(parseInt(hex, 16)),
      );
      return { kind: 'name', name, start, end };
    }
    const end = this.regularRun(start);
    const token = this.src.slice(start, end);
    if (token === 'true' || token === 'false') return { kind: 'bool', value: token === 'true', start, end };
    if (token === 'null') return { kind: 'null', start, end };
    if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(token)) {
      // An indirect reference is two unsigned integers followed by R; look ahead before settling on a number.
      if (/^\d+$/.test(token)) {
        const gen = this.integerAt(end);
        if (gen) {
          const r = this.keywordAt(gen.end, 'R');
          if (r !== null) return { kind: 'ref', num: Number(token), gen: gen.value, start, end: r };
        }
      }
      return { kind: 'number', value: Number(token), start, end };
    }
    throw new PdfSyntaxError(`unexpected token ${JSON.stringify(token.slice(0, 20) || ch)}`, start);
  }

  private parseDict(start: number): PdfValue {
    const entries = new Map<string, DictEntry>();
    let i = start + 2;
    for (;;) {
      i = this.skipSpace(i);
      if (this.src.startsWith('>>', i)) return { kind: 'dict', entries, start, end: i + 2 };
      const key = this.parseValue(i);
      if (key.kind !== 'name') throw new PdfSyntaxError('dictionary key is not a name', key.start);
      const value = this.parseValue(key.end);
      entries.set(key.name, { rawKey: this.src.slice(key.start, key.end), value });
      i = value.end;
    }
  }

  private parseArray(start: number): PdfValue {
    const items: PdfValue[] = [];
    let i = start + 1;
    for (;;) {
      i = this.skipSpace(i);
      if (this.src[i] === ']') return { kind: 'array', items, start, end: i + 1 };
      if (i >= this.src.length) throw new PdfSyntaxError('unterminated array', start);
      const item = this.parseValue(i);
      items.push(item);
      i = item.end;
    }
  }

  private parseHexString(start: number): PdfValue {
    const close = this.src.indexOf('>', start);
    if (close < 0) throw new PdfSyntaxError('unterminated hex string', start);
    let hex = this.src.slice(start + 1, close).replace(/[\0\t\n\f\r ]/g, '');
    if (!/^[0-9a-fA-F]*$/.test(hex)) throw new PdfSyntaxError('bad hex string', start);
    if (hex.length % 2) hex += '0';
    return { kind: 'string', bytes: Buffer.from(hex, 'hex'), start, end: close + 1 };
  }

  private parseLiteralString(start: number): PdfValue {
    const bytes: number[] = [];
    let depth = 0;
    let i = start + 1;
    const escapes: Record<string, number> = { n: 0x0a, r: 0x0d, t: 0x09, b: 0x08, f: 0x0c, '(': 0x28, ')': 0x29, '\\': 0x5c };
    for (;;) {
      if (i >= this.src.length) throw new PdfSyntaxError('unterminated string', start);
      const ch = this.src[i]!;
      if (ch === '\\') {
        const next = this.src[i + 1] ?? '';
        if (next in escapes) {
          bytes.push(escapes[next]!);
          i += 2;
        } else if (/[0-7]/.test(next)) {
          const octal = /^[0-7]{1,3}/.exec(this.src.slice(i + 1, i + 4))![0];
          bytes.push(parseInt(octal, 8) & 0xff);
          i += 1 + octal.length;
        } else if (next === '\r' || next === '\n') {
          // A backslash before an end of line continues the string on the next line.
          i += this.src.startsWith('\r\n', i + 1) ? 3 : 2;
        } else {
          i += 1;
        }
        continue;
      }
      if (ch === '(') depth++;
      if (ch === ')') {
        if (depth === 0) return { kind: 'string', bytes: Buffer.from(bytes), start, end: i + 1 };
        depth--;
      }
      bytes.push(ch.charCodeAt(0));
      i++;
    }
  }
}

// ---------------------------------------------------------------------------------------------------------
// Cross-reference table and objects

interface XrefEntry {
  offset: number;
  gen: number;
}

export interface ParsedPdf {
  reader: Reader;
  startxref: number;
  /** The newest trailer: the one that the last startxref leads to. */
  trailer: Extract<PdfValue, { kind: 'dict' }>;
  /** In-use objects by number, newest revision first wins. */
  xref: Map<number, XrefEntry>;
}

function lastStartxref(src: string): number {
  const at = src.lastIndexOf('startxref');
  if (at < 0) throw new Error('PDF post-processing: no startxref; the input is not a complete PDF file');
  const value = new Reader(src).integerAt(at + 'startxref'.length);
  if (!value) throw new PdfSyntaxError('startxref is not followed by an offset', at);
  return value.value;
}

/** Reads one classic xref section and its trailer; entries already known from a newer section are kept. */
function readXrefSection(reader: Reader, offset: number, xref: Map<number, XrefEntry>): Extract<PdfValue, { kind: 'dict' }> {
  let pos = reader.keywordAt(offset, 'xref');
  if (pos === null) {
    const header = /^\s*\d+\s+\d+\s+obj\b/.exec(reader.src.slice(offset, offset + 40));
    if (header && /\/Type\s*\/XRef\b/.test(reader.src.slice(offset, offset + 2000))) {
      throw new Error(
        'PDF post-processing: the file uses a cross-reference stream (PDF 1.5+), which this post-processor does not read; ' +
          'Chromium writes classic xref tables, so the input did not come straight from Chromium',
      );
    }
    throw new PdfSyntaxError('startxref does not point at an xref table', offset);
  }
  const entryPattern = /\s*(\d{1,10})\s+(\d{1,5})\s+([nf])(?=\s)/y;
  for (;;) {
    const trailerEnd = reader.keywordAt(pos, 'trailer');
    if (trailerEnd !== null) {
      const trailer = reader.parseValue(trailerEnd);
      if (trailer.kind !== 'dict') throw new PdfSyntaxError('trailer is not a dictionary', trailer.start);
      return trailer;
    }
    const first = reader.integerAt(pos);
    const count = first && reader.integerAt(first.end);
    if (!first || !count) throw new PdfSyntaxError('bad xref subsection header', reader.skipSpace(pos));
    pos = count.end;
    for (let n = 0; n < count.value; n++) {
      entryPattern.lastIndex = pos;
      const match = entryPattern.exec(reader.src);
      if (!match) throw new PdfSyntaxError('bad xref entry', reader.skipSpace(pos));
      const num = first.value + n;
      if (!xref.has(num)) {
        // A free entry in a newer section hides older in-use ones; remember it as offset -1.
        xref.set(num, match[3] === 'n' ? { offset: Number(match[1]), gen: Number(match[2]) } : { offset: -1, gen: 0 });
      }
      pos = entryPattern.lastIndex;
    }
  }
}

export function parsePdf(pdf: Uint8Array): ParsedPdf {
  const src = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('latin1');
  if (!src.startsWith('%PDF-')) throw new Error('PDF post-processing: the input does not start with %PDF-');
  const reader = new Reader(src);
  const startxref = lastStartxref(src);
  const xref = new Map<number, XrefEntry>();
  const seen = new Set<number>();
  let trailer: Extract<PdfValue, { kind: 'dict' }> | undefined;
  let next: number | undefined = startxref;
  while (next !== undefined) {
    if (seen.has(next)) throw new PdfSyntaxError('the /Prev chain loops', next);
    seen.add(next);
    const section = readXrefSection(reader, next, xref);
    if (section.entries.has('XRefStm')) {
      throw new Error('PDF post-processing: hybrid-reference files (/XRefStm) are not supported');
    }
    trailer ??= section;
    const prev = section.entries.get('Prev')?.value;
    next = prev?.kind === 'number' ? prev.value : undefined;
  }
  return { reader, startxref, trailer: trailer!, xref };
}

export function readObject(parsed: ParsedPdf, num: number, gen: number): PdfValue {
  const entry = parsed.xref.get(num);
  if (!entry || entry.offset < 0) throw new Error(`PDF post-processing: object ${num} ${gen} R is not in the xref table`);
  const { reader } = parsed;
  const objNum = reader.integerAt(entry.offset);
  const objGen = objNum && reader.integerAt(objNum.end);
  const body = objGen ? reader.keywordAt(objGen.end, 'obj') : null;
  if (!objNum || !objGen || body === null || objNum.value !== num || objGen.value !== gen) {
    throw new PdfSyntaxError(`xref entry for object ${num} ${gen} R does not point at that object`, entry.offset);
  }
  return reader.parseValue(body);
}

export function resolve(parsed: ParsedPdf, value: PdfValue | undefined): PdfValue | undefined {
  return value?.kind === 'ref' ? readObject(parsed, value.num, value.gen) : value;
}

function dictOf(value: PdfValue | undefined, what: string): Extract<PdfValue, { kind: 'dict' }> {
  if (value?.kind !== 'dict') throw new Error(`PDF post-processing: ${what} is not a dictionary`);
  return value;
}

/** The number of pages, from the /Count of the page tree root; a raw scan for page objects is the fallback. */
export function pdfPageCount(pdf: Uint8Array): number {
  try {
    const parsed = parsePdf(pdf);
    const catalog = dictOf(resolve(parsed, parsed.trailer.entries.get('Root')?.value), 'the catalog');
    const pages = dictOf(resolve(parsed, catalog.entries.get('Pages')?.value), 'the page tree root');
    const count = resolve(parsed, pages.entries.get('Count')?.value);
    if (count?.kind === 'number' && Number.isInteger(count.value) && count.value >= 0) return count.value;
  } catch {
    // Fall through: a file this parser cannot read may still show its page objects plainly.
  }
  const src = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('latin1');
  // The lookahead ends the name, so /Pages and /PageLabel are not counted. Pages inside compressed object
  // streams are invisible to this scan; finding none is an error rather than a confident zero.
  const found = (src.match(/\/Type\s*\/Page(?=[\s()<>[\]{}/%]|$)/g) ?? []).length;
  if (found === 0) throw new Error('PDF post-processing: cannot count the pages of this file');
  return found;
}

// ---------------------------------------------------------------------------------------------------------
// Metadata encoding

/**
 * Text both XML 1.0 and the Info dictionary can carry unchanged: without the control characters XML forbids
 * even as references, without lone surrogates, and with one kind of line break (XML parsers turn CR LF into LF,
 * and the Info value must equal what a validator reads back from the XMP).
 */
function cleanText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[^\t\n\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '');
}

const XML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

function xmlEscape(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => XML_ENTITIES[ch]!);
}

/** A PDF text string: a literal for plain ASCII, else UTF-16BE with a byte order mark, written as hex. */
function pdfTextString(text: string): string {
  if (/^[\x20-\x7e\t\n]*$/.test(text)) {
    return `(${text.replace(/[()\\]/g, '\\$&').replace(/\n/g, '\\n').replace(/\t/g, '\\t')})`;
  }
  const utf16be = Buffer.from(`\uFEFF${text}`, 'utf16le').swap16();
  return `<${utf16be.toString('hex').toUpperCase()}>`;
}

function pdfLiteral(text: string): string {
  return `(${text.replace(/[()\\]/g, '\\$&')})`;
}

interface DateParts {
  iso: string;
  pdf: string;
}

/**
 * The same instant twice: ISO 8601 for XMP and D:YYYYMMDDHHmmSS+HH'mm' for the Info dictionary, both to the
 * second, so a validator comparing them finds them equal. Written in Dutch time with its offset for that
 * instant, as the document's own pages are, so the same export made on any machine carries the same dates.
 */
function pdfDates(date: Date, timeZone: string = documentTimeZone): DateParts {
  if (Number.isNaN(date.getTime())) throw new Error('PDF post-processing: createdAt is not a valid date');
  const wall = wallClock(date, timeZone);
  const two = (n: number) => String(n).padStart(2, '0');
  const year = String(wall.year).padStart(4, '0');
  const [month, day, hour, minute, second] = [wall.month, wall.day, wall.hour, wall.minute, wall.second].map(two) as [
    string,
    string,
    string,
    string,
    string,
  ];
  const [offHours, offMinutes] = wall.offset.slice(1).split(':') as [string, string];
  const sign = wall.offset[0];
  return {
    iso: `${year}-${month}-${day}T${hour}:${minute}:${second}${wall.offset}`,
    pdf: `D:${year}${month}${day}${hour}${minute}${second}${sign}${offHours}'${offMinutes}'`,
  };
}

interface DocumentInfo {
  title: string;
  author: string;
  subject: string;
  keywords: string;
  producer: string;
  creator: string;
  created: DateParts;
  ordelog: PdfMetadata['ordelog'];
}

/** PDF/A admits XMP properties outside the predefined schemas only when the file describes them (ISO 19005-2, 6.6.2.3.2). */
function ordelogExtensionSchema(add: (line: string) => void): void {
  const property = (name: string, description: string) => {
    add('        <rdf:li rdf:parseType="Resource">');
    add(`         <pdfaProperty:name>${name}</pdfaProperty:name>`);
    add('         <pdfaProperty:valueType>Text</pdfaProperty:valueType>');
    add('         <pdfaProperty:category>external</pdfaProperty:category>');
    add(`         <pdfaProperty:description>${description}</pdfaProperty:description>`);
    add('        </rdf:li>');
  };
  add('  <rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"');
  add('    xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">');
  add('   <pdfaExtension:schemas>');
  add('    <rdf:Bag>');
  add('     <rdf:li rdf:parseType="Resource">');
  add('      <pdfaSchema:schema>Ordelog export</pdfaSchema:schema>');
  add(`      <pdfaSchema:namespaceURI>${ORDELOG_XMP_NAMESPACE}</pdfaSchema:namespaceURI>`);
  add('      <pdfaSchema:prefix>ordelog</pdfaSchema:prefix>');
  add('      <pdfaSchema:property>');
  add('       <rdf:Seq>');
  property('fingerprint', 'State of the case log the document summarises: entry count and hash of the last entry');
  property('case', 'Identifier of the case in the Ordelog vault');
  add('       </rdf:Seq>');
  add('      </pdfaSchema:property>');
  add('     </rdf:li>');
  add('    </rdf:Bag>');
  add('   </pdfaExtension:schemas>');
  add('  </rdf:Description>');
}

function xmpPacket(info: DocumentInfo): Buffer {
  const lines: string[] = [];
  const add = (line: string) => lines.push(line);
  add('<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>');
  add('<x:xmpmeta xmlns:x="adobe:ns:meta/">');
  add(' <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">');
  add('  <rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">');
  add('   <pdfaid:part>2</pdfaid:part>');
  add('   <pdfaid:conformance>B</pdfaid:conformance>');
  add('  </rdf:Description>');
  add('  <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">');
  add('   <dc:format>application/pdf</dc:format>');
  // Empty values are left out on both sides: an absent Info key and an absent XMP property agree.
  if (info.title) {
    add(`   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">${xmlEscape(info.title)}</rdf:li></rdf:Alt></dc:title>`);
  }
  if (info.author) add(`   <dc:creator><rdf:Seq><rdf:li>${xmlEscape(info.author)}</rdf:li></rdf:Seq></dc:creator>`);
  if (info.subject) {
    add(
      `   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">${xmlEscape(info.subject)}</rdf:li></rdf:Alt></dc:description>`,
    );
  }
  add('  </rdf:Description>');
  add('  <rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">');
  if (info.keywords) add(`   <pdf:Keywords>${xmlEscape(info.keywords)}</pdf:Keywords>`);
  add(`   <pdf:Producer>${xmlEscape(info.producer)}</pdf:Producer>`);
  add('  </rdf:Description>');
  add('  <rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">');
  add(`   <xmp:CreatorTool>${xmlEscape(info.creator)}</xmp:CreatorTool>`);
  add(`   <xmp:CreateDate>${info.created.iso}</xmp:CreateDate>`);
  add(`   <xmp:ModifyDate>${info.created.iso}</xmp:ModifyDate>`);
  add(`   <xmp:MetadataDate>${info.created.iso}</xmp:MetadataDate>`);
  add('  </rdf:Description>');
  if (info.ordelog) {
    ordelogExtensionSchema(add);
    add(`  <rdf:Description rdf:about="" xmlns:ordelog="${ORDELOG_XMP_NAMESPACE}">`);
    add(`   <ordelog:fingerprint>${xmlEscape(info.ordelog.fingerprint)}</ordelog:fingerprint>`);
    add(`   <ordelog:case>${xmlEscape(info.ordelog.caseId)}</ordelog:case>`);
    add('  </rdf:Description>');
  }
  add(' </rdf:RDF>');
  add('</x:xmpmeta>');
  // Conventional padding lets an XMP editor change the packet in place without moving the stream.
  for (let i = 0; i < 16; i++) add(' '.repeat(99));
  add('<?xpacket end="w"?>');
  return Buffer.from(lines.join('\n'), 'utf8');
}

/** The Info dictionary's entries as text, in the order written; empty values are left out, as in the XMP. */
function infoEntries(info: DocumentInfo): Array<[string, string]> {
  const entries: Array<[string, string]> = [];
  if (info.title) entries.push(['Title', info.title]);
  if (info.author) entries.push(['Author', info.author]);
  if (info.subject) entries.push(['Subject', info.subject]);
  if (info.keywords) entries.push(['Keywords', info.keywords]);
  entries.push(['Creator', info.creator]);
  entries.push(['Producer', info.producer]);
  entries.push(['CreationDate', info.created.pdf]);
  entries.push(['ModDate', info.created.pdf]);
  if (info.ordelog) {
    entries.push([ORDELOG_INFO_KEYS.fingerprint, info.ordelog.fingerprint]);
    entries.push([ORDELOG_INFO_KEYS.caseId, info.ordelog.caseId]);
  }
  return entries;
}

function infoDictionary(info: DocumentInfo): string {
  return `<<${infoEntries(info).map(([key, value]) => `/${key} ${pdfTextString(value)}`).join('\n')}>>`;
}

function documentInfo(meta: PdfMetadata, printedBy: string | undefined): DocumentInfo {
  return {
    title: cleanText(meta.title),
    author: cleanText(meta.author),
    subject: cleanText(meta.subject),
    keywords: cleanText(meta.keywords),
    producer: cleanText(meta.producer ?? defaultProducer(printedBy)),
    creator: CREATOR_TOOL,
    created: pdfDates(meta.createdAt),
    ordelog: meta.ordelog && { fingerprint: cleanText(meta.ordelog.fingerprint), caseId: cleanText(meta.ordelog.caseId) },
  };
}

/** The document-level parts of PDF/A-2b, for a writer that builds the whole file itself (the full log). */
export interface PdfaDocumentParts {
  /** Info dictionary entries as text; the dates are already PDF date strings. */
  info: Array<[string, string]>;
  /** The XMP packet, to be stored uncompressed. */
  xmp: Buffer;
  /** The sRGB output intent: its condition identifier and ICC profile. */
  outputCondition: string;
  iccProfile: Uint8Array;
}

/** The same metadata `toPdfA2b` appends to a printed file, as parts; `writer` names the program that wrote it. */
export function pdfaDocumentParts(meta: PdfMetadata, writer: string): PdfaDocumentParts {
  const info = documentInfo(meta, writer);
  return { info: infoEntries(info), xmp: xmpPacket(info), outputCondition: OUTPUT_CONDITION, iccProfile: srgbIccProfile() };
}

/** The producer of the printed file (Skia's "Skia/PDF mNNN"), if its Info dictionary names one plainly. */
function originalProducer(parsed: ParsedPdf): string | undefined {
  try {
    const info = resolve(parsed, parsed.trailer.entries.get('Info')?.value);
    const producer = info?.kind === 'dict' ? info.entries.get('Producer')?.value : undefined;
    if (producer?.kind !== 'string') return undefined;
    const text = producer.bytes.toString('latin1');
    return /^[\x20-\x7e]+$/.test(text) ? text : undefined;
  } catch {
    return undefined;
  }
}

/** Names the printer and this step; a file processed twice does not name this step twice. */
function defaultProducer(printedBy: string | undefined): string {
  if (!printedBy || printedBy.endsWith(PRODUCER_SUFFIX)) return printedBy ?? PRODUCER_SUFFIX;
  return `${printedBy}; ${PRODUCER_SUFFIX}`;
}

// ---------------------------------------------------------------------------------------------------------
// The incremental update

const REPLACED_CATALOG_KEYS = new Set(['Metadata', 'OutputIntents']);
/** Trailer keys this update writes itself; any other key of the old trailer is carried over, as 7.5.6 asks. */
const REWRITTEN_TRAILER_KEYS = new Set(['Size', 'Root', 'Info', 'Prev', 'ID']);

function md5(...parts: Uint8Array[]): Buffer {
  const hash = createHash('md5');
  for (const part of parts) hash.update(part);
  return hash.digest();
}

/**
 * Appends the PDF/A-2b document-level parts to `pdf` as an incremental update and returns the new file.
 * The input bytes are a prefix of the output. Throws on inputs it cannot update safely (encrypted files,
 * cross-reference streams, broken structure).
 */
export function toPdfA2b(pdf: Uint8Array, meta: PdfMetadata): Uint8Array {
  const parsed = parsePdf(pdf);
  const { reader, trailer } = parsed;

  if (trailer.entries.has('Encrypt')) {
    throw new Error('PDF post-processing: the input is encrypted, which PDF/A forbids');
  }
  const rootRef = trailer.entries.get('Root')?.value;
  if (rootRef?.kind !== 'ref') throw new Error('PDF post-processing: the trailer has no /Root reference');
  const catalog = dictOf(readObject(parsed, rootRef.num, rootRef.gen), 'the catalog');
  const size = trailer.entries.get('Size')?.value;
  if (size?.kind !== 'number' || !Number.isInteger(size.value) || size.value < 1) {
    throw new Error('PDF post-processing: the trailer has no usable /Size');
  }

  const original = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength);
  const oldId = trailer.entries.get('ID')?.value;
  const firstIdItem = oldId?.kind === 'array' ? oldId.items[0] : undefined;
  // The first ID names the document across revisions; Chromium writes none, so derive it from the printed bytes.
  const firstId = firstIdItem?.kind === 'string' && firstIdItem.bytes.length > 0 ? firstIdItem.bytes : md5(original);

  const info = documentInfo(meta, originalProducer(parsed));

  const metadataNum = size.value;
  const iccNum = metadataNum + 1;
  const intentNum = metadataNum + 2;
  const infoNum = metadataNum + 3;
  const newSize = metadataNum + 4;

  const chunks: Buffer[] = [];
  let offset = original.length;
  const push = (chunk: Buffer | string) => {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'latin1') : chunk;
    chunks.push(bytes);
    offset += bytes.length;
  };
  const newOffsets = new Map<number, XrefEntry>();
  // Each object starts on its own line with single spaces and ends with an EOL after endobj (PDF/A-2, 6.1.8).
  const writeObject = (num: number, gen: number, dictionary: string, stream?: Buffer) => {
    newOffsets.set(num, { offset, gen });
    push(`${num} ${gen} obj\n${dictionary}\n`);
    if (stream) {
      push('stream\n');
      push(stream);
      push('\nendstream\n');
    }
    push('endobj\n');
  };

  const lastByte = original[original.length - 1];
  if (lastByte !== 0x0a && lastByte !== 0x0d) push('\n');

  const xmp = xmpPacket(info);
  // Uncompressed: PDF/A wants the XMP readable by tools that do not decode PDF streams.
  writeObject(metadataNum, 0, `<</Type /Metadata\n/Subtype /XML\n/Length ${xmp.length}>>`, xmp);

  const icc = deflateSync(srgbIccProfile(), { level: 9 });
  writeObject(iccNum, 0, `<</N 3\n/Alternate /DeviceRGB\n/Filter /FlateDecode\n/Length ${icc.length}>>`, icc);

  writeObject(
    intentNum,
    0,
    `<</Type /OutputIntent\n/S /GTS_PDFA1\n/OutputConditionIdentifier ${pdfLiteral(OUTPUT_CONDITION)}\n` +
      `/RegistryName (http://www.color.org)\n/Info ${pdfLiteral(OUTPUT_CONDITION)}\n/DestOutputProfile ${iccNum} 0 R>>`,
  );

  const keptCatalog = [...catalog.entries.entries()]
    .filter(([key]) => !REPLACED_CATALOG_KEYS.has(key))
    .map(([, entry]) => `${entry.rawKey} ${reader.src.slice(entry.value.start, entry.value.end)}`);
  keptCatalog.push(`/Metadata ${metadataNum} 0 R`, `/OutputIntents [${intentNum} 0 R]`);
  writeObject(rootRef.num, rootRef.gen, `<<${keptCatalog.join('\n')}>>`);

  writeObject(infoNum, 0, infoDictionary(info));

  const body = Buffer.concat(chunks);
  const secondId = md5(original, body);
  const xrefOffset = offset;

  const numbers = [...newOffsets.keys()].sort((a, b) => a - b);
  let xref = 'xref\n';
  for (let i = 0; i < numbers.length; ) {
    let j = i;
    while (j + 1 < numbers.length && numbers[j + 1] === numbers[j]! + 1) j++;
    xref += `${numbers[i]} ${j - i + 1}\n`;
    for (let k = i; k <= j; k++) {
      const entry = newOffsets.get(numbers[k]!)!;
      // Exactly 20 bytes per entry, the way Chromium writes its own table.
      xref += `${String(entry.offset).padStart(10, '0')} ${String(entry.gen).padStart(5, '0')} n \n`;
    }
    i = j + 1;
  }

  const carried = [...trailer.entries.entries()]
    .filter(([key]) => !REWRITTEN_TRAILER_KEYS.has(key))
    .map(([, entry]) => `${entry.rawKey} ${reader.src.slice(entry.value.start, entry.value.end)}`);
  const trailerEntries = [
    `/Size ${newSize}`,
    `/Root ${rootRef.num} ${rootRef.gen} R`,
    `/Info ${infoNum} 0 R`,
    `/Prev ${parsed.startxref}`,
    `/ID [<${firstId.toString('hex').toUpperCase()}> <${secondId.toString('hex').toUpperCase()}>]`,
    ...carried,
  ];
  const tail = `${xref}trailer\n<<${trailerEntries.join('\n')}>>\nstartxref\n${xrefOffset}\n%%EOF\n`;

  return new Uint8Array(Buffer.concat([original, body, Buffer.from(tail, 'latin1')]));
}
