import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { failure, type Result } from '../../shared/result';
import { limits } from '../../shared/schemas';
import { base64Length } from '../../shared/signals';
import { createAppController, type AppController } from '../app/controller';
import type { UnlockDelays } from '../app/unlock-throttle';
import type { VaultBackend } from '../app/vault-backend';
import type { Dispatch } from '../ipc/dispatcher';
import { inProcessVaultHost } from '../worker/in-process';
import { startVaultWorker, type VaultHost } from '../worker/vault-host';
import { chromiumPrinter } from '../services/pdf/chromium-printer';
import type { PdfPrinter } from '../services/pdf/printer';
import { bridgePath, bridgeScript, withBridge } from './bridge';
import { securityHeaders } from './security-headers';
import { readStaticFile } from './static-files';
import { createDiagnosticsLog } from '../diagnostics';
import { newToken, tokenCookieHeader, tokenSource } from './token';

export interface BrowserHostOptions {
  vaultDir: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: '127.0.0.1' | '::1';
  /** The built renderer; defaults to `dist/renderer` in the repository. */
  rendererDir?: string;
  /** Prints briefings; defaults to a local Chromium (`ORDELOG_BROWSER`, else the usual install paths). */
  printer?: PdfPrinter;
  /** For tests only; the CLI never sets these. */
  testing?: { idleLockMsOverride?: number; unlockDelays?: UnlockDelays };
}

export interface InProcessBrowserHostOptions extends BrowserHostOptions {
  /** For tests only: stand-ins need the vault on the test's own thread. */
  testing?: BrowserHostOptions['testing'] & { vaults?: VaultBackend };
}

export interface BrowserHost {
  /** Open this in a browser: it carries the per-run token. */
  url: string;
  origin: string;
  dispatch: Dispatch;
  close(): Promise<void>;
}

/** A browser host whose vault runs on the test's own thread, so the test can reach into it. */
export interface InProcessBrowserHost extends BrowserHost {
  controller: AppController;
}

const maxBodyBytes = 1024 * 1024;
/** An attachment's bytes arrive as base64 inside the JSON: room for the largest allowed file and its fields. */
const maxAttachmentBodyBytes = base64Length(limits.attachmentBytes) + 64 * 1024;
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

function appVersion(): string {
  const pkg = JSON.parse(readFileSync(`${repoRoot}package.json`, 'utf8')) as { version?: unknown };
  return typeof pkg.version === 'string' ? pkg.version : '0.0.0';
}

/**
 * Serves the built renderer and the IPC contract over loopback HTTP, for end-to-end tests and development
 * without Electron. Every request needs the per-run token; API calls also need our own Origin. The vault and the
 * services run in the vault worker, as in the app: this thread serves files and routes calls.
 */
export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const printer = options.printer ?? chromiumPrinter();
  const diagnostics = createDiagnosticsLog(options.vaultDir);
  return serve(options, printer, (trustedOrigins) =>
    startVaultWorker({
      vaultDir: options.vaultDir,
      appVersion: appVersion(),
      origin: 'browser-host',
      trustedOrigins,
      idleLockMsOverride: options.testing?.idleLockMsOverride,
      unlockDelays: options.testing?.unlockDelays,
      printer,
      diagnostics,
    }),
  );
}

/** The same host with the controller on this thread: for tests that pass stand-ins or read the vault directly. */
export async function startInProcessBrowserHost(options: InProcessBrowserHostOptions): Promise<InProcessBrowserHost> {
  const controller = createAppController({
    vaultDir: options.vaultDir,
    appVersion: appVersion(),
    origin: 'browser-host',
    vaults: options.testing?.vaults,
    unlockDelays: options.testing?.unlockDelays,
    idleLockMsOverride: options.testing?.idleLockMsOverride,
  });
  const printer = options.printer ?? chromiumPrinter();
  const diagnostics = createDiagnosticsLog(options.vaultDir);
  const host = await serve(options, printer, async (trustedOrigins) =>
    inProcessVaultHost(controller, { trustedOrigins, printer, diagnostics }),
  );
  return { ...host, controller };
}

async function serve(
  options: BrowserHostOptions,
  printer: PdfPrinter,
  startVault: (trustedOrigins: string[]) => Promise<VaultHost>,
): Promise<BrowserHost> {
  const host = options.host ?? '127.0.0.1';
  const rendererDir = options.rendererDir ?? `${repoRoot}dist/renderer`;
  const token = newToken();

  // Known once listening (the port is picked then); no request is handled before that.
  let origin = '';
  let ownHost = '';
  let vault: VaultHost | null = null;
  // Requests that arrive between listening and the vault being ready wait for it.
  let vaultStarted: () => void = () => undefined;
  const vaultReady = new Promise<void>((resolve) => {
    vaultStarted = resolve;
  });
  const dispatch: Dispatch = async (channel, input, sender) => {
    await vaultReady;
    return vaultHost().dispatch(channel, input, sender);
  };
  const server = createServer((request, response) => {
    handle(request, response).catch(() => {
      if (!response.headersSent) send(response, 500, 'text/plain; charset=utf-8', 'Interne fout');
      else response.destroy();
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    // A foreign Host header means DNS rebinding or a proxy: refuse before looking at anything else.
    if (request.headers.host !== ownHost) return send(response, 421, 'text/plain; charset=utf-8', 'Onbekende host');
    const url = new URL(request.url ?? '/', origin);
    const source = tokenSource(request, url, token);
    if (!source) return send(response, 403, 'text/plain; charset=utf-8', 'Geen toegang');

    if (url.pathname.startsWith('/api/')) return handleApi(request, response, url.pathname.slice('/api/'.length));
    if (request.method !== 'GET' && request.method !== 'HEAD') return send(response, 405, 'text/plain; charset=utf-8', 'Niet toegestaan');
    if (source === 'query' && url.pathname === '/') {
      // Trade the token in the address for a cookie, and drop it from the address bar and history.
      response.writeHead(303, { ...securityHeaders, 'Set-Cookie': tokenCookieHeader(token), Location: '/' });
      response.end();
      return;
    }
    if (url.pathname === bridgePath) return send(response, 200, 'text/javascript; charset=utf-8', bridgeScript());
    if (url.pathname === '/' || url.pathname === '/index.html') {
      const html = await readFile(`${rendererDir}/index.html`, 'utf8').catch(() => null);
      if (html === null) return send(response, 503, 'text/plain; charset=utf-8', 'De renderer is niet gebouwd: npm run build:renderer');
      return send(response, 200, 'text/html; charset=utf-8', withBridge(html));
    }
    const file = await readStaticFile(rendererDir, url.pathname);
    if (!file) return send(response, 404, 'text/plain; charset=utf-8', 'Niet gevonden');
    return send(response, 200, file.contentType, file.body);
  }

  let uploading = false;

  async function handleApi(request: IncomingMessage, response: ServerResponse, channel: string): Promise<void> {
    if (channel === 'events' && request.method === 'GET') return streamEvents(request, response);
    if (request.method !== 'POST') return send(response, 405, 'text/plain; charset=utf-8', 'Niet toegestaan');
    if (!(request.headers['content-type'] ?? '').startsWith('application/json')) {
      return sendResult(response, failure('INVALID_INPUT'));
    }
    // Files arrive as base64 inside the JSON: an attachment, or an exported file brought back to be checked.
    const isAttachment = channel === 'attachments.add' || channel === 'exports.verify' || channel === 'sharing.importBundle';
    // One file at a time: six 50 MB uploads at once were held in memory together (about 1 GB). A second one is
    // refused before its body is read, and the connection closed.
    if (isAttachment && uploading) return sendResult(response, failure('UPLOAD_BUSY'), { Connection: 'close' });
    if (isAttachment) uploading = true;
    let body: string | null;
    try {
      body = await readBody(request, isAttachment ? maxAttachmentBodyBytes : maxBodyBytes);
    } finally {
      if (isAttachment) uploading = false;
    }
    if (body === null) {
      return sendResult(response, failure(isAttachment ? 'FILE_TOO_LARGE' : 'INVALID_INPUT'), { Connection: 'close' });
    }
    let input: unknown;
    try {
      input = body === '' ? undefined : JSON.parse(body);
    } catch {
      return sendResult(response, failure('INVALID_INPUT'));
    }
    const sender = { origin: request.headers.origin ?? '', isMainFrame: true };
    return sendResult(response, await dispatch(channel, input, sender));
  }

  async function streamEvents(request: IncomingMessage, response: ServerResponse): Promise<void> {
    await vaultReady;
    response.writeHead(200, { ...securityHeaders, 'Content-Type': 'text/event-stream; charset=utf-8' });
    response.write('retry: 2000\n\n');
    const unsubscribe = vaultHost().onEvent((event) => {
      response.write(`event: ordelog\ndata: ${JSON.stringify(event)}\n\n`);
    });
    const heartbeat = setInterval(() => response.write(': ping\n\n'), 20_000);
    heartbeat.unref();
    request.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://${host === '::1' ? '[::1]' : host}:${port}`;
  ownHost = new URL(origin).host;
  try {
    vault = await startVault([origin]);
    vaultStarted();
  } catch (error) {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await printer.close();
    throw error;
  }

  function vaultHost(): VaultHost {
    if (!vault) throw new Error('the browser host answers only once its vault is ready');
    return vault;
  }

  return {
    url: `${origin}/?token=${token}`,
    origin,
    dispatch,
    async close() {
      await vaultHost().close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await printer.close();
    },
  };
}

function send(response: ServerResponse, status: number, contentType: string, body: string | Buffer): void {
  response.writeHead(status, { ...securityHeaders, 'Content-Type': contentType });
  response.end(body);
}

function sendResult(response: ServerResponse, result: Result<unknown>, extra: Record<string, string> = {}): void {
  const status = !result.ok && result.error.code === 'UNTRUSTED_SENDER' ? 403 : 200;
  response.writeHead(status, { ...securityHeaders, ...extra, 'Content-Type': 'application/json; charset=utf-8' });
  response.end(JSON.stringify(result));
}

/** The body as text, or null when it exceeds the limit (the rest is not read). */
function readBody(request: IncomingMessage, maxBytes: number): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        request.removeAllListeners('data');
        request.pause();
        resolve(null);
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}
