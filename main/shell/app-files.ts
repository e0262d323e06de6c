import path from 'node:path';
import { appHost, appScheme } from './app-origin';

/** What the app protocol does with a request: serve one file under the renderer folder, or refuse. */
export type FileResolution = { kind: 'file'; file: string } | { kind: 'refuse'; status: 400 | 403 | 404 | 405 };

/**
 * Maps `app://ordelog/<path>` to a file under `rootDir`, refusing anything that could leave it: other hosts,
 * encoded `..`, backslashes, NUL bytes, drive letters. Decisions are made on the decoded, normalised
 * path and then checked again against the root, so a trick the checks above miss still cannot escape.
 */
export function resolveAppFile(
  rootDir: string,
  requestUrl: string,
  method = 'GET',
  pathApi: path.PlatformPath = path,
): FileResolution {
  if (method !== 'GET' && method !== 'HEAD') return { kind: 'refuse', status: 405 };
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return { kind: 'refuse', status: 400 };
  }
  if (url.protocol !== `${appScheme}:` || url.hostname !== appHost || url.port || url.username || url.password) {
    return { kind: 'refuse', status: 403 };
  }
  let relative: string;
  try {
    relative = decodeURIComponent(url.pathname);
  } catch {
    return { kind: 'refuse', status: 400 };
  }
  if (relative === '/' || relative === '') relative = '/index.html';
  // ':' never appears in our file names; on Windows it would make a segment a drive (`C:x`) or a stream.
  if (relative.includes('\0') || relative.includes('\\') || relative.includes(':')) {
    return { kind: 'refuse', status: 400 };
  }
  const segments = relative.split('/').filter((segment) => segment !== '');
  if (segments.some((segment) => segment === '..' || segment === '.')) return { kind: 'refuse', status: 403 };
  if (segments.length === 0) return { kind: 'refuse', status: 404 };

  const root = pathApi.resolve(rootDir);
  const file = pathApi.resolve(root, ...segments);
  if (!file.startsWith(root + pathApi.sep)) return { kind: 'refuse', status: 403 };
  return { kind: 'file', file };
}

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
};

/** The Content-Type for a served file; unknown kinds are opaque bytes (and `nosniff` keeps them that way). */
export function contentTypeFor(file: string): string {
  return contentTypes[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}
