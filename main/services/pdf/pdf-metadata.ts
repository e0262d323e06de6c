import { inflateSync } from 'node:zlib';
import { parsePdf, resolve, type ParsedPdf, type PdfValue } from './pdfa';

/**
 * Reads the document-level metadata of a PDF back: the XMP packet the catalog points at and the Info
 * dictionary's text values, both from the newest revision (the one a reader shows). Uses the same small
 * parser as the PDF/A step, so it reads what Chromium and that step write and throws on anything else.
 */

export interface PdfDocumentMetadata {
  /** The XMP packet as text; null when the catalog has none or it is stored with a filter other than Flate. */
  xmp: string | null;
  /** The Info dictionary's string values by key. */
  info: Map<string, string>;
}

type Dict = Extract<PdfValue, { kind: 'dict' }>;

const asDict = (value: PdfValue | undefined): Dict | undefined => (value?.kind === 'dict' ? value : undefined);

/** A PDF text string: UTF-16BE after a byte order mark, else PDFDocEncoding, which agrees with Latin-1 for text. */
function decodeTextString(bytes: Buffer): string {
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return Buffer.from(bytes.subarray(2)).swap16().toString('utf16le');
  return bytes.toString('latin1');
}

function streamBytes(parsed: ParsedPdf, dict: Dict): Buffer | null {
  const { reader } = parsed;
  const keyword = reader.keywordAt(dict.end, 'stream');
  if (keyword === null) return null;
  // The keyword is followed by CRLF or LF (ISO 32000-1, 7.3.8.1), then the data.
  const start = reader.src.startsWith('\r\n', keyword) ? keyword + 2 : reader.src[keyword] === '\n' ? keyword + 1 : -1;
  const length = resolve(parsed, dict.entries.get('Length')?.value);
  if (start < 0 || length?.kind !== 'number' || start + length.value > reader.src.length) return null;
  const raw = Buffer.from(reader.src.slice(start, start + length.value), 'latin1');
  const filter = resolve(parsed, dict.entries.get('Filter')?.value);
  const filters = filter === undefined ? [] : filter.kind === 'array' ? filter.items : [filter];
  if (filters.length === 0) return raw;
  if (filters.length === 1 && filters[0]?.kind === 'name' && filters[0].name === 'FlateDecode') return inflateSync(raw);
  return null;
}

export function readPdfMetadata(pdf: Uint8Array): PdfDocumentMetadata {
  const parsed = parsePdf(pdf);
  const info = new Map<string, string>();
  const infoDict = asDict(resolve(parsed, parsed.trailer.entries.get('Info')?.value));
  for (const [key, { value }] of infoDict?.entries ?? []) {
    const resolved = resolve(parsed, value);
    if (resolved?.kind === 'string') info.set(key, decodeTextString(resolved.bytes));
  }
  const catalog = asDict(resolve(parsed, parsed.trailer.entries.get('Root')?.value));
  const metadata = asDict(resolve(parsed, catalog?.entries.get('Metadata')?.value));
  const xmp = metadata ? streamBytes(parsed, metadata) : null;
  return { xmp: xmp ? xmp.toString('utf8') : null, info };
}
