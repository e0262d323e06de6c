import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppController } from '../../main/app/controller';
import { createDiagnosticsLog, diagnosticsFileName } from '../../main/diagnostics';
import { createDispatcher } from '../../main/ipc/dispatcher';
import type { Handlers } from '../../main/ipc/handlers';

/**
 * The diagnostics log in the vault's folder: slow and failed calls with their timings, unexpected errors by class
 * and code, rotated; never a word of the case.
 */

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ordelog-diagnostics-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const caseText = 'Oproep op TikTok: rellen bij het station om 21:00';
const sender = { origin: 'app://ordelog', isMainFrame: true };
const lines = (file = join(dir, diagnosticsFileName)) =>
  readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);

describe('the diagnostics log', () => {
  it('keeps the slow and the failed calls of the dispatcher with their timings, and never their text', async () => {
    const handlers = {
      'app.status': async () => {
        await new Promise((resolve) => setTimeout(resolve, 250));
        return { state: 'kapot', detail: caseText };
      },
      'cases.get': () => {
        throw new TypeError(caseText);
      },
      'phases.list': () => ({ phases: [] }),
    } as unknown as Handlers;
    const dispatch = createDispatcher({} as AppController, {
      trustedOrigins: [sender.origin],
      handlers,
      diagnostics: createDiagnosticsLog(dir),
      log: () => undefined,
    });
    await dispatch('app.status', undefined, sender);
    await dispatch('cases.get', { caseId: '00000000-0000-4000-8000-000000000000' }, sender);
    await dispatch('phases.list', undefined, sender);
    await dispatch('geen.kanaal', caseText, sender);

    const written = lines();
    expect(written).toEqual([
      { at: expect.any(String), kind: 'slow', channel: 'app.status', ms: expect.any(Number), outcome: 'INTERNAL' },
      { at: expect.any(String), kind: 'error', where: 'cases.get', errorClass: 'TypeError' },
      { at: expect.any(String), kind: 'failed', channel: 'cases.get', ms: expect.any(Number), outcome: 'INTERNAL' },
    ]);
    expect(written[0]!.ms).toBeGreaterThanOrEqual(200);
    expect(readFileSync(join(dir, diagnosticsFileName), 'utf8')).not.toMatch(/TikTok|station|kapot/);
    expect(statSync(join(dir, diagnosticsFileName)).mode & 0o777).toBe(0o600);
  });

  it('rotates at its size and keeps a few files', () => {
    const log = createDiagnosticsLog(dir, { maxBytes: 300, keep: 2 });
    for (let i = 0; i < 40; i += 1) log.event(`renderer gone: crashed (exit ${i})`);
    expect(readdirSync(dir).sort()).toEqual([diagnosticsFileName, `${diagnosticsFileName}.1`, `${diagnosticsFileName}.2`]);
    expect(lines().at(-1)).toMatchObject({ kind: 'event', text: 'renderer gone: crashed (exit 39)' });
    for (const file of readdirSync(dir)) expect(lines(join(dir, file)).length).toBeGreaterThan(0);
  });

  it('writes nothing before the vault has a folder', () => {
    const missing = join(dir, 'nog-geen-kluis');
    createDiagnosticsLog(missing).event('start-up failed');
    expect(existsSync(missing)).toBe(false);
  });
});
