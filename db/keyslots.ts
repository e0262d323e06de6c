import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  hkdfSync,
  randomBytes,
  randomUUID,
  timingSafeEqual,
  type KeyObject,
} from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { OrdelogError } from '../shared/errors';
import { userNamePattern } from '../shared/text-rules';
import { writeFileAtomic } from './atomic-file';
import { deriveKey, kdfParamsSchema, kdfParamsShape, withinKdfLimits, type KdfParams } from './kdf';
import { newSigningKeyPair, publicKeyOf } from './signatures';

/**
 * Key slots (`keyslots.json`): who can obtain the data key that encrypts the database.
 *
 * Two levels, so a user can be removed (and the data key replaced) without anyone knowing the other users'
 * passphrases: each slot has an X25519 key pair whose private key is wrapped (AES-256-GCM) by a key derived
 * from the passphrase (scrypt), and the data key is sealed to the slot's public key (ephemeral X25519,
 * HKDF-SHA256, AES-256-GCM). Replacing the data key only needs the public keys.
 *
 * Every ciphertext's associated data names the slot's id, kind, user id, KDF parameters and public key, so
 * editing any of them makes decryption fail. The only clear metadata a slot carries is the login name (to find
 * the slot at unlock), the user's random id, and whether it is the recovery slot. The name is not bound (so a
 * rename would not need the passphrase); unlocking checks it against the user's row in the database instead.
 *
 * During a data key replacement each slot holds two sealed keys (current and pending); see vault.ts.
 *
 * A user slot also holds the user's Ed25519 signing key (db/signatures.ts), wrapped by the same passphrase key
 * under associated data of its own that names the slot, the X25519 public key, the signing public key and the
 * keys the slot retired (a new passphrase brings a new signing key; the entries signed before still verify). So
 * a signing key swapped in behind the user's back makes their next unlock fail instead of letting someone else
 * sign as them. Slots made before signatures existed get theirs at the next unlock.
 */

export { userNamePattern };

const base64Bytes = (length: number) =>
  z
    .string()
    .regex(/^[A-Za-z0-9+/]+={0,2}$/)
    .refine((text) => Buffer.from(text, 'base64').length === length);
const keyIdSchema = z.string().regex(/^[0-9a-f]{32}$/);

const sealedDataKeySchema = z.object({
  keyId: keyIdSchema,
  ephemeralPublicKey: base64Bytes(32),
  nonce: base64Bytes(12),
  ciphertext: base64Bytes(48),
});

const slotSchema = z
  .object({
    id: z.uuid(),
    kind: z.enum(['user', 'recovery']),
    userId: z.string().min(1).max(64).nullable(),
    userName: z.string().regex(userNamePattern).nullable(),
    kdf: z.object({ algorithm: z.literal('scrypt'), ...kdfParamsShape, salt: base64Bytes(32) }).refine(withinKdfLimits),
    publicKey: base64Bytes(32),
    wrappedPrivateKey: z.object({ nonce: base64Bytes(12), ciphertext: base64Bytes(48) }),
    dataKeys: z.array(sealedDataKeySchema).min(1).max(2),
    signing: z
      .object({
        publicKey: base64Bytes(32),
        wrappedPrivateKey: z.object({ nonce: base64Bytes(12), ciphertext: base64Bytes(48) }),
        retiredPublicKeys: z.array(base64Bytes(32)).max(1_000).optional(),
      })
      .optional(),
  })
  .refine((slot) => (slot.kind === 'user') === (slot.userId !== null && slot.userName !== null))
  .refine((slot) => slot.kind === 'user' || slot.signing === undefined)
  .refine((slot) => slot.kind === 'user' || (slot.userId === null && slot.userName === null));

const keySlotsFileSchema = z
  .object({
    format: z.literal('ordelog-keyslots'),
    version: z.literal(1),
    currentKeyId: keyIdSchema,
    pendingKeyId: keyIdSchema.optional(),
    slots: z.array(slotSchema).min(1),
    /** What the vault last saw of its database, sealed under the current data key (rollback-memory.ts). */
    memory: z.object({ nonce: base64Bytes(12), ciphertext: z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/) }).optional(),
  })
  .superRefine((file, ctx) => {
    const expected = [file.currentKeyId, file.pendingKeyId].filter((id) => id !== undefined);
    const unique = (values: unknown[]) => new Set(values).size === values.length;
    const names = file.slots.flatMap((slot) => (slot.userName === null ? [] : [slot.userName]));
    const users = file.slots.flatMap((slot) => (slot.userId === null ? [] : [slot.userId]));
    const consistent =
      unique(file.slots.map((slot) => slot.id)) &&
      unique(names) &&
      unique(users) &&
      file.slots.filter((slot) => slot.kind === 'recovery').length <= 1 &&
      file.slots.every(
        (slot) =>
          slot.dataKeys.length === expected.length && expected.every((id, i) => slot.dataKeys[i]?.keyId === id),
      );
    if (!consistent) ctx.addIssue({ code: 'custom', message: 'inconsistent key slots' });
  });

export type SealedDataKey = z.infer<typeof sealedDataKeySchema>;
export type KeySlot = z.infer<typeof slotSchema>;
export type KeySlotsFile = z.infer<typeof keySlotsFileSchema>;

/** A data key with its public identifier (derived one-way, so it reveals nothing about the key). */
export interface DataKey {
  keyId: string;
  key: Buffer;
}

export function dataKeyFrom(key: Buffer): DataKey {
  return { keyId: Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), 'ordelog key id v1', 16)).toString('hex'), key };
}

export function newDataKey(): DataKey {
  return dataKeyFrom(randomBytes(32));
}

export function readKeySlots(file: string): KeySlotsFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new OrdelogError('VAULT_NOT_FOUND', { cause: error });
    throw error;
  }
  return parseKeySlots(text);
}

export function parseKeySlots(text: string): KeySlotsFile {
  try {
    return keySlotsFileSchema.parse(JSON.parse(text));
  } catch (error) {
    throw new OrdelogError('VAULT_DAMAGED', { detail: '(sleutelbestand)', cause: error });
  }
}

export function writeKeySlots(file: string, slots: KeySlotsFile): void {
  keySlotsFileSchema.parse(slots);
  writeFileAtomic(file, `${JSON.stringify(slots, null, 2)}\n`);
}

// Raw X25519 keys travel as DER with these fixed prefixes (RFC 8410), which avoids base64url strings
// (that cannot be zeroed) for private keys.
const spkiPrefix = Buffer.from('302a300506032b656e032100', 'hex');
const pkcs8Prefix = Buffer.from('302e020100300506032b656e04220420', 'hex');

const publicKeyFromRaw = (raw: Buffer): KeyObject =>
  createPublicKey({ key: Buffer.concat([spkiPrefix, raw]), format: 'der', type: 'spki' });
const rawPublicKey = (key: KeyObject): Buffer => key.export({ format: 'der', type: 'spki' }).subarray(spkiPrefix.length);

function privateKeyFromRaw(raw: Buffer): KeyObject {
  const der = Buffer.concat([pkcs8Prefix, raw]);
  try {
    return createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
  } finally {
    der.fill(0);
  }
}

function rawPrivateKey(key: KeyObject): Buffer {
  const der = key.export({ format: 'der', type: 'pkcs8' });
  const raw = Buffer.from(der.subarray(pkcs8Prefix.length));
  der.fill(0);
  return raw;
}

export function gcmSeal(key: Buffer, plaintext: Buffer, aad: Buffer): { nonce: string; ciphertext: string } {
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, nonce).setAAD(aad);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
  return { nonce: nonce.toString('base64'), ciphertext: ciphertext.toString('base64') };
}

/** Returns null when the key is wrong or anything covered by the tag or the associated data changed. */
export function gcmOpen(key: Buffer, sealed: { nonce: string; ciphertext: string }, aad: Buffer): Buffer | null {
  const bytes = Buffer.from(sealed.ciphertext, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.nonce, 'base64')).setAAD(aad);
  decipher.setAuthTag(bytes.subarray(bytes.length - 16));
  const plaintext = decipher.update(bytes.subarray(0, bytes.length - 16));
  try {
    decipher.final();
    return plaintext;
  } catch {
    plaintext.fill(0);
    return null;
  }
}

type SlotIdentity = Pick<KeySlot, 'id' | 'kind' | 'userId' | 'kdf' | 'publicKey'>;

const privateKeyAad = (slot: SlotIdentity): Buffer =>
  Buffer.from(
    JSON.stringify([
      'ordelog slot private key v1',
      slot.id,
      slot.kind,
      slot.userId,
      slot.kdf.algorithm,
      slot.kdf.N,
      slot.kdf.r,
      slot.kdf.p,
      slot.kdf.salt,
      slot.publicKey,
    ]),
  );

type SigningIdentity = Pick<NonNullable<KeySlot['signing']>, 'publicKey' | 'retiredPublicKeys'>;

const signingKeyAad = (slot: SlotIdentity, signing: SigningIdentity): Buffer =>
  Buffer.from(
    JSON.stringify([
      'ordelog slot signing key v1',
      slot.id,
      slot.kind,
      slot.userId,
      slot.kdf.algorithm,
      slot.kdf.N,
      slot.kdf.r,
      slot.kdf.p,
      slot.kdf.salt,
      slot.publicKey,
      signing.publicKey,
      signing.retiredPublicKeys ?? [],
    ]),
  );

/** A new signing key pair for the slot, wrapped by `kek`; returns the slot's field and the raw private key. */
function newSigning(
  slot: SlotIdentity,
  kek: Buffer,
  retiredPublicKeys: readonly string[],
): { signing: NonNullable<KeySlot['signing']>; privateKey: Buffer } {
  const pair = newSigningKeyPair();
  const identity: SigningIdentity = {
    publicKey: pair.publicKey.toString('base64'),
    ...(retiredPublicKeys.length > 0 ? { retiredPublicKeys: [...retiredPublicKeys] } : {}),
  };
  const wrappedPrivateKey = gcmSeal(kek, pair.privateKey, signingKeyAad(slot, identity));
  return { signing: { ...identity, wrappedPrivateKey }, privateKey: pair.privateKey };
}

/** The signing keys a slot binds: the current one and the ones it retired (base64). */
export function slotSigningKeys(slot: KeySlot): string[] {
  return slot.signing ? [slot.signing.publicKey, ...(slot.signing.retiredPublicKeys ?? [])] : [];
}

const dataKeyAad = (slot: SlotIdentity, keyId: string, ephemeralPublicKey: string): Buffer =>
  Buffer.from(
    JSON.stringify([
      'ordelog slot data key v1',
      slot.id,
      slot.kind,
      slot.userId,
      slot.kdf.algorithm,
      slot.kdf.N,
      slot.kdf.r,
      slot.kdf.p,
      slot.kdf.salt,
      slot.publicKey,
      keyId,
      ephemeralPublicKey,
    ]),
  );

function sealingKey(shared: Buffer, ephemeralPublic: Buffer, recipientPublic: Buffer): Buffer {
  const salt = Buffer.concat([ephemeralPublic, recipientPublic]);
  return Buffer.from(hkdfSync('sha256', shared, salt, 'ordelog seal v1', 32));
}

/** Seals a data key to a slot's public key; needs no secret of the slot. */
export function sealDataKey(slot: SlotIdentity, dataKey: DataKey): SealedDataKey {
  const ephemeral = generateKeyPairSync('x25519');
  const recipientPublic = Buffer.from(slot.publicKey, 'base64');
  const ephemeralPublic = rawPublicKey(ephemeral.publicKey);
  const shared = diffieHellman({ privateKey: ephemeral.privateKey, publicKey: publicKeyFromRaw(recipientPublic) });
  const key = sealingKey(shared, ephemeralPublic, recipientPublic);
  shared.fill(0);
  const ephemeralPublicKey = ephemeralPublic.toString('base64');
  const sealed = gcmSeal(key, dataKey.key, dataKeyAad(slot, dataKey.keyId, ephemeralPublicKey));
  key.fill(0);
  return { keyId: dataKey.keyId, ephemeralPublicKey, ...sealed };
}

function unsealDataKey(slot: KeySlot, sealed: SealedDataKey, privateKey: KeyObject): Buffer | null {
  const ephemeralPublic = Buffer.from(sealed.ephemeralPublicKey, 'base64');
  let shared: Buffer;
  try {
    shared = diffieHellman({ privateKey, publicKey: publicKeyFromRaw(ephemeralPublic) });
  } catch {
    return null;
  }
  const key = sealingKey(shared, ephemeralPublic, Buffer.from(slot.publicKey, 'base64'));
  shared.fill(0);
  const plaintext = gcmOpen(key, sealed, dataKeyAad(slot, sealed.keyId, sealed.ephemeralPublicKey));
  key.fill(0);
  if (plaintext === null) return null;
  if (plaintext.length !== 32 || dataKeyFrom(plaintext).keyId !== sealed.keyId) {
    plaintext.fill(0);
    return null;
  }
  return plaintext;
}

/** A passphrase (string) or the recovery key's 32 bytes. */
export type SlotSecret = string | Buffer;

export interface NewSlot {
  kind: KeySlot['kind'];
  userId: string | null;
  userName: string | null;
  secret: SlotSecret;
  kdf: KdfParams;
  dataKeys: DataKey[];
  /** The signing keys of the slot this one replaces, which entries may still be signed with. */
  retiredSigningKeys?: readonly string[];
}

/**
 * Creates a slot with a fresh key pair, and for a user a fresh signing key (register its public key in
 * `author_keys`); the one scrypt derivation in it is what makes this take ~0.5 s.
 */
export async function createSlot(input: NewSlot): Promise<KeySlot> {
  const { slot, signingKey } = await createSlotWithSigningKey(input);
  signingKey?.fill(0);
  return slot;
}

/** `createSlot`, keeping the new raw signing private key for a session that signs with it now (zero it after). */
export async function createSlotWithSigningKey(input: NewSlot): Promise<{ slot: KeySlot; signingKey: Buffer | null; boxKey: KeyObject }> {
  if (!kdfParamsSchema.safeParse(input.kdf).success) throw new OrdelogError('INVALID_INPUT', { detail: '(KDF)' });
  const pair = generateKeyPairSync('x25519');
  const kdf = {
    algorithm: 'scrypt' as const,
    N: input.kdf.N,
    r: input.kdf.r,
    p: input.kdf.p,
    salt: randomBytes(32).toString('base64'),
  };
  const identity: SlotIdentity = {
    id: randomUUID(),
    kind: input.kind,
    userId: input.userId,
    kdf,
    publicKey: rawPublicKey(pair.publicKey).toString('base64'),
  };
  const kek = await deriveKey(input.secret, Buffer.from(kdf.salt, 'base64'), kdf);
  const privateRaw = rawPrivateKey(pair.privateKey);
  const wrappedPrivateKey = gcmSeal(kek, privateRaw, privateKeyAad(identity));
  privateRaw.fill(0);
  const signing = input.kind === 'user' ? newSigning(identity, kek, input.retiredSigningKeys ?? []) : undefined;
  kek.fill(0);
  const slot: KeySlot = {
    ...identity,
    userName: input.userName,
    wrappedPrivateKey,
    dataKeys: input.dataKeys.map((dataKey) => sealDataKey(identity, dataKey)),
    ...(signing ? { signing: signing.signing } : {}),
  };
  return { slot, signingKey: signing?.privateKey ?? null, boxKey: pair.privateKey };
}

/** The passphrase step of unlocking (the slow part), separate so its time can be measured and matched. */
export async function deriveSlotKek(slot: Pick<KeySlot, 'kdf'>, secret: SlotSecret): Promise<Buffer> {
  return deriveKey(secret, Buffer.from(slot.kdf.salt, 'base64'), slot.kdf);
}

/** Null when the passphrase is wrong (or a field covered by the associated data was edited). */
export function unwrapPrivateKey(slot: KeySlot, kek: Buffer): KeyObject | null {
  const raw = gcmOpen(kek, slot.wrappedPrivateKey, privateKeyAad(slot));
  if (raw === null) return null;
  try {
    return privateKeyFromRaw(raw);
  } finally {
    raw.fill(0);
  }
}

/**
 * The user's raw signing private key, unwrapped with the `kek` that opened the slot's X25519 key (so the
 * passphrase was right): a failure here means the signing key or what binds it was replaced, and is refused.
 * A user slot made before signatures existed gets a new signing key wrapped by the same `kek`; the caller
 * writes the returned slot to the file and registers its key. Null for the recovery slot, which signs nothing.
 */
export function openSigningKey(slot: KeySlot, kek: Buffer): { slot: KeySlot; privateKey: Buffer } | null {
  if (slot.kind !== 'user') return null;
  if (slot.signing === undefined) {
    const { signing, privateKey } = newSigning(slot, kek, []);
    return { slot: { ...slot, signing }, privateKey };
  }
  const privateKey = gcmOpen(kek, slot.signing.wrappedPrivateKey, signingKeyAad(slot, slot.signing));
  if (privateKey === null || privateKey.length !== 32 || publicKeyOf(privateKey) !== slot.signing.publicKey) {
    privateKey?.fill(0);
    throw new OrdelogError('SIGNING_KEY_REPLACED');
  }
  return { slot, privateKey };
}

/**
 * Unseals every data key the slot holds, in file order (current, then pending). The passphrase was right by
 * now, so a failure here means the file was damaged or tampered with.
 */
export function unsealDataKeys(slot: KeySlot, privateKey: KeyObject): DataKey[] {
  const keys: DataKey[] = [];
  for (const sealed of slot.dataKeys) {
    const key = unsealDataKey(slot, sealed, privateKey);
    if (key === null) {
      for (const opened of keys) opened.key.fill(0);
      throw new OrdelogError('VAULT_DAMAGED', { detail: '(sleutelbestand)' });
    }
    keys.push({ keyId: sealed.keyId, key });
  }
  return keys;
}

/** A blank file around the first slots; `currentKeyId` names the key every slot holds. */
export function newKeySlotsFile(currentKeyId: string, slots: KeySlot[]): KeySlotsFile {
  return { format: 'ordelog-keyslots', version: 1, currentKeyId, slots };
}

/** First half of a data key replacement: drop slots, seal the pending key beside the current one in the rest. */
export function withPendingKey(file: KeySlotsFile, pending: DataKey, dropSlotIds: readonly string[]): KeySlotsFile {
  const slots = file.slots
    .filter((slot) => !dropSlotIds.includes(slot.id))
    .map((slot) => ({ ...slot, dataKeys: [slot.dataKeys[0]!, sealDataKey(slot, pending)] }));
  return { ...file, pendingKeyId: pending.keyId, slots };
}

/** Second half: the database is on the pending key now; forget the old one. */
export function withPendingCommitted(file: KeySlotsFile): KeySlotsFile {
  const pendingKeyId = file.pendingKeyId;
  if (pendingKeyId === undefined) return file;
  const slots = file.slots.map((slot) => ({ ...slot, dataKeys: slot.dataKeys.filter((k) => k.keyId === pendingKeyId) }));
  return { format: file.format, version: file.version, currentKeyId: pendingKeyId, slots };
}

/** Adds a slot, or replaces the slot of the same user (or the recovery slot). */
export function withSlot(file: KeySlotsFile, slot: KeySlot): KeySlotsFile {
  const replaces = (other: KeySlot) =>
    slot.kind === 'recovery' ? other.kind === 'recovery' : other.kind === 'user' && other.userId === slot.userId;
  return { ...file, slots: [...file.slots.filter((other) => !replaces(other)), slot] };
}

export const findUserSlot = (file: KeySlotsFile, userName: string): KeySlot | undefined =>
  file.slots.find((slot) => slot.kind === 'user' && slot.userName === userName);

export const findRecoverySlot = (file: KeySlotsFile): KeySlot | undefined =>
  file.slots.find((slot) => slot.kind === 'recovery');

/** Cost parameters new slots inherit: the strongest in use, so a calibrated vault stays calibrated. */
export function strongestKdf(file: KeySlotsFile): KdfParams {
  const strongest = file.slots.reduce((best, slot) =>
    slot.kdf.N * slot.kdf.r * slot.kdf.p > best.kdf.N * best.kdf.r * best.kdf.p ? slot : best,
  );
  return { N: strongest.kdf.N, r: strongest.kdf.r, p: strongest.kdf.p };
}

/*
 * The recovery key: 256 random bits as Crockford base32 (no I, L, O, U; those are read as 1, 1, 0 when typed),
 * plus one checksum group, in groups of four: 14 groups. The checksum catches typos before a slow KDF runs.
 */
const crockford = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const recoveryDataChars = 52;
const recoveryChecksumChars = 4;

function toBase32(bytes: Buffer): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const byte of bytes) {
    value = ((value << 8) | byte) & 0xfff;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += crockford[(value >> bits) & 31];
    }
  }
  return bits > 0 ? out + crockford[(value << (5 - bits)) & 31] : out;
}

function fromBase32(text: string, byteLength: number): Buffer | null {
  const bytes: number[] = [];
  let bits = 0;
  let value = 0;
  for (const char of text) {
    value = ((value << 5) | crockford.indexOf(char)) & 0xfff;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((value >> bits) & 0xff);
    }
  }
  // Leftover bits beyond the key must be the zero padding the encoder wrote.
  if (bytes.length !== byteLength || (value & ((1 << bits) - 1)) !== 0) return null;
  return Buffer.from(bytes);
}

const recoveryChecksum = (bytes: Buffer): string =>
  toBase32(createHash('sha256').update('ordelog recovery key v1').update(bytes).digest().subarray(0, 3)).slice(
    0,
    recoveryChecksumChars,
  );

export function encodeRecoveryKey(bytes: Buffer): string {
  const text = toBase32(bytes) + recoveryChecksum(bytes);
  return (text.match(/.{4}/g) ?? []).join('-');
}

/** Accepts any case, spaces or dashes, and the usual look-alikes; throws INVALID_INPUT on a typo. */
export function decodeRecoveryKey(input: string): Buffer {
  const typo = () => new OrdelogError('INVALID_INPUT', { detail: 'De herstelsleutel is onvolledig of bevat een tikfout.' });
  const text = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (text.length !== recoveryDataChars + recoveryChecksumChars || [...text].some((c) => !crockford.includes(c))) {
    throw typo();
  }
  const bytes = fromBase32(text.slice(0, recoveryDataChars), 32);
  const checksum = Buffer.from(text.slice(recoveryDataChars));
  if (bytes === null || !timingSafeEqual(checksum, Buffer.from(recoveryChecksum(bytes)))) throw typo();
  return bytes;
}
