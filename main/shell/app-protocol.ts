import { protocol, type Session } from 'electron';
import { readFile } from 'node:fs/promises';
import { contentTypeFor, resolveAppFile } from './app-files';
import { appScheme } from './app-origin';
import { securityHeaders } from './content-security';

/**
 * Must run before `ready`. `standard` gives the scheme an origin and relative URLs, `secure` makes it a secure
 * context; module scripts need fetch/CORS support. No bypassCSP, no service workers, no streaming.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: appScheme,
      privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, codeCache: true },
    },
  ]);
}

function refusal(status: number): Response {
  return new Response(null, { status, headers: securityHeaders('text/plain; charset=utf-8') });
}

/** Serves files under `rendererDir` only, each with the CSP and no-store headers. */
export function serveAppScheme(session: Session, rendererDir: string): void {
  session.protocol.handle(appScheme, async (request) => {
    const resolution = resolveAppFile(rendererDir, request.url, request.method);
    if (resolution.kind === 'refuse') return refusal(resolution.status);
    let body: Buffer;
    try {
      body = await readFile(resolution.file);
    } catch {
      return refusal(404);
    }
    const headers = securityHeaders(contentTypeFor(resolution.file));
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers });
  });
}
