import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const tokenCookie = 'ordelog_token';

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

function sameToken(expected: string, given: string | undefined): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

function cookieValue(request: IncomingMessage, name: string): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}

/** Where a request's token came from, if it holds the right one. */
export function tokenSource(request: IncomingMessage, url: URL, token: string): 'cookie' | 'query' | null {
  if (sameToken(token, cookieValue(request, tokenCookie))) return 'cookie';
  if (sameToken(token, url.searchParams.get('token') ?? undefined)) return 'query';
  return null;
}

export function tokenCookieHeader(token: string): string {
  return `${tokenCookie}=${token}; HttpOnly; SameSite=Strict; Path=/`;
}
