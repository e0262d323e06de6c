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
  sign as edSign,
  verify as edVerify,
  type KeyObject,
} from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { z } from 'zod';
import { OrdelogError } from '../../shared/errors';
import { deriveKey, kdfParamsShape, withinKdfLimits, type KdfParams } from '../kdf';
import { ed25519PublicKey } from './events';

/**
 * A case bundle (`.ordelogpakket`): one file that carries a shared case's writer cores from one vault to another
 * by USB, a shared folder or mail. Layout:
 *
 *   "ORDELOG-PAKKET/1\n" · header (JSON, one line) · "\n" · ciphertext · signature (64 bytes)
 *
 * The header names the sender (name, organisation, user id, Ed25519 and X25519 keys) and how the content key is found: sealed to the
 * recipient's X25519 key (an ephemeral key agreement, HKDF-SHA256), or derived from a one-time passphrase
 * (scrypt). The content is AES-256-GCM with the magic and header as associated data; the sender signs the SHA-256
 * of everything before the signature. Any changed byte fails the tag or the signature, and the whole file is
 * refused before anything is read from it.
 *
 * The plaintext is a manifest (JSON) and the files of a Corestore folder that holds the case's cores: signed and
 * block-encrypted by the engine, so the same data checks out twice (the seal, then Hypercore's own proofs).
 */

const magic = Buffer.from('ORDELOG-PAKKET/1\n', 'utf8');
const signatureLength = 64;
const tagLength = 16;
/** What a bundle may grow to: the whole file is read and sealed in memory. */
export const maxBundleBytes = 1024 ** 3;

const base64 = (length: number) =>
  z
    .string()
    .regex(/^[A-Za-z0-9+/]+={0,2}$/)
    .refine((text) => Buffer.from(text, 'base64').length === length);

const headerSchema = z.object({
  format: z.literal('ordelog-pakket'),
  version: z.literal(1),
  createdAt: z.string().max(40),
  sender: z.object({
    key: base64(32),
    /** Their receiving key and user id, as in their invitation: the code read over the phone covers both keys. */
    boxKey: base64(32),
    userId: z.string().min(1).max(64),
    name: z.string().min(1).max(200),
    organisation: z.string().max(200),
  }),
  recipient: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('sleutel'), key: base64(32), ephemeralKey: base64(32) }),
    z.object({ kind: z.literal('wachtwoord'), kdf: z.object({ ...kdfParamsShape, salt: base64(32) }).refine(withinKdfLimits) }),
  ]),
  nonce: base64(12),
});
export type BundleHeader = z.infer<typeof headerSchema>;
export type BundleSender = BundleHeader['sender'];

/** Who a bundle is for: a key they gave us (their invitation), or a passphrase told to them another way. */
export type BundleRecipient = { kind: 'sleutel'; key: string } | { kind: 'wachtwoord'; passphrase: string; kdf: KdfParams };

/** How the reader opens it: the recipient's X25519 private key (held by the caller), or the passphrase. */
export type BundleOpener = { kind: 'sleutel'; agree: (ephemeralKey: Buffer) => Buffer } | { kind: 'wachtwoord'; passphrase: string };

export interface BundleFile {
  path: string;
  bytes: Buffer;
}

const x25519Spki = Buffer.from('302a300506032b656e032100', 'hex');
const x25519PublicKey = (raw: Buffer): KeyObject => createPublicKey({ key: Buffer.concat([x25519Spki, raw]), format: 'der', type: 'spki' });

function contentKeyFromAgreement(shared: Buffer, ephemeralKey: Buffer, recipientKey: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', shared, Buffer.concat([ephemeralKey, recipientKey]), 'ordelog pakket v1', 32));
}

/** The X25519 agreement a slot's private key makes with a bundle's ephemeral key. */
export function agreeWith(privateKey: KeyObject): (ephemeralKey: Buffer) => Buffer {
  return (ephemeralKey) => diffieHellman({ privateKey, publicKey: x25519PublicKey(ephemeralKey) });
}

/** Packs the plaintext: a length-prefixed manifest, then the files named in it, in order. */
function pack(manifest: unknown, files: readonly BundleFile[]): Buffer {
  const listed = { manifest, files: files.map((file) => ({ path: file.path, size: file.bytes.length })) };
  const head = Buffer.from(JSON.stringify(listed), 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(head.length);
  return Buffer.concat([length, head, ...files.map((file) => file.bytes)]);
}

const packedListSchema = z.object({
  manifest: z.unknown(),
  files: z.array(z.object({ path: z.string().min(1).max(500), size: z.number().int().min(0) })).max(10_000),
});

function unpack(plain: Buffer): { manifest: unknown; files: BundleFile[] } {
  const headLength = plain.readUInt32BE(0);
  const listed = packedListSchema.parse(JSON.parse(plain.subarray(4, 4 + headLength).toString('utf8')));
  let offset = 4 + headLength;
  const files = listed.files.map((file) => {
    const bytes = plain.subarray(offset, offset + file.size);
    offset += file.size;
    if (bytes.length !== file.size) throw new Error('short bundle content');
    return { path: file.path, bytes };
  });
  if (offset !== plain.length) throw new Error('trailing bundle content');
  return { manifest: listed.manifest, files };
}

/** Seals a manifest and files into the bytes of a bundle file, signed by the sender's Ed25519 key. */
export async function sealBundle(
  manifest: unknown,
  files: readonly BundleFile[],
  sender: BundleSender,
  signingKey: KeyObject,
  recipient: BundleRecipient,
  createdAt: string,
): Promise<Buffer> {
  let contentKey: Buffer;
  let recipientHeader: BundleHeader['recipient'];
  if (recipient.kind === 'sleutel') {
    const recipientKey = Buffer.from(recipient.key, 'base64');
    const ephemeral = generateKeyPairSync('x25519');
    const ephemeralKey = ephemeral.publicKey.export({ format: 'der', type: 'spki' }).subarray(x25519Spki.length);
    const shared = diffieHellman({ privateKey: ephemeral.privateKey, publicKey: x25519PublicKey(recipientKey) });
    contentKey = contentKeyFromAgreement(shared, ephemeralKey, recipientKey);
    shared.fill(0);
    recipientHeader = { kind: 'sleutel', key: recipient.key, ephemeralKey: ephemeralKey.toString('base64') };
  } else {
    const salt = randomBytes(32);
    contentKey = await deriveKey(recipient.passphrase, salt, recipient.kdf);
    recipientHeader = { kind: 'wachtwoord', kdf: { ...recipient.kdf, salt: salt.toString('base64') } };
  }
  const nonce = randomBytes(12);
  const header: BundleHeader = { format: 'ordelog-pakket', version: 1, createdAt, sender, recipient: recipientHeader, nonce: nonce.toString('base64') };
  const headerBytes = Buffer.from(`${JSON.stringify(header)}\n`, 'utf8');
  const cipher = createCipheriv('aes-256-gcm', contentKey, nonce).setAAD(Buffer.concat([magic, headerBytes]));
  const plain = pack(manifest, files);
  const body = Buffer.concat([magic, headerBytes, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
  plain.fill(0);
  contentKey.fill(0);
  const signature = edSign(null, createHash('sha256').update(body).digest(), signingKey);
  return Buffer.concat([body, signature]);
}

const damaged = (cause?: unknown) => new OrdelogError('BUNDLE_DAMAGED', { cause });

/** Reads a bundle's header and checks the sender's signature over the whole file; nothing is decrypted yet. */
export function readBundleHeader(file: Buffer): { header: BundleHeader; body: Buffer; headerBytes: Buffer } {
  if (file.length < magic.length + signatureLength + tagLength || !file.subarray(0, magic.length).equals(magic)) throw new OrdelogError('BUNDLE_NOT_A_BUNDLE');
  const headerEnd = file.indexOf(0x0a, magic.length);
  if (headerEnd < 0) throw damaged();
  let header: BundleHeader;
  try {
    header = headerSchema.parse(JSON.parse(file.subarray(magic.length, headerEnd).toString('utf8')));
  } catch (error) {
    throw damaged(error);
  }
  const body = file.subarray(0, file.length - signatureLength);
  const signature = file.subarray(file.length - signatureLength);
  let signed = false;
  try {
    signed = edVerify(null, createHash('sha256').update(body).digest(), ed25519PublicKey(header.sender.key), signature);
  } catch (error) {
    throw damaged(error);
  }
  if (!signed) throw damaged();
  return { header, body, headerBytes: file.subarray(magic.length, headerEnd + 1) };
}

/** Opens a bundle whose header was read: derives the content key, decrypts and unpacks, or refuses the whole file. */
export async function openBundle(file: Buffer, opener: BundleOpener): Promise<{ header: BundleHeader; manifest: unknown; files: BundleFile[] }> {
  const { header, body, headerBytes } = readBundleHeader(file);
  let contentKey: Buffer;
  if (header.recipient.kind === 'sleutel') {
    if (opener.kind !== 'sleutel') throw new OrdelogError('BUNDLE_NOT_FOR_YOU');
    const ephemeralKey = Buffer.from(header.recipient.ephemeralKey, 'base64');
    let shared: Buffer;
    try {
      shared = opener.agree(ephemeralKey);
    } catch (error) {
      throw damaged(error);
    }
    contentKey = contentKeyFromAgreement(shared, ephemeralKey, Buffer.from(header.recipient.key, 'base64'));
    shared.fill(0);
  } else {
    if (opener.kind !== 'wachtwoord') throw new OrdelogError('BUNDLE_NEEDS_PASSPHRASE');
    const { salt, ...kdf } = header.recipient.kdf;
    contentKey = await deriveKey(opener.passphrase, Buffer.from(salt, 'base64'), kdf);
  }
  const start = magic.length + headerBytes.length;
  const ciphertext = body.subarray(start, body.length - tagLength);
  const decipher = createDecipheriv('aes-256-gcm', contentKey, Buffer.from(header.nonce, 'base64')).setAAD(Buffer.concat([magic, headerBytes]));
  decipher.setAuthTag(body.subarray(body.length - tagLength));
  const plain = decipher.update(ciphertext);
  try {
    decipher.final();
  } catch (error) {
    plain.fill(0);
    // A wrong passphrase and a changed byte look alike to GCM; the signature already vouched for the bytes.
    throw new OrdelogError(header.recipient.kind === 'wachtwoord' ? 'BUNDLE_WRONG_PASSPHRASE' : 'BUNDLE_NOT_FOR_YOU', { cause: error });
  } finally {
    contentKey.fill(0);
  }
  try {
    return { header, ...unpack(plain) };
  } catch (error) {
    throw damaged(error);
  }
}

/** Every file under `directory`, with paths relative to it in `/` form. */
export function readFolder(directory: string): BundleFile[] {
  const files: BundleFile[] = [];
  const walk = (folder: string) => {
    for (const name of readdirSync(folder).sort()) {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) walk(path);
      else files.push({ path: relative(directory, path).split(sep).join('/'), bytes: readFileSync(path) });
    }
  };
  walk(directory);
  return files;
}

/** Writes files into `directory`, refusing any path that would leave it. */
export function writeFolder(directory: string, files: readonly BundleFile[]): void {
  for (const file of files) {
    const parts = file.path.split('/');
    if (parts.some((part) => part === '' || part === '.' || part === '..' || part.includes('\\') || part.includes(':'))) throw damaged();
    const path = join(directory, ...parts);
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    writeFileSync(path, file.bytes, { mode: 0o600 });
  }
}

/** A private key object for an Ed25519 raw key the caller holds (a user's signing key). */
export function ed25519PrivateKey(raw: Buffer): KeyObject {
  const der = Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), raw]);
  try {
    return createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
  } finally {
    der.fill(0);
  }
}
