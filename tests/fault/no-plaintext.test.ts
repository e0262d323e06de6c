import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { backupVault } from '../../db/backup';
import { agreeWith, openBundle } from '../../db/replica/bundle-file';
import { closeReplicaOf, replicaStoreOf } from '../../db/replica/handles';
import { signerFor, withBoxKey } from '../../db/signatures';
import { unlockVault, vaultInternals, type UnlockedVault } from '../../db/vault';
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
import { importBundle } from '../../main/services/sharing/bundles';
import { syncCase } from '../../main/services/sharing/replicas';
import { bundleFor, introduce, party } from '../helpers/partners';
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

/** Every file under `dir`, however deep; none when it does not exist. */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((name) => join(dir, name)).filter((file) => statSync(file).isFile());
}

/** The secrets of a vault that must never leave it, by name: its data key, its user's private keys, its engine's keys. */
interface VaultSecrets {
  dataKey: Buffer;
  signingKey: Buffer;
  boxKey: Buffer;
  storePrimaryKey: Buffer;
  writerSecretKey: Buffer;
}

async function secretsOf(vault: UnlockedVault, caseId: string): Promise<VaultSecrets> {
  const { database, user } = vault;
  const engineName = database.sqlite
    .prepare('SELECT r.engine_name FROM case_replicas r JOIN cases c ON c.key = r.case_key WHERE c.id = ?')
    .pluck()
    .get(caseId) as string;
  const store = (await replicaStoreOf(database, engineName)).store;
  const writer = await store.namespace(`ordelog-case/${engineName}`).createKeyPair('local');
  return {
    dataKey: Buffer.from(vaultInternals(vault).dataKey.key),
    signingKey: Buffer.from(signerFor(database, user.id)!.privateKey),
    boxKey: withBoxKey(database, user.id, (key) => Buffer.from(key.export({ format: 'der', type: 'pkcs8' }).subarray(-32))),
    storePrimaryKey: Buffer.from(store.primaryKey!),
    writerSecretKey: Buffer.from(writer.secretKey),
  };
}

/** The names of the secrets found in `bytes`, raw, as hex or as base64. */
function containing(bytes: Buffer, secrets: Partial<Record<string, Buffer>>): string[] {
  return Object.entries(secrets)
    .filter(([, secret]) => secret !== undefined && [secret, Buffer.from(secret.toString('hex')), Buffer.from(secret.toString('base64'))].some((form) => bytes.includes(form)))
    .map(([name]) => name);
}

describe('no plaintext in a shared case’s bundles, the engine’s store or its temporary files', () => {
  it('in the bundles both ways, what they unpack to, or any file of either engine; and no secret key in a bundle', async () => {
    const owner = await party('Gemeente Lindedorp', 'OOV-adviseur Jansen');
    const partner = await party('Politie basisteam Lindedorp', 'Wijkagent de Vries');
    try {
      introduce(owner, partner);
      const session = owner.session;
      const { id: caseId } = createCase(session, { title: markers.title });
      appendEntry(session, { caseId, type: 'signaal', text: `${markers.entry} ${markers.diacritics}`, location: markers.task });
      const toPartner = await bundleFor(owner, partner, caseId);
      await importBundle(partner.session, toPartner, {});
      appendEntry(partner.session, { caseId, type: 'waarneming', text: markers.correction });
      const toOwner = await bundleFor(partner, owner, caseId);
      await importBundle(session, toOwner, {});
      await syncCase(session, caseId);
      await syncCase(partner.session, caseId);
      // The partner's entry came back in the owner's log: the markers went through both engines.
      expect(session.db.sqlite.prepare('SELECT count(*) FROM log_entries WHERE text = ?').pluck().get(markers.correction)).toBe(1);

      // What a bundle unpacks to is what the engine reads from its temporary folder.
      const unpacked = await withBoxKey(partner.test.vault.database, partner.test.vault.user.id, (key) => openBundle(toPartner, { kind: 'sleutel', agree: agreeWith(key) }));
      expect(unpacked.files.length).toBeGreaterThan(0);
      const secrets = { ...(await secretsOf(owner.test.vault, caseId)), ...prefixed('partner.', await secretsOf(partner.test.vault, caseId)) };
      for (const [name, bytes] of [
        ['bundle to the partner', toPartner],
        ['bundle to the owner', toOwner],
        ...unpacked.files.map((file) => [`unpacked ${file.path}`, file.bytes] as const),
      ] as const) {
        expect(leaks(bytes, 'bundle'), name).toEqual([]);
        expect(containing(bytes, secrets), name).toEqual([]);
      }

      for (const each of [owner, partner]) {
        const engineFiles = [...filesUnder(join(each.test.dir, 'replica')), ...filesUnder(join(each.test.dir, 'replica-tmp'))];
        expect(engineFiles.length).toBeGreaterThan(0);
        for (const file of engineFiles) expect(leaks(readFileSync(file), 'replica'), file).toEqual([]);
        // The engine's files hold its own keys, never the vault's or its user's.
        const own = await secretsOf(each.test.vault, caseId);
        const vaultSecrets = { dataKey: own.dataKey, signingKey: own.signingKey, boxKey: own.boxKey };
        for (const file of engineFiles) expect(containing(readFileSync(file), vaultSecrets), file).toEqual([]);
        // The store keeps its primary key in its own files, where the search above finds it: it would find it
        // in a bundle as well.
        expect(engineFiles.some((file) => containing(readFileSync(file), { storePrimaryKey: own.storePrimaryKey }).length > 0)).toBe(true);
      }
      await closeReplicaOf(owner.test.vault.database);
      await closeReplicaOf(partner.test.vault.database);
      for (const each of [owner, partner]) {
        for (const file of filesUnder(join(each.test.dir, 'replica'))) expect(leaks(readFileSync(file), 'replica'), file).toEqual([]);
      }
    } finally {
      owner.test.cleanup();
      partner.test.cleanup();
    }
  });
});

function prefixed(prefix: string, secrets: VaultSecrets): Record<string, Buffer> {
  return Object.fromEntries(Object.entries(secrets).map(([name, secret]) => [`${prefix}${name}`, secret]));
}
