/**
 * The response headers of every file the app protocol serves, with the Content Security Policy: nothing
 * inline, nothing remote, no frames, no forms, no <base>; the renderer is a bundle of our own files.
 */
export function securityHeaders(contentType: string): Record<string, string> {
  const headers: Record<string, string> = {
    'Content-Type': contentType,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    // Case data is rendered, never cached to disk by Chromium.
    'Cache-Control': 'no-store',
  };
  // One literal, assigned like this, so the security gate (electronegativity's CSP evaluator) reads and grades
  // the policy that is actually served.
  headers['Content-Security-Policy'] =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";
  return headers;
}

export const contentSecurityPolicy: string = securityHeaders('text/plain')['Content-Security-Policy'] ?? '';
