#!/usr/bin/env node
// `npm start`: builds the app and launches it in Electron. Electron 45 fetches its binary lazily (its
// package's path.txt names the executable under dist/); where there is none and it cannot be fetched in time,
// this says so in Dutch and English, points at `npm run dev:browser`, and exits non-zero. It never hangs.
//
// Usage: node scripts/start.js [--no-build] [-- <arguments for the app>]
// Environment: ELECTRON_SKIP_BINARY_DOWNLOAD=1 skips the download attempt; ORDELOG_ELECTRON_DOWNLOAD_TIMEOUT_MS
// bounds it (default 60000); ELECTRON_OVERRIDE_DIST_PATH points at an Electron folder elsewhere.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const shellEntry = path.join(repoRoot, 'dist', 'main', 'shell.mjs');
const rendererEntry = path.join(repoRoot, 'dist', 'renderer', 'index.html');

/** The Electron package folder, found without loading its index.js (which would start an unbounded download). */
function electronPackageDir() {
  return path.dirname(createRequire(import.meta.url).resolve('electron/package.json'));
}

/** The Electron executable if it is on this machine, else null. Same rules as electron/index.js, no download. */
export function findElectronBinary(env = process.env) {
  const packageDir = electronPackageDir();
  const pathFile = path.join(packageDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    const candidate = path.join(env.ELECTRON_OVERRIDE_DIST_PATH, relative || 'electron');
    return existsSync(candidate) ? candidate : null;
  }
  if (!relative) return null;
  const candidate = path.join(packageDir, 'dist', relative);
  return existsSync(candidate) ? candidate : null;
}

function isSet(value) {
  return value !== undefined && value !== '' && value !== '0' && value.toLowerCase() !== 'false';
}

/** Runs Electron's own installer once, killed after `timeoutMs`. Resolves to whether it finished in time and well. */
function tryDownload(timeoutMs) {
  return new Promise((resolve) => {
    console.log(`Electron downloaden (hooguit ${Math.round(timeoutMs / 1000)} s) / downloading Electron (at most ${Math.round(timeoutMs / 1000)} s)…`);
    const child = spawn(process.execPath, [path.join(electronPackageDir(), 'install.js')], {
      stdio: ['ignore', 'ignore', 'pipe'],
      detached: process.platform !== 'win32',
      env: { ...process.env, force_no_cache: 'false' },
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr = (stderr + chunk).slice(-2000);
    });
    const timer = setTimeout(() => {
      try {
        if (process.platform === 'win32') child.kill();
        else process.kill(-child.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
      resolve({ ok: false, reason: `timed out after ${timeoutMs} ms` });
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({ ok: false, reason: error.message });
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      const lines = stderr.trim().split('\n');
      const reason = lines.find((line) => /error/i.test(line)) ?? lines[0] ?? '';
      resolve(code === 0 ? { ok: true } : { ok: false, reason: reason.trim() || `exit ${code}` });
    });
  });
}

export const unavailableMessage = [
  'Ordelog: het Electron-programma is op deze machine niet beschikbaar (niet geïnstalleerd, en downloaden is',
  '         overgeslagen of mislukt). `npm run dev:browser` start dezelfde app in een browser.',
  'Ordelog: the Electron binary is not available on this machine (not installed, and the download was skipped',
  '         or failed). `npm run dev:browser` runs the same app in a browser.',
].join('\n');

async function main() {
  const args = process.argv.slice(2);
  const separator = args.indexOf('--');
  const own = separator === -1 ? args : args.slice(0, separator);
  const appArgs = separator === -1 ? [] : args.slice(separator + 1);

  let binary = findElectronBinary();
  if (!binary && !isSet(process.env.ELECTRON_SKIP_BINARY_DOWNLOAD)) {
    const timeoutMs = Number(process.env.ORDELOG_ELECTRON_DOWNLOAD_TIMEOUT_MS) || 60_000;
    const download = await tryDownload(timeoutMs);
    if (!download.ok) console.error(`Download mislukt / download failed: ${download.reason}`);
    binary = findElectronBinary();
  }
  if (!binary) {
    console.error(unavailableMessage);
    process.exit(3);
  }

  if (!own.includes('--no-build') || !existsSync(shellEntry) || !existsSync(rendererEntry)) {
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const built = spawnSync(npm, ['run', 'build'], { cwd: repoRoot, stdio: 'inherit', shell: process.platform === 'win32' });
    if (built.status !== 0) process.exit(built.status ?? 1);
  }

  const child = spawn(binary, [shellEntry, ...appArgs], { cwd: repoRoot, stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  await main();
}
