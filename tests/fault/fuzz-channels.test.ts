import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppController, type AppController } from '../../main/app/controller';
import { createManualClock } from '../../main/app/clock';
import { fileVaultBackend } from '../../main/app/vault-backend';
import { startBrowserHost, type BrowserHost } from '../../main/browser-host/server';
import { createDispatcher, type Dispatch } from '../../main/ipc/dispatcher';
import { unavailablePrinter } from '../../main/services/pdf/printer';
import { startVaultWorker, type VaultHost } from '../../main/worker/vault-host';
import { channels, contract, isChannel } from '../../shared/contract';
import { errorCodes } from '../../shared/errors';

/** The cheapest scrypt the vault accepts: the KDF is not under test here, the boundary is. */
const fastVaults = fileVaultBackend({ kdf: { N: 2 ** 10, r: 8, p: 1 } });
const origin = 'app://ordelog';
const trusted = { origin, isMainFrame: true };
const owner = { userName: 'fuzz.beheer', displayName: 'Fuzz Beheer', passphrase: 'een-lange-test-wachtwoordzin' };

function pollutionPayloads(): unknown[] {
  const nullProto = Object.assign(Object.create(null) as object, { userName: 'x', passphrase: 'y' });
  return [
    JSON.parse('{"__proto__": {"polluted": "yes"}}'),
    JSON.parse('{"userName": "beheer", "passphrase": "abc", "__proto__": {"isAdmin": true}}'),
    JSON.parse('{"minutes": 5, "__proto__": {"minutes": 1}}'),
    { constructor: { prototype: { polluted: 'yes' } } },
    { prototype: { polluted: 'yes' } },
    nullProto,
    Object.create({ minutes: 5 }) as object,
    new Proxy({}, { get: () => { throw new Error('hostile getter'); }, ownKeys: () => { throw new Error('hostile keys'); } }),
    { get userName(): string { throw new Error('hostile getter'); }, passphrase: 'x' },
  ];
}

const hugeString = (size: number) => 'ë'.repeat(size);

/** Inputs of every shape: random JSON, any JS value, right keys with wrong types, huge and hostile values. */
const payloads: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue(),
  fc.anything({
    withBigInt: true,
    withBoxedValues: true,
    withDate: true,
    withMap: true,
    withSet: true,
    withNullPrototype: true,
    withObjectString: true,
    withSparseArray: true,
    withTypedArray: true,
  }),
  fc.constantFrom(...pollutionPayloads()),
  fc.constantFrom(null, [], '', 0, Number.NaN, Infinity, true),
  // What the argument-less channels accept, often enough that their handlers run, not only their schemas.
  fc.constantFrom(undefined, {}),
  fc.constantFrom(undefined, {}),
  fc.record(
    { userName: fc.anything(), displayName: fc.anything(), passphrase: fc.anything(), minutes: fc.anything(), status: fc.anything() },
    { requiredKeys: [] },
  ),
  fc.record({
    userName: fc.oneof(fc.string(), fc.constant(owner.userName)),
    displayName: fc.string(),
    passphrase: fc.oneof(fc.string(), fc.constant(hugeString(200_000))),
  }),
  fc.record({ minutes: fc.oneof(fc.integer(), fc.integer({ min: 1, max: 240 }), fc.double(), fc.constant(-0)) }),
  fc.record({ status: fc.oneof(fc.string(), fc.constantFrom('open', 'gesloten', 'gearchiveerd')) }),
);

const channelNames = fc.oneof(fc.constantFrom(...channels), fc.string(), fc.constantFrom('__proto__', 'constructor', 'vault'));

/** What the runs produced, so a fuzzer that only ever hit one branch fails instead of passing vacuously. */
const seen = new Set<string>();

function expectWellFormed(channel: string, result: unknown): void {
  expect(result).toBeTypeOf('object');
  const answer = result as { ok: unknown; value?: unknown; error?: { code: unknown; message: unknown; retryAfterMs?: unknown } };
  seen.add(answer.ok === true ? `ok:${channel}` : String(answer.error?.code));
  if (answer.ok === true) {
    expect(isChannel(channel)).toBe(true);
    if (isChannel(channel)) expect(contract[channel].output.safeParse(answer.value).success).toBe(true);
    return;
  }
  expect(answer.ok).toBe(false);
  expect(errorCodes).toContain(answer.error?.code);
  expect(answer.error?.message).toBeTypeOf('string');
  if (answer.error?.retryAfterMs !== undefined) expect(answer.error.retryAfterMs).toBeTypeOf('number');
}

describe('the dispatcher under malformed input', () => {
  let dir: string;
  let controller: AppController;
  let dispatch: Dispatch;
  const clock = createManualClock(1_000_000);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ordelog-fuzz-'));
    controller = createAppController({ vaultDir: join(dir, 'vault'), appVersion: '0.0.0-fuzz', origin: 'app', vaults: fastVaults, clock });
    dispatch = createDispatcher(controller, { trustedOrigins: [origin], log: () => undefined });
    await controller.createVault(owner);
  });

  afterAll(() => {
    controller?.lock('shutdown');
    rmSync(dir, { recursive: true, force: true });
  });

  async function reopen(): Promise<void> {
    if (controller.status().unlocked) return;
    clock.advance(60_000);
    await controller.unlock(owner.userName, owner.passphrase);
  }

  it('answers every channel with a contract value or a closed-set error, while unlocked', async () => {
    // Every channel gets its own runs (a random pick among 40+ channels would leave some barely touched),
    // starting from the argument-less shapes so handlers run, not only schemas.
    for (const channel of channels) {
      await fc.assert(
        fc.asyncProperty(payloads, async (payload) => {
          await reopen();
          expectWellFormed(channel, await dispatch(channel, payload, trusted));
        }),
        { numRuns: 25, examples: [[undefined], [{}]] },
      );
    }
    await fc.assert(
      fc.asyncProperty(channelNames, payloads, async (channel, payload) => {
        await reopen();
        expectWellFormed(channel, await dispatch(channel, payload, trusted));
      }),
      { numRuns: 200 },
    );
  });

  it('does the same while locked', async () => {
    controller.lock('user');
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...channels), payloads, async (channel, payload) => {
        expectWellFormed(channel, await dispatch(channel, payload, trusted));
      }),
      { numRuns: 200 },
    );
  });

  it('refuses every sender that is not our main frame, whatever it sends', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...channels),
        payloads,
        fc.oneof(
          fc.anything(),
          fc.record({ origin: fc.oneof(fc.webUrl(), fc.string()), isMainFrame: fc.anything() }),
          fc.record({ origin: fc.constant(origin), isMainFrame: fc.anything().filter((value) => value !== true) }),
        ),
        async (channel, payload, sender) => {
          const result = await dispatch(channel, payload, sender as never);
          expect(result).toMatchObject({ ok: false, error: { code: 'UNTRUSTED_SENDER' } });
        },
      ),
      { numRuns: 200 },
    );
  });

  it('reached the handlers, not only the validation', () => {
    for (const outcome of ['ok:app.status', 'ok:cases.list', 'ok:session.touch', 'INVALID_INPUT', 'UNKNOWN_CHANNEL', 'VAULT_LOCKED']) {
      expect([...seen]).toContain(outcome);
    }
  });

  it('leaves Object.prototype untouched and the process alive', () => {
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    expect(Object.getOwnPropertyNames(Object.prototype)).not.toContain('polluted');
  });
});

describe('the vault worker under malformed input', () => {
  let dir: string;
  let host: VaultHost;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ordelog-fuzz-worker-'));
    (await fastVaults.create(join(dir, 'vault'), owner)).vault.lock();
    host = await startVaultWorker({
      vaultDir: join(dir, 'vault'),
      appVersion: '0.0.0-fuzz',
      origin: 'app',
      trustedOrigins: [origin],
      unlockDelays: { firstMs: 1, maxMs: 1 },
      printer: unavailablePrinter,
    });
  });

  afterAll(async () => {
    await host?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function reopen(): Promise<void> {
    const status = await host.dispatch('app.status', undefined, trusted);
    if (status.ok && (status.value as { unlocked: boolean }).unlocked) return;
    await new Promise((resolve) => setTimeout(resolve, 2));
    await host.dispatch('vault.unlock', { userName: owner.userName, passphrase: owner.passphrase }, trusted);
  }

  it('answers anything on any channel across the thread boundary with a contract value or a closed-set error', async () => {
    await fc.assert(
      fc.asyncProperty(channelNames, payloads, async (channel, payload) => {
        await reopen();
        expectWellFormed(channel, await host.dispatch(channel, payload, trusted));
      }),
      { numRuns: 300 },
    );
    // Still alive and still the same vault.
    await reopen();
    expect(await host.dispatch('app.status', undefined, trusted)).toMatchObject({ ok: true, value: { unlocked: true } });
  });

  it('refuses strangers before anything of theirs reaches the vault’s thread', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...channels),
        payloads,
        fc.oneof(fc.anything(), fc.record({ origin: fc.oneof(fc.webUrl(), fc.string()), isMainFrame: fc.anything() })),
        async (channel, payload, sender) => {
          expect(await host.dispatch(channel, payload, sender as never)).toMatchObject({ ok: false, error: { code: 'UNTRUSTED_SENDER' } });
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('the browser host under malformed requests', () => {
  let dir: string;
  let host: BrowserHost;
  let cookie: string;

  function post(path: string, body: string | Buffer, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
    return new Promise((resolve, reject) => {
      const req = httpRequest(
        `${host.origin}${path}`,
        { method: 'POST', headers: { 'content-type': 'application/json', origin: host.origin, cookie, ...headers } },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (text += chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
        },
      );
      // A host that stops reading an oversized body may close the socket while we still write.
      req.on('error', (error: NodeJS.ErrnoException) => (error.code === 'EPIPE' || error.code === 'ECONNRESET' ? undefined : reject(error)));
      req.end(body);
    });
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ordelog-fuzz-http-'));
    // The vault worker, as in the app (so its vault is made with the calibrated KDF: about a second).
    host = await startBrowserHost({ vaultDir: join(dir, 'vault') });
    const first = await fetch(host.url, { redirect: 'manual' });
    cookie = (first.headers.get('set-cookie') ?? '').split(';')[0]!;
    const created = await post('/api/vault.create', JSON.stringify(owner));
    expect(JSON.parse(created.body)).toMatchObject({ ok: true });
  });

  afterAll(async () => {
    await host?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers random bodies on every channel with a well-formed result', async () => {
    const bodies = fc.oneof(
      fc.jsonValue().map((value) => JSON.stringify(value) ?? ''),
      fc.string(),
      fc.constantFrom('{"__proto__":{"polluted":"yes"}}', '{', '[[[[[[', 'null', '"', '\u0000', '{"minutes":1e309}'),
    );
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.constantFrom(...channels), fc.string().map(encodeURIComponent)), bodies, async (channel, body) => {
        const response = await post(`/api/${channel}`, body);
        // 405: names such as `..` or `events` that resolve to something other than a channel.
        expect([200, 405]).toContain(response.status);
        if (response.status === 200) expectWellFormed(channel, JSON.parse(response.body));
      }),
      { numRuns: 150 },
    );
  });

  it('refuses an oversized or deeply nested body and keeps serving', async () => {
    const oversized = await post('/api/vault.unlock', Buffer.alloc(3 * 1024 * 1024, 'a'));
    expect(JSON.parse(oversized.body)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const nested = await post('/api/vault.unlock', '['.repeat(500_000) + ']'.repeat(500_000));
    expect(JSON.parse(nested.body)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const notJson = await post('/api/vault.unlock', 'userName=x', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(JSON.parse(notJson.body)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const status = await post('/api/app.status', '');
    expect(JSON.parse(status.body)).toMatchObject({ ok: true, value: { vaultExists: true } });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
