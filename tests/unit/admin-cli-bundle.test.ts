import { builtinModules } from 'node:module';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BuildOptions, Metafile } from 'esbuild';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminBin, cliBundle, ensureCliBuilt } from '../helpers/cli';
import { createTestVault, type TestVault } from '../helpers/vault';

/*
 * `ordelog-admin` as installed: bin/ordelog-admin.js runs the esbuild bundle in dist/cli, with no TypeScript
 * tooling at run time. Only the native better-sqlite3 must be there for the vault commands; playwright-core is
 * loaded by the PDF commands alone.
 */

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const { cliBuildOptions, externalImports } = (await import(new URL('../../scripts/build-main.js', import.meta.url).href)) as {
  cliBuildOptions(): BuildOptions;
  externalImports(metafile: Metafile): string[];
};

const toolingPackage = /node_modules\/(tsx|esbuild|@esbuild|playwright-core|vitest|vite)\//;

let scratch: string;
let test: TestVault;

beforeAll(async () => {
  await ensureCliBuilt();
  scratch = mkdtempSync(join(tmpdir(), 'ordelog-bundle-'));
  test = await createTestVault();
  test.vault.lock();
});

afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
  test.cleanup();
});

describe('the ordelog-admin bundle', () => {
  it('bundles no build or test tooling, and leaves only the native database and the PDF printer outside', async () => {
    const result = await build({ ...cliBuildOptions(), write: false, sourcemap: false });
    const metafile = result.metafile as Metafile;
    expect(Object.keys(metafile.inputs).filter((input) => toolingPackage.test(input))).toEqual([]);
    expect(externalImports(metafile).filter((spec) => !spec.startsWith('node:') && !builtinModules.includes(spec)).sort()).toEqual([
      'autobase',
      'better-sqlite3',
      'corestore',
      'playwright-core',
    ]);
    // playwright-core is imported by the printer's chunk only, and the replication engine by its own chunk, which
    // the entry loads on demand.
    const entry = Object.entries(metafile.outputs).find(([, output]) => output.entryPoint === 'main/cli/bin.ts')!;
    const staticallyLoaded = new Set<string>();
    const visit = (file: string) => {
      for (const imported of metafile.outputs[file]?.imports ?? []) {
        if (imported.kind !== 'import-statement' || staticallyLoaded.has(imported.path)) continue;
        staticallyLoaded.add(imported.path);
        visit(imported.path);
      }
    };
    visit(entry[0]);
    expect([...staticallyLoaded].filter((spec) => !spec.startsWith('node:') && !builtinModules.includes(spec) && !spec.startsWith('dist/')).sort()).toEqual(['better-sqlite3']);
  });

  it('runs from a copy beside nothing but better-sqlite3: no tsx, esbuild or playwright-core at run time, log PDF included', () => {
    const app = join(scratch, 'app');
    cpSync(dirname(cliBundle), join(app, 'dist', 'cli'), { recursive: true });
    cpSync(adminBin, join(app, 'bin', 'ordelog-admin.js'));
    writeFileSync(join(app, 'package.json'), JSON.stringify({ type: 'module' }));
    mkdirSync(join(app, 'node_modules'));
    symlinkSync(realpathSync(join(repoRoot, 'node_modules', 'better-sqlite3')), join(app, 'node_modules', 'better-sqlite3'));
    const env = { ...process.env, ORDELOG_PASSPHRASE: 'start wachtwoordzin 2026', ORDELOG_USER: 'beheer', NODE_PATH: '' };
    const run = (...argv: string[]) => spawnSync(process.execPath, [join(app, 'bin', 'ordelog-admin.js'), ...argv], { cwd: app, env, encoding: 'utf8' });
    const vault = join(scratch, 'kluis');
    const init = run('init', '--vault', vault);
    expect(init.status, init.stderr).toBe(0);
    expect((run('demo', '--vault', vault)).status).toBe(0);
    const verified = run('verify', '--vault', vault);
    expect(verified.status, verified.stderr).toBe(0);
    expect(verified.stdout).toContain('In orde: 1 dossiers');
    // Without playwright-core a PDF command says plainly that it cannot print; the vault commands never need it.
    const [demo] = JSON.parse(run('cases', '--vault', vault, '--json').stdout) as { id: string }[];
    const briefing = run('briefing', '--vault', vault, '--case', demo!.id, '--out', join(scratch, 'b.pdf'));
    expect(briefing.status).toBe(10);
    expect(briefing.stderr).toContain('geen browser gevonden');
    expect(existsSync(join(scratch, 'b.pdf'))).toBe(false);
    // The log's PDF needs no browser: PDFKit writes it, with the fonts beside the bundle.
    const log = run('log-export', '--vault', vault, '--case', demo!.id, '--out', join(scratch, 'logboek.pdf'));
    expect(log.status, log.stderr).toBe(0);
    expect(readFileSync(join(scratch, 'logboek.pdf')).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it.skipIf(!existsSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'))('prints a briefing PDF through playwright-core, loaded when needed', () => {
    const env = { ...process.env, ORDELOG_PASSPHRASE: test.passphrase, ORDELOG_USER: test.userName, ORDELOG_BROWSER: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' };
    const run = (...argv: string[]) => spawnSync(process.execPath, [adminBin, ...argv], { env, encoding: 'utf8' });
    expect(run('demo', '--vault', test.dir).status).toBe(0);
    const [demo] = JSON.parse(run('cases', '--vault', test.dir, '--json').stdout) as { id: string }[];
    const pdf = join(test.root, 'briefing.pdf');
    const made = run('briefing', '--vault', test.dir, '--case', demo!.id, '--out', pdf);
    expect(made.status, made.stderr).toBe(0);
    expect(readFileSync(pdf).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  }, 60_000);

  it('says in Dutch that it is not built yet when the bundle is missing', () => {
    const bare = join(scratch, 'bare');
    cpSync(adminBin, join(bare, 'bin', 'ordelog-admin.js'));
    writeFileSync(join(bare, 'package.json'), JSON.stringify({ type: 'module' }));
    const result = spawnSync(process.execPath, [join(bare, 'bin', 'ordelog-admin.js'), 'verify'], { encoding: 'utf8' });
    expect(result.status).toBe(1);
    expect(result.stderr).toBe('Ordelog-beheer is niet gebouwd: voer eerst npm run build uit.\n');
  });
});
