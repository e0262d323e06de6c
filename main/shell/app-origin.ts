/**
 * Where the renderer lives and which URLs the app may ever load. Electron-free, so the allow-list is tested
 * in plain Node. The renderer is served from a custom privileged scheme, never from file:// or the network.
 */
export const appScheme = 'app';
export const appHost = 'ordelog';
export const appOrigin = `${appScheme}://${appHost}`;
export const appEntryUrl = `${appOrigin}/index.html`;

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** True for `app://ordelog/…` only: no user info, no port, no other host. */
export function isAppUrl(url: string): boolean {
  const parsed = parse(url);
  return (
    parsed !== null &&
    parsed.protocol === `${appScheme}:` &&
    parsed.hostname === appHost &&
    parsed.port === '' &&
    parsed.username === '' &&
    parsed.password === ''
  );
}

/** The origin Chromium gives a standard custom scheme (Node's URL says "null" for non-special schemes). */
export function originOf(url: string): string | null {
  const parsed = parse(url);
  if (parsed === null || parsed.host === '') return null;
  return `${parsed.protocol}//${parsed.host}`;
}

export interface RequestPolicy {
  /** Development only: DevTools loads its own front end from devtools://. */
  allowDevTools: boolean;
}

/**
 * Decides every request the session makes. Everything that is not our own origin is cancelled, so no case
 * data can leave through an <img>, a fetch, a redirect or a link, even if the CSP were bypassed. `data:` and
 * `blob:` stay possible because the CSP allows them for images (exports preview, icons): neither reaches a
 * network.
 */
export function isAllowedRequest(url: string, policy: RequestPolicy): boolean {
  if (isAppUrl(url)) return true;
  if (url.startsWith('data:')) return true;
  if (url.startsWith(`blob:${appOrigin}/`)) return true;
  if (policy.allowDevTools && url.startsWith('devtools://')) return true;
  return false;
}

/** A blob: URL our own page made (an export it offers as a download); `blob:app://ordelog/<uuid>`. */
export function isOwnExportUrl(url: string): boolean {
  return url.startsWith('blob:') && isAppUrl(url.slice('blob:'.length));
}
