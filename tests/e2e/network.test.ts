import { request as httpRequest } from 'node:http';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../main/browser-host/security-headers';
import { contentSecurityPolicy as appContentSecurityPolicy } from '../../main/shell/content-security';
import { ensureRendererBuilt, launchBrowser, newPage, startTestHost, type TestHost } from '../helpers/browser';

const user = { name: 'n.netwerk', displayName: 'Nora Netwerk', passphrase: 'geen-enkel-pakketje-verlaat-de-kamer' };

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A request with exactly the headers given (fetch would add or refuse some, such as Host and Origin). */
function raw(url: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: options.method ?? 'GET', headers: options.headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

let browser: Browser;
let test: TestHost;

beforeAll(async () => {
  await ensureRendererBuilt();
  [browser, test] = await Promise.all([launchBrowser(), startTestHost()]);
});

afterAll(async () => {
  await browser?.close();
  await test?.close();
});

describe('what the page asks for', () => {
  let page: Page;
  const requested: string[] = [];
  const problems: string[] = [];

  beforeAll(async () => {
    page = await newPage(browser);
    page.on('request', (request) => requested.push(request.url()));
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
  });

  afterAll(async () => {
    await page?.context().close();
  });

  it('goes only to its own origin through create, lock, unlock and the language switch', async () => {
    await page.goto(test.host.url);
    await page.getByRole('heading', { level: 1, name: 'Nieuwe kluis aanmaken' }).waitFor();
    // The token in the address was traded for a cookie and is gone from the address bar.
    expect(page.url()).toBe(`${test.host.origin}/`);

    await page.getByLabel('Gebruikersnaam').fill(user.name);
    await page.getByLabel('Volledige naam').fill(user.displayName);
    await page.getByLabel('Wachtwoordzin', { exact: true }).fill(user.passphrase);
    await page.getByLabel('Herhaal de wachtwoordzin').fill(user.passphrase);
    await page.getByRole('button', { name: 'Kluis aanmaken' }).click();
    await page.getByLabel('Ik heb de herstelsleutel veilig opgeborgen').check();
    await page.getByRole('button', { name: 'Verder' }).click();
    await page.getByRole('heading', { level: 1, name: 'Dossiers' }).waitFor();
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('button', { name: 'Lock' }).click();
    await page.getByRole('heading', { level: 1, name: 'Unlock the vault' }).waitFor();
    await page.getByLabel('User name').fill(user.name);
    await page.getByLabel('Passphrase').fill(user.passphrase);
    await page.getByRole('button', { name: 'Unlock' }).click();
    await page.getByRole('heading', { level: 1, name: 'Cases' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Cases' }).waitFor();

    // Activity reaches the main process as session.touch, throttled: a burst of keys and moves is one request.
    const before = requested.length;
    for (let i = 0; i < 5; i += 1) {
      await page.keyboard.press('Tab');
      await page.mouse.move(10 + i * 20, 200);
    }
    await expect.poll(() => requested.slice(before).filter((url) => url.endsWith('/api/session.touch')).length).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(requested.slice(before).filter((url) => url.endsWith('/api/session.touch'))).toHaveLength(1);

    expect(requested.length).toBeGreaterThan(5);
    const elsewhere = requested.filter((url) => new URL(url).origin !== test.host.origin);
    expect(elsewhere).toEqual([]);
    // No CSP violation, no failed load, no script error along the way.
    expect(problems).toEqual([]);
  });
});

describe('the token and the origin', () => {
  const api = (path: string) => `${test.host.origin}${path}`;
  const cookieFor = async (): Promise<string> => {
    const response = await raw(test.host.url);
    expect(response.status).toBe(303);
    const setCookie = response.headers['set-cookie']?.[0] ?? '';
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    return setCookie.split(';')[0]!;
  };

  it('answers 403 to every request without the token', async () => {
    for (const path of ['/', '/index.html', '/ordelog-bridge.js', '/assets/', '/api/events', '/favicon.ico']) {
      expect((await raw(api(path))).status, path).toBe(403);
    }
    const post = await raw(api('/api/app.status'), {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: test.host.origin },
      body: '{}',
    });
    expect(post.status).toBe(403);
    expect(post.body).not.toContain('vaultExists');
  });

  it('answers 403 to a wrong token, in the address or the cookie', async () => {
    const wrong = 'A'.repeat(43);
    expect((await raw(api(`/?token=${wrong}`))).status).toBe(403);
    expect((await raw(api('/'), { headers: { cookie: `ordelog_token=${wrong}` } })).status).toBe(403);
    expect((await raw(api('/?token='))).status).toBe(403);
  });

  it('refuses API calls from another origin even with the token', async () => {
    const cookie = await cookieFor();
    for (const origin of ['http://evil.example', 'null', `${test.host.origin}.evil.example`]) {
      const response = await raw(api('/api/app.status'), {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin, cookie },
        body: '{}',
      });
      expect(response.status, origin).toBe(403);
      expect(JSON.parse(response.body)).toMatchObject({ ok: false, error: { code: 'UNTRUSTED_SENDER' } });
    }
    const noOrigin = await raw(api('/api/app.status'), { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: '{}' });
    expect(JSON.parse(noOrigin.body)).toMatchObject({ ok: false, error: { code: 'UNTRUSTED_SENDER' } });
    const ours = await raw(api('/api/app.status'), {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: test.host.origin, cookie },
      body: '{}',
    });
    expect(JSON.parse(ours.body)).toMatchObject({ ok: true, value: { vaultExists: true } });
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    const cookie = await cookieFor();
    const response = await raw(api('/'), { headers: { host: 'rebind.example:80', cookie } });
    expect(response.status).toBe(421);
  });

  it('sends the app’s strict headers with every answer, errors included', async () => {
    expect(contentSecurityPolicy).toBe(appContentSecurityPolicy);
    const cookie = await cookieFor();
    for (const response of [await raw(api('/'), { headers: { cookie } }), await raw(api('/nowhere.js'), { headers: { cookie } }), await raw(api('/'))]) {
      expect(response.headers['content-security-policy']).toBe(contentSecurityPolicy);
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['referrer-policy']).toBe('no-referrer');
      expect(response.headers['x-frame-options']).toBe('DENY');
    }
  });

  it('serves no file outside the built renderer', async () => {
    const cookie = await cookieFor();
    for (const path of ['/../package.json', '/%2e%2e/package.json', '/..%2fpackage.json', '/assets/..%2f..%2f..%2fpackage.json', '/%00.js']) {
      const response = await raw(api(path), { headers: { cookie } });
      expect(response.status, path).toBe(404);
    }
  });
});
