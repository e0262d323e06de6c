import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createManualClock } from '../../main/app/clock';
import { createAppController, type AppController } from '../../main/app/controller';
import { delayAfterFailures, defaultUnlockDelays } from '../../main/app/unlock-throttle';
import { fileVaultBackend, type VaultBackend } from '../../main/app/vault-backend';
import type { OrdelogEvent } from '../../shared/contract';
import { OrdelogError } from '../../shared/errors';

const owner = { userName: 'beheer', displayName: 'Bea Beheer', passphrase: 'correct-paard-batterij-niet' };
const minute = 60_000;

/** The real vault on disk, with the cheapest KDF the vault accepts: the controller is under test, not scrypt. */
const fastVaults = fileVaultBackend({ kdf: { N: 2 ** 10, r: 8, p: 1 } });

let dir: string;
let clock: ReturnType<typeof createManualClock>;
let events: OrdelogEvent[];

function controllerWith(vaults: VaultBackend = fastVaults): AppController {
  const controller = createAppController({ vaultDir: join(dir, 'vault'), appVersion: '9.9.9', origin: 'app', vaults, clock });
  controller.onEvent((event) => events.push(event));
  return controller;
}

/** A vault on disk, locked again, as a later start of the app finds it. */
async function existingVault(): Promise<void> {
  const creator = controllerWith();
  await creator.createVault(owner);
  creator.lock('shutdown');
  events.length = 0;
}

async function codeOf(promise: Promise<unknown>): Promise<{ code: string; retryAfterMs: number | undefined }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof OrdelogError) return { code: error.code, retryAfterMs: error.retryAfterMs };
    throw error;
  }
  throw new Error('expected a rejection');
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ordelog-controller-'));
  clock = createManualClock(1_000_000);
  events = [];
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('creating and unlocking', () => {
  it('reports no vault, then an unlocked one after creating it, with the user but no secrets', async () => {
    const controller = controllerWith();
    expect(controller.status()).toEqual({ vaultExists: false, unlocked: false, user: null, idleLockMinutes: null, appVersion: '9.9.9' });
    const { recoveryKey, status } = await controller.createVault(owner);
    expect(recoveryKey.length).toBeGreaterThan(10);
    expect(status).toMatchObject({ vaultExists: true, unlocked: true, idleLockMinutes: 10, user: { name: 'beheer', displayName: 'Bea Beheer', role: 'beheerder' } });
    expect(JSON.stringify(status)).not.toContain(owner.passphrase);
    controller.lock('user');
  });

  it('never creates over an existing vault', async () => {
    const controller = controllerWith();
    await controller.createVault(owner);
    expect((await codeOf(controller.createVault(owner))).code).toBe('CONFLICT');
    controller.lock('user');
    expect((await codeOf(controller.createVault(owner))).code).toBe('VAULT_EXISTS');
  });

  it('unlocks an existing vault and gives a session on it', async () => {
    await existingVault();
    const controller = controllerWith();
    expect(controller.status()).toMatchObject({ vaultExists: true, unlocked: false });
    expect((await codeOf(Promise.resolve().then(() => controller.session()))).code).toBe('VAULT_LOCKED');
    await controller.unlock(owner.userName, owner.passphrase);
    const session = controller.session();
    expect(session.user.name).toBe('beheer');
    expect(session.origin).toBe('app');
    expect(session.db.sqlite.open).toBe(true);
    controller.lock('user');
  });
});

describe('locking', () => {
  it('closes the database, forgets the session and tells listeners why', async () => {
    const controller = controllerWith();
    await controller.createVault(owner);
    const { db } = controller.session();
    controller.lock('screen-lock');
    expect(db.sqlite.open).toBe(false);
    expect(controller.status()).toMatchObject({ unlocked: false, user: null, idleLockMinutes: null });
    expect(events).toEqual([{ type: 'locked', reason: 'screen-lock' }]);
    controller.lock('suspend');
    expect(events).toHaveLength(1);
  });

  it('locks even when a listener throws', async () => {
    const controller = controllerWith();
    controller.onEvent(() => {
      throw new Error('window gone');
    });
    await controller.createVault(owner);
    controller.lock('suspend');
    expect(controller.status().unlocked).toBe(false);
    expect(events).toEqual([{ type: 'locked', reason: 'suspend' }]);
  });

  it('discards an unlock that finishes after the screen locked', async () => {
    await existingVault();
    const slow: VaultBackend = {
      ...fastVaults,
      unlock: async (...args) => {
        const vault = await fastVaults.unlock(...args);
        controller.lock('screen-lock');
        return vault;
      },
    };
    const controller = controllerWith(slow);
    expect((await codeOf(controller.unlock(owner.userName, owner.passphrase))).code).toBe('VAULT_LOCKED');
    expect(controller.status().unlocked).toBe(false);
  });
});

describe('the idle lock', () => {
  it('locks after the idle time, and activity postpones it', async () => {
    const controller = controllerWith();
    await controller.createVault(owner);
    clock.advance(9 * minute);
    expect(controller.touch()).toEqual({ idleLockInMs: 10 * minute });
    clock.advance(10 * minute - 1);
    expect(controller.status().unlocked).toBe(true);
    clock.advance(1);
    expect(controller.status().unlocked).toBe(false);
    expect(events).toEqual([{ type: 'locked', reason: 'idle' }]);
    expect((await codeOf(Promise.resolve().then(() => controller.touch()))).code).toBe('VAULT_LOCKED');
  });

  it('keeps the setting in the vault, for administrators only', async () => {
    const controller = controllerWith();
    await controller.createVault(owner);
    expect(controller.setIdleLockMinutes(3)).toEqual({ idleLockMinutes: 3 });
    controller.lock('user');
    await controller.unlock(owner.userName, owner.passphrase);
    expect(controller.status().idleLockMinutes).toBe(3);
    clock.advance(3 * minute);
    expect(controller.status().unlocked).toBe(false);

    const asReader: VaultBackend = {
      ...fastVaults,
      unlock: async (...args) => {
        const vault = await fastVaults.unlock(...args);
        return Object.assign(vault, { user: { ...vault.user, role: 'lezer' as const } });
      },
    };
    const readerController = controllerWith(asReader);
    await readerController.unlock(owner.userName, owner.passphrase);
    expect((await codeOf(Promise.resolve().then(() => readerController.setIdleLockMinutes(60)))).code).toBe('FORBIDDEN');
    readerController.lock('user');
  });
});

describe('failed unlocks', () => {
  it('doubles the delay from 1 s up to 30 s', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7, 50].map((n) => delayAfterFailures(n, defaultUnlockDelays))).toEqual([
      0, 1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000,
    ]);
  });

  it('refuses attempts during the delay with the time left, and forgets failures after a success', async () => {
    await existingVault();
    const controller = controllerWith();
    expect(await codeOf(controller.unlock(owner.userName, 'fout-een'))).toEqual({ code: 'WRONG_PASSPHRASE', retryAfterMs: 1000 });
    clock.advance(400);
    expect(await codeOf(controller.unlock(owner.userName, owner.passphrase))).toEqual({ code: 'TOO_MANY_ATTEMPTS', retryAfterMs: 600 });
    clock.advance(600);
    expect(await codeOf(controller.unlock('niemand', 'fout-twee'))).toEqual({ code: 'WRONG_PASSPHRASE', retryAfterMs: 2000 });
    clock.advance(2000);
    expect(await codeOf(controller.unlock(owner.userName, 'fout-drie'))).toEqual({ code: 'WRONG_PASSPHRASE', retryAfterMs: 4000 });
    clock.advance(4000);
    await controller.unlock(owner.userName, owner.passphrase);
    controller.lock('user');
    expect(await codeOf(controller.unlock(owner.userName, 'fout-vier'))).toEqual({ code: 'WRONG_PASSPHRASE', retryAfterMs: 1000 });
  });

  it('queues parallel guesses behind the delay instead of trying them all', async () => {
    await existingVault();
    const controller = controllerWith();
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) => codeOf(controller.unlock(owner.userName, `gok-nummer-${i}`))),
    );
    expect(results.map((result) => result.code)).toEqual([
      'WRONG_PASSPHRASE',
      'TOO_MANY_ATTEMPTS',
      'TOO_MANY_ATTEMPTS',
      'TOO_MANY_ATTEMPTS',
      'TOO_MANY_ATTEMPTS',
      'TOO_MANY_ATTEMPTS',
    ]);
  });
});
