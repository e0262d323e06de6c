import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserHost, type BrowserHost } from '../../main/browser-host/server';

/**
 * The browser host receives a file's bytes as base64 inside the JSON body. Six 50 MB uploads at once were held in
 * memory together (about 1 GB): a second upload while one is being received is refused before its body is read.
 */

let dir: string;
let host: BrowserHost;
let cookie: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ordelog-uploads-'));
  host = await startBrowserHost({ vaultDir: join(dir, 'vault') });
  const first = await fetch(host.url, { redirect: 'manual' });
  cookie = (first.headers.get('set-cookie') ?? '').split(';')[0]!;
});

afterAll(async () => {
  await host.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Starts an upload whose body is still coming: `finish` sends the rest, `answer` is what the host said. */
function slowUpload(): { finish(): void; answer: Promise<{ ok: boolean; error?: { code: string } }> } {
  const url = new URL('/api/attachments.add', host.origin);
  const upload = request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: host.origin, cookie, 'content-length': '2000' },
  });
  const answer = new Promise<{ ok: boolean; error?: { code: string } }>((resolve, reject) => {
    upload.on('response', (response) => {
      let text = '';
      response.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
      response.on('end', () => resolve(JSON.parse(text) as { ok: boolean; error?: { code: string } }));
    });
    upload.on('error', reject);
  });
  upload.write(`{"caseId":"${'x'.repeat(100)}`);
  return { finish: () => upload.end(`${'y'.repeat(2000 - 111 - 2)}"}`), answer };
}

const post = async (channel: string, body: string) =>
  (await (
    await fetch(`${host.origin}/api/${channel}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: host.origin, cookie },
      body,
    })
  ).json()) as { ok: boolean; error?: { code: string } };

describe('uploads to the browser host', () => {
  it('refuses a second file while one is being received, and takes the next once it is in', async () => {
    const first = slowUpload();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await post('attachments.add', '{}')).toMatchObject({ ok: false, error: { code: 'UPLOAD_BUSY' } });
    expect(await post('exports.verify', '{}')).toMatchObject({ ok: false, error: { code: 'UPLOAD_BUSY' } });
    // Other calls are not held up by a file coming in.
    expect((await post('app.status', '')).error?.code).not.toBe('UPLOAD_BUSY');
    first.finish();
    expect((await first.answer).error?.code).not.toBe('UPLOAD_BUSY');
    expect((await post('attachments.add', '{}')).error?.code).not.toBe('UPLOAD_BUSY');
  });
});
