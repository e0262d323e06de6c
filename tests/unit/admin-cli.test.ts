import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupVault } from '../../db/backup';
import { appendChainedEntry } from '../../db/chain';
import { detachSigner } from '../../db/signatures';
import { unlockVault } from '../../db/vault';
import { runCli } from '../../main/cli/main';
import { createCase } from '../../main/services/cases';
import { appendEntry } from '../../main/services/entries';
import { sessionFor } from '../../main/services/session';
import { adminBin, ensureCliBuilt } from '../helpers/cli';
import { createTestVault, testPassphrase, testUserName, type TestVault } from '../helpers/vault';

/*
 * The admin CLI as IT staff and scripts use it: exit codes, Dutch messages, the passphrase only from the
 * environment or a prompt, and the commands' effects on a real encrypted vault.
 */

const shellQuote = (text: string) => `'${text.replaceAll("'", `'\\''`)}'`;
const caseCount = (result: { out: string }) => (JSON.parse(result.out) as unknown[]).length;

/** A vault with two cases, and a backup from before the second case and the last entry of the first. */
async function olderBackupOfNewerVault() {
  const newer = await createTestVault();
  const session = sessionFor(newer.vault, 'cli');
  const kept = createCase(session, { title: 'Oproep station' }).id;
  appendEntry(session, { caseId: kept, type: 'waarneming', text: 'Eerste waarneming' });
  const backup = join(newer.root, 'oud.ordelog-backup');
  await backupVault(newer.vault, backup);
  appendEntry(session, { caseId: kept, type: 'waarneming', text: 'Na de back-up' });
  const added = createCase(session, { title: 'Zaak na de back-up' }).id;
  newer.vault.lock();
  return { ...newer, backup, kept, added };
}

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (text) => (out += `${text}\n`), err: (text) => (err += `${text}\n`) });
  return { code, out, err };
}

let test: TestVault;
let other: TestVault;

beforeAll(async () => {
  await ensureCliBuilt();
  test = await createTestVault();
  test.vault.lock();
  other = await createTestVault();
  other.vault.lock();
  process.env.ORDELOG_PASSPHRASE = testPassphrase;
  process.env.ORDELOG_USER = testUserName;
});

afterAll(() => {
  test.cleanup();
  other.cleanup();
  delete process.env.ORDELOG_PASSPHRASE;
  delete process.env.ORDELOG_USER;
});

describe('ordelog-admin', () => {
  it('never takes a passphrase as an argument', async () => {
    const result = await cli('verify', '--vault', test.dir, '--passphrase', 'geheim');
    expect(result.code).toBe(2);
    expect(result.err).toContain('nooit als argument');
  });

  it('takes only the options of the command given, each as it is meant', async () => {
    const refused = async (...argv: string[]) => {
      const result = await cli(...argv);
      expect(result.code, argv.join(' ')).toBe(2);
      return result.err.split('\n')[0];
    };
    expect(await refused('init', '--vault', join(test.root, 'nieuw'), '--user', 'a', '--case', 'X')).toBe('Onbekende optie --case bij init.');
    expect(await refused('backup', '--vault', test.dir, '--out')).toBe('Optie --out verwacht een waarde.');
    expect(await refused('backup', '--vault', test.dir, '--out', '--force')).toBe('Optie --out verwacht een waarde.');
    expect(await refused('verify', '--vault', test.dir, '--snel=ja')).toBe('Optie --snel heeft geen waarde.');
    expect(await refused('--vault', test.dir, 'verify')).toContain('Begin met het commando');
    expect(await refused('export', '--vault', test.dir, '--case', 'X', '--json')).toBe('Optie --json verwacht een waarde.');
    expect(await refused('opruimen', '--vault', test.dir)).toBe('Onbekend commando: opruimen.');
    // Where `--json` is a flag it takes no file name.
    expect((await cli('verify', '--vault', test.dir, '--json')).code).toBe(0);
  });

  it('says a wrong passphrase in Dutch with exit code 4', async () => {
    process.env.ORDELOG_PASSPHRASE = 'dit is niet de goede zin';
    try {
      const result = await cli('cases', '--vault', test.dir);
      expect(result.code).toBe(4);
      expect(result.err).toContain('wachtwoordzin klopt niet');
    } finally {
      process.env.ORDELOG_PASSPHRASE = testPassphrase;
    }
  });

  it('reports a missing vault with exit code 5 and an unknown command with 2', async () => {
    expect((await cli('cases', '--vault', join(test.root, 'bestaat-niet'))).code).toBe(5);
    expect((await cli('opruimen', '--vault', test.dir)).code).toBe(2);
  });

  it('fills a demo case, lists it, and verifies the vault', async () => {
    expect((await cli('demo', '--vault', test.dir)).code).toBe(0);
    const listed = await cli('cases', '--vault', test.dir, '--json');
    expect(listed.code).toBe(0);
    const cases = JSON.parse(listed.out) as { id: string; title: string; phase: string; entries: number }[];
    expect(cases).toHaveLength(1);
    expect(cases[0]?.entries).toBeGreaterThan(20);
    const verified = await cli('verify', '--vault', test.dir);
    expect(verified.code).toBe(0);
    expect(verified.out).toContain('In orde');
    expect((await cli('verify', '--vault', test.dir, '--snel')).out).toContain('(alleen de hashketens)');
    const stats = JSON.parse((await cli('stats', '--vault', test.dir, '--json')).out) as { entries: number };
    expect(stats.entries).toBe(cases[0]?.entries);
  });

  it('reports a reference that points nowhere: the full check runs SQLite’s checks in a thread of its own', async () => {
    const damaged = await createTestVault();
    try {
      const session = sessionFor(damaged.vault, 'cli');
      const created = createCase(session, { title: 'Verwijzing' });
      appendEntry(session, { caseId: created.id, type: 'waarneming', text: 'Regel' });
      // Written behind the application's back: the case's phase points at a phase that does not exist.
      session.db.sqlite.pragma('foreign_keys=OFF');
      session.db.sqlite.prepare(`UPDATE cases SET current_phase_id = 'bestaat-niet' WHERE id = ?`).run(created.id);
      session.db.sqlite.pragma('foreign_keys=ON');
      damaged.vault.lock();
      const full = await cli('verify', '--vault', damaged.dir);
      expect(full.code).toBe(3);
      expect(full.err).toContain('Verwijzingsfouten: 1');
      // The chains alone are whole.
      expect((await cli('verify', '--vault', damaged.dir, '--snel')).code).toBe(0);
    } finally {
      damaged.cleanup();
    }
  });

  it('exports a case and imports it into another vault; bad input imports nothing', async () => {
    const [exported] = JSON.parse((await cli('cases', '--vault', test.dir, '--json')).out) as { id: string; entries: number }[];
    const file = join(test.root, 'zaak.json');
    expect((await cli('export', '--vault', test.dir, '--case', exported!.id, '--json', file)).code).toBe(0);

    const broken = JSON.parse(readFileSync(file, 'utf8')) as { entries: { occurredAt: string }[] };
    broken.entries[3]!.occurredAt = 'gisteravond';
    const brokenFile = join(test.root, 'kapot.json');
    writeFileSync(brokenFile, JSON.stringify(broken));
    const refused = await cli('import', '--vault', other.dir, '--json', brokenFile);
    expect(refused.code).toBe(7);
    expect(refused.err).toContain('entries.3.occurredAt');
    expect(JSON.parse((await cli('cases', '--vault', other.dir, '--json')).out)).toEqual([]);

    expect((await cli('import', '--vault', other.dir, '--json', file)).code).toBe(0);
    const [imported] = JSON.parse((await cli('cases', '--vault', other.dir, '--json')).out) as { entries: number }[];
    expect(imported?.entries).toBe(exported!.entries);
  });

  it('says how far an import is on a terminal, and nothing of it where no one watches', async () => {
    const file = join(test.root, 'groot.json');
    const at = '2026-06-01T20:00:00.000Z';
    const entries = Array.from({ length: 2_500 }, (_, i) => ({ type: 'waarneming', text: `Waarneming ${i + 1}`, occurredAt: at }));
    writeFileSync(file, JSON.stringify({ case: { title: 'Groot dossier' }, entries }));
    const updates: string[] = [];
    let ended = 0;
    let out = '';
    const code = await runCli(['import', '--vault', other.dir, '--json', file], {
      out: (text) => (out += text),
      err: () => undefined,
      progress: { update: (text) => updates.push(text), end: () => (ended += 1) },
    });
    expect(code).toBe(0);
    expect(updates).toEqual(['Logregels ingelezen: 1.000 van 2.500', 'Logregels ingelezen: 2.000 van 2.500', 'Logregels ingelezen: 2.500 van 2.500']);
    expect(ended).toBe(1);
    expect(out).toContain('Dossier geïmporteerd');
    // Without a terminal (the `cli` helper, a pipe): the same import, no progress lines.
    const quiet = await cli('import', '--vault', other.dir, '--json', file);
    expect(quiet.code).toBe(0);
    expect(quiet.err).toBe('');

    // Verification says how far it is too, ending at the whole log.
    const checked: string[] = [];
    const verified = await runCli(['verify', '--vault', other.dir, '--snel'], {
      out: () => undefined,
      err: () => undefined,
      progress: { update: (text) => checked.push(text), end: () => undefined },
    });
    expect(verified).toBe(0);
    expect(checked.at(-1)).toMatch(/^Logregels gecontroleerd: (\d+\.)?\d+ van (\d+\.)?\d+$/);
    const [done, total] = [...checked.at(-1)!.matchAll(/(\d+\.)?\d+/g)].map((match) => Number(match[0].replace('.', '')));
    expect(done).toBe(total);
    expect(total).toBeGreaterThanOrEqual(5_000);
  });

  it('makes the briefing PDF with a local Chromium, records it, and recognises it later', async () => {
    const [demo] = JSON.parse((await cli('cases', '--vault', test.dir, '--json')).out) as { id: string }[];
    const pdf = join(test.root, 'briefing.pdf');
    const made = await cli('briefing', '--vault', test.dir, '--case', demo!.id, '--out', pdf, '--audience', 'driehoek');
    expect(made.code, made.err).toBe(0);
    expect(made.out).toMatch(/SHA-256 [0-9a-f]{64}/);
    expect(made.out).toContain('NIET versleuteld');
    const bytes = readFileSync(pdf);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');

    const checked = await cli('verify-export', '--vault', test.dir, '--case', demo!.id, '--file', pdf);
    expect(checked.code, checked.err).toBe(0);
    expect(checked.out).toContain('Het logboek bevat deze staat nog ongewijzigd.');
    const changed = join(test.root, 'briefing-gewijzigd.pdf');
    writeFileSync(changed, Buffer.concat([bytes, Buffer.from('\n% toegevoegd\n')]));
    const refused = await cli('verify-export', '--vault', test.dir, '--case', demo!.id, '--file', changed);
    expect(refused.code).toBe(3);
    expect(refused.out).toContain('komt niet overeen');

    const noBrowser = await cli('briefing', '--vault', test.dir, '--case', demo!.id, '--out', pdf, '--browser', join(test.root, 'geen-chromium'));
    expect(noBrowser.code).toBe(10);
    expect(noBrowser.err).toContain('geen browser gevonden');
  }, 60_000);

  it('exits 3 when a log entry was altered behind the database triggers', async () => {
    const vault = await unlockVault(other.dir, testUserName, testPassphrase);
    try {
      vault.database.sqlite.exec('DROP TRIGGER log_entries_no_update');
      vault.database.sqlite.prepare("UPDATE log_entries SET text = 'Er is niets gebeurd' WHERE seq = 2").run();
    } finally {
      vault.lock();
    }
    const result = await cli('verify', '--vault', other.dir);
    expect(result.code).toBe(3);
    expect(result.err).toContain('Eerste gebroken schakel');
    expect(result.err).toContain('regel 2');
    // The quick check reads the chains alone, and finds the same link.
    const quick = await cli('verify', '--vault', other.dir, '--snel');
    expect(quick.code).toBe(3);
    expect(quick.err).toContain('regel 2');
  });

  it('names a case whose head no user signed: the log was changed outside Ordelog', async () => {
    const signed = await createTestVault();
    try {
      const session = sessionFor(signed.vault, 'app');
      const caseId = createCase(session, { title: 'Oproep tot rellen bij het station' }).id;
      appendEntry(session, { caseId, type: 'signaal', text: 'Oproep op TikTok' });
      signed.vault.lock();
      expect((await cli('verify', '--vault', signed.dir)).out).toContain('laatste stand ondertekend door de gebruiker die hem schreef');
      // Moved by a connection with the data key alone: the head over the signed entries is left unsigned.
      const vault = await unlockVault(signed.dir, testUserName, testPassphrase);
      detachSigner(vault.database);
      const at = new Date().toISOString();
      appendChainedEntry(vault.database.sqlite, {
        id: crypto.randomUUID(), caseId, type: 'notitie', text: 'Er was niets aan de hand', occurredAt: at, recordedAt: at,
        authorId: vault.user.id, authorName: vault.user.displayName, source: null, sourceReliability: null,
        informationCredibility: null, correctsEntryId: null, personalData: false, phaseId: 'online-signaal',
      });
      vault.lock();
      for (const quick of [[], ['--snel']]) {
        const result = await cli('verify', '--vault', signed.dir, ...quick);
        expect(result.code).toBe(3);
        expect(result.err).toContain('laatste stand van het dossier is niet ondertekend');
        expect(result.err).toContain('buiten Ordelog om gewijzigd');
      }
    } finally {
      signed.cleanup();
    }
  });

  it('backs up, refuses a tampered backup and restores a sound one', async () => {
    const backup = join(test.root, 'kluis.ordelog-backup');
    expect((await cli('backup', '--vault', test.dir, '--out', backup)).code).toBe(0);
    const bytes = readFileSync(backup);
    const tampered = Buffer.from(bytes);
    const at = tampered.length - 100;
    tampered.writeUInt8(tampered.readUInt8(at) ^ 0x01, at);
    const tamperedFile = join(test.root, 'geknoeid.ordelog-backup');
    writeFileSync(tamperedFile, tampered);
    expect((await cli('restore', '--vault', test.dir, '--from', tamperedFile)).code).toBe(3);
    expect((await cli('restore', '--vault', test.dir, '--from', backup)).code).toBe(0);
    expect((await cli('verify', '--vault', test.dir)).code).toBe(0);
  });

  it('restore exits 4 for a wrong passphrase and 3 for a damaged backup', async () => {
    const backup = join(test.root, 'voor-wachtwoord.ordelog-backup');
    expect((await cli('backup', '--vault', test.dir, '--out', backup)).code).toBe(0);
    process.env.ORDELOG_PASSPHRASE = 'dit is niet de goede zin';
    try {
      const wrong = await cli('restore', '--vault', test.dir, '--from', backup);
      expect(wrong.code).toBe(4);
      expect(wrong.err).toContain('wachtwoordzin klopt niet');
    } finally {
      process.env.ORDELOG_PASSPHRASE = testPassphrase;
    }
    const damaged = join(test.root, 'afgekapt.ordelog-backup');
    writeFileSync(damaged, readFileSync(backup).subarray(0, 5000));
    expect((await cli('restore', '--vault', test.dir, '--from', damaged)).code).toBe(3);
  });

  it('restore of an older backup over a newer vault says what would be lost and needs --force without a terminal', async () => {
    const newer = await olderBackupOfNewerVault();
    try {
      expect(process.stdin.isTTY).toBeFalsy();
      const refused = await cli('restore', '--vault', newer.dir, '--from', newer.backup);
      expect(refused.code).toBe(11);
      expect(refused.err).toContain('is nieuwer dan de back-up van');
      expect(refused.err).toContain('Na het terugzetten ontbreken 2 logregels uit 2 dossiers; 1 dossier ontbreekt helemaal:');
      expect(refused.err).toContain(`dossier ${newer.kept} "Oproep station": 1 van de 3 logregels (de back-up heeft er 2)`);
      expect(refused.err).toContain(`dossier ${newer.added} "Zaak na de back-up": het hele dossier, 1 logregel`);
      expect(refused.err).toContain('--force');
      expect(refused.out).toBe('');
      expect(caseCount(await cli('cases', '--vault', newer.dir, '--json'))).toBe(2);

      const forced = await cli('restore', '--vault', newer.dir, '--from', newer.backup, '--force');
      expect(forced.code, forced.err).toBe(0);
      const kept = /bewaard als back-up: (\S+\.ordelog-backup)/.exec(forced.out)?.[1];
      expect(kept).toBeDefined();
      expect(caseCount(await cli('cases', '--vault', newer.dir, '--json'))).toBe(1);
      // The vault the restore replaced comes back from the file it printed.
      expect((await cli('restore', '--vault', newer.dir, '--from', kept!)).code).toBe(0);
      expect(caseCount(await cli('cases', '--vault', newer.dir, '--json'))).toBe(2);
    } finally {
      newer.cleanup();
    }
  });

  it.skipIf(process.platform === 'win32' || !existsSync('/usr/bin/script'))('restore asks on a terminal and goes ahead only on "ja"', async () => {
    const newer = await olderBackupOfNewerVault();
    try {
      const run = (answer: string) =>
        spawnSync('/usr/bin/script', ['-qec', [process.execPath, adminBin, 'restore', '--vault', newer.dir, '--from', newer.backup].map(shellQuote).join(' '), '/dev/null'], {
          env: { ...process.env, ORDELOG_PASSPHRASE: testPassphrase, ORDELOG_USER: testUserName },
          input: `${answer}\n`,
          encoding: 'utf8',
        });
      const no = run('nee');
      expect(no.stdout).toContain('Huidige kluis vervangen door de back-up?');
      expect(no.status).toBe(11);
      expect(caseCount(await cli('cases', '--vault', newer.dir, '--json'))).toBe(2);
      const yes = run('ja');
      expect(yes.status, yes.stdout).toBe(0);
      expect(yes.stdout).toContain('bewaard als back-up');
      expect(caseCount(await cli('cases', '--vault', newer.dir, '--json'))).toBe(1);
    } finally {
      newer.cleanup();
    }
  });

  it('adds, lists and removes users; a lezer cannot manage users', async () => {
    process.env.ORDELOG_NEW_PASSPHRASE = 'lezer wachtwoordzin 1';
    try {
      expect((await cli('users', 'add', '--vault', test.dir, '--name', 'lezer1', '--role', 'lezer')).code).toBe(0);
    } finally {
      delete process.env.ORDELOG_NEW_PASSPHRASE;
    }
    const listed = JSON.parse((await cli('users', 'list', '--vault', test.dir, '--json')).out) as { name: string; role: string }[];
    expect(listed.map((u) => [u.name, u.role])).toContainEqual(['lezer1', 'lezer']);

    process.env.ORDELOG_PASSPHRASE = 'lezer wachtwoordzin 1';
    try {
      const refused = await cli('users', 'remove', '--vault', test.dir, '--user', 'lezer1', '--name', testUserName);
      expect(refused.code).toBe(6);
    } finally {
      process.env.ORDELOG_PASSPHRASE = testPassphrase;
    }
    expect((await cli('users', 'remove', '--vault', test.dir, '--name', 'lezer1')).code).toBe(0);
    process.env.ORDELOG_PASSPHRASE = 'lezer wachtwoordzin 1';
    try {
      expect((await cli('cases', '--vault', test.dir, '--user', 'lezer1')).code).toBe(4);
    } finally {
      process.env.ORDELOG_PASSPHRASE = testPassphrase;
    }
  });

  it('resets a passphrase with the recovery key', async () => {
    process.env.ORDELOG_RECOVERY_KEY = other.recoveryKey;
    process.env.ORDELOG_NEW_PASSPHRASE = 'een heel nieuwe wachtwoordzin';
    try {
      const result = await cli('users', 'passwd', '--vault', other.dir, '--recovery', '--name', testUserName);
      expect(result.code).toBe(0);
    } finally {
      delete process.env.ORDELOG_RECOVERY_KEY;
      delete process.env.ORDELOG_NEW_PASSPHRASE;
    }
    expect((await cli('cases', '--vault', other.dir)).code).toBe(4);
    process.env.ORDELOG_PASSPHRASE = 'een heel nieuwe wachtwoordzin';
    try {
      expect((await cli('cases', '--vault', other.dir)).code).toBe(0);
    } finally {
      process.env.ORDELOG_PASSPHRASE = testPassphrase;
    }
  });

  it('runs as the installed bin: init with the real KDF, then verify', () => {
    const dir = join(test.root, 'nieuw');
    const env = { ...process.env, ORDELOG_PASSPHRASE: 'start wachtwoordzin 2026', ORDELOG_USER: 'beheer' };
    const init = spawnSync(process.execPath, [adminBin, 'init', '--vault', dir, '--display-name', 'Beheer'], { env, encoding: 'utf8' });
    expect(init.status).toBe(0);
    expect(init.stdout).toMatch(/([0-9A-Z]{4}-){13}[0-9A-Z]{4}/);
    const again = spawnSync(process.execPath, [adminBin, 'init', '--vault', dir], { env, encoding: 'utf8' });
    expect(again.status).toBe(9);
    const verify = spawnSync(process.execPath, [adminBin, 'verify', '--vault', dir], { env, encoding: 'utf8' });
    expect(verify.status).toBe(0);
  });
});

describe('ordelog-admin and text that is not what it seems', () => {
  let vault: TestVault;

  beforeAll(async () => {
    vault = await createTestVault();
    const session = sessionFor(vault.vault, 'cli');
    const created = createCase(session, { title: 'Oproep Zuidplein' });
    // A vault written before control characters were refused: the bytes are in the database as they came.
    vault.vault.database.sqlite.prepare('UPDATE cases SET title = ? WHERE id = ?').run('Oproep\u0000\u001b[2J\tZuid\u202Eplein\u0085', created.id);
    vault.vault.database.sqlite.prepare('UPDATE users SET display_name = ?').run('Beheer\u001b]0;x\u0007der\u2066');
    vault.vault.lock();
  });

  afterAll(() => vault.cleanup());

  it('names the field of an imported case file that is too long, with its limit', async () => {
    const file = join(vault.root, 'te-lang.json');
    const text = 'Oproep via Telegram: iedereen naar het plein. '.repeat(5_000).slice(0, 228_000);
    writeFileSync(file, JSON.stringify({ case: { title: 'Te lang' }, entries: [{ type: 'signaal', occurredAt: '2026-03-03T15:40:00+01:00', text }] }));
    const refused = await cli('import', '--vault', vault.dir, '--json', file);
    expect(refused.code).toBe(7);
    expect(refused.err).toContain('Fout (INVALID_INPUT): De invoer is ongeldig.');
    expect(refused.err).toContain('  entries.0.text: maximaal 50.000 tekens (228.000 gegeven)');
    expect(refused.err).not.toContain('Telegram');
  });

  it('refuses a case file whose text holds a NUL byte, naming the field', async () => {
    const file = join(vault.root, 'nul.json');
    writeFileSync(file, JSON.stringify({ case: { title: 'Met NUL' }, entries: [{ type: 'signaal', occurredAt: '2026-03-03T15:40:00+01:00', text: 'a\u0000b' }] }));
    const refused = await cli('import', '--vault', vault.dir, '--json', file);
    expect(refused.code).toBe(7);
    expect(refused.err).toContain('entries.0.text: bevat een stuurteken (⟨U+0000⟩)');
  });

  it('prints no control or bidi character raw, in lists and in JSON', async () => {
    const listed = await cli('cases', '--vault', vault.dir);
    expect(listed.code).toBe(0);
    expect(listed.out).toContain('Oproep⟨U+0000⟩⟨U+001B⟩[2J⟨U+0009⟩Zuid⟨U+202E⟩plein⟨U+0085⟩');
    const users = await cli('users', 'list', '--vault', vault.dir);
    expect(users.out).toContain('Beheer⟨U+001B⟩]0;x⟨U+0007⟩der⟨U+2066⟩');
    const json = await cli('cases', '--vault', vault.dir, '--json');
    expect((JSON.parse(json.out) as { title: string }[])[0]?.title).toBe('Oproep\u0000\u001b[2J\tZuid\u202Eplein\u0085');
    for (const output of [listed.out, users.out, json.out]) {
      // Tabs separate columns and lines end in a line feed; nothing else below U+0020 or in C1 may reach a terminal.
      // eslint-disable-next-line no-control-regex
      expect(output).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202E\u2066]/);
    }
  });
});
