import { scrypt } from 'node:crypto';
import { z } from 'zod';

/**
 * Passphrase key derivation: scrypt. Its cost parameters are stored with each key slot, so they can be
 * raised for new slots later without touching existing ones.
 */
export interface KdfParams {
  N: number;
  r: number;
  p: number;
}

/** OWASP Password Storage Cheat Sheet minimum for scrypt: 128 MiB of memory a derivation. */
export const owaspMinimumKdf: Readonly<KdfParams> = Object.freeze({ N: 2 ** 17, r: 8, p: 1 });

/** The floor `calibrateKdf` starts from; only tests pass anything weaker, explicitly. */
export const defaultKdf: Readonly<KdfParams> = owaspMinimumKdf;

/** A slot file is input like any other: bounding the cost keeps a tampered file from exhausting memory. */
const maxKdfMemoryBytes = 1024 ** 3;
const maxCalibratedN = 2 ** 20;

/** The bytes OpenSSL's scrypt allocates (B and V blocks); `maxmem` below this makes it refuse. */
export function kdfMemoryBytes({ N, r, p }: KdfParams): number {
  return 128 * r * (N + 2 + p);
}

const isPowerOfTwo = (n: number): boolean => n > 1 && (n & (n - 1)) === 0;

/** Field rules, to be combined into larger object schemas (the key slot), and the limit across them. */
export const kdfParamsShape = {
  N: z.number().int().min(2 ** 10).max(maxCalibratedN).refine(isPowerOfTwo),
  r: z.number().int().min(1).max(32),
  p: z.number().int().min(1).max(16),
};
export const withinKdfLimits = (params: KdfParams): boolean => kdfMemoryBytes(params) <= maxKdfMemoryBytes;
export const kdfParamsSchema = z.object(kdfParamsShape).refine(withinKdfLimits);

/**
 * Derives a 32-byte key. Passphrases are NFC-normalised first, so the same words typed with a composed or a
 * decomposed "ë" (different keyboards, different systems) give the same key. Runs on libuv's thread pool:
 * the event loop stays free while 128 MiB are churned.
 */
export async function deriveKey(secret: string | Buffer, salt: Buffer, params: KdfParams): Promise<Buffer> {
  const input = typeof secret === 'string' ? Buffer.from(secret.normalize('NFC'), 'utf8') : secret;
  try {
    return await new Promise<Buffer>((resolve, reject) => {
      scrypt(input, salt, 32, { ...params, maxmem: kdfMemoryBytes(params) }, (error, key) =>
        error ? reject(error) : resolve(key),
      );
    });
  } finally {
    if (input !== secret) input.fill(0);
  }
}

/**
 * Picks the smallest N ≥ 2^17 (r=8, p=1) whose derivation takes at least `targetMs` on this machine, so a
 * fast machine gets a proportionally harder KDF. Capped at 2^20 (1 GiB) so a slow unlock stays possible on
 * the laptops the vault may later move to.
 */
export async function calibrateKdf(targetMs = 500): Promise<KdfParams> {
  const salt = Buffer.alloc(32, 0x5a);
  let params: KdfParams = { ...defaultKdf };
  for (;;) {
    const started = performance.now();
    (await deriveKey('calibration', salt, params)).fill(0);
    if (performance.now() - started >= targetMs || params.N >= maxCalibratedN) return params;
    params = { ...params, N: params.N * 2 };
  }
}
