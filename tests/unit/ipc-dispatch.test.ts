import { describe, expect, it, vi } from 'vitest';
import { createAppController } from '../../main/app/controller';
import type { VaultBackend } from '../../main/app/vault-backend';
import { createDispatcher, type DispatchLogEntry } from '../../main/ipc/dispatcher';
import { createHandlers, type Handlers } from '../../main/ipc/handlers';
import { errorMessages, OrdelogError } from '../../shared/errors';

const origin = 'app://ordelog';
const trusted = { origin, isMainFrame: true };
const caseText = 'Oproep rellen Stationsplein, melder J. de Vries 06-12345678';

/** The dispatcher is under test, not the vault: a vault that is never there. */
const noVault: VaultBackend = {
  exists: () => false,
  create: () => Promise.reject(new OrdelogError('INTERNAL')),
  unlock: () => Promise.reject(new OrdelogError('VAULT_NOT_FOUND')),
};

function setup(override: Partial<Handlers> = {}) {
  const controller = createAppController({ vaultDir: '/nonexistent', appVersion: '1.2.3', origin: 'app', vaults: noVault });
  const log: DispatchLogEntry[] = [];
  const handlers = { ...createHandlers(controller), ...override } as Handlers;
  const dispatch = createDispatcher(controller, { trustedOrigins: [origin], log: (entry) => log.push(entry), handlers });
  return { dispatch, log, controller };
}

describe('the sender check', () => {
  it.each([
    ['another origin', { origin: 'https://evil.example', isMainFrame: true }],
    ['a look-alike origin', { origin: 'app://ordelog.evil', isMainFrame: true }],
    ['the "null" origin', { origin: 'null', isMainFrame: true }],
    ['a subframe of our own origin', { origin, isMainFrame: false }],
    ['a truthy but non-boolean main-frame flag', { origin, isMainFrame: 'yes' }],
    ['no sender at all', null],
    ['a sender without fields', {}],
  ])('refuses %s before reading the input', async (_name, sender) => {
    const statusHandler = vi.fn(() => ({ vaultExists: false, unlocked: false, user: null, idleLockMinutes: null, appVersion: 'x' }));
    const { dispatch } = setup({ 'app.status': statusHandler });
    const result = await dispatch('app.status', undefined, sender as never);
    expect(result).toEqual({ ok: false, error: { code: 'UNTRUSTED_SENDER', message: errorMessages.UNTRUSTED_SENDER.nl } });
    expect(statusHandler).not.toHaveBeenCalled();
  });

  it('accepts our own main frame', async () => {
    const { dispatch } = setup();
    const result = await dispatch('app.status', undefined, trusted);
    expect(result).toEqual({
      ok: true,
      value: { vaultExists: false, unlocked: false, user: null, idleLockMinutes: null, appVersion: '1.2.3' },
    });
  });
});

describe('unknown channels', () => {
  it.each(['nope', 'vault.delete', '__proto__', 'constructor', 'toString', 'hasOwnProperty', '', 'app.status '])(
    'answers UNKNOWN_CHANNEL for %j',
    async (channel) => {
      const { dispatch } = setup();
      const result = await dispatch(channel, {}, trusted);
      expect(result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    },
  );
});

describe('input validation', () => {
  it('names the first bad field, never its value', async () => {
    const { dispatch } = setup();
    const result = await dispatch('vault.create', { userName: 'beheer', displayName: 'Beheer', passphrase: 'kort-geheim' }, trusted);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('INVALID_INPUT');
    expect(result.error.message).toBe('De invoer is ongeldig: Wachtwoordzin: minimaal 12 tekens.');
    expect(result.error.fields).toEqual([{ path: 'passphrase', nl: 'Wachtwoordzin: minimaal 12 tekens', en: 'Passphrase: at least 12 characters' }]);
    expect(JSON.stringify(result)).not.toContain('kort-geheim');
  });

  it('says which field is too long, its limit and the length given, in Dutch and English', async () => {
    const { dispatch } = setup();
    const text = `${caseText} `.repeat(4_000).slice(0, 228_000);
    const result = await dispatch('entries.append', { caseId: 'c1', type: 'signaal', text, requestId: crypto.randomUUID() }, trusted);
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'INVALID_INPUT',
        message: 'De invoer is ongeldig: Tekst: maximaal 50.000 tekens; u plakte 228.000 tekens.',
        fields: [
          {
            path: 'text',
            nl: 'Tekst: maximaal 50.000 tekens; u plakte 228.000 tekens',
            en: 'Text: at most 50,000 characters; you pasted 228,000 characters',
          },
        ],
      },
    });
  });

  it('refuses a control character in a text, naming the field and the character', async () => {
    const { dispatch } = setup();
    const result = await dispatch('entries.append', { caseId: 'c1', type: 'signaal', text: `${caseText}\u0000`, requestId: crypto.randomUUID() }, trusted);
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', fields: [{ path: 'text', nl: 'Tekst: bevat een stuurteken (⟨U+0000⟩); alleen tab en regelovergang zijn toegestaan' }] },
    });
    expect(JSON.stringify(result)).not.toContain('melder');
  });

  it('rejects unknown keys instead of passing them on', async () => {
    const { dispatch } = setup();
    const result = await dispatch('vault.unlock', { userName: 'beheer', passphrase: 'x', isAdmin: true }, trusted);
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('rejects a payload for a channel that takes none', async () => {
    const { dispatch } = setup();
    expect(await dispatch('app.status', { anything: 1 }, trusted)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await dispatch('app.status', 'text', trusted)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await dispatch('app.status', {}, trusted)).toMatchObject({ ok: true });
  });

  it('reports a wrong type with its path', async () => {
    const { dispatch } = setup();
    const result = await dispatch('settings.setIdleLock', { minutes: '10' }, trusted);
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: 'De invoer is ongeldig: Minuten: moet een getal zijn.', fields: [{ path: 'minutes' }] },
    });
  });
});

describe('errors from handlers', () => {
  it('passes a typed error on with its code, Dutch message and wait time', async () => {
    const { dispatch } = setup({
      'vault.unlock': () => {
        throw new OrdelogError('WRONG_PASSPHRASE', { retryAfterMs: 2000 });
      },
    });
    const result = await dispatch('vault.unlock', { userName: 'beheer', passphrase: 'fout' }, trusted);
    expect(result).toEqual({
      ok: false,
      error: { code: 'WRONG_PASSPHRASE', message: errorMessages.WRONG_PASSPHRASE.nl, retryAfterMs: 2000 },
    });
  });

  it('turns an unexpected error into INTERNAL and logs only its class and code', async () => {
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const { dispatch, log } = setup({
      'cases.list': () => {
        throw Object.assign(new RangeError(caseText), { code: 'E_CASE' });
      },
    });
    const result = await dispatch('cases.list', undefined, trusted);
    expect(result).toEqual({ ok: false, error: { code: 'INTERNAL', message: errorMessages.INTERNAL.nl } });
    expect(log).toEqual([{ channel: 'cases.list', errorClass: 'RangeError', code: 'E_CASE' }]);
    expect(JSON.stringify(result) + JSON.stringify(log)).not.toContain('Stationsplein');
    expect(consoleError).not.toHaveBeenCalled();
    consoleError.mockRestore();
  });

  it('maps a damaged database to VAULT_DAMAGED', async () => {
    const { dispatch } = setup({
      'cases.list': () => {
        throw Object.assign(new Error('file is not a database'), { code: 'SQLITE_NOTADB' });
      },
    });
    expect(await dispatch('cases.list', undefined, trusted)).toMatchObject({ ok: false, error: { code: 'VAULT_DAMAGED' } });
  });

  it.each([
    ['null', null],
    ['undefined', undefined],
    ['a string', caseText],
    ['a hostile object', new Proxy({}, { get: () => { throw new Error(caseText); }, getPrototypeOf: () => { throw new Error(caseText); } })],
  ])('never throws, whatever a handler throws (%s)', async (_name, thrown) => {
    const { dispatch } = setup({
      'cases.list': () => {
        throw thrown;
      },
    });
    const result = await dispatch('cases.list', undefined, trusted);
    expect(result).toEqual({ ok: false, error: { code: 'INTERNAL', message: errorMessages.INTERNAL.nl } });
  });

  it('keeps a failing logger from turning into a throw', async () => {
    const controller = createAppController({ vaultDir: '/nonexistent', appVersion: '1', origin: 'app', vaults: noVault });
    const dispatch = createDispatcher(controller, {
      trustedOrigins: [origin],
      log: () => {
        throw new Error('disk full');
      },
      handlers: { ...createHandlers(controller), 'cases.list': () => Promise.reject(new Error(caseText)) },
    });
    await expect(dispatch('cases.list', undefined, trusted)).resolves.toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });
});

describe('output validation', () => {
  it('refuses to send what the contract does not describe (e.g. a key slipped into a status)', async () => {
    const { dispatch, log } = setup({
      'app.status': () => ({
        vaultExists: true,
        unlocked: true,
        user: null,
        idleLockMinutes: 10,
        appVersion: '1',
        dataKey: 'deadbeef',
      }) as never,
    });
    const result = await dispatch('app.status', undefined, trusted);
    expect(result).toEqual({ ok: false, error: { code: 'INTERNAL', message: errorMessages.INTERNAL.nl } });
    expect(JSON.stringify(result)).not.toContain('deadbeef');
    expect(log).toEqual([{ channel: 'app.status', errorClass: 'OutputMismatch', code: undefined }]);
  });
});

describe('channels that need an unlocked vault', () => {
  it.each(['cases.list', 'session.touch'] as const)('%s answers VAULT_LOCKED while locked', async (channel) => {
    const { dispatch } = setup();
    expect(await dispatch(channel, undefined, trusted)).toMatchObject({ ok: false, error: { code: 'VAULT_LOCKED' } });
  });

  it('settings.setIdleLock answers VAULT_LOCKED while locked', async () => {
    const { dispatch } = setup();
    expect(await dispatch('settings.setIdleLock', { minutes: 5 }, trusted)).toMatchObject({ ok: false, error: { code: 'VAULT_LOCKED' } });
  });
});
