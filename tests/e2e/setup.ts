import { ensureRendererBuilt } from '../helpers/browser';

/**
 * Vitest globalSetup (`test.globalSetup: ['tests/e2e/setup.ts']`): builds dist/renderer once when it is older
 * than its sources. Each e2e file also calls `ensureRendererBuilt()`, which is a no-op after this.
 */
export default async function setup(): Promise<void> {
  await ensureRendererBuilt();
}
