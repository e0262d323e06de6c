import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildWhenStale } from './build-when-stale';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** The installed `ordelog-admin`: it runs the bundle in dist/cli. */
export const adminBin = join(repoRoot, 'bin', 'ordelog-admin.js');
export const cliBundle = join(repoRoot, 'dist', 'cli', 'ordelog-admin.mjs');

/**
 * Builds dist/cli when it is missing or older than the sources it bundles, so a single test file runs against
 * the CLI as installed.
 */
export async function ensureCliBuilt(): Promise<void> {
  await buildWhenStale({
    name: 'cli',
    output: cliBundle,
    sources: ['main', 'db', 'shared', join('scripts', 'build-main.js')],
    waitMs: 60_000,
    build: async () => {
      const { buildCli } = (await import(new URL('../../scripts/build-main.js', import.meta.url).href)) as { buildCli(): Promise<unknown> };
      await buildCli();
    },
  });
}
