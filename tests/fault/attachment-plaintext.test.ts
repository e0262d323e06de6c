import { randomBytes } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAttachment, getAttachment } from '../../main/services/attachments';
import { createCase } from '../../main/services/cases';
import { recordSignal } from '../../main/services/signals';
import { sessionFor } from '../../main/services/session';
import { base64, randomPng, smallPdf } from '../helpers/files';
import { createTestVault, type TestVault } from '../helpers/vault';

/*
 * An attachment lives inside the encrypted database: neither its bytes nor its file name may be readable in
 * the vault's files, while the vault is open (fresh pages sit in the WAL) or after it is locked.
 */

let test: TestVault;
beforeAll(async () => {
  test = await createTestVault();
});
afterAll(() => test.cleanup());

function vaultFiles(): string[] {
  return readdirSync(test.dir).map((name) => join(test.dir, name)).filter((file) => statSync(file).isFile());
}

describe('attachments on disk', () => {
  it('leave no image bytes, PDF text, file name or signal handle in the vault files', () => {
    const session = sessionFor(test.vault, 'app');
    const { id: caseId } = createCase(session, { title: 'Bijlagen' });
    const { entry } = recordSignal(session, {
      caseId,
      text: 'Oproep',
      platform: 'snapchat',
      channel: 'openbaar',
      accountHandle: `@handle-${randomBytes(6).toString('hex')}`,
      sourceReliability: 'B',
      informationCredibility: '2',
    });
    const { bytes: png, pixels } = randomPng(32);
    const pdfMarker = `PDFTEKST${randomBytes(8).toString('hex')}`;
    const fileName = `schermafdruk-${randomBytes(6).toString('hex')}.png`;
    const added = addAttachment(session, { caseId, entryId: entry.id, fileName, mediaType: 'image/png', personalData: true, data: base64(png) });
    addAttachment(session, { caseId, fileName: 'melding.pdf', mediaType: 'application/pdf', data: base64(smallPdf(pdfMarker)) });
    expect(Buffer.from(getAttachment(session, { attachmentId: added.id }).data, 'base64').equals(png)).toBe(true);

    // A distinctive 64-byte run of the image, as it appears in the PNG file.
    const run = pixels.subarray(100, 164);
    expect(png.includes(run)).toBe(true);
    const markers = [run, Buffer.from(fileName, 'utf8'), Buffer.from(pdfMarker, 'latin1'), Buffer.from('handle-', 'utf8')];
    const leaks = (file: string) => markers.filter((marker) => readFileSync(file).includes(marker)).length;

    expect(statSync(join(test.dir, 'ordelog.db-wal')).size).toBeGreaterThan(png.length);
    const files = vaultFiles();
    expect(files).toContain(join(test.dir, 'ordelog.db'));
    for (const file of files) expect(leaks(file), file).toBe(0);

    test.vault.lock();
    for (const file of vaultFiles()) expect(leaks(file), file).toBe(0);
  });
});
