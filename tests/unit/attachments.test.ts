import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addAttachment, getAttachment, listAttachments } from '../../main/services/attachments';
import { createCase } from '../../main/services/cases';
import { appendEntry } from '../../main/services/entries';
import { checkFile, sniffFileType } from '../../main/services/file-type';
import { stats } from '../../main/services/stats';
import { errorMessages, OrdelogError, type ErrorCode } from '../../shared/errors';
import { limits } from '../../shared/schemas';
import { base64Length, decodedLength } from '../../shared/signals';
import { base64, elfBytes, jpegBytes, mzBytes, randomPng, smallPdf } from '../helpers/files';
import { openCaseStore, type CaseStore } from './support/case-store';

let fixture: CaseStore;
let caseId: string;
beforeEach(() => {
  fixture = openCaseStore();
  caseId = createCase(fixture.sessions.redacteur, { title: 'Station' }).id;
});
afterEach(() => fixture.dispose());

const editor = () => fixture.sessions.redacteur;
const count = (table: string, where = '1'): number =>
  (fixture.store.sqlite.prepare(`SELECT count(*) AS n FROM ${table} WHERE ${where}`).get() as { n: number }).n;

function refusal(work: () => unknown): OrdelogError {
  try {
    work();
  } catch (error) {
    if (error instanceof OrdelogError) return error;
    throw error;
  }
  return expect.unreachable('should have been refused');
}

function expectRefused(code: ErrorCode, work: () => unknown): OrdelogError {
  const before = count('attachments');
  const error = refusal(work);
  expect(error.code).toBe(code);
  expect(count('attachments')).toBe(before);
  return error;
}

const add = (fileName: string, mediaType: string, bytes: Uint8Array, extra: { entryId?: string; personalData?: boolean } = {}) =>
  addAttachment(editor(), { caseId, fileName, mediaType, data: base64(bytes), ...extra });

describe('attachments.add', () => {
  it('keeps a PNG and a PDF with the SHA-256 of their bytes, computed in main', () => {
    const png = randomPng().bytes;
    const pdf = smallPdf();
    const image = add('schermafdruk.png', 'image/png', png, { personalData: true });
    const document = add('melding.pdf', 'application/pdf', pdf);
    expect(image).toMatchObject({ mediaType: 'image/png', size: png.length, personalData: true, addedByName: 'Joost de Vries' });
    expect(image.sha256).toBe(createHash('sha256').update(png).digest('hex'));
    expect(document).toMatchObject({ mediaType: 'application/pdf', size: pdf.length });
    expect(document.sha256).toBe(createHash('sha256').update(pdf).digest('hex'));

    const fetched = getAttachment(fixture.sessions.lezer, { attachmentId: image.id });
    expect(Buffer.from(fetched.data, 'base64').equals(png)).toBe(true);
    expect(fetched.sha256).toBe(image.sha256);
    expect(listAttachments(fixture.sessions.lezer, { caseId }).map((a) => a.fileName)).toEqual(['schermafdruk.png', 'melding.pdf']);
  });

  it('stores the sniffed media type, and accepts the usual spellings of a declared one', () => {
    expect(add('foto.JPG', 'image/jpg', jpegBytes()).mediaType).toBe('image/jpeg');
    expect(add('notitie.txt', 'text/plain; charset=utf-8', Buffer.from('Oproep gezien om 18:03, €5 korting')).mediaType).toBe('text/plain');
  });

  it('audits each add, and a refused one', () => {
    add('a.png', 'image/png', randomPng(4).bytes);
    expectRefused('FILE_TYPE_REFUSED', () => add('b.png', 'image/png', elfBytes()));
    const lines = fixture.store.sqlite
      .prepare("SELECT result FROM audit_lines WHERE action = 'attachment.add' ORDER BY id")
      .all() as { result: string }[];
    expect(lines.map((line) => line.result)).toEqual(['ok', 'fout']);
  });

  it('refuses a file over 50 MB with FILE_TOO_LARGE, naming the limit, and stores nothing', () => {
    expect(limits.attachmentBytes).toBe(50 * 1024 * 1024);
    const big = Buffer.alloc(51 * 1024 * 1024, 0x41);
    const error = expectRefused('FILE_TOO_LARGE', () => add('groot.txt', 'text/plain', big));
    expect(error.message).toContain('50 MB');
    expect(errorMessages.FILE_TOO_LARGE.nl).toContain('50 MB');
  });

  it('knows the exact size a base64 text decodes to', () => {
    for (const size of [0, 1, 2, 3, 4, 5, 100]) expect(decodedLength(base64(Buffer.alloc(size)))).toBe(size);
    expect(base64Length(limits.attachmentBytes)).toBe(base64(Buffer.alloc(limits.attachmentBytes)).length);
  });

  it.each([
    ['an ELF program named .png', 'foto.png', 'image/png', elfBytes, 'Linux-programma (ELF)'],
    ['an MZ program named .png', 'foto.png', 'image/png', mzBytes, 'Windows-programma (MZ/PE)'],
    ['a JPEG declared as PNG', 'foto.png', 'image/png', jpegBytes, 'JPEG-afbeelding'],
    ['a JPEG named .png but declared as JPEG', 'foto.png', 'image/jpeg', jpegBytes, 'JPEG-afbeelding'],
    ['a PNG without an extension', 'foto', 'image/png', () => randomPng(4).bytes, 'PNG-afbeelding'],
    ['a shell script named .txt', 'notitie.txt', 'text/plain', () => Buffer.from('#!/bin/sh\nrm -rf ~\n'), 'script (#!)'],
    ['a ZIP archive named .pdf', 'stukken.pdf', 'application/pdf', () => Buffer.from('PK\x03\x04rest', 'latin1'), 'ZIP-archief'],
    ['HTML named .txt', 'pagina.txt', 'text/plain', () => Buffer.from('<!DOCTYPE html><script>alert(1)</script>'), 'HTML'],
    ['text that is not UTF-8', 'notitie.txt', 'text/plain', () => Buffer.from([0x4f, 0x70, 0xe9, 0x20, 0x72]), 'onbekend'],
    ['text with NUL bytes', 'notitie.txt', 'text/plain', () => Buffer.from('a\0b'), 'onbekend'],
  ])('refuses %s with FILE_TYPE_REFUSED, saying what was found against what the name says', (_what, fileName, mediaType, bytes, found) => {
    const error = expectRefused('FILE_TYPE_REFUSED', () => add(fileName, mediaType, bytes()));
    expect(error.message).toContain(found);
    expect(error.message).toContain('de naam zegt');
  });

  it('never repeats the file name in its refusal (it may be case data)', () => {
    const error = expectRefused('FILE_TYPE_REFUSED', () => add('oproep-van-@jansen.png', 'image/png', elfBytes()));
    expect(error.message).not.toContain('jansen');
    expect(error.message).toContain('.png');
  });

  it('keeps an attachment with an entry of its own case only', () => {
    const entry = appendEntry(editor(), { caseId, type: 'signaal', text: 'Oproep' });
    expect(add('a.png', 'image/png', randomPng(4).bytes, { entryId: entry.id }).entryId).toBe(entry.id);
    const other = createCase(editor(), { title: 'Ander' }).id;
    const error = expectRefused('INVALID_INPUT', () =>
      addAttachment(editor(), { caseId: other, entryId: entry.id, fileName: 'a.png', mediaType: 'image/png', data: base64(randomPng(4).bytes) }),
    );
    expect(error.detail).toBe('entryId');
  });

  it('refuses a reader, and data that is not base64', () => {
    expect(refusal(() => addAttachment(fixture.sessions.lezer, { caseId, fileName: 'a.txt', mediaType: 'text/plain', data: 'YQ==' })).code).toBe('FORBIDDEN');
    expect(refusal(() => addAttachment(editor(), { caseId, fileName: 'a.txt', mediaType: 'text/plain', data: 'niet base64!' })).detail).toBe('data');
  });

  it('counts attachments holding personal data in the statistics', () => {
    add('a.png', 'image/png', randomPng(4).bytes, { personalData: true });
    add('b.png', 'image/png', randomPng(4).bytes);
    expect(stats(fixture.sessions.lezer, { caseId })).toMatchObject({ attachments: 2, personalDataAttachments: 1 });
  });
});

describe('content sniffing', () => {
  it('recognises every allowed kind by its content', () => {
    const mp4 = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypisom\0\0\x02\0isomiso2', 'latin1')]);
    const webm = Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01, 0x42, 0x82, 0x84, 0x77, 0x65, 0x62, 0x6d]);
    const webp = Buffer.concat([Buffer.from('RIFF', 'latin1'), Buffer.alloc(4), Buffer.from('WEBPVP8 ', 'latin1')]);
    const cases: [Buffer, string][] = [
      [randomPng(2).bytes, 'image/png'],
      [jpegBytes(), 'image/jpeg'],
      [Buffer.from('GIF89a\x01\0\x01\0', 'latin1'), 'image/gif'],
      [webp, 'image/webp'],
      [smallPdf(), 'application/pdf'],
      [mp4, 'video/mp4'],
      [webm, 'video/webm'],
      [Buffer.from('Gewoon tekst.\n'), 'text/plain'],
    ];
    for (const [bytes, mediaType] of cases) {
      const sniffed = sniffFileType(bytes);
      expect(sniffed.allowed && sniffed.type.mediaType, mediaType).toBe(mediaType);
    }
  });

  it('refuses QuickTime, Matroska and Mach-O even under an allowed name', () => {
    const quicktime = Buffer.concat([Buffer.from([0, 0, 0, 0x14]), Buffer.from('ftypqt  \0\0\0\0qt  ', 'latin1')]);
    const matroska = Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 0x42, 0x82, 0x88, ...Buffer.from('matroska')]);
    const machO = Buffer.from([0xcf, 0xfa, 0xed, 0xfe, 7, 0, 0, 1]);
    expect(checkFile(quicktime, 'v.mp4', 'video/mp4').ok).toBe(false);
    expect(checkFile(matroska, 'v.webm', 'video/webm').ok).toBe(false);
    expect(checkFile(machO, 'a.txt', 'text/plain')).toMatchObject({ ok: false, found: 'macOS-programma (Mach-O)' });
  });
});
