// Runs the vault worker from its TypeScript source (the browser host under tsx, the tests under vitest): the
// worker thread gets its own module loader, so tsx is registered here before the entry is imported. The app and
// the CLI run the bundled `vault-worker.mjs` instead.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
