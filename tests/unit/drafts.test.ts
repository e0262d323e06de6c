import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser } from '../../db/users';
import { archiveCase, closeCase, createCase } from '../../main/services/cases';
import { createAppController, type AppController } from '../../main/app/controller';
import { fileVaultBackend } from '../../main/app/vault-backend';
import { createDispatcher, type Dispatch } from '../../main/ipc/dispatcher';
import { draftValueMaxLength } from '../../shared/drafts';
import type { Result } from '../../shared/result';
import { createTestVault, testKdf, testPassphrase, testUserName, type TestVault } from '../helpers/vault';

/**
 * Drafts, the place to return to and display settings belong to the signed-in user alone, live in the vault,
 * and are neither audited nor remembered as write requests: they go through the same dispatcher as the app.
 */

const trusted = { origin: 'app://ordelog', isMainFrame: true };
const reader = { name: 'lezer', displayName: 'Lies Lezer', role: 'lezer' as const, passphrase: 'een-lange-zin-voor-de-lezer' };

let test: TestVault;
let controller: AppController;
let dispatch: Dispatch;

async function call<T = Record<string, unknown>>(channel: string, input?: unknown): Promise<T> {
  const result = (await dispatch(channel, input, trusted)) as Result<T>;
  if (!result.ok) throw new Error(`${channel}: ${result.error.code}`);
  return result.value;
}

async function signInAs(name: string, passphrase: string): Promise<void> {
  controller.lock('user');
  await controller.unlock(name, passphrase);
}

const count = (table: string): number => controller.session().db.sqlite.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;

beforeAll(async () => {
  test = await createTestVault();
  await addUser(test.vault, { ...reader, kdf: testKdf });
  test.vault.lock();
  controller = createAppController({ vaultDir: test.dir, appVersion: '9.9.9', origin: 'app', vaults: fileVaultBackend() });
  dispatch = createDispatcher(controller, { trustedOrigins: [trusted.origin] });
});

afterAll(() => {
  controller?.lock('shutdown');
  test?.cleanup();
});

describe('drafts in the vault', () => {
  const key = 'case/c1/phase-change';
  const value = JSON.stringify({ phaseId: 'escalatie', reason: 'Groepen trekken naar het station' });

  it('keeps a draft and the place for the user who typed it, across a lock', async () => {
    await signInAs(testUserName, testPassphrase);
    const audited = count('audit_lines');
    const { savedAt } = await call<{ savedAt: string }>('drafts.save', { key, value });
    const resume = { place: { kind: 'case', caseId: 'c1', section: 'fase' }, form: key, field: 'reason' };
    await call('drafts.setResume', resume);
    // Typing is not an act to account for: no audit line and no remembered request per save.
    expect(count('audit_lines')).toBe(audited);
    expect(count('write_requests')).toBe(0);

    await signInAs(testUserName, testPassphrase);
    expect(await call('drafts.load')).toEqual({ resume, drafts: [{ key, value, savedAt }] });
  });

  it('replaces a draft as typing goes on, and forgets it once discarded', async () => {
    await signInAs(testUserName, testPassphrase);
    const longer = JSON.stringify({ phaseId: 'escalatie', reason: 'Groepen trekken naar het station; ME gevraagd' });
    await call('drafts.save', { key, value: longer });
    expect((await call<{ drafts: { value: string }[] }>('drafts.load')).drafts.map((draft) => draft.value)).toEqual([longer]);
    await call('drafts.discard', { key });
    expect((await call<{ drafts: unknown[] }>('drafts.load')).drafts).toEqual([]);
    // Discarding what is not there is the same as discarding it twice.
    await call('drafts.discard', { key });
  });

  it('never shows one user the drafts or the place of another', async () => {
    await signInAs(testUserName, testPassphrase);
    await call('drafts.save', { key, value });
    await call('drafts.setResume', { place: { kind: 'case', caseId: 'c1', section: 'fase' }, form: key, field: null });

    // A lezer composes briefings too: the same channels work for every role, on the lezer's own rows.
    await signInAs(reader.name, reader.passphrase);
    expect(await call('drafts.load')).toEqual({ resume: null, drafts: [] });
    const own = JSON.stringify({ summary: 'Rustig op het plein' });
    await call('drafts.save', { key: 'case/c1/briefing', value: own });
    await call('drafts.discard', { key });
    expect((await call<{ drafts: { key: string }[] }>('drafts.load')).drafts.map((draft) => draft.key)).toEqual(['case/c1/briefing']);

    await signInAs(testUserName, testPassphrase);
    expect((await call<{ drafts: { key: string }[] }>('drafts.load')).drafts.map((draft) => draft.key)).toEqual([key]);
  });

  it('refuses a key that is not a path, a value over the limit and a place it does not know', async () => {
    await signInAs(testUserName, testPassphrase);
    const refused = async (channel: string, input: unknown) => ((await dispatch(channel, input, trusted)) as Result<unknown>).ok;
    for (const bad of ['', 'case/c1/', 'een formulier', '../boven']) expect(await refused('drafts.save', { key: bad, value }), bad).toBe(false);
    expect(await refused('drafts.save', { key, value: `"${'x'.repeat(draftValueMaxLength)}"` })).toBe(false);
    expect(await refused('drafts.save', { key, value, userId: 'someone-else' })).toBe(false);
    expect(await refused('drafts.setResume', { place: { kind: 'elsewhere' }, form: null, field: null })).toBe(false);
  });

  it('forgets a draft nobody came back to for a month, at the next unlock', async () => {
    await signInAs(testUserName, testPassphrase);
    await call('drafts.save', { key: 'case/c1/decision', value });
    await call('drafts.save', { key: 'case/c2/decision', value });
    const monthAgo = new Date(Date.now() - 31 * 24 * 3_600_000).toISOString();
    controller.session().db.sqlite.prepare("UPDATE drafts SET saved_at = ? WHERE key = 'case/c1/decision'").run(monthAgo);
    await signInAs(testUserName, testPassphrase);
    expect((await call<{ drafts: { key: string }[] }>('drafts.load')).drafts.map((draft) => draft.key)).toContain('case/c2/decision');
    expect((await call<{ drafts: { key: string }[] }>('drafts.load')).drafts.map((draft) => draft.key)).not.toContain('case/c1/decision');
  });

  it("drops every user's drafts of a case once it is archived, and no other case's", async () => {
    await signInAs(testUserName, testPassphrase);
    const session = controller.session();
    const { id } = createCase(session, { title: 'Onrust op de markt' });
    const other = createCase(session, { title: 'Project X' }).id;
    await call('drafts.save', { key: `case/${id}/briefing`, value });
    await call('drafts.save', { key: `case/${other}/briefing`, value });
    await signInAs(reader.name, reader.passphrase);
    await call('drafts.save', { key: `case/${id}/briefing`, value });
    await signInAs(testUserName, testPassphrase);
    closeCase(controller.session(), { caseId: id, retentionCategory: 'handhaving' });
    // Closed, the case may still be briefed on: the drafts stay.
    expect(count('drafts')).toBeGreaterThanOrEqual(3);
    archiveCase(controller.session(), { caseId: id });
    const keys = controller.session().db.sqlite.prepare('SELECT key FROM drafts').pluck().all() as string[];
    expect(keys.filter((key) => key.startsWith(`case/${id}/`))).toEqual([]);
    expect(keys).toContain(`case/${other}/briefing`);
  });

  it('answers VAULT_LOCKED when nobody is signed in, and stores nothing', async () => {
    controller.lock('idle');
    const result = (await dispatch('drafts.save', { key, value: JSON.stringify({ reason: randomBytes(4).toString('hex') }) }, trusted)) as Result<unknown>;
    expect(result).toMatchObject({ ok: false, error: { code: 'VAULT_LOCKED' } });
  });
});

describe('personal settings in the vault', () => {
  it('keeps language and time zone per user, unset until chosen', async () => {
    await signInAs(testUserName, testPassphrase);
    expect(await call('settings.personal')).toEqual({ language: null, timeZone: null });
    expect(await call('settings.setPersonal', { language: 'en' })).toEqual({ language: 'en', timeZone: null });
    expect(await call('settings.setPersonal', { timeZone: 'UTC' })).toEqual({ language: 'en', timeZone: 'UTC' });

    await signInAs(reader.name, reader.passphrase);
    expect(await call('settings.personal')).toEqual({ language: null, timeZone: null });
    await call('settings.setPersonal', { language: 'nl', timeZone: 'Europe/Amsterdam' });

    await signInAs(testUserName, testPassphrase);
    expect(await call('settings.personal')).toEqual({ language: 'en', timeZone: 'UTC' });
  });

  it('refuses a language or zone the app does not offer', async () => {
    await signInAs(testUserName, testPassphrase);
    for (const input of [{ language: 'de' }, { timeZone: 'America/New_York' }, { language: 'en', theme: 'dark' }]) {
      expect(((await dispatch('settings.setPersonal', input, trusted)) as Result<unknown>).ok, JSON.stringify(input)).toBe(false);
    }
  });
});
