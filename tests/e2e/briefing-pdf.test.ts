import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chainHeadAt } from '../../db/chain';
import { findCaseRow } from '../../db/repositories/cases';
import { addAttachment } from '../../main/services/attachments';
import { exportBriefing, exportHandover, exportLog, previewBriefing, previewHandover, printDocumentPdf, writeLogExportPdf } from '../../main/services/briefings';
import { openLogExport } from '../../main/services/export-documents';
import { importCase } from '../../main/services/case-import';
import { fillDemoCase } from '../../main/services/demo';
import { appendEntry, correctEntry, getEntry } from '../../main/services/entries';
import { listExports, verifyExport } from '../../main/services/export-register';
import { printFontsBase64 } from '../../main/services/pdf/fonts';
import { readPdfMetadata } from '../../main/services/pdf/pdf-metadata';
import { chromiumPrinter } from '../../main/services/pdf/chromium-printer';
import type { PdfPrinter } from '../../main/services/pdf/printer';
import { recordSignal } from '../../main/services/signals';
import { verify } from '../../main/services/verify';
import { briefingAnnexes, caseReference, type ExportedFile } from '../../shared/briefing';
import { printJob } from '../../shared/briefing-html/print';
import { syllablesOf } from '../../shared/hyphenation';
import { OrdelogError } from '../../shared/errors';
import { openCaseStore, type CaseStore } from '../unit/support/case-store';

/**
 * The briefing and log exports as a reader gets them: the briefing printed by Chromium, the full log written by
 * PDFKit, both read back with poppler (pdftotext, pdffonts, pdfinfo) and qpdf. The same checks run on both: the
 * classification and page numbers on every page, the fingerprint against the verified chain, only the shipped
 * fonts and all embedded, PDF/A-2b identification and metadata, hostile text printed literally, and the register
 * recognising the file. Then what is the briefing's own (BOB sections, evidence) and redaction that leaves nothing
 * behind.
 */

const hostile = {
  script: '<script>alert("briefing")</script>',
  image: '<img src=x onerror=alert(1)>',
  rtl: 'factuur\u202Egnp.exe',
  longWord: `Oproep${'x'.repeat(3_000)}Einde`,
  // The briefing prints it with the shipped emoji face; the full log (PDFKit) must print it too.
  emoji: 'Duim omhoog 👍🏽 en vlag 🇳🇱 in de oproep',
};
/** Eighty lines of a long report, each a sentence of its own. */
const longEntry = Array.from(
  { length: 80 },
  (_, n) => `Verslagregel ${n + 1}: de groep verplaatst zich van het station naar de Markt, politie en handhaving volgen op afstand.`,
).join('\n');
const secret = {
  text: 'Bewoner Pieter Geheimhouder woont boven de snackbar',
  handle: '@verborgen_rellenmaker',
  url: 'https://www.tiktok.com/@verborgen_rellenmaker/video/73',
  fileName: 'paspoort-geheimhouder.png',
};

let store: CaseStore;
let printer: PdfPrinter;
let dir: string;
let caseId: string;
let publicAttachmentHash: string;
let fingerprintBeforeExport: { entries: number; headHash: string };
let briefing: ExportedFile;
let briefingText: string;
let briefingPages: string[];
let redacted: ExportedFile;
let redactedText: string;
let longBriefing: ExportedFile;
let longPages: string[];
let logPdf: ExportedFile;

const png = (seed: number) =>
  Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, seed)]);

function save(file: ExportedFile, name: string): string {
  const path = join(dir, name);
  writeFileSync(path, Buffer.from(file.data, 'base64'));
  return path;
}

const run = (command: string, args: string[]) => execFileSync(command, args, { encoding: 'utf8' });
const pageCountOf = (path: string) => Number(/Pages:\s+(\d+)/.exec(run('pdfinfo', [path]))?.[1]);
const pagesOf = (path: string, mode = ['-layout']) =>
  Array.from({ length: pageCountOf(path) }, (_, index) => run('pdftotext', ['-f', `${index + 1}`, '-l', `${index + 1}`, ...mode, path, '-']));
const squeeze = (text: string) => text.replace(/\s+/g, '');

beforeAll(async () => {
  store = openCaseStore();
  printer = chromiumPrinter();
  dir = mkdtempSync(join(tmpdir(), 'ordelog-pdf-'));
  const session = store.sessions.redacteur;
  caseId = fillDemoCase(session).id;
  for (const text of Object.values(hostile)) appendEntry(session, { caseId, type: 'waarneming', text });
  // An entry longer than a page: it must break between its lines, under the table's head.
  appendEntry(session, { caseId, type: 'waarneming', text: longEntry });
  // Two observations in the hour that occurs twice (25 October 2026, 02:00–03:00 Dutch time, first CEST then CET).
  appendEntry(session, { caseId, type: 'waarneming', text: 'Eerste ronde in het dubbele uur', occurredAt: '2026-10-25T00:30:00.000Z' });
  appendEntry(session, { caseId, type: 'waarneming', text: 'Tweede ronde in het dubbele uur', occurredAt: '2026-10-25T01:30:00.000Z' });
  // A source too long for the source column of the log.
  appendEntry(session, { caseId, type: 'waarneming', text: 'Melding uit het overleg', source: 'Informatiecoördinatorenoverleg' });
  const mistaken = appendEntry(session, { caseId, type: 'waarneming', text: 'Groep van twintig bij het station' });
  correctEntry(session, { entryId: mistaken.id, text: 'Groep van twaalf bij het station' });
  appendEntry(session, { caseId, type: 'waarneming', text: secret.text, personalData: true, source: 'Buurtbewoner' });
  const signal = recordSignal(session, {
    caseId,
    text: 'Oproep om vanavond naar de snackbar te komen',
    platform: 'tiktok',
    url: secret.url,
    accountHandle: secret.handle,
    channel: 'openbaar',
    reach: 12_000,
    contentClass: 'onrechtmatig',
    sourceReliability: 'B',
    informationCredibility: '2',
  });
  addAttachment(session, {
    caseId,
    entryId: signal.entry.id,
    fileName: secret.fileName,
    mediaType: 'image/png',
    personalData: true,
    data: png(1).toString('base64'),
  });
  publicAttachmentHash = addAttachment(session, {
    caseId,
    entryId: signal.entry.id,
    fileName: 'schermafdruk-oproep.png',
    mediaType: 'image/png',
    data: png(2).toString('base64'),
  }).sha256;
  // Enough entries in the period for a briefing of several pages.
  for (let n = 1; n <= 60; n += 1) appendEntry(session, { caseId, type: 'notitie', text: `Ronde ${n}: rustig op het plein, groepjes jongeren bij de fietsenstalling.` });

  expect(verify(session).ok).toBe(true);
  const head = findCaseRow(store.store, caseId)!;
  fingerprintBeforeExport = { entries: head.headSeq, headHash: head.headHash };

  const texts = { summary: 'Oproep blijft staan.', risks: 'Reële kans op verstoring.', requestedDecisions: 'Instemming met cameratoezicht.' };
  briefing = await exportBriefing(session, { caseId, audience: 'driehoek', from: null, annexes: [...briefingAnnexes], ...texts }, printer);
  const briefingPath = save(briefing, 'briefing.pdf');
  briefingPages = pagesOf(briefingPath);
  briefingText = briefingPages.join('\n');
  redacted = await exportBriefing(session, { caseId, audience: 'raad', fromStart: true, annexes: [...briefingAnnexes], redacted: true, ...texts }, printer);
  redactedText = pagesOf(save(redacted, 'gelakt.pdf')).join('\n');
  // For the mayor, with more to say than page 1 holds: the kernbriefing must still be one page.
  const paragraph = (n: number) => `Alinea ${n}: de oproep wordt gedeeld in drie groepsapps en op TikTok; de wijkagent verwacht tussen de 150 en 300 jongeren rond het station.`;
  longBriefing = await exportBriefing(
    session,
    {
      caseId,
      fromStart: true,
      summary: Array.from({ length: 14 }, (_, n) => paragraph(n + 1)).join('\n'),
      risks: Array.from({ length: 6 }, (_, n) => `Risico ${n + 1}: confrontatie tussen groepen bij de fietsenstalling en het busstation, ook na middernacht.`).join('\n'),
      requestedDecisions: Array.from({ length: 9 }, (_, n) => `Besluit ${n + 1}: instemming met een maatregel voor het stationsgebied die tot zondagochtend geldt en door de politie wordt gehandhaafd.`).join('\n'),
    },
    printer,
  );
  longPages = pagesOf(save(longBriefing, 'lang.pdf'));
  logPdf = await exportLog(session, { caseId, format: 'pdf' });
  save(logPdf, 'logboek-heel.pdf');
}, 120_000);

afterAll(async () => {
  await printer?.close();
  store?.dispose();
  if (dir && !process.env.KEEP_PDF) rmSync(dir, { recursive: true, force: true });
});

const fingerprintOf = (file: ExportedFile) => {
  const [entries, headHash] = file.record.fingerprint.split(':') as [string, string];
  return { entries: Number(entries), headHash };
};

/** Running lines and repeated table heads, which a word broken across lines or pages has in between. */
const runningLine = /VERTROUWELIJK|^Opgesteld op|Vingerafdruk van het logboek:|^Nr\. ?(Tijd|Gebeurd)|^pagina \d+ van/;

describe.each([
  { name: 'the briefing (Chromium)', file: () => briefing, path: 'briefing.pdf', title: () => `Briefing 1 — ${caseReference(caseId)}`, size: /595(\.\d+)? x 842/, kind: 'briefing' },
  { name: 'the full log (PDFKit)', file: () => logPdf, path: 'logboek-heel.pdf', title: () => `Logboek — ${caseReference(caseId)}`, size: /841(\.\d+)? x 595/, kind: 'logboek' },
])('$name', ({ file, path: name, title, size, kind }) => {
  const path = () => join(dir, name);

  it('is a valid A4 PDF that embeds the shipped fonts and no other', () => {
    expect(run('qpdf', ['--check', path()])).toMatch(/No syntax or stream encoding errors/);
    const fonts = run('pdffonts', [path()]).split('\n').slice(2).filter((line) => line.trim() !== '');
    expect(fonts.length).toBeGreaterThan(0);
    for (const line of fonts) {
      expect(line, line).toMatch(/^[A-Z]{6}\+(Liberation(Sans|Mono)(-Bold|-Italic|-BoldItalic)?|NotoEmoji-Regular)\s/);
      expect(line, line).toMatch(/\byes\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$/);
    }
    expect(run('pdfinfo', [path()])).toMatch(new RegExp(`Page size:\\s+${size.source}`));
  });

  it('carries the classification and "pagina X van Y" on every page', () => {
    const pages = pagesOf(path());
    expect(pages.length).toBeGreaterThan(1);
    expect(file().record.pageCount).toBe(pages.length);
    pages.forEach((page, index) => {
      expect(page, `page ${index + 1}`).toContain('VERTROUWELIJK');
      expect(page, `page ${index + 1}`).toMatch(new RegExp(`pagina\\s+${index + 1}\\s+van\\s+${pages.length}`));
    });
  });

  it('prints the fingerprint of the log it read, which the verified chain holds', () => {
    const { entries, headHash } = fingerprintOf(file());
    const text = pagesOf(path()).join('\n');
    expect(squeeze(text)).toContain(headHash);
    expect(text).toContain(`${entries} regels`);
    pagesOf(path()).forEach((page) => expect(page).toContain(headHash.slice(0, 16)));
    expect(chainHeadAt(store.store.sqlite, caseId, entries)).toBe(headHash);
    expect(verify(store.sessions.redacteur).ok).toBe(true);
  });

  it('identifies itself as PDF/A-2b and states title, author, subject, keywords and the fingerprint alike in XMP and Info', () => {
    const { xmp, info } = readPdfMetadata(Buffer.from(file().data, 'base64'));
    const { fingerprint } = file().record;
    const keywords = `Ordelog; ${kind}; ${caseReference(caseId)}; vingerafdruk ${fingerprint}`;
    expect(xmp).toContain('<pdfaid:part>2</pdfaid:part>');
    expect(xmp).toContain('<pdfaid:conformance>B</pdfaid:conformance>');
    expect(xmp).toContain(`<rdf:li xml:lang="x-default">${title()}</rdf:li>`);
    expect(xmp).toContain('<rdf:li>Joost de Vries</rdf:li>');
    expect(xmp).toContain(`<pdf:Keywords>${keywords}</pdf:Keywords>`);
    expect(xmp).toContain(`<ordelog:fingerprint>${fingerprint}</ordelog:fingerprint>`);
    expect(xmp).toContain(`<ordelog:case>${caseId}</ordelog:case>`);
    expect(Object.fromEntries(info)).toMatchObject({
      Title: title(),
      Author: 'Joost de Vries',
      Subject: `${caseReference(caseId)} · vertrouwelijk`,
      Keywords: keywords,
      Creator: 'Ordelog',
      OrdelogFingerprint: fingerprint,
      OrdelogCase: caseId,
    });
    expect(info.get('Producer')).toMatch(/; Ordelog PDF\/A-2b$/);
    const pdfinfo = run('pdfinfo', [path()]);
    expect(pdfinfo).toMatch(/Metadata Stream:\s+yes/);
    expect(pdfinfo).toMatch(/Encrypted:\s+no/);
    const objects = (JSON.parse(run('qpdf', ['--json=2', '--json-key=qpdf', path()])) as { qpdf: [unknown, Record<string, { value?: Record<string, unknown> }>] }).qpdf[1];
    const root = objects[`obj:${String(objects.trailer!.value!['/Root'])}`]!.value!;
    const intent = objects[`obj:${String((root['/OutputIntents'] as string[])[0])}`]!.value!;
    expect(intent).toMatchObject({ '/S': '/GTS_PDFA1', '/OutputConditionIdentifier': 'u:sRGB IEC61966-2.1' });
  });

  it('is recognised by the register, and the log still holds the state it states', () => {
    const result = verifyExport(store.sessions.lezer, { caseId, data: file().data });
    expect(result.match?.id).toBe(file().record.id);
    expect(result).toMatchObject({ holds: true, registerAgrees: true, chainHoldsFingerprint: true, file: { format: 'pdf', fingerprint: fingerprintOf(file()), caseId } });
  });

  it('breaks long words in narrow columns only where Dutch hyphenates them, never mid-syllable', () => {
    const text = pagesOf(path()).join('\n').replaceAll('\u00AD', '');
    // Words of the demo case and of this test that a narrow column cannot hold whole.
    const words = ['Communicatieadviseur', 'Informatiecoördinator', 'Informatiecoördinatorenoverleg', 'Veiligheidsregio', 'Lindedorp'];
    let broken = 0;
    for (const match of text.matchAll(/(\p{L}+)[‐-](?=\s)/gu)) {
      const fragment = match[1]!;
      const candidates = words.filter((candidate) => candidate.startsWith(fragment) && candidate !== fragment);
      if (candidates.length === 0) continue;
      broken += 1;
      const boundaries = (word: string) => syllablesOf(word, 'nl').reduce<number[]>((at, syllable) => [...at, (at.at(-1) ?? 0) + syllable.length], []);
      expect(candidates.some((word) => boundaries(word).includes(fragment.length)), `${candidates.join(' or ')} broken after "${fragment}"`).toBe(true);
    }
    expect(broken).toBeGreaterThan(0);
  });

  it('says which 02:30 it means in the hour that occurs twice: CEST, then CET', () => {
    const lines = pagesOf(path()).join('\n').split('\n');
    // The time is on the entry's row: the lines above its text in the briefing, beside and under it in the log.
    const around = (text: string) => {
      const at = lines.findIndex((line) => line.includes(text));
      expect(at, text).toBeGreaterThan(-1);
      return lines.slice(Math.max(0, at - 3), at + 2).join('\n');
    };
    expect(around('Eerste ronde in het dubbele uur')).toMatch(/02:30\s+CEST/u);
    expect(around('Tweede ronde in het dubbele uur')).toMatch(/02:30\s+CET\b/u);
    expect(around('Tweede ronde in het dubbele uur')).toMatch(/25-10-2026/);
  });

  it('never leaves a table head alone at the foot of a page, and breaks a long entry between its lines', () => {
    const pages = pagesOf(path());
    const tableHead = /^\s*Nr\.\s+(Tijd|Gebeurd)\b/;
    pages.forEach((page, index) => {
      const lines = page.split('\n').filter((line) => line.trim() !== '' && !runningLine.test(line.trim()) && !/^\s*(VERTROUWELIJK|pagina \d+ van|Vingerafdruk)/.test(line));
      expect(lines.at(-1) ?? '', `last line of page ${index + 1}`).not.toMatch(tableHead);
    });
    const text = pages.join('\n');
    // Every line of the long entry is there, whole, and in order.
    let from = 0;
    for (let n = 1; n <= 80; n += 1) {
      const at = text.indexOf(`Verslagregel ${n}:`, from);
      expect(at, `line ${n}`).toBeGreaterThan(-1);
      from = at;
    }
  });

  it('prints hostile text literally: markup as text, a bidi override made visible, a long word in full, emoji without harm', () => {
    const text = pagesOf(path()).join('\n');
    expect(text).toContain(hostile.script);
    expect(text).toContain(hostile.image);
    expect(text).not.toContain('\u202E');
    expect(text).toMatch(/factuur.{0,3}U\+202E.{0,3}gnp\.exe/);
    expect(text).toContain('Duim omhoog');
    // In the shipped emoji face: a glyph, not the missing-glyph box PDF/A forbids.
    expect(text).toContain('👍');
    expect(run('pdffonts', [path()])).toMatch(/^[A-Z]{6}\+NotoEmoji-Regular\s.*\byes\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$/m);
    const body = pagesOf(path(), ['-raw'])
      .flatMap((page) => page.split('\n'))
      .filter((line) => !runningLine.test(line));
    expect(squeeze(body.join(''))).toContain(hostile.longWord);
  });
});

describe('the briefing PDF', () => {
  it('opens with the kernbriefing on page 1 (Beeld, Oordeel, Besluit, who to call), then the annexes from page 2', () => {
    const [first = '', second = ''] = briefingPages;
    const headingAt = (word: string) => first.search(new RegExp(`^\\s*${word}\\s*$`, 'm'));
    expect(headingAt('Beeld')).toBeGreaterThan(-1);
    expect(headingAt('Beeld')).toBeLessThan(headingAt('Oordeel'));
    expect(headingAt('Oordeel')).toBeLessThan(headingAt('Besluit'));
    expect(headingAt('Besluit')).toBeLessThan(headingAt('Wie bel je nu'));
    for (const text of ['Oproep blijft staan.', 'Reële kans op verstoring.', 'Instemming met cameratoezicht.', 'Vingerafdruk van het logboek', 'In deze periode:']) expect(first).toContain(text);
    expect(first).not.toContain('Bijlage 1 —');
    expect(second).toMatch(/^\s*Bijlage 1 — Besluiten en afweging\s*$/m);
    for (const heading of ['Signalen en bewijsstukken', 'Rollen en contacten', 'Tijdlijn (uittreksel)', 'Bewijsstukken', 'in de volgorde waarin het gebeurde']) expect(briefingText).toContain(heading);
    expect(briefingText).toContain('Lokale driehoek');
    expect(briefingPages.length).toBeGreaterThan(1);
    expect(briefing.record.fingerprint).toBe(`${fingerprintBeforeExport.entries}:${fingerprintBeforeExport.headHash}`);
  });

  it('keeps the kernbriefing on one page when the author writes more than it holds, and prints the texts whole after it', () => {
    const [first = '', second = ''] = longPages;
    for (const heading of ['Beeld', 'Oordeel', 'Besluit', 'Wie bel je nu']) expect(first).toMatch(new RegExp(`^\\s*${heading}\\s*$`, 'm'));
    expect(first).toContain('Ingekort; de volledige tekst staat in bijlage 1.');
    expect(first).toMatch(/4\.\s+Besluit 4:/);
    expect(first).not.toContain('Besluit 5:');
    expect(first).toContain('Bijlagen: 1. Toelichting van de opsteller (volledige tekst) · 2. Besluiten en afweging · 3. Openstaande acties.');
    expect(second).toMatch(/^\s*Bijlage 1 — Toelichting van de opsteller \(volledige tekst\)\s*$/m);
    const rest = longPages.slice(1).join('\n');
    for (const text of ['Alinea 14:', 'Risico 6:', 'Besluit 9:']) expect(rest).toContain(text);
    expect(longBriefing.record).toMatchObject({ number: 3, audience: 'burgemeester', periodFrom: null });
  });

  it('keeps the kernbriefing on one page at its fullest: a long title, every list at its limit, every text too long', async () => {
    const base = previewBriefing(store.sessions.lezer, { caseId, fromStart: true }).document;
    const long = (what: string, n: number) => `${what} ${n}: ${'een lange zin over de oproep, de groepen en de maatregelen rond het station '.repeat(3)}`;
    const decision = base.decisions[0]!;
    const fullest = {
      ...base,
      case: { ...base.case, title: `Oproep tot rellen bij het station en het winkelcentrum ${'en de parkeergarage '.repeat(4)}` },
      summary: Array.from({ length: 12 }, (_, n) => long('Alinea', n + 1)).join('\n'),
      risks: Array.from({ length: 8 }, (_, n) => long('Risico', n + 1)).join('\n'),
      requestedDecisions: Array.from({ length: 9 }, (_, n) => long('Besluit', n + 1)).join('\n'),
      keyEntries: Array.from({ length: 12 }, (_, n) => ({ ...base.keyEntries[0]!, text: long('Signaal', n + 1) })),
      decisions: [{ ...decision, deadlines: Array.from({ length: 6 }, (_, n) => ({ label: long('Termijn', n + 1), dueAt: '2030-01-01T12:00:00.000Z', met: false, overdue: false })) }],
      roles: Array.from({ length: 9 }, (_, n) => ({
        role: `Communicatieadviseur crisisbeheersing ${n + 1}`,
        holder: `Marie-Louise van den Berghe-Oosterhout ${n + 1}`,
        organisation: 'Veiligheidsregio Hollands Midden en omstreken',
        contact: `06-1234567${n} / m.vandenberghe-oosterhout@voorbeeldgemeente.nl`,
        since: base.generatedAt,
      })),
    };
    const { pdf } = await printDocumentPdf(fullest, printer);
    const path = join(dir, 'vol.pdf');
    writeFileSync(path, pdf);
    const [first = '', second = ''] = pagesOf(path);
    for (const heading of ['Beeld', 'Oordeel', 'Besluit', 'Wie bel je nu']) expect(first).toMatch(new RegExp(`^\\s*${heading}\\s*$`, 'm'));
    expect(first).toContain('Bijlagen: 1. Toelichting van de opsteller');
    expect(squeeze(first)).toContain(squeeze('Alle tijden zijn Nederlandse tijd'));
    expect(second).toMatch(/^\s*Bijlage 1 — Toelichting van de opsteller \(volledige tekst\)\s*$/m);
  });

  it('starts a long entry under its table head wherever the table begins on a page, breaking it between lines', async () => {
    const base = previewBriefing(store.sessions.lezer, { caseId, fromStart: true }).document;
    const short = base.keyEntries.find((entry) => !entry.redacted && entry.text.length < 80)!;
    const long = { ...short, seq: 9_999, text: longEntry.split('\n').slice(0, 35).join('\n') };
    const tableHead = /^\s*Nr\.\s+Tijd\b/;
    // The timeline's table begins lower on the page with each step, until its head sits at the foot.
    for (let filler = 6; filler <= 30; filler += 6) {
      const doc = { ...base, annexes: ['signalen', 'tijdlijn'] as const, keyEntries: Array.from({ length: filler }, () => short), keyEntriesOmitted: 0, evidence: [], timeline: [long, short], timelineOmitted: 0 };
      const path = join(dir, `lang-${filler}.pdf`);
      writeFileSync(path, (await printDocumentPdf({ ...doc, annexes: [...doc.annexes] }, printer)).pdf);
      pagesOf(path).forEach((page, index) => {
        const lines = page.split('\n').filter((line) => line.trim() !== '' && !/^\s*(VERTROUWELIJK|pagina \d+ van|Vingerafdruk)/.test(line));
        expect(lines.at(-1) ?? '', `${filler} entries before it, last line of page ${index + 1}`).not.toMatch(tableHead);
      });
    }
  }, 60_000);

  it('prints six-digit entry numbers whole in their column, in both PDFs', async () => {
    const base = previewBriefing(store.sessions.lezer, { caseId, fromStart: true }).document;
    const numbered = (seq: number) => ({ ...base.keyEntries.find((entry) => !entry.redacted)!, seq, text: `Regel nummer ${seq}` });
    const briefingPath = join(dir, 'nummers.pdf');
    writeFileSync(briefingPath, (await printDocumentPdf({ ...base, annexes: ['tijdlijn'], timeline: [numbered(12_345), numbered(123_456)], timelineOmitted: 0 }, printer)).pdf);
    const log = openLogExport(store.sessions.lezer, caseId, { redacted: false, locale: 'nl' });
    const logPath = join(dir, 'nummers-log.pdf');
    const written = await writeLogExportPdf({ head: { ...log.head, fingerprint: { ...log.head.fingerprint, entries: 2 } }, batches: () => [[numbered(12_345), numbered(123_456)]] });
    writeFileSync(logPath, written.pdf);
    for (const path of [briefingPath, logPath]) {
      const text = pagesOf(path).join('\n');
      expect(text, path).toMatch(/^\s*12345\s/m);
      expect(text, path).toMatch(/^\s*123456\s/m);
    }
  });

  it("fits Electron's print window, which loads the page with its fonts as one data: URL (Chromium refuses over 2 MB)", () => {
    const job = printJob(previewBriefing(store.sessions.lezer, { caseId, from: null }).document, printFontsBase64());
    expect(job.html).toContain('@font-face{font-family:"Ordelog Sans"');
    const url = `data:text/html;charset=utf-8;base64,${Buffer.from(job.html, 'utf8').toString('base64')}`;
    expect(url.length).toBeLessThan(2 * 1024 * 1024);
  });

  it('prints an emoji as a glyph of the shipped emoji face, not as a missing-glyph box', () => {
    const fonts = run('pdffonts', [join(dir, 'briefing.pdf')]);
    expect(fonts).toMatch(/^[A-Z]{6}\+NotoEmoji-Regular\s.*\byes\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$/m);
    const line = briefingText.split('\n').find((text) => text.includes('Duim omhoog')) ?? '';
    expect(line).toContain('👍');
    expect(line).toMatch(/🇳🇱|🇳\s*🇱/u);
    // Only the pieces of the face the text needs travel with the page.
    const job = printJob(previewBriefing(store.sessions.lezer, { caseId, fromStart: true, annexes: ['signalen'] }).document, printFontsBase64('👍🏽 🇳🇱'));
    expect(job.html.match(/font-family:"Ordelog Emoji"/g)?.length).toBeGreaterThanOrEqual(2);
    expect(job.html.match(/font-family:"Ordelog Emoji"/g)?.length).toBeLessThanOrEqual(4);
  });

  it('lists each piece of evidence with its SHA-256', () => {
    expect(squeeze(briefingText)).toContain(publicAttachmentHash);
    expect(briefingText).toContain('schermafdruk-oproep.png');
  });

  it('the preview is the HTML that was printed, markup escaped', () => {
    const { html } = previewBriefing(store.sessions.lezer, { caseId, fromStart: true, annexes: ['signalen'] });
    expect(html).not.toMatch(/<(script|img|svg|iframe|a)\b/i);
    expect(html).not.toMatch(/<[^>]*\s(on\w+|href|src)=/i);
    expect(html).toContain('&lt;script&gt;');
  });
});

describe('a redacted briefing', () => {
  it('contains none of the personal data, and says on every page that it is redacted', () => {
    for (const value of Object.values(secret)) expect(squeeze(redactedText)).not.toContain(squeeze(value));
    expect(redactedText).toContain('weggelakt');
    const pages = pagesOf(join(dir, 'gelakt.pdf'));
    pages.forEach((page, index) => expect(page, `page ${index + 1}`).toContain('GELAKTE VERSIE'));
    expect(squeeze(redactedText)).toContain(publicAttachmentHash);
  });

  it('was numbered after the first and recorded as redacted', () => {
    expect(briefing.record.number).toBe(1);
    expect(redacted.record).toMatchObject({ number: 2, redacted: true, audience: 'raad', kind: 'briefing' });
  });
});

describe('the full log export', () => {
  it('as a PDF lists every entry with its columns, corrections, marks, phases, signal facts and evidence', () => {
    const text = pagesOf(join(dir, 'logboek-heel.pdf')).join('\n');
    for (const heading of ['Logboek', 'Regels van het logboek', 'Faseverloop', 'Bewijsstukken', 'Nr.', 'Gebeurd', 'Vastgelegd', 'Bron · betr.']) {
      expect(text).toContain(heading);
    }
    const { entries } = fingerprintOf(logPdf);
    for (const seq of [1, Math.floor(entries / 2), entries]) expect(text).toMatch(new RegExp(`^\\s*${seq}\\s+\\d\\d-\\d\\d-\\d{4} \\d\\d:\\d\\d`, 'm'));
    expect(text).toContain('Groep van twintig bij het station');
    expect(text).toMatch(/corrigeert\s+regel\s+\d+/);
    expect(text).toMatch(/gecorrigeerd\s+door\s+regel\s+\d+/);
    expect(text).toContain('bevat persoonsgegevens');
    expect(squeeze(text)).toContain(squeeze(secret.text));
    expect(text).toMatch(/Fase: Online signaal/);
    expect(text).toMatch(/Platform: TikTok/);
    expect(squeeze(text)).toContain(squeeze(secret.handle));
    expect(text).toContain('Ronde 60');
    expect(squeeze(text)).toContain(publicAttachmentHash);
  });

  it('as a PDF in English says the same in English', async () => {
    const log = await exportLog(store.sessions.redacteur, { caseId, format: 'pdf', locale: 'en' });
    const pages = pagesOf(save(log, 'log-en.pdf'));
    pages.forEach((page, index) => expect(page).toMatch(new RegExp(`page\\s+${index + 1}\\s+of\\s+${pages.length}`)));
    const text = pages.join('\n');
    for (const word of ['Log entries', 'Phase history', 'Evidence']) expect(text).toContain(word);
  }, 60_000);

  it('as a redacted PDF holds every entry but none of the personal data', async () => {
    const log = await exportLog(store.sessions.redacteur, { caseId, format: 'pdf', redacted: true });
    const path = save(log, 'logboek.pdf');
    const pages = pagesOf(path);
    const text = pages.join('\n');
    expect(run('qpdf', ['--check', path])).toMatch(/No syntax or stream encoding errors/);
    for (const value of Object.values(secret)) expect(squeeze(text)).not.toContain(squeeze(value));
    expect(text).toContain('Ronde 60');
    pages.forEach((page, index) => expect(page, `page ${index + 1}`).toContain('GELAKTE VERSIE'));
    expect(log.record).toMatchObject({ kind: 'logboek-pdf', redacted: true, pageCount: pages.length });
  }, 60_000);

  it('as redacted JSON leaves out the personal data and cannot be imported as if whole', async () => {
    const log = await exportLog(store.sessions.redacteur, { caseId, format: 'json', redacted: true });
    const json = Buffer.from(log.data, 'base64').toString('utf8');
    for (const value of Object.values(secret)) expect(json).not.toContain(value);
    expect(json).toContain(hostile.script.replace(/"/g, '\\"'));
    expect(JSON.parse(json)).toMatchObject({ redacted: true });
    expect(() => importCase(store.sessions.redacteur, JSON.parse(json))).toThrow(OrdelogError);
  });
});

describe('the export register', () => {
  it('lists every export with the SHA-256 of its file', () => {
    const records = listExports(store.sessions.lezer, { caseId });
    const briefingHash = createHash('sha256').update(Buffer.from(briefing.data, 'base64')).digest('hex');
    expect(records.find((record) => record.id === briefing.record.id)?.sha256).toBe(briefingHash);
    expect(records.map((record) => record.kind)).toEqual(expect.arrayContaining(['briefing', 'logboek-pdf', 'logboek-json']));
  });

  it('logs each export in the case: who, for whom, the SHA-256 of the file and the fingerprint', () => {
    const entry = getEntry(store.sessions.lezer, { entryId: briefing.record.entryId! });
    expect(entry).toMatchObject({ type: 'systeem_export', authorName: 'Joost de Vries' });
    expect(entry.text).toContain('Briefing 1 geëxporteerd door Joost de Vries (voor de lokale driehoek');
    expect(entry.text).toContain(`SHA-256 ${briefing.record.sha256}`);
    expect(entry.text).toContain(`vingerafdruk ${briefing.record.fingerprint}`);
  });

  it('recognises its own file, and the log still holds the state it summarised', () => {
    const result = verifyExport(store.sessions.lezer, { caseId, data: briefing.data });
    expect(result.match?.id).toBe(briefing.record.id);
    expect(result.chainHoldsFingerprint).toBe(true);
    expect(result).toMatchObject({ holds: true, registerAgrees: true, file: { format: 'pdf', fingerprint: fingerprintBeforeExport, caseId } });
  });

  it('does not recognise a file changed by one byte', () => {
    const bytes = Buffer.from(briefing.data, 'base64');
    const at = bytes.length - 100;
    bytes.writeUInt8(bytes.readUInt8(at) ^ 0x01, at);
    const result = verifyExport(store.sessions.lezer, { caseId, data: bytes.toString('base64') });
    expect(result).toMatchObject({ match: null, holds: false });
  });

  it('refuses a reader, before anything is printed', async () => {
    await expect(exportBriefing(store.sessions.lezer, { caseId }, printer)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('the shift-handover report', () => {
  it('hands the shift over on paper: who to whom, phase, open and late actions, deadlines, decisions, roles, first actions', async () => {
    const session = store.sessions.redacteur;
    const first = await exportHandover(
      session,
      { caseId, hours: 24, incomingName: 'Bram de Boer (OOV-adviseur, nachtdienst)', firstActions: 'Bel de wijkagent over de groep bij de snackbar.\nControleer om 23:00 de oproep op TikTok.' },
      printer,
    );
    const path = save(first, 'overdracht-1.pdf');
    expect(run('qpdf', ['--check', path])).toMatch(/No syntax or stream encoding errors/);
    const pages = pagesOf(path);
    const text = pages.join('\n');
    for (const heading of ['Overdrachtsrapport 1', 'Eerste acties voor wie overneemt', 'Fase en waarom', 'Open en te late acties', 'Lopende wettelijke termijnen', 'Besluiten in deze dienst', 'Wie is nu aan de beurt', 'Signalen en waarnemingen van de dienst']) {
      expect(text).toContain(heading);
    }
    expect(text).toContain('de laatste 24 uur:');
    expect(text).toContain('Bram de Boer (OOV-adviseur, nachtdienst)');
    expect(text).toContain('Bel de wijkagent over de groep bij de snackbar.');
    expect(text).toMatch(/Draagt over\s+Joost de Vries/);
    pages.forEach((page, index) => {
      expect(page, `page ${index + 1}`).toContain('VERTROUWELIJK');
      expect(page, `page ${index + 1}`).toMatch(new RegExp(`pagina\\s+${index + 1}\\s+van\\s+${pages.length}`));
    });
    const { headHash } = fingerprintOf(first);
    expect(squeeze(text)).toContain(headHash);
    expect(first.record).toMatchObject({ kind: 'overdracht', number: 1, audience: null });
    expect(first.fileName).toMatch(/-overdracht-1\.pdf$/);
    // Its making is a line in the log, and the register knows the file.
    expect(getEntry(store.sessions.lezer, { entryId: first.record.entryId! }).text).toContain('Overdrachtsrapport 1 geëxporteerd door Joost de Vries');
    expect(verifyExport(store.sessions.lezer, { caseId, data: first.data })).toMatchObject({ holds: true, match: { id: first.record.id } });

    // The next one starts where this one ended.
    appendEntry(session, { caseId, type: 'waarneming', text: 'Rustig bij de snackbar na de wisseling.' });
    const next = previewHandover(store.sessions.lezer, { caseId });
    expect(next.document.period).toMatchObject({ since: 'previous' });
    expect(next.document.period.from > first.record.periodTo!).toBe(true);
    expect(next.document.number).toBe(2);
    expect(next.document.entriesInShift).toBeGreaterThanOrEqual(1);
    expect(next.html).toContain('sinds overdrachtsrapport 1:');
  }, 60_000);
});

describe('a partner version', () => {
  it('says for whom on every page, and leaves out the personal data and the internal lines', async () => {
    const partner = 'Politie basisteam Lindedorp';
    const internal = '[intern] Alleen voor het eigen team: de burgemeester twijfelt over het noodbevel.';
    const file = await exportBriefing(
      store.sessions.redacteur,
      {
        caseId,
        fromStart: true,
        partner,
        annexes: [...briefingAnnexes],
        summary: `De oproep staat nog online.\n${internal}`,
        risks: 'Herhaling bij de volgende raadsvergadering.',
        requestedDecisions: 'Inzet van de ME stand-by houden.\n[INTERN] Geen besluit over camera’s vragen.',
      },
      printer,
    );
    const pages = pagesOf(save(file, 'partner.pdf'));
    const text = pages.join('\n');
    pages.forEach((page, index) => expect(page, `page ${index + 1}`).toContain(`VERSIE VOOR ${partner}`));
    expect(text).toContain('De oproep staat nog online.');
    expect(text).toContain('Inzet van de ME stand-by houden.');
    expect(text).not.toContain('twijfelt over het noodbevel');
    expect(text).not.toContain('camera’s vragen');
    for (const value of Object.values(secret)) expect(squeeze(text)).not.toContain(squeeze(value));
    expect(text).toContain('GELAKTE VERSIE');
    expect(file.record).toMatchObject({ recipient: partner, redacted: true, kind: 'briefing' });
    expect(file.fileName).toMatch(/-briefing-\d+-partner-gelakt\.pdf$/);
    expect(getEntry(store.sessions.lezer, { entryId: file.record.entryId! }).text).toContain(`versie voor ${partner}`);
  }, 60_000);
});
