import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resumeRenamePlan, writeFileAtomic, type RenamePlan } from '../../db/atomic-file';
import { calibrateKdf, kdfParamsSchema, owaspMinimumKdf } from '../../db/kdf';
import {
  createSlot,
  decodeRecoveryKey,
  deriveSlotKek,
  encodeRecoveryKey,
  newDataKey,
  newKeySlotsFile,
  parseKeySlots,
  sealDataKey,
  unsealDataKeys,
  unwrapPrivateKey,
  withPendingCommitted,
  withPendingKey,
  type KeySlot,
} from '../../db/keyslots';
import { testKdf } from '../helpers/vault';

const codeOf = (action: () => unknown): string | undefined => {
  try {
    action();
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
  return undefined;
};

async function userSlot(passphrase: string, dataKey = newDataKey()): Promise<KeySlot> {
  return createSlot({ kind: 'user', userId: 'u-1', userName: 'anna', secret: passphrase, kdf: testKdf, dataKeys: [dataKey] });
}

async function openWith(slot: KeySlot, secret: string | Buffer) {
  const kek = await deriveSlotKek(slot, secret);
  return unwrapPrivateKey(slot, kek);
}

describe('a key slot', () => {
  it('gives back the data key for the right passphrase only', async () => {
    const dataKey = newDataKey();
    const slot = await userSlot('de juiste wachtwoordzin', dataKey);
    expect(await openWith(slot, 'een verkeerde wachtwoordzin')).toBeNull();
    const privateKey = await openWith(slot, 'de juiste wachtwoordzin');
    expect(privateKey).not.toBeNull();
    const [opened] = unsealDataKeys(slot, privateKey!);
    expect(opened?.key.equals(dataKey.key)).toBe(true);
    expect(opened?.keyId).toBe(dataKey.keyId);
  });

  it('treats composed and decomposed accents as the same passphrase', async () => {
    const slot = await userSlot('crème brûlée voor iedereen'.normalize('NFC'));
    expect(await openWith(slot, 'crème brûlée voor iedereen'.normalize('NFD'))).not.toBeNull();
  });

  it('seals a new data key with only its public key, and nobody else can unseal it', async () => {
    const slot = await userSlot('de juiste wachtwoordzin');
    const other = await userSlot('een andere wachtwoordzin');
    const next = newDataKey();
    const resealed = { ...slot, dataKeys: [sealDataKey(slot, next)] };
    const [opened] = unsealDataKeys(resealed, (await openWith(slot, 'de juiste wachtwoordzin'))!);
    expect(opened?.key.equals(next.key)).toBe(true);
    const stolen = { ...other, dataKeys: resealed.dataKeys };
    const otherKey = (await openWith(other, 'een andere wachtwoordzin'))!;
    expect(codeOf(() => unsealDataKeys(stolen, otherKey))).toBe('VAULT_DAMAGED');
  });

  it('binds its fields: changing the user id or the salt breaks the unwrap', async () => {
    const slot = await userSlot('de juiste wachtwoordzin');
    expect(await openWith({ ...slot, userId: 'u-2' }, 'de juiste wachtwoordzin')).toBeNull();
    expect(await openWith({ ...slot, kind: 'recovery' }, 'de juiste wachtwoordzin')).toBeNull();
    const salt = randomBytes(32).toString('base64');
    expect(await openWith({ ...slot, kdf: { ...slot.kdf, salt } }, 'de juiste wachtwoordzin')).toBeNull();
  });
});

describe('the slot file', () => {
  it('round-trips and moves through a data key replacement', async () => {
    const current = newDataKey();
    const keep = await userSlot('de juiste wachtwoordzin', current);
    const drop = await createSlot({ kind: 'user', userId: 'u-2', userName: 'bert', secret: 'x', kdf: testKdf, dataKeys: [current] });
    const file = newKeySlotsFile(current.keyId, [keep, drop]);
    expect(parseKeySlots(JSON.stringify(file))).toEqual(file);
    const pending = newDataKey();
    const during = withPendingKey(file, pending, [drop.id]);
    expect(during.slots.map((slot) => slot.dataKeys.map((key) => key.keyId))).toEqual([[current.keyId, pending.keyId]]);
    expect(parseKeySlots(JSON.stringify(during))).toEqual(during);
    const after = withPendingCommitted(during);
    expect(after.pendingKeyId).toBeUndefined();
    expect(after.currentKeyId).toBe(pending.keyId);
    expect(after.slots[0]?.dataKeys.map((key) => key.keyId)).toEqual([pending.keyId]);
  });

  it('is VAULT_DAMAGED when not JSON, not ours, or inconsistent', async () => {
    const current = newDataKey();
    const slot = await userSlot('de juiste wachtwoordzin', current);
    const file = newKeySlotsFile(current.keyId, [slot]);
    expect(codeOf(() => parseKeySlots('{"format":'))).toBe('VAULT_DAMAGED');
    expect(codeOf(() => parseKeySlots(JSON.stringify({ ...file, version: 2 })))).toBe('VAULT_DAMAGED');
    expect(codeOf(() => parseKeySlots(JSON.stringify({ ...file, pendingKeyId: newDataKey().keyId })))).toBe('VAULT_DAMAGED');
    expect(codeOf(() => parseKeySlots(JSON.stringify({ ...file, slots: [slot, { ...slot, id: randomUUID() }] })))).toBe(
      'VAULT_DAMAGED',
    );
    expect(codeOf(() => parseKeySlots(JSON.stringify({ ...file, slots: [{ ...slot, userName: null }] })))).toBe('VAULT_DAMAGED');
  });
});

describe('the recovery key', () => {
  it('round-trips any 256-bit key, in 14 groups of four', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), (bytes) => {
        const text = encodeRecoveryKey(Buffer.from(bytes));
        expect(text).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){13}[0-9A-HJKMNP-TV-Z]{4}$/);
        expect(decodeRecoveryKey(text).equals(Buffer.from(bytes))).toBe(true);
      }),
    );
  });

  it('accepts lower case, spaces and look-alike letters', () => {
    const bytes = randomBytes(32);
    const text = encodeRecoveryKey(bytes);
    const sloppy = text.toLowerCase().replaceAll('-', ' ').replaceAll('0', 'o').replaceAll('1', 'l');
    expect(decodeRecoveryKey(sloppy).equals(bytes)).toBe(true);
  });

  it('catches any single mistyped character', () => {
    const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.nat(55),
        fc.nat(30),
        (bytes, position, shift) => {
          const chars = encodeRecoveryKey(Buffer.from(bytes)).replaceAll('-', '').split('');
          chars[position] = alphabet[(alphabet.indexOf(chars[position]!) + 1 + shift) % 32]!;
          expect(codeOf(() => decodeRecoveryKey(chars.join('')))).toBe('INVALID_INPUT');
        },
      ),
    );
  });
});

describe('KDF parameters', () => {
  it('start from OWASP minimum when calibrated', async () => {
    expect(await calibrateKdf(1)).toEqual(owaspMinimumKdf);
  });

  it('are bounded, so a slot file cannot demand absurd memory', () => {
    expect(kdfParamsSchema.safeParse({ N: 2 ** 17, r: 8, p: 1 }).success).toBe(true);
    expect(kdfParamsSchema.safeParse({ N: 2 ** 24, r: 8, p: 1 }).success).toBe(false);
    expect(kdfParamsSchema.safeParse({ N: 2 ** 20, r: 32, p: 1 }).success).toBe(false);
    expect(kdfParamsSchema.safeParse({ N: 3000, r: 8, p: 1 }).success).toBe(false);
  });
});

describe('durable files', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ordelog-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('replaces a file atomically, leaving no temporary file', () => {
    const file = join(dir, 'keyslots.json');
    writeFileAtomic(file, 'een');
    writeFileAtomic(file, 'twee');
    expect(readFileSync(file, 'utf8')).toBe('twee');
    expect(readdirSync(dir)).toEqual(['keyslots.json']);
  });

  it('finishes a rename plan cut short at any step, never moving a file twice', () => {
    for (let doneBeforeCrash = 0; doneBeforeCrash <= 3; doneBeforeCrash += 1) {
      const at = (name: string) => join(dir, name);
      writeFileSync(at('live'), 'oud');
      writeFileSync(at('new'), 'nieuw');
      const plan: RenamePlan = {
        renames: [
          { from: at('live'), to: at('live.before') },
          { from: at('new'), to: at('live') },
        ],
        removeAfter: [at('live.before')],
      };
      writeFileAtomic(at('plan.json'), JSON.stringify(plan));
      plan.renames.slice(0, Math.min(doneBeforeCrash, 2)).forEach(({ from, to }) => renameSync(from, to));
      if (doneBeforeCrash === 3) {
        // Crashed during the removals: the plan already says the renames are done.
        writeFileAtomic(at('plan.json'), JSON.stringify({ renames: [], removeAfter: plan.removeAfter }));
        rmSync(at('live.before'));
      }
      expect(resumeRenamePlan(at('plan.json'))).toBe(true);
      expect(readFileSync(at('live'), 'utf8')).toBe('nieuw');
      expect(existsSync(at('live.before')) || existsSync(at('new')) || existsSync(at('plan.json'))).toBe(false);
      expect(resumeRenamePlan(at('plan.json'))).toBe(false);
      rmSync(at('live'));
    }
  });
});
