import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** The installed `ordelog-admin`: it runs the bundle in dist/cli. */
export const adminBin = join(repoRoot, 'bin', 'ordelog-admin.js');
export const cliBundle = join(repoRoot, 'dist', 'cli', 'ordelog-admin.mjs');
const bundledSources = ['main', 'db', 'shared', join('scripts', 'build-main.js')].map((path) => join(repoRoot, path));

function newestMtime(path: string): number {
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  return readdirSync(path).reduce((newest, name) => Math.max(newest, newestMtime(join(path, name))), stats.mtimeMs);
}

function builtAt(): number {
  try {
    return statSync(cliBundle).mtimeMs;
  } catch {
    return 0;
  }
}

const upToDate = () => builtAt() > Math.max(...bundledSources.map(newestMtime));

/**
 * Builds dist/cli when it is missing or older than the sources it bundles, so a single test file runs against
 * the CLI as installed. Test files run in parallel workers: a lock directory makes the second wait for the first.
 */
export async function ensureCliBuilt(): Promise<void> {
  if (upToDate()) return;
  const lock = join(repoRoot, 'dist', '.cli-build.lock');
  mkdirSync(join(repoRoot, 'dist'), { recursive: true });
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (Date.now() > deadline) rmSync(lock, { recursive: true, force: true });
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  try {
    if (upToDate()) return;
    const { buildCli } = (await import(new URL('../../scripts/build-main.js', import.meta.url).href)) as { buildCli(): Promise<unknown> };
    await buildCli();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}
