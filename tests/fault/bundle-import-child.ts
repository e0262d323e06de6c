/**
 * Child process for tests/fault/bundle-import-crash.test.ts, killed with SIGKILL at a random moment by its parent.
 *
 *   bundle-import-child <vault dir> <bundle file>
 *       unlock, print `ready`, read the bundle into the vault printing each progress step, print `done`
 */
import { readFileSync } from 'node:fs';
import { unlockVault } from '../../db/vault';
import { sessionFor } from '../../main/services/session';
import { importBundle } from '../../main/services/sharing/bundles';
import { testPassphrase, testUserName } from '../helpers/vault';

const [dir, bundleFile] = process.argv.slice(2);
if (dir === undefined || bundleFile === undefined) throw new Error('usage: bundle-import-child <vault dir> <bundle file>');
const bytes = readFileSync(bundleFile);
const vault = await unlockVault(dir, testUserName, testPassphrase, { origin: 'system' });
process.stdout.write('ready\n');
await importBundle(sessionFor(vault, 'app'), bytes, {}, {
  signal: new AbortController().signal,
  progress: (phase) => process.stdout.write(`${phase}\n`),
});
process.stdout.write('done\n');
process.exit(0);
