import { spawn } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendChainedEntries, type NewEntry } from '../../db/chain';
import { addUser } from '../../db/users';
import { unlockVault } from '../../db/vault';
import { runCli } from '../../main/cli/main';
import { createCase } from '../../main/services/cases';
import { sessionFor } from '../../main/services/session';
import { adminBin, ensureCliBuilt } from '../helpers/cli';
import { createTestVault, testKdf, testPassphrase, testUserName, type TestVault } from '../helpers/vault';

/*
 * Ctrl-C during the long admin commands leaves nothing half-written: no partial backup, a vault that opens and
 * verifies, the old state intact or the new one complete, and the CLI says which. The spawned tests press Ctrl-C
 * the way a person does: the CLI runs on a pseudo-terminal (`script`), where it shows its progress line, and the
 * test types ^C into that terminal once the first progress line is there, so the terminal sends SIGINT. The
 * in-process tests cancel at the first progress report (or before the work starts, where the work has no steps
 * of its own), so each stop point is hit every time.
 */

const entries = 40_000;
const lezer = { name: 'tijdelijk', passphrase: 'tijdelijke wachtwoordzin 2026' };
const hasScript = process.platform !== 'win32' && existsSync('/usr/bin/script');
const shellQuote = (text: string) => `'${text.replaceAll("'", `'\\''`)}'`;

let source: TestVault;
let copies = 0;

/** A vault large enough that backup, restore and a new key take a while: one case of 40,000 entries. */
beforeAll(async () => {
  await ensureCliBuilt();
  source = await createTestVault();
  const session = sessionFor(source.vault, 'cli');
  const created = createCase(session, { title: 'Groot dossier' });
  const at = '2026-06-01T20:00:00.000Z';
  const batch: NewEntry[] = Array.from({ length: entries }, (_, i) => ({
    id: crypto.randomUUID(),
    caseId: created.id,
    type: 'waarneming',
    text: `Waarneming ${i} bij het station, groep jongeren met scooters en vuurwerk, oproep via TikTok`,
    occurredAt: at,
    recordedAt: at,
    authorId: session.user.id,
    authorName: session.user.displayName,
    source: null,
    sourceReliability: null,
    informationCredibility: null,
    correctsEntryId: null,
    personalData: false,
    phaseId: created.phaseId,
  }));
  session.db.sqlite.transaction(() => appendChainedEntries(session.db.sqlite, batch))();
  await addUser(source.vault, { name: lezer.name, displayName: 'Tijdelijk', role: 'lezer', passphrase: lezer.passphrase, kdf: testKdf });
  source.vault.lock();
  process.env.ORDELOG_PASSPHRASE = testPassphrase;
  process.env.ORDELOG_USER = testUserName;
}, 240_000);

afterAll(() => {
  source.cleanup();
  delete process.env.ORDELOG_PASSPHRASE;
  delete process.env.ORDELOG_USER;
});

/** A copy of the large vault for one test, so each starts from the same state. */
function vaultCopy(): string {
  copies += 1;
  const dir = join(source.root, `kopie-${copies}`);
  cpSync(source.dir, dir, { recursive: true });
  return dir;
}

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (text) => (out += `${text}\n`), err: (text) => (err += `${text}\n`) });
  return { code, out, err };
}

/** Runs a command with a signal that is aborted at its first progress report, as a Ctrl-C at that moment. */
async function cancelledAtFirstProgress(...argv: string[]): Promise<{ code: number; out: string; err: string; updates: string[] }> {
  const controller = new AbortController();
  const updates: string[] = [];
  let out = '';
  let err = '';
  const code = await runCli(argv, {
    out: (text) => (out += `${text}\n`),
    err: (text) => (err += `${text}\n`),
    progress: {
      update: (text) => {
        updates.push(text);
        controller.abort();
      },
      end: () => undefined,
    },
    interrupt: () => controller.signal,
  });
  return { code, out, err, updates };
}

/** Runs a command as if Ctrl-C was pressed while it read its input: the signal is aborted when it asks for one. */
async function withCtrlCPressed(...argv: string[]): Promise<{ code: number; err: string }> {
  let err = '';
  const code = await runCli(argv, { out: () => undefined, err: (text) => (err += `${text}\n`), interrupt: () => AbortSignal.abort() });
  return { code, err };
}

/** The installed CLI on a pseudo-terminal; ^C is typed once its first progress line (starting with `waitFor`) shows. */
function interruptedOnTerminal(waitFor: string, argv: string[]): Promise<{ code: number | null; screen: string }> {
  // The ^C reaches the shell that `script` starts too. A non-interactive dash (Debian's /bin/sh, which `script`
  // runs when SHELL is unset, as on CI) dies of it after the CLI exits, so the exit line would never be printed;
  // a trap that runs a command keeps the shell alive and is reset to the default in the CLI it starts.
  const command = `trap : INT; ${[process.execPath, adminBin, ...argv].map(shellQuote).join(' ')}; echo "EXIT=$?"`;
  const child = spawn('/usr/bin/script', ['-qfc', command, '/dev/null'], {
    env: { ...process.env, SHELL: '/bin/sh' },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  let screen = '';
  let pressed = false;
  return new Promise((resolve, reject) => {
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      screen += chunk;
      if (!pressed && screen.includes(waitFor)) {
        pressed = true;
        child.stdin.write('\x03');
      }
    });
    child.on('error', reject);
    child.on('close', () => {
      child.stdin.destroy();
      const exit = /EXIT=(\d+)/.exec(screen);
      resolve({ code: exit ? Number(exit[1]) : null, screen });
    });
  });
}

const leftovers = (dir: string) => readdirSync(dir).filter((name) => name.startsWith('.') || name.startsWith('replaced-') || name.includes('before-restore'));

async function verifiedCases(dir: string): Promise<{ id: string; entries: number }[]> {
  const verified = await cli('verify', '--vault', dir);
  expect(verified.code, verified.err).toBe(0);
  return JSON.parse((await cli('cases', '--vault', dir, '--json')).out) as { id: string; entries: number }[];
}

describe.skipIf(!hasScript)('Ctrl-C on the installed ordelog-admin', () => {
  it('stops a backup without leaving a file, and keeps an earlier backup of that name as it was', async () => {
    const dir = vaultCopy();
    const out = join(source.root, 'onderbroken.ordelog-backup');
    writeFileSync(out, 'een eerdere back-up');
    const run = await interruptedOnTerminal('Back-up — ', ['backup', '--vault', dir, '--out', out]);
    expect(run.screen).toContain('Gestopt: er is geen back-up geschreven');
    expect(run.code).toBe(130);
    expect(readFileSync(out, 'utf8')).toBe('een eerdere back-up');
    expect(readdirSync(source.root).filter((name) => name.includes('onderbroken.ordelog-backup.'))).toEqual([]);
    expect((await verifiedCases(dir))[0]?.entries).toBeGreaterThan(entries);
  }, 120_000);

  it('stops a restore with the vault as it was', async () => {
    const dir = vaultCopy();
    const backup = join(source.root, 'voor-terugzetten.ordelog-backup');
    expect((await cli('backup', '--vault', dir, '--out', backup)).code).toBe(0);
    expect((await cli('demo', '--vault', dir)).code).toBe(0);
    const run = await interruptedOnTerminal('Terugzetten — ', ['restore', '--vault', dir, '--from', backup, '--force']);
    expect(run.screen).toContain('Gestopt: er is niets teruggezet');
    expect(run.code).toBe(130);
    expect(leftovers(dir)).toEqual([]);
    expect(await verifiedCases(dir)).toHaveLength(2);
  }, 120_000);

  it('stops an import while its entries are being written, with nothing imported', async () => {
    const dir = vaultCopy();
    const file = join(source.root, 'import.json');
    const at = '2026-06-01T20:00:00.000Z';
    writeFileSync(file, JSON.stringify({ case: { title: 'Ingelezen' }, entries: Array.from({ length: 20_000 }, (_, i) => ({ type: 'waarneming', text: `Regel ${i}`, occurredAt: at })) }));
    // 'Logregels ingelezen: 1.000 van 20.000' is printed from inside the transaction, after its first batch.
    const run = await interruptedOnTerminal('Logregels ingelezen: ', ['import', '--vault', dir, '--json', file]);
    expect(run.screen).toContain('Gestopt: er is niets geïmporteerd. De kluis is niet gewijzigd.');
    expect(run.code).toBe(130);
    expect(leftovers(dir)).toEqual([]);
    expect(await verifiedCases(dir)).toHaveLength(1);
  }, 120_000);

  it('finishes a new key once it is being applied, and says so', async () => {
    const dir = vaultCopy();
    const run = await interruptedOnTerminal('Nieuwe sleutel — ', ['users', 'remove', '--vault', dir, '--name', lezer.name]);
    expect(run.screen).toContain('Ctrl-C kwam toen de nieuwe sleutel al werd aangebracht; dat is afgemaakt.');
    expect(run.code).toBe(0);
    await verifiedCases(dir);
    await expect(unlockVault(dir, lezer.name, lezer.passphrase)).rejects.toMatchObject({ code: 'WRONG_PASSPHRASE' });
  }, 120_000);
});

describe('cancelling the long admin commands at their first progress report', () => {
  it('a backup: no file, the vault unchanged', async () => {
    const dir = vaultCopy();
    const out = join(source.root, 'geannuleerd.ordelog-backup');
    const result = await cancelledAtFirstProgress('backup', '--vault', dir, '--out', out);
    expect(result.code).toBe(130);
    expect(result.updates[0]).toBe('Back-up — kopiëren: 0%');
    expect(result.err).toContain('Gestopt: er is geen back-up geschreven');
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(source.root).filter((name) => name.includes('geannuleerd'))).toEqual([]);
  });

  it('a restore: nothing restored, nothing kept aside, the vault as it was', async () => {
    const dir = vaultCopy();
    const backup = join(source.root, 'terug.ordelog-backup');
    expect((await cli('backup', '--vault', dir, '--out', backup)).code).toBe(0);
    expect((await cli('demo', '--vault', dir)).code).toBe(0);
    const result = await cancelledAtFirstProgress('restore', '--vault', dir, '--from', backup, '--force');
    expect(result.code).toBe(130);
    expect(result.err).toContain('Gestopt: er is niets teruggezet');
    expect(leftovers(dir)).toEqual([]);
    expect(await verifiedCases(dir)).toHaveLength(2);
  });

  it('an import: nothing imported when stopped before the case is written', async () => {
    const dir = vaultCopy();
    const file = join(source.root, 'klein.json');
    writeFileSync(file, JSON.stringify({ case: { title: 'Niet ingelezen' }, entries: [{ type: 'waarneming', text: 'Regel', occurredAt: '2026-06-01T20:00:00.000Z' }] }));
    const result = await withCtrlCPressed('import', '--vault', dir, '--json', file);
    expect(result.code).toBe(130);
    expect(result.err).toContain('Gestopt: er is niets geïmporteerd');
    expect(await verifiedCases(dir)).toHaveLength(1);
  });

  it('an import: nothing imported when stopped while its entries are written (from inside the transaction)', async () => {
    const dir = vaultCopy();
    const file = join(source.root, 'groot.json');
    const at = '2026-06-01T20:00:00.000Z';
    writeFileSync(file, JSON.stringify({ case: { title: 'Half ingelezen' }, entries: Array.from({ length: 30_000 }, (_, i) => ({ type: 'waarneming', text: `Regel ${i}`, occurredAt: at })) }));
    const result = await cancelledAtFirstProgress('import', '--vault', dir, '--json', file);
    expect(result.updates[0]).toMatch(/^Logregels ingelezen: 1\.000 van 30\.000/);
    expect(result.code).toBe(130);
    expect(result.err).toContain('Gestopt: er is niets geïmporteerd');
    expect(result.out).not.toContain('Dossier geïmporteerd');
    expect(await verifiedCases(dir)).toHaveLength(1);
  });

  it('a user removal: not removed when stopped before the new key', async () => {
    const dir = vaultCopy();
    const result = await withCtrlCPressed('users', 'remove', '--vault', dir, '--name', lezer.name);
    expect(result.code).toBe(130);
    expect(result.err).toContain(`Gestopt: gebruiker ${lezer.name} is niet verwijderd`);
    const vault = await unlockVault(dir, lezer.name, lezer.passphrase);
    vault.lock();
  });
});
