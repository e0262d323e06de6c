/**
 * Child process for tests/fault/crash.test.ts, killed with SIGKILL at a random moment by its parent.
 *
 *   crash-child <vault dir> append <case id>
 *                                    unlock, then append log entries to the case for ever; prints each
 *                                    entry's id after its append returned (stdout to a pipe is synchronous on
 *                                    Linux, so a printed id was committed before the next append started)
 *   crash-child <vault dir> rekey    unlock, print `ready`, replace the data key printing each step
 *   crash-child <database file> migrate <hex key>
 *                                    print `ready`, open the database (which brings it to this version's schema),
 *                                    print `migrated`
 */
import { openDatabase } from '../../db/open';
import { rekeyVault, unlockVault } from '../../db/vault';
import { appendEntry } from '../../main/services/entries';
import { sessionFor, type Session } from '../../main/services/session';
import { testPassphrase, testUserName } from '../helpers/vault';

/** The one durable append under test: a chained log entry, through the same service the app uses. */
export function appendRow(session: Session, caseId: string, n: number): string {
  return appendEntry(session, { caseId, type: 'waarneming', text: `Waarneming ${process.pid}-${n}` }).id;
}

async function main(dir: string, mode: string, caseId: string | undefined): Promise<void> {
  if (mode === 'migrate') {
    process.stdout.write('ready\n');
    openDatabase(dir, Buffer.from(caseId ?? '', 'hex')).close();
    process.stdout.write('migrated\n');
    return;
  }
  const vault = await unlockVault(dir, testUserName, testPassphrase, { origin: 'system' });
  if (mode === 'append') {
    if (caseId === undefined) throw new Error('append needs a case id');
    const session = sessionFor(vault, 'app');
    for (let n = 0; ; n += 1) process.stdout.write(`${appendRow(session, caseId, n)}\n`);
  }
  if (mode === 'rekey') {
    process.stdout.write('ready\n');
    rekeyVault(vault, { origin: 'system', onProgress: (step) => process.stdout.write(`${step}\n`) });
    process.stdout.write('finished\n');
    vault.lock();
    return;
  }
  throw new Error(`unknown mode ${mode}`);
}

const [dir, mode, caseId] = process.argv.slice(2);
if (dir === undefined || mode === undefined) throw new Error('usage: crash-child <vault dir> append <case id> | rekey | <file> migrate <key>');
await main(dir, mode, caseId);
