import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

function newestMtime(path: string): number {
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  return readdirSync(path).reduce((newest, name) => Math.max(newest, newestMtime(join(path, name))), stats.mtimeMs);
}

function mtimeOrZero(path: string): number {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return 0;
  }
}

/**
 * Runs `build` when `output` is missing or older than any of `sources` (repository paths), so a single test file
 * runs against what `npm test` builds. Test files run in parallel workers: a lock directory in dist/ makes the
 * second wait for the first build instead of racing it; a lock older than `waitMs` is taken as abandoned.
 */
export async function buildWhenStale(options: {
  name: string;
  output: string;
  sources: readonly string[];
  waitMs: number;
  build: () => Promise<unknown> | void;
}): Promise<void> {
  const upToDate = () => mtimeOrZero(options.output) > Math.max(...options.sources.map((source) => newestMtime(join(repoRoot, source))));
  if (upToDate()) return;
  const lock = join(repoRoot, 'dist', `.${options.name}-build.lock`);
  mkdirSync(join(repoRoot, 'dist'), { recursive: true });
  const deadline = Date.now() + options.waitMs;
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
    if (!upToDate()) await options.build();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}
