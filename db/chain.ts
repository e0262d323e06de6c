import type Database from 'better-sqlite3';
import { hash } from 'node:crypto';
import type { EntryType, InformationCredibility, SourceReliability } from '../shared/domain';
import { OrdelogError } from '../shared/errors';
import { entrySignatureValid, registeredAuthorKeys } from './signatures';
import { statement } from './statements';
import type { ChainBreakReason, ChainVerification } from '../shared/views';

/**
 * The hash chain over each case's log. An entry's hash is SHA-256 (lowercase hex) over the UTF-8 bytes of
 *
 *   JSON.stringify(["ordelog-entry/1", id, caseId, seq, type, text, occurredAt, recordedAt, authorId,
 *                   authorName, source, sourceReliability, informationCredibility, correctsEntryId,
 *                   personalData, phaseId, prevHash])
 *
 * a JSON array in that fixed order, with strings, the integer `seq`, the boolean `personalData` and `null` for
 * absent values. For these value types ECMAScript's JSON.stringify output is exactly the RFC 8785 (JCS)
 * canonical form, so any JCS implementation reproduces it. `prevHash` is the hash of the previous entry of the
 * same case by `seq`; the first entry's is 64 zeros. docs/case-format.md repeats this for outside verifiers.
 *
 * An entry with a location is hashed as
 *
 *   ["ordelog-entry/2", id, caseId, seq, type, text, occurredAt, recordedAt, authorId, authorName, source,
 *    sourceReliability, informationCredibility, correctsEntryId, personalData, phaseId, location, prevHash]
 *
 * The location came after entries were already chained in vaults, exports and printed fingerprints. Adding it to
 * the one encoding would change the hash of every existing entry (a `null` more in the array) and break every
 * chain and fingerprint made before; a side table beside the log would leave the location outside the chain, so
 * it could be changed unnoticed. A second tag, used only when a location is present, keeps each old entry's
 * bytes and hash exactly as they were and still covers the location of every new entry; the tag says which
 * array follows, so the two can never be read as one another.
 *
 * An entry signed by its author (db/signatures.ts) is hashed as
 *
 *   ["ordelog-entry/3", id, caseId, seq, type, text, occurredAt, recordedAt, authorId, authorName, source,
 *    sourceReliability, informationCredibility, correctsEntryId, personalData, phaseId, location, device,
 *    authorKey, signature, prevHash]
 *
 * with `location` null when absent and the key and signature in base64; unsigned entries keep /1 or /2, byte for
 * byte, for the same reason as above.
 */

export const genesisHash = '0'.repeat(64);
const encodingTag = 'ordelog-entry/1';
const locatedEncodingTag = 'ordelog-entry/2';
const signedEncodingTag = 'ordelog-entry/3';

export interface ChainedEntry {
  id: string;
  caseId: string;
  seq: number;
  type: EntryType;
  text: string;
  occurredAt: string;
  recordedAt: string;
  authorId: string | null;
  authorName: string;
  source: string | null;
  sourceReliability: SourceReliability | null;
  informationCredibility: InformationCredibility | null;
  correctsEntryId: string | null;
  personalData: boolean;
  phaseId: string;
  /** Absent or null: the entry has no place, and is hashed in the `ordelog-entry/1` encoding. */
  location?: string | null | undefined;
  /** The author's signature (db/signatures.ts): all three or none; with them the entry is hashed as /3. */
  device?: string | null | undefined;
  /** Base64 of the author's raw Ed25519 public key. */
  authorKey?: string | null | undefined;
  /** Base64 of the Ed25519 signature. */
  signature?: string | null | undefined;
  prevHash: string;
}

export type StoredEntry = ChainedEntry & { hash: string };
export type NewEntry = Omit<ChainedEntry, 'seq' | 'prevHash'>;

/** The entry's fields as the encoding orders them, `id` to `phaseId`, without the tag, location and prevHash. */
type EncodedFields = readonly unknown[];

/** Device, key and signature (base64) of a signed entry. */
type SignatureFields = readonly [device: string, authorKey: string, signature: string];

function encodeFields(
  fields: EncodedFields,
  location: string | null | undefined,
  signed: SignatureFields | null,
  prevHash: string,
): string {
  if (signed !== null) return JSON.stringify([signedEncodingTag, ...fields, location ?? null, ...signed, prevHash]);
  return location === null || location === undefined
    ? JSON.stringify([encodingTag, ...fields, prevHash])
    : JSON.stringify([locatedEncodingTag, ...fields, location, prevHash]);
}

function signatureFields(entry: Pick<ChainedEntry, 'device' | 'authorKey' | 'signature'>): SignatureFields | null {
  const device = entry.device ?? null;
  const authorKey = entry.authorKey ?? null;
  const signature = entry.signature ?? null;
  if (device === null && authorKey === null && signature === null) return null;
  if (device === null || authorKey === null || signature === null) throw new OrdelogError('INTERNAL', { detail: '(onvolledige ondertekening)' });
  return [device, authorKey, signature];
}

export function canonicalEntryEncoding(entry: ChainedEntry): string {
  const common = [
    entry.id,
    entry.caseId,
    entry.seq,
    entry.type,
    entry.text,
    entry.occurredAt,
    entry.recordedAt,
    entry.authorId,
    entry.authorName,
    entry.source,
    entry.sourceReliability,
    entry.informationCredibility,
    entry.correctsEntryId,
    entry.personalData,
    entry.phaseId,
  ];
  return encodeFields(common, entry.location, signatureFields(entry), entry.prevHash);
}

export function entryHash(entry: ChainedEntry): string {
  return entryDigest(entry).toString('hex');
}

/** The entry's SHA-256 as the 32 bytes the log stores. */
export function entryDigest(entry: ChainedEntry): Buffer {
  return hash('sha256', canonicalEntryEncoding(entry), 'buffer');
}

/** How far a pass over the log is: entries done of the total. */
export interface ChainProgress {
  (done: number, total: number): void;
}

interface Head {
  key: number;
  seq: number;
  hash: string;
}

const insertSql = `INSERT INTO log_entries (id, case_key, seq, type, text, occurred_at, recorded_at, author_id, author_name,
    source, source_reliability, information_credibility, corrects_entry_id, personal_data, phase_id, location,
    device, author_key, signature, prev_hash, hash)
  VALUES (@id, @caseKey, @seq, @type, @text, @occurredAt, @recordedAt, @authorId, @authorName,
    @source, @sourceReliability, @informationCredibility, @correctsEntryId, @personalData, @phaseId, @location,
    @device, @authorKey, @signature, @prevHash, @hash)`;

function readHead(sqlite: Database.Database, caseId: string): Head {
  const head = statement(sqlite, 'SELECT key, head_seq AS seq, head_hash AS hash FROM cases WHERE id = ?').get(caseId) as
    | Head
    | undefined;
  if (!head) throw new OrdelogError('NOT_FOUND');
  return head;
}

const base64Blob = (text: string | null | undefined): Buffer | null => (text ? Buffer.from(text, 'base64') : null);

/** Chains one entry onto `head` and inserts it; the caller moves the case's head. */
function chainOnto(sqlite: Database.Database, head: Head, entry: NewEntry): StoredEntry {
  const chained: ChainedEntry = { ...entry, seq: head.seq + 1, prevHash: head.hash };
  const digest = entryDigest(chained);
  const stored: StoredEntry = { ...chained, hash: digest.toString('hex') };
  statement(sqlite, insertSql).run({
    ...stored,
    caseKey: head.key,
    location: stored.location ?? null,
    device: stored.device ?? null,
    authorKey: base64Blob(stored.authorKey),
    signature: base64Blob(stored.signature),
    personalData: stored.personalData ? 1 : 0,
    prevHash: Buffer.from(stored.prevHash, 'hex'),
    hash: digest,
  });
  head.seq = stored.seq;
  head.hash = stored.hash;
  return stored;
}

function moveHead(sqlite: Database.Database, head: Head): void {
  statement(sqlite, 'UPDATE cases SET head_seq = ?, head_hash = ? WHERE key = ?').run(head.seq, head.hash, head.key);
}

/** Runs `work` in an IMMEDIATE transaction, or inside the caller's: a savepoint per entry is cost, not safety. */
function inWriteTransaction<T>(sqlite: Database.Database, work: () => T): T {
  return sqlite.inTransaction ? work() : sqlite.transaction(work).immediate();
}

/**
 * Appends an entry to its case's chain: reads the case's head, hashes, inserts the entry and moves the head,
 * all in one IMMEDIATE transaction (or in the caller's, which then holds the write lock), so two writers can
 * never chain onto the same head.
 */
export function appendChainedEntry(sqlite: Database.Database, entry: NewEntry): StoredEntry {
  return inWriteTransaction(sqlite, () => {
    const head = readHead(sqlite, entry.caseId);
    const stored = chainOnto(sqlite, head, entry);
    moveHead(sqlite, head);
    return stored;
  });
}

/**
 * Appends entries in order, as an import writes them: each case's head is read once and moved once, in one
 * transaction (or the caller's). Returns nothing: the caller has what it wrote. `progress` hears every thousandth.
 */
export function appendChainedEntries(sqlite: Database.Database, entries: readonly NewEntry[], progress?: ChainProgress): void {
  inWriteTransaction(sqlite, () => {
    const heads = new Map<string, Head>();
    let done = 0;
    for (const entry of entries) {
      done += 1;
      if (progress && done % 1_000 === 0) progress(done, entries.length);
      let head = heads.get(entry.caseId);
      if (!head) {
        head = readHead(sqlite, entry.caseId);
        heads.set(entry.caseId, head);
      }
      chainOnto(sqlite, head, entry);
    }
    for (const head of heads.values()) moveHead(sqlite, head);
    progress?.(done, entries.length);
  });
}

interface EntryRow extends Omit<StoredEntry, 'personalData' | 'caseId' | 'prevHash' | 'hash' | 'authorKey' | 'signature'> {
  personalData: number;
  authorKey: Buffer | null;
  signature: Buffer | null;
  prevHash: Buffer;
  hash: Buffer;
}

const chainColumns = `id, seq, type, text, occurred_at AS occurredAt, recorded_at AS recordedAt,
  author_id AS authorId, author_name AS authorName, source, source_reliability AS sourceReliability,
  information_credibility AS informationCredibility, corrects_entry_id AS correctsEntryId,
  personal_data AS personalData, phase_id AS phaseId, location, device, author_key AS authorKey, signature,
  prev_hash AS prevHash, hash`;

/** Why a stored entry does not link onto `previous`, or null when it does. */
function linkProblem(caseId: string, row: EntryRow, previous: { seq: number; hash: Buffer }): ChainBreakReason | null {
  if (row.seq !== previous.seq + 1) return 'seq-gap';
  if (!row.prevHash.equals(previous.hash)) return 'prev-hash-mismatch';
  const entry: ChainedEntry = {
    ...row,
    caseId,
    personalData: row.personalData === 1,
    authorKey: row.authorKey?.toString('base64') ?? null,
    signature: row.signature?.toString('base64') ?? null,
    prevHash: row.prevHash.toString('hex'),
  };
  return entryDigest(entry).equals(row.hash) ? null : 'hash-mismatch';
}

const genesisDigest = Buffer.alloc(32);

/**
 * A log row as verification reads it: the encoding's fields from `id` to `phaseId` in their order (with the
 * case's integer key where the encoding has its id), then the location, the signature's three fields, and both
 * hashes as lowercase hex. Plain arrays and hex strings cost a third of what row objects and a Buffer per hash
 * do, at 100,000 rows.
 */
const verifyColumns = `id, case_key, seq, type, text, occurred_at, recorded_at, author_id, author_name, source, source_reliability,
  information_credibility, corrects_entry_id, personal_data, phase_id, location, device, author_key, signature,
  lower(hex(prev_hash)), lower(hex(hash))`;
const field = {
  id: 0,
  caseKey: 1,
  seq: 2,
  type: 3,
  text: 4,
  occurredAt: 5,
  recordedAt: 6,
  authorId: 7,
  authorName: 8,
  source: 9,
  sourceReliability: 10,
  informationCredibility: 11,
  correctsEntryId: 12,
  personalData: 13,
  phaseId: 14,
  location: 15,
  device: 16,
  authorKey: 17,
  signature: 18,
  prevHash: 19,
  hash: 20,
} as const;
type VerifyRow = unknown[];

/**
 * Which keys may sign as whom. `registered`: the `author_keys` table. `bySlot`: for each user with a key slot in
 * this vault, the signing keys the slot binds (its current one and those it retired); a user who has a slot may
 * sign only with those, so a key someone with only the data key registered for them is found. Absent when the
 * database is checked without its key slots (a copy); then the registry alone is the check.
 */
export interface AuthorKeys {
  registered: ReadonlyMap<string, ReadonlySet<string>>;
  bySlot?: ReadonlyMap<string, ReadonlySet<string>>;
}

interface CaseChain {
  id: string;
  headSeq: number;
  headHash: string;
  previous: { seq: number; hash: string; id: string | null };
  broken?: NonNullable<ChainVerification['firstBroken']>;
}

/** Why a signed entry's signature does not hold (`row` as `rowProblem` left it), or null when it does. */
function signatureProblem(row: VerifyRow, location: string | null, signed: SignatureFields, authors: AuthorKeys): ChainBreakReason | null {
  const [device, authorKey, signature] = signed;
  const authorId = row[field.authorId] as string | null;
  const entry = {
    id: row[field.id] as string,
    caseId: row[field.caseKey] as string,
    type: row[field.type] as EntryType,
    text: row[field.text] as string,
    occurredAt: row[field.occurredAt] as string,
    recordedAt: row[field.recordedAt] as string,
    authorId,
    authorName: row[field.authorName] as string,
    source: row[field.source] as string | null,
    sourceReliability: row[field.sourceReliability] as SourceReliability | null,
    informationCredibility: row[field.informationCredibility] as InformationCredibility | null,
    correctsEntryId: row[field.correctsEntryId] as string | null,
    personalData: row[field.personalData] as boolean,
    phaseId: row[field.phaseId] as string,
    location,
    device,
    authorKey,
    signature,
  };
  if (!entrySignatureValid(entry)) return 'bad-signature';
  if (authorId === null || authors.registered.get(authorId)?.has(authorKey) !== true) return 'unknown-author-key';
  const slotKeys = authors.bySlot?.get(authorId);
  return slotKeys === undefined || slotKeys.has(authorKey) ? null : 'unknown-author-key';
}

/** Why a row does not link onto its case's chain so far, or null when it does. Reuses the row for the encoding. */
function rowProblem(chain: CaseChain, row: VerifyRow, authors: AuthorKeys): ChainBreakReason | null {
  const seq = row[field.seq] as number;
  if (seq !== chain.previous.seq + 1) return 'seq-gap';
  const prevHash = row[field.prevHash] as string;
  if (prevHash !== chain.previous.hash) return 'prev-hash-mismatch';
  const stored = row[field.hash] as string;
  const location = row[field.location] as string | null;
  const signed: SignatureFields | null =
    row[field.signature] === null
      ? null
      : [row[field.device] as string, (row[field.authorKey] as Buffer).toString('base64'), (row[field.signature] as Buffer).toString('base64')];
  row[field.caseKey] = chain.id;
  row[field.personalData] = row[field.personalData] === 1;
  row.length = field.location;
  if (hash('sha256', encodeFields(row, location, signed, prevHash), 'hex') !== stored) return 'hash-mismatch';
  return signed === null ? null : signatureProblem(row, location, signed, authors);
}

/**
 * Recomputes every case's chain: consecutive seq from 1, each prev_hash equal to the previous hash, each hash
 * equal to the one recomputed from the entry's canonical encoding, and the case's recorded head equal to its last
 * entry. Reports the first break (of the first broken case by id). One sequential pass over the log table in
 * rowid order, which within a case is the order of seq (entries are only appended), so the time grows with the
 * log's length and no index is read; `progress` hears the entries done against the log's length.
 * Someone holding the key can rewrite a whole chain consistently; the chain proves that nothing changed behind
 * the application's back, and an exported fingerprint (briefing exports) anchors it outside the vault. A signed
 * entry must also carry a valid signature by a key registered for its author and, when the author has a key slot
 * here, bound by that slot (`slotKeys`, see `AuthorKeys`): that much the key alone cannot forge.
 */
export function verifyChains(sqlite: Database.Database, progress?: ChainProgress, slotKeys?: AuthorKeys['bySlot']): ChainVerification {
  const authors: AuthorKeys = { registered: registeredAuthorKeys(sqlite), bySlot: slotKeys };
  const caseRows = sqlite.prepare('SELECT id, key, head_seq AS headSeq, head_hash AS headHash FROM cases ORDER BY id').all() as {
    id: string;
    key: number;
    headSeq: number;
    headHash: string;
  }[];
  const chains = new Map<number, CaseChain>(
    caseRows.map((row) => [row.key, { id: row.id, headSeq: row.headSeq, headHash: row.headHash, previous: { seq: 0, hash: genesisHash, id: null } }]),
  );
  const total = caseRows.reduce((sum, caseRow) => sum + caseRow.headSeq, 0);
  let entriesChecked = 0;
  const rows = sqlite.prepare(`SELECT ${verifyColumns} FROM log_entries ORDER BY n`).raw(true);
  for (const row of rows.iterate() as IterableIterator<VerifyRow>) {
    entriesChecked += 1;
    if (progress && entriesChecked % 10_000 === 0) progress(entriesChecked, total);
    const chain = chains.get(row[field.caseKey] as number);
    // An entry of no known case is a dangling reference, which the foreign key check reports.
    if (!chain || chain.broken) continue;
    const seq = row[field.seq] as number;
    const id = row[field.id] as string;
    const stored = row[field.hash] as string;
    const problem = rowProblem(chain, row, authors);
    if (problem === null) chain.previous = { seq, hash: stored, id };
    else if (problem === 'seq-gap') chain.broken = { caseId: chain.id, seq: chain.previous.seq + 1, entryId: null, reason: problem };
    else chain.broken = { caseId: chain.id, seq, entryId: id, reason: problem };
  }
  progress?.(entriesChecked, total);
  let firstBroken: ChainVerification['firstBroken'];
  for (const caseRow of caseRows) {
    const chain = chains.get(caseRow.key)!;
    const { previous } = chain;
    if (!chain.broken && (chain.headSeq !== previous.seq || chain.headHash !== previous.hash)) {
      chain.broken = { caseId: chain.id, seq: chain.headSeq, entryId: chain.headSeq === previous.seq ? previous.id : null, reason: 'head-mismatch' };
    }
    firstBroken ??= chain.broken;
  }
  return firstBroken
    ? { ok: false, casesChecked: caseRows.length, entriesChecked, firstBroken }
    : { ok: true, casesChecked: caseRows.length, entriesChecked };
}

/**
 * The head hash of a case's chain after its first `entries` entries, recomputed link by link from the start;
 * null when the chain is shorter or broken within them. Checks a fingerprint printed on an export.
 */
export function chainHeadAt(sqlite: Database.Database, caseId: string, entries: number): string | null {
  let previous: { seq: number; hash: Buffer } = { seq: 0, hash: genesisDigest };
  const rows = sqlite.prepare(
    `SELECT ${chainColumns} FROM log_entries WHERE case_key = (SELECT key FROM cases WHERE id = ?) AND seq <= ? ORDER BY seq`,
  );
  for (const row of rows.iterate(caseId, entries) as IterableIterator<EntryRow>) {
    if (linkProblem(caseId, row, previous) !== null) return null;
    previous = { seq: row.seq, hash: row.hash };
  }
  return previous.seq === entries ? previous.hash.toString('hex') : null;
}
