import { z } from 'zod';
import { entryHash, genesisHash, type ChainedEntry } from '../../db/chain';
import { entrySignatureValid } from '../../db/signatures';
import { caseFormatName } from '../../shared/case-format';
import { parseFingerprint, type FileStatement, type Fingerprint } from '../../shared/briefing';
import { readPdfMetadata } from './pdf/pdf-metadata';
import { ORDELOG_INFO_KEYS } from './pdf/pdfa';
import { redactionMarker } from './redaction';

/**
 * What an exported file says about itself, read from the file alone and never from the vault: the state of
 * the log it states it summarises, and for a JSON log whether its entries chain as they should. The vault's
 * register is not consulted here, so someone who holds the key and rewrites the log and the register cannot
 * change what an old file states.
 */

const unknownFile: FileStatement = { format: 'unknown', fingerprint: null, conflicting: false, caseId: null, entries: null };

export function readFileStatement(bytes: Buffer): FileStatement {
  if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') return pdfStatement(bytes);
  // A JSON file passed through an editor may have gained a byte order mark or leading white space.
  if (/^\uFEFF?\s*\{/.test(bytes.subarray(0, 64).toString('utf8'))) return jsonStatement(bytes);
  return unknownFile;
}

// PDF: the fingerprint in Ordelog's XMP property and Info key, and in the keywords both carry
// ("vingerafdruk <entries>:<headHash>", also in files from before the dedicated fields).

const fingerprintInKeywords = /vingerafdruk (\d+:[0-9a-f]{64})/;

function xmpProperty(xmp: string, name: string): string | null {
  const element = new RegExp(`<ordelog:${name}>([^<]*)</ordelog:${name}>`).exec(xmp);
  const attribute = new RegExp(`ordelog:${name}="([^"]*)"`).exec(xmp);
  return element?.[1] ?? attribute?.[1] ?? null;
}

function pdfStatement(bytes: Buffer): FileStatement {
  let metadata: ReturnType<typeof readPdfMetadata>;
  try {
    metadata = readPdfMetadata(bytes);
  } catch {
    return { ...unknownFile, format: 'pdf' };
  }
  const { xmp, info } = metadata;
  const xmpKeywords = xmp === null ? null : /<pdf:Keywords>([^<]*)<\/pdf:Keywords>/.exec(xmp)?.[1];
  const stated = [
    xmp === null ? null : xmpProperty(xmp, 'fingerprint'),
    info.get(ORDELOG_INFO_KEYS.fingerprint) ?? null,
    xmpKeywords ? (fingerprintInKeywords.exec(xmpKeywords)?.[1] ?? null) : null,
    fingerprintInKeywords.exec(info.get('Keywords') ?? '')?.[1] ?? null,
  ].filter((value): value is string => value !== null);
  const caseIds = [xmp === null ? null : xmpProperty(xmp, 'case'), info.get(ORDELOG_INFO_KEYS.caseId) ?? null].filter(
    (value): value is string => value !== null,
  );
  const fingerprint = stated[0] === undefined ? null : parseFingerprint(stated[0]);
  return {
    format: 'pdf',
    fingerprint,
    conflicting: new Set(stated).size > 1 || new Set(caseIds).size > 1 || (stated.length > 0 && fingerprint === null),
    caseId: caseIds[0] ?? null,
    entries: null,
  };
}

// JSON: the case file of a log export (docs/case-format.md). Lenient on everything but the fields the hash
// covers, so a file that a later version would refuse on import can still be checked.

const nullableString = z.string().nullable();
const exportedEntry = z.object({
  seq: z.number().int().optional(),
  id: z.string(),
  type: z.string(),
  text: z.string(),
  occurredAt: z.string(),
  recordedAt: z.string(),
  recordedBy: z.string(),
  authorId: nullableString,
  source: nullableString,
  sourceReliability: nullableString,
  informationCredibility: nullableString,
  corrects: z.number().int().nullable(),
  personalData: z.boolean(),
  phase: z.string(),
  /** Absent in files from before entries had a place: those entries have none. */
  location: nullableString.optional(),
  /** Absent in files from before entries were signed (db/signatures.ts). */
  device: nullableString.optional(),
  authorKey: nullableString.optional(),
  signature: nullableString.optional(),
  prevHash: z.string(),
  hash: z.string(),
});
const exportedCaseFile = z.object({
  format: z.literal(caseFormatName).optional(),
  redacted: z.boolean().optional(),
  case: z.object({ id: z.string() }),
  entries: z.array(exportedEntry),
});
type ExportedEntry = z.infer<typeof exportedEntry>;

function jsonStatement(bytes: Buffer): FileStatement {
  let file: z.infer<typeof exportedCaseFile>;
  try {
    const parsed = exportedCaseFile.safeParse(JSON.parse(bytes.toString('utf8').replace(/^\uFEFF/, '')));
    if (!parsed.success) return { ...unknownFile, format: 'json' };
    file = parsed.data;
  } catch {
    return { ...unknownFile, format: 'json' };
  }
  const { entries } = file;
  const head = entries.at(-1);
  const fingerprint: Fingerprint = { entries: entries.length, headHash: head?.hash ?? genesisHash };
  return { format: 'json', fingerprint, conflicting: false, caseId: file.case.id, entries: checkEntries(file.case.id, entries, file.redacted === true) };
}

/**
 * Walks the file's chain: consecutive seq from 1, each prevHash the previous hash, each hash recomputed from
 * the entry and each signed entry's signature checked over it (docs/case-format.md). A redacted export blanks the
 * text of entries marked as personal data, so their hash and signature cannot be recomputed; they must still
 * link, and carry the redaction marker and nothing else.
 */
function hashAndSignatureHold(entry: ChainedEntry, hash: string): boolean {
  let computed: string;
  try {
    computed = entryHash(entry);
  } catch {
    // A signature's fields in part: no encoding has that shape.
    return false;
  }
  if (computed !== hash) return false;
  // The hash held, so the three fields are all there or all absent.
  const { device, authorKey, signature } = entry;
  return !signature || entrySignatureValid({ ...entry, device: device ?? '', authorKey: authorKey ?? '', signature });
}

function checkEntries(caseId: string, entries: ExportedEntry[], redacted: boolean): NonNullable<FileStatement['entries']> {
  const idAtSeq = (seq: number | null) => (seq === null ? null : (entries[seq - 1]?.id ?? `missing:${seq}`));
  let previous = genesisHash;
  let notRecomputed = 0;
  for (const [index, entry] of entries.entries()) {
    const seq = index + 1;
    const blanked = redacted && entry.personalData;
    const chained: ChainedEntry = {
      id: entry.id,
      caseId,
      seq,
      type: entry.type as ChainedEntry['type'],
      text: entry.text,
      occurredAt: entry.occurredAt,
      recordedAt: entry.recordedAt,
      authorId: entry.authorId,
      authorName: entry.recordedBy,
      source: entry.source,
      sourceReliability: entry.sourceReliability as ChainedEntry['sourceReliability'],
      informationCredibility: entry.informationCredibility as ChainedEntry['informationCredibility'],
      correctsEntryId: idAtSeq(entry.corrects),
      personalData: entry.personalData,
      phaseId: entry.phase,
      location: entry.location ?? null,
      device: entry.device ?? null,
      authorKey: entry.authorKey ?? null,
      signature: entry.signature ?? null,
      prevHash: entry.prevHash,
    };
    const sound =
      (entry.seq === undefined || entry.seq === seq) &&
      entry.prevHash === previous &&
      (blanked
        ? entry.text === redactionMarker && entry.source === null && chained.location === null
        : hashAndSignatureHold(chained, entry.hash));
    if (!sound) return { consistent: false, brokenAtSeq: seq, notRecomputed };
    if (blanked) notRecomputed += 1;
    previous = entry.hash;
  }
  return { consistent: true, brokenAtSeq: null, notRecomputed };
}
