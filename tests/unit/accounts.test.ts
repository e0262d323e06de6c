import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createManualClock } from '../../main/app/clock';
import { createAppController, type AppController } from '../../main/app/controller';
import { fileVaultBackend } from '../../main/app/vault-backend';
import { unlockVault, vaultPaths } from '../../db/vault';
import { createDispatcher, type Dispatch, type DispatchLogEntry } from '../../main/ipc/dispatcher';
import { isChannel, isWriteChannel } from '../../shared/contract';
import type { UserSummary } from '../../shared/users';
import type { Failure, Result } from '../../shared/result';

/**
 * Accounts in the app (`users.*` channels): the functions and audit lines of `ordelog-admin users`, on the vault the
 * app holds open, through the dispatcher as the renderer calls them.
 */

const trusted = { origin: 'app://ordelog', isMainFrame: true };
const owner = { userName: 'beheer', displayName: 'Bea Beheer', passphrase: 'correct-paard-batterij-niet' };
const editor = { userName: 'redactie', displayName: 'Ruud Redactie', accountRole: 'redacteur', passphrase: 'de-redactie-schrijft-mee' };
const fastVaults = fileVaultBackend({ kdf: { N: 2 ** 10, r: 8, p: 1 } });

let dir: string;
let clock: ReturnType<typeof createManualClock>;
let controller: AppController;
let dispatch: Dispatch;
let logged: DispatchLogEntry[];
let recoveryKey: string;

async function send<T = UserSummary>(channel: string, input?: Record<string, unknown>): Promise<Result<T>> {
  const withId = isChannel(channel) && isWriteChannel(channel) ? { ...input, requestId: randomUUID() } : input;
  return (await dispatch(channel, withId, trusted)) as Result<T>;
}

async function ok<T = UserSummary>(channel: string, input?: Record<string, unknown>): Promise<T> {
  const result = await send<T>(channel, input);
  if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
  return result.value;
}

async function refused(channel: string, input?: Record<string, unknown>): Promise<Failure> {
  const result = await send(channel, input);
  if (result.ok) throw new Error(`${channel} was carried out`);
  return result.error;
}

function auditLines(): { actor: string | null; action: string; object: string; result: string; origin: string }[] {
  return controller
    .session()
    .db.sqlite.prepare('SELECT actor_id AS actor, action, object, result, origin FROM audit_lines ORDER BY rowid')
    .all() as never;
}

/** Whether this passphrase opens the vault on disk (the app's own vault is locked for the check). */
async function opens(userName: string, passphrase: string): Promise<boolean> {
  try {
    (await unlockVault(dir, userName, passphrase)).lock();
    return true;
  } catch {
    return false;
  }
}

async function signIn(userName: string, passphrase: string): Promise<void> {
  controller.lock('user');
  await controller.unlock(userName, passphrase);
}

beforeEach(async () => {
  const root = mkdtempSync(join(tmpdir(), 'ordelog-accounts-'));
  dir = join(root, 'vault');
  clock = createManualClock(1_000_000);
  controller = createAppController({ vaultDir: dir, appVersion: 'test', origin: 'app', vaults: fastVaults, clock });
  logged = [];
  dispatch = createDispatcher(controller, { trustedOrigins: [trusted.origin], log: (entry) => logged.push(entry) });
  recoveryKey = (await controller.createVault(owner)).recoveryKey;
});

afterEach(() => {
  controller.lock('shutdown');
  rmSync(join(dir, '..'), { recursive: true, force: true });
});

describe('a beheerder manages the accounts in the app', () => {
  it('adds a redacteur who can then unlock, with the audit line the CLI writes', async () => {
    const added = await ok('users.add', editor);
    expect(added).toMatchObject({ name: 'redactie', displayName: 'Ruud Redactie', role: 'redacteur', removedAt: null, hasKeySlot: true });
    expect((await ok<{ users: UserSummary[] }>('users.list')).users.map((user) => [user.name, user.role])).toEqual([
      ['beheer', 'beheerder'],
      ['redactie', 'redacteur'],
    ]);
    expect(auditLines().at(-1)).toEqual({ actor: controller.status().user?.id, action: 'user.add', object: `user:${added.id}`, result: 'ok', origin: 'app' });
    controller.lock('user');
    expect(await opens('redactie', editor.passphrase)).toBe(true);
  });

  it('changes a role, and never demotes the last beheerder (LAST_ADMIN, audited)', async () => {
    const self = controller.status().user!;
    const added = await ok('users.add', editor);
    expect(await ok('users.setRole', { userId: added.id, accountRole: 'lezer' })).toMatchObject({ role: 'lezer' });
    expect(auditLines().at(-1)).toMatchObject({ action: 'user.role', object: `user:${added.id}`, result: 'ok' });

    expect(await refused('users.setRole', { userId: self.id, accountRole: 'redacteur' })).toMatchObject({ code: 'LAST_ADMIN' });
    expect(auditLines().at(-1)).toMatchObject({ action: 'user.role', object: `user:${self.id}`, result: 'geweigerd' });
    expect(await refused('users.remove', { userId: self.id })).toMatchObject({ code: 'OWN_ACCOUNT' });

    // With a second beheerder, one may step down; the session follows at once.
    await ok('users.setRole', { userId: added.id, accountRole: 'beheerder' });
    await ok('users.setRole', { userId: self.id, accountRole: 'redacteur' });
    expect(controller.status().user?.role).toBe('redacteur');
    expect(await refused('users.list')).toMatchObject({ code: 'FORBIDDEN' });
    expect(await refused('settings.setIdleLock', { minutes: 5 })).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('removes a user and replaces the key: their passphrase no longer opens the vault, the others still do', async () => {
    const added = await ok('users.add', editor);
    const third = await ok('users.add', { ...editor, userName: 'lezer', accountRole: 'lezer', passphrase: 'alleen-lezen-vanavond' });
    const slotsBefore = readFileSync(vaultPaths(dir).keySlots, 'utf8');
    const removed = await ok('users.remove', { userId: added.id });
    expect(removed).toMatchObject({ id: added.id, hasKeySlot: false });
    expect(removed.removedAt).not.toBeNull();
    expect(readFileSync(vaultPaths(dir).keySlots, 'utf8')).not.toEqual(slotsBefore);
    expect(auditLines().slice(-2)).toMatchObject([
      { action: 'user.remove', object: `user:${added.id}`, result: 'ok' },
      { action: 'vault.rekey', object: 'vault', result: 'ok' },
    ]);
    // The app stays open on the new key.
    expect((await ok<{ users: UserSummary[] }>('users.list')).users.find((user) => user.id === third.id)?.hasKeySlot).toBe(true);

    controller.lock('user');
    expect(await opens('redactie', editor.passphrase)).toBe(false);
    expect(await opens('lezer', 'alleen-lezen-vanavond')).toBe(true);
    expect(await opens('beheer', owner.passphrase)).toBe(true);
  });

  it("takes the removed user's drafts, settings and reading marks with them: case text nobody can reach any more", async () => {
    const added = await ok('users.add', editor);
    await signIn(editor.userName, editor.passphrase);
    await ok('drafts.save', { key: 'case/c1/decision', value: JSON.stringify({ text: 'Noodverordening voorbereiden' }) });
    await ok('settings.setPersonal', { language: 'en' });
    await signIn(owner.userName, owner.passphrase);
    await ok('drafts.save', { key: 'case/c1/decision', value: JSON.stringify({ text: 'Eigen concept' }) });
    await ok('users.remove', { userId: added.id });
    const rows = (table: string, userId: string) =>
      controller.session().db.sqlite.prepare(`SELECT count(*) FROM ${table} WHERE user_id = ?`).pluck().get(userId) as number;
    expect([rows('drafts', added.id), rows('user_settings', added.id)]).toEqual([0, 0]);
    expect(rows('drafts', controller.status().user!.id)).toBe(1);
  });

  it('refuses to remove the account that is signed in, and audits it', async () => {
    const admin = await ok('users.add', { ...editor, userName: 'tweede', accountRole: 'beheerder' });
    const self = controller.status().user!;
    expect(await refused('users.remove', { userId: self.id })).toMatchObject({ code: 'OWN_ACCOUNT' });
    expect(auditLines().at(-1)).toMatchObject({ actor: self.id, action: 'user.remove', object: `user:${self.id}`, result: 'geweigerd' });
    expect(controller.status().unlocked).toBe(true);
    expect((await ok<{ users: UserSummary[] }>('users.list')).users.every((user) => user.removedAt === null)).toBe(true);
    expect(admin.role).toBe('beheerder');
  });

  it('resets a passphrase with the recovery key, audited as the CLI does it', async () => {
    const added = await ok('users.add', editor);
    const reset = await ok('users.resetPassphrase', { userId: added.id, recoveryKey, newPassphrase: 'nieuw-na-vergeten-zin' });
    expect(reset).toMatchObject({ id: added.id, hasKeySlot: true });
    expect(auditLines().slice(-2)).toMatchObject([
      { actor: 'recovery', action: 'vault.unlock.recovery', result: 'ok', origin: 'app' },
      { actor: 'recovery', action: 'user.passphrase.reset', object: `user:${added.id}`, result: 'ok', origin: 'app' },
    ]);
    controller.lock('user');
    expect(await opens('redactie', editor.passphrase)).toBe(false);
    expect(await opens('redactie', 'nieuw-na-vergeten-zin')).toBe(true);
  });

  it('refuses a wrong recovery key like a wrong passphrase (delay, audit), a typo as input, and a redacteur', async () => {
    const added = await ok('users.add', editor);
    const other = await fastVaults.create(join(dir, '..', 'andere'), owner);
    other.vault.lock();
    expect(await refused('users.resetPassphrase', { userId: added.id, recoveryKey: other.recoveryKey, newPassphrase: 'nieuw-na-vergeten-zin' })).toMatchObject({
      code: 'WRONG_PASSPHRASE',
      retryAfterMs: 1000,
    });
    expect(auditLines().at(-1)).toMatchObject({ action: 'vault.unlock.recovery', result: 'geweigerd' });
    expect(await refused('users.resetPassphrase', { userId: added.id, recoveryKey, newPassphrase: 'nieuw-na-vergeten-zin' })).toMatchObject({
      code: 'TOO_MANY_ATTEMPTS',
    });
    clock.advance(1000);
    const typo = `${recoveryKey.slice(0, -1)}${recoveryKey.endsWith('A') ? 'B' : 'A'}`;
    expect(await refused('users.resetPassphrase', { userId: added.id, recoveryKey: typo, newPassphrase: 'nieuw-na-vergeten-zin' })).toMatchObject({
      code: 'INVALID_INPUT',
    });

    await signIn('redactie', editor.passphrase);
    expect(await refused('users.resetPassphrase', { userId: added.id, recoveryKey, newPassphrase: 'nieuw-na-vergeten-zin' })).toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(auditLines().at(-1)).toMatchObject({ actor: added.id, action: 'user.passphrase.reset', result: 'geweigerd' });
    controller.lock('user');
    expect(await opens('redactie', editor.passphrase)).toBe(true);
  });
});

describe('everyone changes their own passphrase', () => {
  it('with the current one: the new one opens the vault, the old one no longer does', async () => {
    const added = await ok('users.add', editor);
    await signIn('redactie', editor.passphrase);
    expect(await refused('users.list')).toMatchObject({ code: 'FORBIDDEN' });
    const changed = await ok('users.changeOwnPassphrase', { currentPassphrase: editor.passphrase, newPassphrase: 'mijn-eigen-nieuwe-zin' });
    expect(changed).toMatchObject({ id: added.id });
    expect(auditLines().at(-1)).toMatchObject({ actor: added.id, action: 'user.passphrase.change', object: `user:${added.id}`, result: 'ok' });
    controller.lock('user');
    expect(await opens('redactie', editor.passphrase)).toBe(false);
    expect(await opens('redactie', 'mijn-eigen-nieuwe-zin')).toBe(true);
    expect(await opens('beheer', owner.passphrase)).toBe(true);
  });

  it('refuses a wrong current passphrase with the unlock delay, audited, and changes nothing', async () => {
    const self = controller.status().user!;
    const slots = readFileSync(vaultPaths(dir).keySlots, 'utf8');
    expect(await refused('users.changeOwnPassphrase', { currentPassphrase: 'niet-de-goede-zin', newPassphrase: 'mijn-eigen-nieuwe-zin' })).toMatchObject({
      code: 'WRONG_PASSPHRASE',
      retryAfterMs: 1000,
    });
    expect(auditLines().at(-1)).toMatchObject({ actor: self.id, action: 'user.passphrase.change', result: 'geweigerd' });
    expect(await refused('users.changeOwnPassphrase', { currentPassphrase: owner.passphrase, newPassphrase: 'mijn-eigen-nieuwe-zin' })).toMatchObject({
      code: 'TOO_MANY_ATTEMPTS',
    });
    expect(await refused('users.changeOwnPassphrase', { currentPassphrase: owner.passphrase, newPassphrase: 'te-kort' })).toMatchObject({
      code: 'INVALID_INPUT',
    });
    expect(readFileSync(vaultPaths(dir).keySlots, 'utf8')).toEqual(slots);
  });
});

it('keeps every passphrase and the recovery key out of answers, audit lines, remembered answers and the log', async () => {
  const secrets = [editor.passphrase, 'nieuw-na-vergeten-zin', 'mijn-eigen-nieuwe-zin', recoveryKey];
  const answers: unknown[] = [];
  const added = await ok('users.add', editor);
  answers.push(added);
  answers.push(await send('users.resetPassphrase', { userId: added.id, recoveryKey, newPassphrase: secrets[1] }));
  answers.push(await send('users.changeOwnPassphrase', { currentPassphrase: 'fout-fout-fout-fout', newPassphrase: secrets[2] }));
  clock.advance(60_000);
  answers.push(await send('users.changeOwnPassphrase', { currentPassphrase: owner.passphrase, newPassphrase: secrets[2] }));
  const { sqlite } = controller.session().db;
  const stored = JSON.stringify([sqlite.prepare('SELECT * FROM audit_lines').all(), sqlite.prepare('SELECT * FROM write_requests').all()]);
  for (const secret of secrets) {
    expect(JSON.stringify(answers)).not.toContain(secret);
    expect(stored).not.toContain(secret);
    expect(JSON.stringify(logged)).not.toContain(secret);
  }
});
