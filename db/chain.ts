import type Database from 'better-sqlite3';
import { hash } from 'node:crypto';
import type { EntryType, InformationCredibility, SourceReliability } from '../shared/domain';
import { OrdelogError } from '../shared/errors';
import { caseHeadSignatureValid, connectionSigner, entrySignatureValid, isRegisteredAuthorKey, registeredAuthorKeys, signCaseHead } from './signatures';
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
  caseId: string;
  seq: number;
  hash: string;
  signature: Buffer | null;
  /** Base64 of the public key that made `signature`. */
  signer: string | null;
}

const insertSql = `INSERT INTO log_entries (id, case_key, seq, type, text, occurred_at, recorded_at, author_id, author_name,
    source, source_reliability, information_credibility, corrects_entry_id, personal_data, phase_id, location,
    device, author_key, signature, prev_hash, hash)
  VALUES (@id, @caseKey, @seq, @type, @text, @occurredAt, @recordedAt, @authorId, @authorName,
    @source, @sourceReliability, @informationCredibility, @correctsEntryId, @personalData, @phaseId, @location,
    @device, @authorKey, @signature, @prevHash, @hash)`;

function readHead(sqlite: Database.Database, caseId: string): Head {
  const head = statement(
    sqlite,
    'SELECT key, id AS caseId, head_seq AS seq, head_hash AS hash, head_signature AS signature, head_signer AS signer FROM cases WHERE id = ?',
  ).get(caseId) as Head | undefined;
  if (!head) throw new OrdelogError('NOT_FOUND');
  return head;
}

/**
 * Before a signed-in user signs a new head over a case's chain: the head they build on must be one the
 * application left. Its signature holds, by a registered author's key, and its last entry is the one the head
 * names; a head without a signature is accepted only for a case without signed entries (a vault from before
 * signed heads, or written with no user key at hand). Otherwise someone changed the log outside Ordelog, and
 * signing over it would vouch for their change: LOG_TAMPERED, and the caller's transaction writes nothing.
 */
function checkHeadBeforeSigning(sqlite: Database.Database, head: Head): void {
  if (!headIntact(sqlite, head)) throw new OrdelogError('LOG_TAMPERED', { detail: `(dossier ${head.caseId})` });
}

function headIntact(sqlite: Database.Database, head: Head): boolean {
  const last = statement(sqlite, 'SELECT seq, lower(hex(hash)) AS hash FROM log_entries WHERE case_key = ? ORDER BY seq DESC LIMIT 1').get(head.key) as
    | { seq: number; hash: string }
    | undefined;
  if ((last?.seq ?? 0) !== head.seq || (last?.hash ?? genesisHash) !== head.hash) return false;
  if (head.signature === null && head.signer === null) {
    return statement(sqlite, 'SELECT 1 FROM log_entries WHERE case_key = ? AND signature IS NOT NULL LIMIT 1').get(head.key) === undefined;
  }
  return (
    head.signature !== null &&
    head.signer !== null &&
    isRegisteredAuthorKey(sqlite, head.signer) &&
    caseHeadSignatureValid(head.signer, head.caseId, head.seq, head.hash, head.signature)
  );
}

/** The case's head as it stands, checked when the connection's user will sign the head it moves to. */
function headToMove(sqlite: Database.Database, caseId: string): Head {
  const head = readHead(sqlite, caseId);
  if (connectionSigner(sqlite)) checkHeadBeforeSigning(sqlite, head);
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

/** Moves the case's head, signed by the connection's user; with no user key at hand it is left unsigned. */
function moveHead(sqlite: Database.Database, head: Head): void {
  const signer = connectionSigner(sqlite);
  const signature = signer ? signCaseHead(signer, head.caseId, head.seq, head.hash) : null;
  statement(sqlite, 'UPDATE cases SET head_seq = ?, head_hash = ?, head_signature = ?, head_signer = ? WHERE key = ?').run(
    head.seq,
    head.hash,
    signature,
    signer ? signer.publicKey : null,
    head.key,
  );
}

/** Runs `work` in an IMMEDIATE transaction, or inside the caller's: a savepoint per entry is cost, not safety. */
function inWriteTransaction<T>(sqlite: Database.Database, work: () => T): T {
  return sqlite.inTransaction ? work() : sqlite.transaction(work).immediate();
}

/**
 * Appends an entry to its case's chain: reads the case's head (checked, when it will be signed), hashes, inserts
 * the entry and moves the head, all in one IMMEDIATE transaction (or in the caller's, which then holds the write
 * lock), so two writers can never chain onto the same head.
 */
export function appendChainedEntry(sqlite: Database.Database, entry: NewEntry): StoredEntry {
  return inWriteTransaction(sqlite, () => {
    const head = headToMove(sqlite, entry.caseId);
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
        head = headToMove(sqlite, entry.caseId);
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

/** How far a pass has followed a case's chain: its id and the last entry that linked. */
interface ChainSoFar {
  id: string;
  previous: { seq: number; hash: string; id: string | null };
}

interface CaseChain extends ChainSoFar {
  key: number;
  headSeq: number;
  headHash: string;
  headSignature: Buffer | null;
  headSigner: string | null;
  /** Whether an entry of the case carries an author's signature. */
  signed: boolean;
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

/**
 * Why a row does not link onto its case's chain so far, or null when it does; with `authors`, also why its
 * signature does not hold. Reuses the row for the encoding.
 */
function rowProblem(chain: ChainSoFar, row: VerifyRow, authors?: AuthorKeys): ChainBreakReason | null {
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
  return signed === null || authors === undefined ? null : signatureProblem(row, location, signed, authors);
}

/** Whether `signer` (base64) is registered for an author and, if that author has a key slot here, bound by it. */
function knownSigner(authors: AuthorKeys, signer: string): boolean {
  for (const [userId, keys] of authors.registered) {
    const slotKeys = authors.bySlot?.get(userId);
    if (keys.has(signer) && (slotKeys === undefined || slotKeys.has(signer))) return true;
  }
  return false;
}

/** Why a case's head, once its chain linked up to its last entry, does not hold, or null when it does. */
function headProblem(chain: CaseChain, authors: AuthorKeys): ChainBreakReason | null {
  const { previous, headSignature, headSigner } = chain;
  if (chain.headSeq !== previous.seq || chain.headHash !== previous.hash) return 'head-mismatch';
  if (headSignature === null && headSigner === null) return chain.signed ? 'head-unsigned' : null;
  const holds =
    headSignature !== null &&
    headSigner !== null &&
    knownSigner(authors, headSigner) &&
    caseHeadSignatureValid(headSigner, chain.id, chain.headSeq, chain.headHash, headSignature);
  return holds ? null : 'head-signature-bad';
}

/**
 * The first entry of a case whose author signature does not hold, found by checking them all (about 120 µs
 * each): done only for a case whose head signature failed, to name the forged entry rather than only the head.
 */
function forgedEntry(sqlite: Database.Database, chain: CaseChain, authors: AuthorKeys): CaseChain['broken'] {
  const walk: ChainSoFar = { id: chain.id, previous: { seq: 0, hash: genesisHash, id: null } };
  const rows = sqlite.prepare(`SELECT ${verifyColumns} FROM log_entries WHERE case_key = ? ORDER BY seq`).raw(true);
  for (const row of rows.iterate(chain.key) as IterableIterator<VerifyRow>) {
    const id = row[field.id] as string;
    const seq = row[field.seq] as number;
    const stored = row[field.hash] as string;
    const problem = rowProblem(walk, row, authors);
    if (problem !== null) return { caseId: chain.id, seq, entryId: id, reason: problem };
    walk.previous = { seq, hash: stored, id };
  }
  return undefined;
}

export interface VerifyChainsOptions {
  /** The signing keys the vault's key slots bind, see `AuthorKeys`. */
  slotKeys?: AuthorKeys['bySlot'];
  /** Hashes, links and head signatures only: no entry signature is checked, not even to name a forged entry. */
  quick?: boolean;
}

/**
 * Recomputes every case's chain: consecutive seq from 1, each prev_hash equal to the previous hash, each hash
 * equal to the one recomputed from the entry's canonical encoding, and the case's recorded head equal to its last
 * entry. Reports the first break (of the first broken case by id). One sequential pass over the log table in
 * rowid order, which within a case is the order of seq (entries are only appended), so the time grows with the
 * log's length and no index is read; `progress` hears the entries done against the log's length.
 * Someone holding the key can rewrite a whole chain consistently; what they cannot do is sign its head. Each
 * case's head must carry a valid signature by a key registered for an author (`author_keys`) and, when that
 * author has a key slot here, bound by the slot (`slotKeys`, see `AuthorKeys`); a case with signed entries must
 * have a signed head. The head's hash covers every entry, so one signature per case vouches for the chain the
 * application wrote, and the entries' own signatures (one Ed25519 verification each: 12 s per 100,000 entries)
 * are checked only for a case whose head fails, to name the forged entry (not in a `quick` check). An exported
 * fingerprint (briefing exports) anchors a head outside the vault as well.
 */
export function verifyChains(sqlite: Database.Database, progress?: ChainProgress, options: VerifyChainsOptions = {}): ChainVerification {
  const authors: AuthorKeys = { registered: registeredAuthorKeys(sqlite), bySlot: options.slotKeys };
  const caseRows = sqlite
    .prepare(
      `SELECT id, key, head_seq AS headSeq, head_hash AS headHash, head_signature AS headSignature, head_signer AS headSigner
       FROM cases ORDER BY id`,
    )
    .all() as Omit<CaseChain, 'previous' | 'signed'>[];
  const chains = new Map<number, CaseChain>(
    caseRows.map((row) => [row.key, { ...row, signed: false, previous: { seq: 0, hash: genesisHash, id: null } }]),
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
    if (row[field.signature] !== null) chain.signed = true;
    const problem = rowProblem(chain, row);
    if (problem === null) chain.previous = { seq, hash: stored, id };
    else if (problem === 'seq-gap') chain.broken = { caseId: chain.id, seq: chain.previous.seq + 1, entryId: null, reason: problem };
    else chain.broken = { caseId: chain.id, seq, entryId: id, reason: problem };
  }
  progress?.(entriesChecked, total);
  let firstBroken: ChainVerification['firstBroken'];
  for (const caseRow of caseRows) {
    const chain = chains.get(caseRow.key)!;
    const problem = chain.broken ? null : headProblem(chain, authors);
    if (problem !== null) {
      const { previous } = chain;
      chain.broken = { caseId: chain.id, seq: chain.headSeq, entryId: chain.headSeq === previous.seq ? previous.id : null, reason: problem };
      if (problem !== 'head-mismatch' && !options.quick) chain.broken = forgedEntry(sqlite, chain, authors) ?? chain.broken;
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
