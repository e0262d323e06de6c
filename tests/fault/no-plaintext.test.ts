import { randomBytes } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { backupVault } from '../../db/backup';
import { unlockVault } from '../../db/vault';
import { addAttachment } from '../../main/services/attachments';
import { createCase } from '../../main/services/cases';
import { recordDecision } from '../../main/services/decisions';
import { appendEntry, correctEntry } from '../../main/services/entries';
import { searchCase } from '../../main/services/search';
import { sessionFor } from '../../main/services/session';
import { discardDraft, saveDraft } from '../../main/services/drafts';
import { createTask } from '../../main/services/tasks';
import { verify } from '../../main/services/verify';
import { runCli } from '../../main/cli/main';
import { createTestVault, testPassphrase, testUserName, type TestVault } from '../helpers/vault';

/*
 * What a case holds must never be readable on disk or in output: not in the database file, not in its WAL,
 * not in a backup, not in the key slots, not in anything printed while the app works, errors included. Each
 * kind of case text gets its own marker, and the raw bytes of every file in the vault folder are searched.
 */

const marker = (kind: string) => `${kind}-${randomBytes(6).toString('hex')}`;
const markers = {
  title: marker('ZAAKTITEL'),
  entry: marker('LOGREGEL'),
  diacritics: `geëscaleerd-${randomBytes(4).toString('hex')}`,
  correction: marker('CORRECTIE'),
  task: marker('TAAK'),
  decision: marker('BESLUIT'),
  fileName: marker('bestandsnaam'),
  attachment: marker('BIJLAGE'),
  displayName: marker('Weergavenaam'),
  draft: marker('CONCEPT'),
  discardedDraft: marker('WEGGEGOOID'),
};

function filesIn(dir: string): string[] {
  return readdirSync(dir).map((name) => join(dir, name)).filter((file) => statSync(file).isFile());
}

/** Case markers anywhere; SQLite's own header and schema text only where the file should be encrypted. */
function leaks(bytes: Buffer, file = 'ordelog.db'): string[] {
  // The lock file is an empty, unencrypted SQLite file by design: it holds a lock, never data.
  const structural = file.endsWith('ordelog.lock') ? [] : ['SQLite format 3', 'CREATE TABLE'];
  const texts = [...Object.values(markers), ...structural];
  return texts.filter((text) => bytes.includes(Buffer.from(text, 'utf8')) || bytes.includes(Buffer.from(text, 'utf16le')));
}

let test: TestVault;
let printed = '';

beforeAll(async () => {
  test = await createTestVault({ displayName: markers.displayName });
  // Everything printed from here on, by any path, is collected and searched too.
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      printed += `${args.map(String).join(' ')}\n`;
    });
  }
  const write = (chunk: unknown) => {
    printed += String(chunk);
    return true;
  };
  vi.spyOn(process.stdout, 'write').mockImplementation(write as typeof process.stdout.write);
  vi.spyOn(process.stderr, 'write').mockImplementation(write as typeof process.stderr.write);
});

afterAll(() => {
  vi.restoreAllMocks();
  test.cleanup();
});

describe('no plaintext of the case log', () => {
  it('in the database, its WAL, the key slots, a backup, or anything printed', async () => {
    const session = sessionFor(test.vault, 'app');
    const { id: caseId } = createCase(session, { title: markers.title });
    const entry = appendEntry(session, { caseId, type: 'signaal', text: `${markers.entry} ${markers.diacritics}`, source: 'TikTok' });
    correctEntry(session, { entryId: entry.id, text: markers.correction });
    createTask(session, { caseId, text: markers.task, ownerRoleId: 'oov-adviseur' });
    recordDecision(session, { caseId, text: markers.decision, decidedBy: 'burgemeester', necessity: 'n', proportionality: 'p', subsidiarity: 's' });
    addAttachment(session, {
      caseId,
      fileName: `${markers.fileName}.txt`,
      mediaType: 'text/plain',
      data: Buffer.from(markers.attachment.repeat(50)).toString('base64'),
    });
    expect(searchCase(session, { caseId, query: 'geescaleerd' })).toHaveLength(1);
    // Half-typed text kept across a lock, and a draft thrown away: as secret as what was recorded.
    saveDraft(session, { key: `case/${caseId}/phase-change`, value: JSON.stringify({ reason: markers.draft }) });
    saveDraft(session, { key: `case/${caseId}/decision`, value: JSON.stringify({ text: markers.discardedDraft }) });
    discardDraft(session, { key: `case/${caseId}/decision` });

    // While open: the WAL holds the fresh pages.
    expect(statSync(join(test.dir, 'ordelog.db-wal')).size).toBeGreaterThan(0);
    for (const file of filesIn(test.dir)) expect(leaks(readFileSync(file), file), file).toEqual([]);

    const backup = join(test.root, 'kluis.ordelog-backup');
    await backupVault(test.vault, backup);
    expect(leaks(readFileSync(backup))).toEqual([]);

    // A failing write and a refused one print nothing of the case either.
    expect(() => appendEntry(session, { caseId, type: 'signaal', text: markers.entry, occurredAt: 'gisteren' })).toThrow();
    const reader = { ...session, user: { ...session.user, role: 'lezer' as const } };
    expect(() => appendEntry(reader, { caseId, type: 'signaal', text: markers.entry })).toThrow(/geen toestemming/);
    expect(verify(session).ok).toBe(true);

    test.vault.lock();
    for (const file of filesIn(test.dir)) expect(leaks(readFileSync(file), file), file).toEqual([]);

    // The admin CLI's verify, stats and a wrong passphrase print counts and codes, not case text.
    process.env.ORDELOG_PASSPHRASE = testPassphrase;
    const io = { out: (text: string) => void (printed += `${text}\n`), err: (text: string) => void (printed += `${text}\n`) };
    try {
      for (const argv of [['verify'], ['stats', '--json']]) {
        expect(await runCli([...argv, '--vault', test.dir, '--user', testUserName], io)).toBe(0);
      }
      process.env.ORDELOG_PASSPHRASE = 'niet de goede wachtwoordzin';
      expect(await runCli(['cases', '--vault', test.dir, '--user', testUserName], io)).toBe(4);
    } finally {
      delete process.env.ORDELOG_PASSPHRASE;
    }
    expect(printed).not.toBe('');
    expect(leaks(Buffer.from(printed))).toEqual([]);
  });
});

describe('no plaintext in temporary files', () => {
  it('keeps temporary tables and sorts in memory, since the cipher does not encrypt temp files', async () => {
    const other = await createTestVault();
    try {
      // 2 = MEMORY. The build's default (SQLITE_TEMP_STORE=1) would spill large sorts to the temp folder.
      expect(other.vault.database.sqlite.pragma('temp_store', { simple: true })).toBe(2);
      other.vault.lock();
      const reopened = await unlockVault(other.dir, testUserName, testPassphrase);
      expect(reopened.database.sqlite.pragma('temp_store', { simple: true })).toBe(2);
      reopened.lock();
    } finally {
      other.cleanup();
    }
  });
});
