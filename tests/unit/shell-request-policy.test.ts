import { describe, expect, it } from 'vitest';
import { appEntryUrl, appOrigin, isAllowedRequest, isAppUrl, isOwnExportUrl, originOf } from '../../main/shell/app-origin';

const production = { allowDevTools: false };
const development = { allowDevTools: true };

describe('the request allow-list', () => {
  it('loads the app from app://ordelog, never from file:// or the network', () => {
    expect(appOrigin).toBe('app://ordelog');
    expect(appEntryUrl).toBe('app://ordelog/index.html');
    expect(isAppUrl(appEntryUrl)).toBe(true);
  });

  it.each([
    'app://ordelog/index.html',
    'app://ordelog/assets/index-1.js',
    'app://ordelog/',
    'data:image/png;base64,iVBORw0KGgo=',
    'blob:app://ordelog/5c2b7a50-7f7d-4b71-9a3b-0c5d8c2f3a11',
  ])('allows %s', (url) => {
    expect(isAllowedRequest(url, production)).toBe(true);
  });

  it.each([
    'https://example.org/tracker.gif',
    'http://127.0.0.1:8080/api',
    'ws://localhost:1234/',
    'file:///etc/passwd',
    'app://evil/index.html',
    'app://ordelog.evil.example/index.html',
    'app://ordelog:1/index.html',
    'app://x@ordelog/index.html',
    'blob:https://example.org/1',
    'devtools://devtools/bundled/devtools_app.html',
    'chrome://gpu',
    'javascript:alert(1)',
    'about:blank',
    'not a url',
    '',
  ])('cancels %s in production', (url) => {
    expect(isAllowedRequest(url, production)).toBe(false);
  });

  it('allows DevTools only in development', () => {
    expect(isAllowedRequest('devtools://devtools/bundled/devtools_app.html', development)).toBe(true);
    expect(isAllowedRequest('https://example.org/', development)).toBe(false);
  });

  it('derives the origin Chromium gives a standard scheme', () => {
    expect(originOf('app://ordelog/index.html')).toBe('app://ordelog');
    expect(originOf('https://example.org:8443/a')).toBe('https://example.org:8443');
    expect(originOf('about:blank')).toBeNull();
    expect(originOf('nonsense')).toBeNull();
  });
});

describe('downloads', () => {
  it.each([
    ['blob:app://ordelog/5c2b7a50-7f7d-4b71-9a3b-0c5d8c2f3a11', true],
    ['blob:app://evil/5c2b7a50-7f7d-4b71-9a3b-0c5d8c2f3a11', false],
    ['blob:https://example.org/5c2b7a50', false],
    ['https://example.org/briefing.pdf', false],
    ['data:application/pdf;base64,JVBERi0=', false],
    ['app://ordelog/index.html', false],
  ])('%s may be saved as an export: %s', (url, allowed) => {
    expect(isOwnExportUrl(url)).toBe(allowed);
  });
});
