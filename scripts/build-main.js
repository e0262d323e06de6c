#!/usr/bin/env node
// Bundles the Electron main process and its preload with esbuild:
//   main/shell/main.ts       -> dist/main/shell.mjs   (ESM; electron and the native better-sqlite3 stay external)
//   main/worker/vault-worker.ts -> dist/main/vault-worker.mjs (the vault's thread; no electron at all)
//   main/preload/preload.ts  -> dist/main/preload.cjs (CommonJS, one file: a sandboxed preload can require
//                                                       nothing but a few Electron modules)
//   db/migrations            -> dist/main/migrations  (db/open.ts finds them beside the bundle)
//   assets/fonts             -> dist/main/fonts       (the document fonts; main/services/pdf/fonts.ts finds them there)
//   main/cli/bin.ts          -> dist/cli/ordelog-admin.mjs (+ chunks, vault-worker.mjs, migrations/, fonts/): the
//                                                       admin CLI, run by bin/ordelog-admin.js without tsx
// Fails when a bundle imports anything its process cannot load, or bundles what has no place in the app.
// `--production` (or NODE_ENV=production): no source maps, minified preload. Importable: tests build in memory.
import { build } from 'esbuild';
import { cp, rm, mkdir } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';

export const root = fileURLToPath(new URL('..', import.meta.url));
export const outDir = path.join(root, 'dist', 'main');
export const cliOutDir = path.join(root, 'dist', 'cli');

/**
 * The preload needs the contract's channel names and helpers, never its schemas: main validates every
 * request. Swapping zod for an inert stand-in keeps 450 kB of schema code out of every page load; the
 * contract still evaluates, and any use of a real schema in the preload fails loudly in the preload test.
 */
export const inertZod = {
  name: 'inert-zod',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /^zod(\/.*)?$/ }, (args) => ({ path: args.path, namespace: 'inert-zod' }));
    pluginBuild.onLoad({ filter: /.*/, namespace: 'inert-zod' }, () => ({
      contents: [
        'const inert = new Proxy(function inertSchema() {}, {',
        "  get: (_target, key) => (key === 'then' ? undefined : inert),",
        '  apply: () => inert,',
        '  construct: () => inert,',
        '});',
        'export const z = inert;',
        'export default inert;',
      ].join('\n'),
      loader: 'js',
    }));
  },
};

function common(production) {
  return {
    absWorkingDir: root,
    bundle: true,
    metafile: true,
    logLevel: 'warning',
    legalComments: 'none',
    sourcemap: production ? false : 'linked',
    define: { 'process.env.NODE_ENV': JSON.stringify(production ? 'production' : 'development') },
  };
}

const builtins = new Set(builtinModules);

// The replication engine (db/replica/engine.ts) loads native modules (RocksDB, libsodium) by paths relative to
// its own files, so it stays outside the bundles, like better-sqlite3, and ships in node_modules.
const engineModules = ['autobase', 'corestore'];

// Electron 45 runs Node 22 and Chromium 142.
export function shellBuildOptions({ production = false } = {}) {
  return {
    ...common(production),
    entryPoints: { shell: 'main/shell/main.ts' },
    outdir: outDir,
    outExtension: { '.js': '.mjs' },
    platform: 'node',
    format: 'esm',
    target: 'node22',
    external: ['electron', 'better-sqlite3', ...engineModules],
    // Bundled CommonJS dependencies call require(); an ES module has none of its own.
    banner: {
      js: "import { createRequire as __ordelogCreateRequire } from 'node:module';\nconst require = __ordelogCreateRequire(import.meta.url);",
    },
  };
}

/** The vault worker: a worker thread of the shell's process, beside shell.mjs (Electron loads it from the asar). */
export function workerBuildOptions({ production = false } = {}) {
  const shell = shellBuildOptions({ production });
  return {
    ...shell,
    // The structure check of a full verify runs in a small thread of its own beside the vault worker.
    entryPoints: { 'vault-worker': 'main/worker/vault-worker.ts', 'structure-worker': 'main/worker/structure-worker.ts' },
    external: ['better-sqlite3', ...engineModules],
  };
}

export function preloadBuildOptions({ production = false } = {}) {
  return {
    ...common(production),
    entryPoints: { preload: 'main/preload/preload.ts' },
    outdir: outDir,
    outExtension: { '.js': '.cjs' },
    // A sandboxed preload has no Node: building for the browser makes any node: import a build error.
    platform: 'browser',
    format: 'cjs',
    target: 'chrome142',
    external: ['electron'],
    plugins: [inertZod],
    minify: production,
  };
}

/**
 * The admin CLI. playwright-core drives a Chromium for PDFs and cannot be bundled (it finds its own files at run
 * time); the CLI imports its printer lazily, so splitting puts that import in a chunk that only the PDF commands
 * load. pdfkit is bundled: the log PDF embeds only the shipped fonts, copied beside the bundle, so pdfkit never
 * looks for its own font metrics (tests/unit/document-fonts.test.ts runs such a bundle alone).
 */
export function cliBuildOptions({ production = false } = {}) {
  return {
    ...shellBuildOptions({ production }),
    entryPoints: { 'ordelog-admin': 'main/cli/bin.ts' },
    outdir: cliOutDir,
    splitting: true,
    // Chunks beside the entry: db/open.ts finds the migrations next to the file it runs from.
    chunkNames: '[name]-[hash]',
    external: ['better-sqlite3', 'playwright-core', ...engineModules],
  };
}

export const cliMayImport = (spec) =>
  ['better-sqlite3', 'playwright-core', ...engineModules].includes(spec) || spec.startsWith('node:') || builtins.has(spec);

/** Builds the admin CLI alone into dist/cli (tests build it on demand with this). */
export async function buildCli({ production = false } = {}) {
  await rm(cliOutDir, { recursive: true, force: true });
  const [cli, worker] = await Promise.all([
    build(cliBuildOptions({ production })),
    // Its long jobs run in the vault worker, loaded from beside the bundle.
    build({ ...workerBuildOptions({ production }), outdir: cliOutDir }),
  ]);
  assertOnlyImports('ordelog-admin', cli.metafile, cliMayImport);
  assertOnlyImports('ordelog-admin vault worker', worker.metafile, workerMayImport);
  await copyBesideBundle(cliOutDir);
  return cli.metafile;
}

export function externalImports(metafile) {
  const found = new Set();
  for (const output of Object.values(metafile.outputs)) {
    for (const entry of output.imports) if (entry.external) found.add(entry.path);
  }
  return [...found];
}

function assertOnlyImports(name, metafile, allowed) {
  const unexpected = externalImports(metafile).filter((spec) => !allowed(spec));
  if (unexpected.length > 0) {
    throw new Error(`${name} imports ${unexpected.join(', ')} at run time; bundle it or allow it deliberately`);
  }
}

/** Source folders that must never end up in an Electron bundle: the loopback browser host, the page, tests. */
const neverBundled = /^(main\/browser-host|main\/cli|renderer|tests|scripts)\//;

export function forbiddenInputs(metafile) {
  return Object.keys(metafile.inputs).filter((input) => neverBundled.test(input));
}

function assertNoForbiddenInputs(name, metafile) {
  const found = forbiddenInputs(metafile);
  if (found.length > 0) throw new Error(`${name} bundles ${found.join(', ')}, which has no place in the app`);
}

export const shellMayImport = (spec) =>
  spec === 'electron' || spec === 'better-sqlite3' || spec.startsWith('node:') || builtins.has(spec);
export const workerMayImport = (spec) =>
  spec === 'better-sqlite3' || engineModules.includes(spec) || spec.startsWith('node:') || builtins.has(spec);
export const preloadMayImport = (spec) => spec === 'electron';

/** What the main process reads beside its bundle at run time: the migrations and the document fonts. */
export async function copyBesideBundle(dir) {
  await cp(path.join(root, 'db', 'migrations'), path.join(dir, 'migrations'), { recursive: true });
  await cp(path.join(root, 'assets', 'fonts'), path.join(dir, 'fonts'), { recursive: true });
}

export async function buildMain({ production = process.argv.includes('--production') || process.env.NODE_ENV === 'production' } = {}) {
  const started = performance.now();
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  const [shell, worker, preload] = await Promise.all([
    build(shellBuildOptions({ production })),
    build(workerBuildOptions({ production })),
    build(preloadBuildOptions({ production })),
    buildCli({ production }),
  ]);
  assertOnlyImports('shell', shell.metafile, shellMayImport);
  assertOnlyImports('vault worker', worker.metafile, workerMayImport);
  assertNoForbiddenInputs('vault worker', worker.metafile);
  assertOnlyImports('preload', preload.metafile, preloadMayImport);
  assertNoForbiddenInputs('shell', shell.metafile);
  assertNoForbiddenInputs('preload', preload.metafile);
  await copyBesideBundle(outDir);
  return Math.round(performance.now() - started);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  try {
    const ms = await buildMain();
    console.log(`build-main: dist/main/shell.mjs, vault-worker.mjs, preload.cjs, migrations/ and fonts/, dist/cli/ordelog-admin.mjs in ${ms} ms`);
  } catch (error) {
    console.error(`build-main: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
}
