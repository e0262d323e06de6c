import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type BuildOptions, type Metafile } from 'esbuild';
import { describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const require = createRequire(import.meta.url);

// electron-builder's own loader and validator (the same schema `electron-builder` checks before packaging).
const { load } = require('js-yaml') as { load(text: string): unknown };
const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
  validateConfiguration(config: unknown, debug: { isEnabled: boolean; add(): void }): Promise<void>;
};

const config = load(readFileSync(path.join(repoRoot, 'electron-builder.yml'), 'utf8')) as Record<string, unknown>;

describe('electron-builder.yml', () => {
  it('is valid for electron-builder 26 (no misspelt or misplaced option)', async () => {
    await expect(validateConfiguration(config, { isEnabled: false, add() {} })).resolves.toBeUndefined();
    await expect(
      validateConfiguration({ ...config, electronFuses: { runAsNodeTypo: false } }, { isEnabled: false, add() {} }),
    ).rejects.toThrow(/electronFuses/);
  });

  it('flips the fuses of the brief', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('packs the built app into ASAR, unpacks only the native module, and starts the ESM shell', () => {
    expect(config).toMatchObject({
      appId: 'nl.ordelog.app',
      productName: 'Ordelog',
      asar: true,
      asarUnpack: ['**/node_modules/better-sqlite3/**', '**/*.node'],
      npmRebuild: true,
      extraMetadata: { main: 'dist/main/shell.mjs' },
      directories: { output: 'release', buildResources: 'build' },
      publish: null,
    });
    const files = config.files as string[];
    expect(files.filter((pattern) => !pattern.startsWith('!'))).toEqual(['package.json', 'dist/main/**', 'dist/renderer/**']);
  });

  it('builds every target of the brief', () => {
    expect(config).toMatchObject({
      linux: { target: ['AppImage', 'deb'] },
      win: { target: ['nsis', 'portable'] },
      mac: { target: ['dmg'] },
    });
  });
});

describe('the vault worker bundle', () => {
  it('holds the vault and the services, and nothing of Electron', async () => {
    const { workerBuildOptions, workerMayImport } = (await import(new URL('../../scripts/build-main.js', import.meta.url).href)) as {
      workerBuildOptions(): BuildOptions;
      workerMayImport(spec: string): boolean;
    };
    const result = await build({ ...workerBuildOptions(), write: false, sourcemap: false });
    const inputs = Object.keys(result.metafile?.inputs ?? {});
    expect(inputs).toContain('main/worker/vault-worker.ts');
    expect(inputs).toContain('db/open.ts');
    expect(inputs.filter((input) => input.startsWith('main/shell/') || input.startsWith('main/preload/'))).toEqual([]);
    const imports = Object.values(result.metafile?.outputs ?? {}).flatMap((output) => output.imports.map((entry) => entry.path));
    expect(imports.filter((path) => !workerMayImport(path))).toEqual([]);
    expect(workerMayImport('electron')).toBe(false);
  });
});

describe('the shell bundle', () => {
  it('contains no browser host, renderer, CLI or test code', async () => {
    const { shellBuildOptions, forbiddenInputs } = (await import(new URL('../../scripts/build-main.js', import.meta.url).href)) as {
      shellBuildOptions(): BuildOptions;
      forbiddenInputs(metafile: Metafile): string[];
    };
    const result = await build({ ...shellBuildOptions(), write: false, sourcemap: false });
    const inputs = Object.keys(result.metafile?.inputs ?? {});
    expect(inputs).toContain('main/shell/main.ts');
    // The vault and the services live in the vault worker: the shell's thread has no database code at all.
    expect(inputs).toContain('main/worker/vault-host.ts');
    expect(inputs.filter((input) => input.startsWith('db/') || input.startsWith('main/services/'))).toEqual([]);
    expect(forbiddenInputs(result.metafile as Metafile)).toEqual([]);
    // Nor does it reach for the tools of the CLI and the tests: not bundled, not left to load at run time.
    expect(inputs.filter((input) => /node_modules\/(playwright-core|tsx|esbuild)\//.test(input))).toEqual([]);
    const imports = Object.values(result.metafile?.outputs ?? {}).flatMap((output) => output.imports.map((entry) => entry.path));
    expect(imports.filter((path) => /^(playwright-core|tsx|esbuild)\b/.test(path))).toEqual([]);
    // Crash dumps stay off: a dump of the main process would hold the data key and decrypted case text, and
    // Electron writes none unless the crash reporter is started.
    expect(result.outputFiles?.length).toBeGreaterThan(0);
    expect((result.outputFiles ?? []).filter((file) => file.text.includes('crashReporter'))).toEqual([]);
  });

  it('leaves playwright-core and the build tools out of the package', () => {
    const files = config.files as string[];
    for (const tool of ['playwright-core', 'tsx', 'esbuild', '@esbuild']) expect(files).toContain(`!**/node_modules/${tool}/**`);
  });
});

const { findElectronBinary } = (await import(new URL('../../scripts/start.js', import.meta.url).href)) as {
  findElectronBinary(): string | null;
};

describe('npm start without the Electron binary', () => {
  it.skipIf(findElectronBinary() !== null)('says so in Dutch and English, points at dev:browser, and exits non-zero at once', () => {
    const started = performance.now();
    const run = spawnSync(process.execPath, [path.join(repoRoot, 'scripts', 'start.js')], {
      env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('het Electron-programma is op deze machine niet beschikbaar');
    expect(run.stderr).toContain('the Electron binary is not available on this machine');
    expect(run.stderr).toContain('npm run dev:browser');
    expect(performance.now() - started).toBeLessThan(10_000);
  });
});
