import { describe, expect, it, vi } from 'vitest';
import { buildApi, channels, contract, ipcChannel, isChannel, passphraseMinLength } from '../../shared/contract';

describe('the contract', () => {
  it('has the unlock channels and a channel for each case-work service, all with strict inputs', () => {
    expect(channels.slice(0, 7)).toEqual([
      'app.status',
      'vault.create',
      'vault.unlock',
      'vault.lock',
      'session.touch',
      'settings.setIdleLock',
      'cases.list',
    ]);
    expect(channels).toEqual(expect.arrayContaining(['entries.append', 'entries.correct', 'phases.change', 'roles.handOver', 'tasks.setStatus', 'decisions.record', 'interventions.record', 'search.query']));
    expect(channels.map(ipcChannel)).toContain('ordelog:vault.unlock');
  });

  it('knows its own channels and nothing inherited', () => {
    expect(isChannel('vault.unlock')).toBe(true);
    for (const name of ['__proto__', 'constructor', 'toString', 'vault', 42, null]) expect(isChannel(name)).toBe(false);
  });

  it('builds one function per channel that passes the channel and the input to the transport', async () => {
    const invoke = vi.fn((channel: string, input: unknown) => Promise.resolve({ ok: true, value: { channel, input } }));
    const api = buildApi(invoke);
    expect(Object.keys(api)).toEqual(channels);
    await api['vault.unlock']({ userName: 'beheer', passphrase: 'geheim' });
    await api['app.status']();
    expect(invoke.mock.calls).toEqual([
      ['vault.unlock', { userName: 'beheer', passphrase: 'geheim' }],
      ['app.status', undefined],
    ]);
  });

  it('takes nothing (or an empty object) on channels without arguments', () => {
    for (const channel of ['app.status', 'vault.lock', 'session.touch', 'cases.list'] as const) {
      expect(contract[channel].input.safeParse(undefined).success, channel).toBe(true);
      expect(contract[channel].input.safeParse({}).success, channel).toBe(true);
      expect(contract[channel].input.safeParse({ extra: 1 }).success, channel).toBe(false);
      expect(contract[channel].input.safeParse('x').success, channel).toBe(false);
    }
  });

  it(`asks a new passphrase of at least ${passphraseMinLength} characters, kept as typed`, () => {
    const input = contract['vault.create'].input;
    const base = { userName: 'beheer', displayName: 'Bea' };
    expect(input.safeParse({ ...base, passphrase: 'a'.repeat(passphraseMinLength - 1) }).success).toBe(false);
    const parsed = input.parse({ ...base, passphrase: '  twaalf tekens  ' });
    expect(parsed.passphrase).toBe('  twaalf tekens  ');
  });

  it('trims and checks user names', () => {
    const input = contract['vault.unlock'].input;
    expect(input.parse({ userName: ' beheer ', passphrase: 'x' }).userName).toBe('beheer');
    expect(input.safeParse({ userName: 'be heer', passphrase: 'x' }).success).toBe(false);
    expect(input.safeParse({ userName: 'm.de-vries_2', passphrase: 'x' }).success).toBe(true);
  });

  it('bounds the idle lock to whole minutes from 1 to 240', () => {
    const input = contract['settings.setIdleLock'].input;
    for (const minutes of [1, 10, 240]) expect(input.safeParse({ minutes }).success).toBe(true);
    for (const minutes of [0, 241, 1.5, -1, Number.NaN, '10']) expect(input.safeParse({ minutes }).success).toBe(false);
  });

  it('never lets a status carry more than the user’s public fields', () => {
    const status = {
      vaultExists: true,
      unlocked: true,
      user: { id: 'u1', name: 'beheer', displayName: 'Bea', role: 'beheerder', keySlot: 'secret' },
      idleLockMinutes: 10,
      appVersion: '1',
    };
    expect(contract['app.status'].output.safeParse(status).success).toBe(false);
  });
});
