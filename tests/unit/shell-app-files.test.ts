import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentTypeFor, resolveAppFile } from '../../main/shell/app-files';

const root = path.resolve('/opt/ordelog/dist/renderer');

describe('the app protocol serves files under the renderer folder only', () => {
  it('maps the origin and its paths to files under the root', () => {
    expect(resolveAppFile(root, 'app://ordelog/')).toEqual({ kind: 'file', file: path.join(root, 'index.html') });
    expect(resolveAppFile(root, 'app://ordelog/index.html')).toEqual({ kind: 'file', file: path.join(root, 'index.html') });
    expect(resolveAppFile(root, 'app://ordelog/assets/index-3f2a.js?v=1#x')).toEqual({
      kind: 'file',
      file: path.join(root, 'assets', 'index-3f2a.js'),
    });
    expect(resolveAppFile(root, 'app://ordelog/fonts/Inter%20Var.woff2')).toEqual({
      kind: 'file',
      file: path.join(root, 'fonts', 'Inter Var.woff2'),
    });
  });

  it('clamps dot segments at the root, as the URL parser (and Chromium) resolve them first', () => {
    expect(resolveAppFile(root, 'app://ordelog/../../etc/passwd')).toEqual({ kind: 'file', file: path.join(root, 'etc', 'passwd') });
    expect(resolveAppFile(root, 'app://ordelog/%2e%2e/%2e%2e/etc/passwd')).toEqual({
      kind: 'file',
      file: path.join(root, 'etc', 'passwd'),
    });
    expect(resolveAppFile(root, 'app://ordelog/assets/%2E%2E/%2E%2E/index.html')).toEqual({
      kind: 'file',
      file: path.join(root, 'index.html'),
    });
  });

  it.each([
    ['an encoded slash with dot-dot', 'app://ordelog/assets%2f..%2f..%2fpackage.json'],
    ['an encoded slash with a dot', 'app://ordelog/assets%2f.%2findex.html'],
  ])('refuses traversal hidden from the URL parser: %s', (_name, url) => {
    expect(resolveAppFile(root, url)).toEqual({ kind: 'refuse', status: 403 });
  });

  it.each([
    ['an encoded backslash', 'app://ordelog/..%5C..%5Cpackage.json'],
    ['a NUL byte', 'app://ordelog/index.html%00.png'],
    ['a Windows drive', 'app://ordelog/C:/Windows/win.ini'],
    ['an encoded drive', 'app://ordelog/C%3A%5CWindows%5Cwin.ini'],
    ['a drive-relative segment', 'app://ordelog/assets/C:x'],
    ['broken percent-encoding', 'app://ordelog/%E0%A4%A'],
  ])('refuses %s', (_name, url) => {
    expect(resolveAppFile(root, url)).toMatchObject({ kind: 'refuse', status: 400 });
  });

  it.each([
    ['another host', 'app://evil/index.html'],
    ['a port', 'app://ordelog:8080/index.html'],
    ['user info', 'app://user:pw@ordelog/index.html'],
    ['another scheme', 'file:///etc/passwd'],
    ['http', 'http://ordelog/index.html'],
  ])('refuses %s', (_name, url) => {
    expect(resolveAppFile(root, url)).toEqual({ kind: 'refuse', status: 403 });
  });

  it('refuses what is not a URL, and methods other than GET and HEAD', () => {
    expect(resolveAppFile(root, 'not a url')).toEqual({ kind: 'refuse', status: 400 });
    expect(resolveAppFile(root, 'app://ordelog/index.html', 'POST')).toEqual({ kind: 'refuse', status: 405 });
    expect(resolveAppFile(root, 'app://ordelog/index.html', 'HEAD')).toMatchObject({ kind: 'file' });
  });

  it('keeps Windows paths under the root too', () => {
    const winRoot = 'C:\\Program Files\\Ordelog\\resources\\app.asar\\dist\\renderer';
    expect(resolveAppFile(winRoot, 'app://ordelog/assets/a.js', 'GET', path.win32)).toEqual({
      kind: 'file',
      file: `${winRoot}\\assets\\a.js`,
    });
    expect(resolveAppFile(winRoot, 'app://ordelog/a%2f..%2f..%2fx', 'GET', path.win32)).toMatchObject({ kind: 'refuse' });
    expect(resolveAppFile(winRoot, 'app://ordelog/D:/x', 'GET', path.win32)).toMatchObject({ kind: 'refuse' });
  });

  it('never resolves outside the root, whatever the path', () => {
    const samples = ['..', '.', '%2e%2e', '%2E%2e', 'a', 'assets', '%2f', '%5c', '...', '....', '%00', 'C:', '~', ''];
    for (const first of samples) {
      for (const second of samples) {
        for (const third of samples) {
          const resolution = resolveAppFile(root, `app://ordelog/${first}/${second}/${third}`);
          if (resolution.kind === 'file') expect(resolution.file.startsWith(root + path.sep)).toBe(true);
        }
      }
    }
  });

  it('names content types so nosniff can hold, and treats the unknown as bytes', () => {
    expect(contentTypeFor('/x/index.html')).toBe('text/html; charset=utf-8');
    expect(contentTypeFor('/x/a.JS')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeFor('/x/a.css')).toBe('text/css; charset=utf-8');
    expect(contentTypeFor('/x/a.woff2')).toBe('font/woff2');
    expect(contentTypeFor('/x/a.exe')).toBe('application/octet-stream');
    expect(contentTypeFor('/x/Makefile')).toBe('application/octet-stream');
  });
});
