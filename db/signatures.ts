import type Database from 'better-sqlite3';
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import type { NewEntry } from './chain';
import { statement } from './statements';
import { OrdelogError } from '../shared/errors';

/**
 * Author signatures on log entries. Each user has an Ed25519 key pair; the private key is wrapped in their key
 * slot (keyslots.ts) and held only in memory while they are signed in. An entry is signed over the UTF-8 bytes of
 *
 *   JSON.stringify(["ordelog-signed-entry/1", id, caseId, type, text, occurredAt, recordedAt, authorId,
 *                   authorName, source, sourceReliability, informationCredibility, correctsEntryId,
 *                   personalData, phaseId, location, device])
 *
 * (`location` null when absent): the entry's own content and the device it was written on, never its place in a
 * chain (`seq`, `prevHash`), so a signature holds wherever the entry is ordered (a case file or a partner's copy
 * checks it on its own). The hash chain covers the signature (`ordelog-entry/3`, chain.ts), and the case's head
 * signature below covers the chain; `verify` checks an entry's signature against the keys registered for the
 * author (`author_keys`) and, for the vault's own users, the key their slot binds, when the head of its case
 * fails. Someone with the data key but without an author's passphrase can rewrite the chain, but cannot sign as
 * the author, nor sign the head over what they wrote.
 */

const signedTag = 'ordelog-signed-entry/1';

/** An entry's signature as the log and the case file carry it: the device id, and base64 of key and signature. */
export interface EntrySignature {
  device: string;
  authorKey: string;
  signature: string;
}

type SignedFields = Omit<NewEntry, 'device' | 'authorKey' | 'signature'>;

export function signedEntryContent(entry: SignedFields & { device: string }): string {
  return JSON.stringify([
    signedTag,
    entry.id,
    entry.caseId,
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
    entry.location ?? null,
    entry.device,
  ]);
}

// Raw Ed25519 keys travel as DER with these fixed prefixes (RFC 8410), as keyslots.ts does for X25519.
const spkiPrefix = Buffer.from('302a300506032b6570032100', 'hex');
const pkcs8Prefix = Buffer.from('302e020100300506032b657004220420', 'hex');

/** A fresh Ed25519 key pair as raw bytes: 32 of public key, 32 of private key (zero it when done). */
export function newSigningKeyPair(): { publicKey: Buffer; privateKey: Buffer } {
  const pair = generateKeyPairSync('ed25519');
  const publicKey = pair.publicKey.export({ format: 'der', type: 'spki' }).subarray(spkiPrefix.length);
  const der = pair.privateKey.export({ format: 'der', type: 'pkcs8' });
  const privateKey = Buffer.from(der.subarray(pkcs8Prefix.length));
  der.fill(0);
  return { publicKey: Buffer.from(publicKey), privateKey };
}

function withPrivateKey<T>(raw: Buffer, use: (key: KeyObject) => T): T {
  const der = Buffer.concat([pkcs8Prefix, raw]);
  try {
    return use(createPrivateKey({ key: der, format: 'der', type: 'pkcs8' }));
  } finally {
    der.fill(0);
  }
}

/** The public key (base64) that belongs to a raw private key. */
export function publicKeyOf(privateKey: Buffer): string {
  return withPrivateKey(privateKey, (key) =>
    createPublicKey(key).export({ format: 'der', type: 'spki' }).subarray(spkiPrefix.length).toString('base64'),
  );
}

/** Who signs the entries a session writes: the user's key, held in memory while the vault is unlocked. */
export interface EntrySigner {
  userId: string;
  device: string;
  /** Base64 of the raw public key. */
  publicKey: string;
  /** The raw private key; zeroed when the vault locks. */
  privateKey: Buffer;
}

export function signEntry<T extends SignedFields>(entry: T, signer: EntrySigner): T & EntrySignature {
  const content = Buffer.from(signedEntryContent({ ...entry, device: signer.device }), 'utf8');
  const signature = withPrivateKey(signer.privateKey, (key) => sign(null, content, key));
  return { ...entry, device: signer.device, authorKey: signer.publicKey, signature: signature.toString('base64') };
}

const publicKeys = new Map<string, KeyObject | null>();

/** The key for a base64 raw public key, kept (a vault has few authors); null for bytes that are no Ed25519 key. */
function publicKeyObject(authorKey: string): KeyObject | null {
  let key = publicKeys.get(authorKey);
  if (key === undefined) {
    const raw = Buffer.from(authorKey, 'base64');
    try {
      key = raw.length === 32 ? createPublicKey({ key: Buffer.concat([spkiPrefix, raw]), format: 'der', type: 'spki' }) : null;
    } catch {
      key = null;
    }
    if (publicKeys.size > 1_000) publicKeys.clear();
    publicKeys.set(authorKey, key);
  }
  return key;
}

function signatureValid(publicKey: string, content: string, signature: Buffer): boolean {
  const key = publicKeyObject(publicKey);
  if (key === null || signature.length !== 64) return false;
  return verify(null, Buffer.from(content, 'utf8'), key, signature);
}

/** Whether `signature` is the author key's Ed25519 signature over the entry's signed content. */
export function entrySignatureValid(entry: SignedFields & EntrySignature): boolean {
  return signatureValid(entry.authorKey, signedEntryContent(entry), Buffer.from(entry.signature, 'base64'));
}

/**
 * A case's head (its last entry's number and hash, chain.ts) is signed by the user whose write moved it, over the
 * UTF-8 bytes of
 *
 *   JSON.stringify(["ordelog-case-head/1", caseId, headSeq, headHash])
 *
 * The hash covers every entry before it, so one signature per case vouches for the whole chain as the
 * application wrote it: `verify` checks one signature per case instead of one per entry, and a chain rewritten
 * by someone with only the data key (an entry forged, unsigned or not, signatures stripped, the links
 * recomputed) has a head no registered author signed.
 */
export function caseHeadContent(caseId: string, headSeq: number, headHash: string): string {
  return JSON.stringify(['ordelog-case-head/1', caseId, headSeq, headHash]);
}

/** The signer's Ed25519 signature over the case head (64 bytes). */
export function signCaseHead(signer: EntrySigner, caseId: string, headSeq: number, headHash: string): Buffer {
  const content = Buffer.from(caseHeadContent(caseId, headSeq, headHash), 'utf8');
  return withPrivateKey(signer.privateKey, (key) => sign(null, content, key));
}

/** Whether `signature` is the Ed25519 signature of `signerKey` (base64) over the case head. */
export function caseHeadSignatureValid(signerKey: string, caseId: string, headSeq: number, headHash: string, signature: Buffer): boolean {
  return signatureValid(signerKey, caseHeadContent(caseId, headSeq, headHash), signature);
}

/*
 * Kept by the connection, which is what the chain (chain.ts) writes through: every head the connection moves is
 * signed with this key, whichever service wrote the entry.
 */
const signers = new WeakMap<Database.Database, EntrySigner>();

/** Holds the signed-in user's signer for this open database (vault.ts, at unlock). */
export function attachSigner(database: { sqlite: Database.Database }, signer: EntrySigner): void {
  detachSigner(database);
  signers.set(database.sqlite, signer);
}

/** Forgets the signer and zeroes its private key (at lock). */
export function detachSigner(database: { sqlite: Database.Database }): void {
  signers.get(database.sqlite)?.privateKey.fill(0);
  signers.delete(database.sqlite);
}

/**
 * The signer for entries `userId` writes on this database: only the signed-in user's own key, so a session of
 * anyone else (the recovery actor) writes unsigned entries rather than entries signed by someone else.
 */
export function signerFor(database: { sqlite: Database.Database }, userId: string): EntrySigner | undefined {
  const signer = signers.get(database.sqlite);
  return signer?.userId === userId ? signer : undefined;
}

/** The key of the user who unlocked the vault this connection belongs to; none in a session without one. */
export function connectionSigner(sqlite: Database.Database): EntrySigner | undefined {
  return signers.get(sqlite);
}

/** Whether `publicKey` (base64) is registered for some author. */
export function isRegisteredAuthorKey(sqlite: Database.Database, publicKey: string): boolean {
  return statement(sqlite, 'SELECT 1 FROM author_keys WHERE public_key = ?').get(Buffer.from(publicKey, 'base64')) !== undefined;
}

const deviceKey = 'device.id';

/** This vault's device id: random, made by migration 0010 (or here, should the row be missing), never changed. */
export function deviceIdOf(sqlite: Database.Database): string {
  const read = () => statement(sqlite, 'SELECT value FROM settings WHERE key = ?').pluck().get(deviceKey) as string | undefined;
  let value = read();
  if (value === undefined) {
    statement(sqlite, `INSERT INTO settings (key, value) VALUES (?, '"' || lower(hex(randomblob(16))) || '"') ON CONFLICT DO NOTHING`).run(deviceKey);
    value = read()!;
  }
  return JSON.parse(value) as string;
}

/** Records that `userId` signs with `publicKey` (base64); a key already recorded stays as it was. */
export function registerAuthorKey(sqlite: Database.Database, userId: string, publicKey: string, at: string): void {
  statement(sqlite, 'INSERT INTO author_keys (user_id, public_key, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING').run(
    userId,
    Buffer.from(publicKey, 'base64'),
    at,
  );
}

/** Every registered key (base64) by author id. */
export function registeredAuthorKeys(sqlite: Database.Database): Map<string, Set<string>> {
  const keys = new Map<string, Set<string>>();
  const rows = sqlite.prepare('SELECT user_id AS userId, public_key AS publicKey FROM author_keys').all() as { userId: string; publicKey: Buffer }[];
  for (const row of rows) {
    const set = keys.get(row.userId) ?? new Set<string>();
    set.add(row.publicKey.toString('base64'));
    keys.set(row.userId, set);
  }
  return keys;
}

const boxKeys = new WeakMap<object, { userId: string; privateKey: KeyObject }>();

/**
 * Holds the signed-in user's X25519 key-slot key for this open database (at unlock): case bundles sealed to them
 * open with it. Like the data key, it lives only in this process's memory while the vault is unlocked.
 */
export function attachBoxKey(database: object, userId: string, privateKey: KeyObject): void {
  boxKeys.set(database, { userId, privateKey });
}

export function detachBoxKey(database: object): void {
  boxKeys.delete(database);
}

/** Runs `use` with the key bundles sealed to `userId` open with; SIGNING_KEY_MISSING when it is not at hand. */
export function withBoxKey<T>(database: object, userId: string, use: (privateKey: KeyObject) => T): T {
  const held = boxKeys.get(database);
  if (held?.userId !== userId) throw new OrdelogError('SIGNING_KEY_MISSING');
  return use(held.privateKey);
}
