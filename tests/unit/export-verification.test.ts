import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entryHash, genesisHash, type ChainedEntry } from '../../db/chain';
import { unlockVault, type UnlockedVault } from '../../db/vault';
import { runCli } from '../../main/cli/main';
import { exportBriefing, exportLog } from '../../main/services/briefings';
import { fillDemoCase } from '../../main/services/demo';
import { appendEntry } from '../../main/services/entries';
import { verifyExport } from '../../main/services/export-register';
import { chromiumPrinter } from '../../main/services/pdf/chromium-printer';
import { readPdfMetadata } from '../../main/services/pdf/pdf-metadata';
import type { PdfPrinter } from '../../main/services/pdf/printer';
import { sessionFor, type Session } from '../../main/services/session';
import { verify } from '../../main/services/verify';
import type { ExportedFile } from '../../shared/briefing';
import { createTestVault, testPassphrase, testUserName, type TestVault } from '../helpers/vault';

/*
 * verify-export rests on what the exported file itself states, not on the register inside the vault: someone
 * who holds the key can rewrite the log and the register so that the vault verifies, but a copy that left the
 * vault still states the old state, and the check must say that the log no longer holds it.
 */

let test: TestVault;
let printer: PdfPrinter;
let caseId: string;
const files: Record<'briefing' | 'logPdf' | 'json' | 'redactedJson', ExportedFile> = {} as never;

const bytesOf = (file: ExportedFile) => Buffer.from(file.data, 'base64');
const check = (session: Session, bytes: Buffer) => verifyExport(session, { caseId, data: bytes.toString('base64') });

async function withSession<T>(work: (session: Session, vault: UnlockedVault) => T | Promise<T>): Promise<T> {
  const vault = await unlockVault(test.dir, testUserName, testPassphrase);
  try {
    return await work(sessionFor(vault, 'cli'), vault);
  } finally {
    vault.lock();
  }
}

async function cli(...argv: string[]): Promise<{ code: number; out: string }> {
  const lines: string[] = [];
  const code = await runCli(argv, { out: (text) => lines.push(text), err: (text) => lines.push(text) });
  return { code, out: lines.join('\n') };
}

/** Saves an export where someone outside the vault keeps it, and checks it with the CLI. */
function verifyWithCli(name: string, bytes: Buffer) {
  const path = join(test.root, name);
  writeFileSync(path, bytes);
  return cli('verify-export', '--vault', test.dir, '--case', caseId, '--file', path);
}

/**
 * What a key holder can do: drop the append-only triggers, change an entry's text, recompute every later hash
 * and the case's head, and give the register (and the log's own export entries) the new fingerprints. The
 * vault's own verification then finds nothing.
 */
function rewriteHistory(vault: UnlockedVault, seq: number, text: string): void {
  const sqlite = vault.database.sqlite;
  sqlite.exec('DROP TRIGGER log_entries_no_update; DROP TRIGGER briefing_exports_no_update');
  const rows = sqlite
    .prepare(
      `SELECT id, ? AS caseId, seq, type, text, occurred_at AS occurredAt, recorded_at AS recordedAt, author_id AS authorId,
        author_name AS authorName, source, source_reliability AS sourceReliability, information_credibility AS informationCredibility,
        corrects_entry_id AS correctsEntryId, personal_data AS personalData, phase_id AS phaseId, lower(hex(prev_hash)) AS prevHash, lower(hex(hash)) AS hash
       FROM log_entries WHERE case_key = (SELECT key FROM cases WHERE id = ?) ORDER BY seq`,
    )
    .all(caseId, caseId) as (Omit<ChainedEntry, 'personalData'> & { personalData: number; hash: string })[];
  const renamed = new Map<string, string>();
  // The rewrite drops the authors' signatures, which the key holder cannot make: the entries read as unsigned
  // ones, and only what left the vault (the exports) still tells.
  const update = sqlite.prepare(
    'UPDATE log_entries SET text = ?, prev_hash = unhex(?), hash = unhex(?), device = NULL, author_key = NULL, signature = NULL WHERE id = ?',
  );
  let previous = genesisHash;
  for (const row of rows) {
    let newText = row.seq === seq ? text : row.text;
    for (const [before, after] of renamed) newText = newText.replaceAll(before, after);
    const chained: ChainedEntry = { ...row, text: newText, personalData: row.personalData === 1, prevHash: previous };
    const hash = entryHash(chained);
    if (hash !== row.hash) renamed.set(`${row.seq}:${row.hash}`, `${row.seq}:${hash}`);
    update.run(newText, previous, hash, row.id);
    previous = hash;
  }
  sqlite.prepare('UPDATE cases SET head_hash = ? WHERE id = ?').run(previous, caseId);
  for (const [before, after] of renamed) {
    sqlite.prepare('UPDATE briefing_exports SET fingerprint = ? WHERE case_id = ? AND fingerprint = ?').run(after, caseId, before);
  }
}

beforeAll(async () => {
  test = await createTestVault();
  printer = chromiumPrinter();
  const session = sessionFor(test.vault, 'cli');
  caseId = fillDemoCase(session).id;
  appendEntry(session, { caseId, type: 'waarneming', text: 'Bewoner J. Jansen belde over de oproep', personalData: true });
  files.briefing = await exportBriefing(session, { caseId, audience: 'burgemeester' }, printer);
  files.logPdf = await exportLog(session, { caseId, format: 'pdf' });
  files.json = await exportLog(session, { caseId, format: 'json' });
  files.redactedJson = await exportLog(session, { caseId, format: 'json', redacted: true });
  test.vault.lock();
  process.env.ORDELOG_PASSPHRASE = testPassphrase;
  process.env.ORDELOG_USER = testUserName;
}, 120_000);

afterAll(async () => {
  await printer.close();
  test.cleanup();
  delete process.env.ORDELOG_PASSPHRASE;
  delete process.env.ORDELOG_USER;
});

describe('verify-export', () => {
  it('reads the fingerprint and case from the PDF itself: XMP in Ordelog’s own schema, and the Info dictionary', () => {
    for (const file of [files.briefing, files.logPdf]) {
      const { xmp, info } = readPdfMetadata(bytesOf(file));
      expect(xmp).toContain(`<ordelog:fingerprint>${file.record.fingerprint}</ordelog:fingerprint>`);
      expect(xmp).toContain(`<ordelog:case>${caseId}</ordelog:case>`);
      expect(xmp).toContain('<pdfaSchema:prefix>ordelog</pdfaSchema:prefix>');
      expect(info.get('OrdelogFingerprint')).toBe(file.record.fingerprint);
      expect(info.get('OrdelogCase')).toBe(caseId);
    }
  });

  it('says an untouched export holds, on every piece of evidence', async () => {
    await withSession((session) => {
      for (const file of Object.values(files)) {
        const result = check(session, bytesOf(file));
        expect(result, file.record.kind).toMatchObject({
          match: { id: file.record.id },
          chainHoldsFingerprint: true,
          registerAgrees: true,
          holds: true,
          file: { conflicting: false, caseId },
        });
        expect(`${result.file.fingerprint?.entries}:${result.file.fingerprint?.headHash}`).toBe(file.record.fingerprint);
      }
      expect(check(session, bytesOf(files.json)).file.entries).toEqual({ consistent: true, brokenAtSeq: null, notRecomputed: 0 });
      expect(check(session, bytesOf(files.redactedJson)).file.entries).toMatchObject({ consistent: true, notRecomputed: 2 });
    });
    const cliResult = await verifyWithCli('briefing.pdf', bytesOf(files.briefing));
    expect(cliResult.code, cliResult.out).toBe(0);
    expect(cliResult.out).toContain('Het logboek bevat deze staat nog ongewijzigd.');
    expect(cliResult.out).toContain('Uitkomst: in orde.');
  });

  it('catches a JSON export whose entry or stated fingerprint was edited, from the file alone', async () => {
    const original = JSON.parse(bytesOf(files.json).toString('utf8')) as { entries: { text: string; hash: string }[] };
    const edited = structuredClone(original);
    edited.entries[4]!.text = 'Er is niets gebeurd';
    const shortened = structuredClone(original);
    shortened.entries.pop();
    // Claims a later state than the file holds, by its last hash.
    const forged = structuredClone(original);
    forged.entries.at(-1)!.hash = 'f'.repeat(64);
    await withSession((session) => {
      expect(check(session, Buffer.from(JSON.stringify(edited)))).toMatchObject({
        match: null,
        holds: false,
        file: { entries: { consistent: false, brokenAtSeq: 5 } },
      });
      // A log cut short is a consistent, earlier state of the log, but not an export anyone made.
      expect(check(session, Buffer.from(JSON.stringify(shortened)))).toMatchObject({ match: null, chainHoldsFingerprint: true, holds: false });
      expect(check(session, Buffer.from(JSON.stringify(forged)))).toMatchObject({
        chainHoldsFingerprint: false,
        holds: false,
        file: { entries: { consistent: false, brokenAtSeq: original.entries.length } },
      });
    });
    const cliResult = await verifyWithCli('bewerkt.json', Buffer.from(JSON.stringify(edited)));
    expect(cliResult.code).toBe(3);
    expect(cliResult.out).toContain('de hashketen in het bestand klopt niet vanaf regel 5');
  });

  it('catches a PDF whose stated fingerprint was edited in one place', async () => {
    const bytes = bytesOf(files.briefing);
    const [, headHash] = files.briefing.record.fingerprint.split(':');
    const xmpAt = bytes.indexOf(`<ordelog:fingerprint>${files.briefing.record.fingerprint}`);
    const edited = Buffer.from(bytes);
    edited.write('0'.repeat(64), xmpAt + bytes.subarray(xmpAt).indexOf(headHash!), 'latin1');
    await withSession((session) => {
      expect(check(session, edited)).toMatchObject({ match: null, holds: false, file: { format: 'pdf', conflicting: true } });
    });
    const cliResult = await verifyWithCli('briefing-bewerkt.pdf', edited);
    expect(cliResult.code).toBe(3);
    expect(cliResult.out).toContain('noemt op verschillende plaatsen een andere vingerafdruk');
  });

  it('says an old export no longer matches after a key holder rewrote the log and the register', async () => {
    await withSession((_, vault) => rewriteHistory(vault, 3, 'Er was niets aan de hand'));
    await withSession((session, vault) => {
      // The rewrite links up, but its head is not one a user signed.
      expect(verify(session).chains.firstBroken).toMatchObject({ caseId, reason: 'head-signature-bad' });
      // With the head's signature taken away too, a log without any signature reads as one written before
      // signatures existed: the vault's own verification finds nothing, and only what left the vault tells.
      vault.database.sqlite.prepare('UPDATE cases SET head_signature = NULL, head_signer = NULL WHERE id = ?').run(caseId);
      expect(verify(session).ok).toBe(true);
      for (const file of Object.values(files)) {
        expect(check(session, bytesOf(file)), file.record.kind).toMatchObject({
          match: { id: file.record.id },
          chainHoldsFingerprint: false,
          registerAgrees: false,
          holds: false,
        });
      }
    });
    for (const [name, file] of [['briefing.pdf', files.briefing], ['logboek.json', files.json]] as const) {
      const cliResult = await verifyWithCli(name, bytesOf(file));
      expect(cliResult.code, name).toBe(3);
      expect(cliResult.out).toContain('LET OP: het logboek bevat de staat die het bestand noemt niet meer ongewijzigd');
      expect(cliResult.out).toContain('Het register is na de export gewijzigd.');
      expect(cliResult.out).toContain('Uitkomst: NIET in orde.');
    }
    expect(readFileSync(join(test.root, 'briefing.pdf')).equals(bytesOf(files.briefing))).toBe(true);
  });
});
