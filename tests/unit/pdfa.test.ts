import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPdfMetadata } from '../../main/services/pdf/pdf-metadata';
import { ORDELOG_XMP_NAMESPACE, pdfPageCount, toPdfA2b, type PdfMetadata } from '../../main/services/pdf/pdfa';
import { srgbIccProfile } from '../../main/services/pdf/srgb-icc';
import { launchBrowser } from '../helpers/browser';

// Everything here runs on real Chromium output, checked with qpdf and poppler, because the post-processor's
// whole job is to agree with what Chromium's Skia backend writes and with what PDF readers accept.

const meta: PdfMetadata = {
  title: 'Briefing: onrust rond café De Ruïne (concept) \\ versie 2',
  author: 'Gemeente Zeeuwse Eilanden · Team OOV',
  subject: 'OAOV-2026-014 · vertrouwelijk <intern> & gelakt',
  keywords: 'Ordelog; briefing; OAOV-2026-014',
  createdAt: new Date('2026-03-29T01:30:15.678Z'),
};

const rows = (count: number) =>
  Array.from(
    { length: count },
    (_, i) => `<tr><td>${i + 1}</td><td>Overleg met politie en jongerenwerk over coördinatie; schade € ${i * 12},50</td></tr>`,
  ).join('');

const html = (body: string) =>
  `<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Briefing</title></head><body>${body}</body></html>`;

const longDocument = html(`<h1>Briefing café De Ruïne</h1><h2>Tijdlijn</h2><table>${rows(120)}</table><h2>Afsluiting</h2><p>Geëindigd om 23.00 uur, € 0 kosten.</p>`);
const shortDocument = html('<h1>Korte briefing</h1><p>Eén regel met ë en €.</p>');

let browser: Browser;
let page: Page;
let dir: string;
let threePages: Buffer;
let onePage: Buffer;
let converted: Uint8Array;

async function print(content: string): Promise<Buffer> {
  await page.setContent(content);
  return page.pdf({
    format: 'A4',
    printBackground: true,
    displayHeaderFooter: true,
    headerTemplate: '<div style="font-size:8px;margin-left:15mm">Vertrouwelijk · Gemeente Zeeuwse Eilanden · ë</div>',
    footerTemplate: '<div style="font-size:8px;margin-left:15mm">Pagina <span class="pageNumber"></span> van <span class="totalPages"></span> · €</div>',
    margin: { top: '20mm', right: '15mm', bottom: '20mm', left: '15mm' },
    // As the app prints (chromium-printer.ts): tagged, with an outline.
    tagged: true,
    outline: true,
  });
}

function save(name: string, bytes: Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

function run(command: string, args: string[]): string {
  return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

function pdfinfo(path: string): Record<string, string> {
  return Object.fromEntries(
    run('pdfinfo', [path])
      .split('\n')
      .map((line) => /^([^:]+):\s*(.*)$/.exec(line))
      .filter((match): match is RegExpExecArray => match !== null)
      .map((match) => [match[1]!, match[2]!]),
  );
}

function pdffonts(path: string): Array<{ type: string; emb: string }> {
  const lines = run('pdffonts', [path]).split('\n');
  const rule = lines[1]!;
  // Columns are fixed width; the rule line of dashes marks where each starts.
  const columns = [...rule.matchAll(/-+/g)].map((match) => [match.index, match.index + match[0].length] as const);
  const cell = (line: string, index: number) => line.slice(columns[index]![0], columns[index]![1]).trim();
  return lines
    .slice(2)
    .filter((line) => line.trim() !== '')
    .map((line) => ({ type: cell(line, 1), emb: cell(line, 3) }));
}

/** The little of the DOM the XMP check uses inside the page (the tests compile without the DOM library). */
interface XmlElement {
  textContent: string | null;
  getAttribute(name: string): string | null;
  getElementsByTagName(name: string): ArrayLike<XmlElement>;
  getElementsByTagNameNS(namespace: string, name: string): ArrayLike<XmlElement>;
}

interface PageGlobals {
  DOMParser: new () => { parseFromString(source: string, type: string): XmlElement };
}

type QpdfObjects = Record<string, { value?: unknown; stream?: { dict: Record<string, unknown> } }>;

function qpdfObjects(path: string): QpdfObjects {
  const json = JSON.parse(run('qpdf', ['--json=2', '--json-key=qpdf', path])) as { qpdf: [unknown, QpdfObjects] };
  return json.qpdf[1];
}

function dictOf(objects: QpdfObjects, ref: unknown): Record<string, unknown> {
  const object = objects[`obj:${String(ref)}`];
  return (object?.value ?? object?.stream?.dict) as Record<string, unknown>;
}

function streamData(path: string, ref: unknown, filtered = true): Buffer {
  const num = String(ref).split(' ')[0]!;
  return execFileSync('qpdf', [`--show-object=${num}`, filtered ? '--filtered-stream-data' : '--raw-stream-data', path]);
}

/** A PDF date D:YYYYMMDDHHmmSS+HH'mm' as an instant. */
function pdfDateToMs(value: string): number {
  const match = /^D:(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)([+-])(\d\d)'(\d\d)'$/.exec(value);
  if (!match) throw new Error(`not a full PDF date: ${value}`);
  const [, y, mo, d, h, mi, s, sign, oh, om] = match;
  return Date.parse(`${y}-${mo}-${d}T${h}:${mi}:${s}${sign}${oh}:${om}`);
}

const wholeSeconds = (date: Date) => Math.floor(date.getTime() / 1000) * 1000;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ordelog-pdfa-'));
  browser = await launchBrowser();
  page = await browser.newPage();
  threePages = await print(longDocument);
  onePage = await print(shortDocument);
  converted = toPdfA2b(threePages, meta);
});

afterAll(async () => {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("Chromium's PDF, as the post-processor assumes it", () => {
  it('has the page counts the fixtures are meant to have', () => {
    expect(pdfinfo(save('three.pdf', threePages)).Pages).toBe('3');
    expect(pdfinfo(save('one.pdf', onePage)).Pages).toBe('1');
  });

  it('starts with a header and a binary comment line of four bytes above 127', () => {
    const firstEol = threePages.indexOf(0x0a);
    expect(threePages.subarray(0, firstEol).toString('latin1')).toMatch(/^%PDF-1\.[0-7]$/);
    const secondLine = threePages.subarray(firstEol + 1, threePages.indexOf(0x0a, firstEol + 1));
    expect(secondLine[0]).toBe(0x25);
    expect([...secondLine.subarray(1)].filter((byte) => byte > 127).length).toBeGreaterThanOrEqual(4);
  });

  it('writes a classic xref table and a trailer without /ID, and nothing PDF/A forbids', () => {
    const text = threePages.toString('latin1');
    const startxref = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(text)![1]);
    expect(text.slice(startxref, startxref + 4)).toBe('xref');
    const trailer = text.slice(text.lastIndexOf('trailer'));
    expect(trailer).not.toMatch(/\/ID\b/);
    // Every name in every object (stream data aside, where a byte pattern proves nothing).
    const names = new Set(JSON.stringify(qpdfObjects(save('three.pdf', threePages))).match(/"\/[^"]*"/g));
    for (const forbidden of ['/Encrypt', '/JavaScript', '/JS', '/EmbeddedFiles', '/LZWDecode', '/Type3', '/DeviceCMYK']) {
      expect(names.has(`"${forbidden}"`)).toBe(false);
    }
    expect(names.has('"/Catalog"')).toBe(true);
  });

  it('embeds every font', () => {
    const fonts = pdffonts(save('three.pdf', threePages));
    expect(fonts.length).toBeGreaterThan(0);
    expect(fonts.every((font) => font.emb === 'yes' && font.type !== 'Type 3')).toBe(true);
  });
});

describe('toPdfA2b on a three-page tagged briefing', () => {
  it('appends an incremental update: the printed bytes are a prefix of the result', () => {
    expect(converted.length).toBeGreaterThan(threePages.length);
    expect(Buffer.from(converted.subarray(0, threePages.length)).equals(threePages)).toBe(true);
    expect(Buffer.from(converted.subarray(-6)).toString('latin1')).toBe('%%EOF\n');
  });

  it('passes qpdf --check', () => {
    const out = run('qpdf', ['--check', save('converted.pdf', converted)]);
    expect(out).toContain('No syntax or stream encoding errors found');
  });

  it('shows the new document information and the same pages and text', () => {
    const path = save('converted.pdf', converted);
    const before = pdfinfo(save('three.pdf', threePages));
    const after = pdfinfo(path);
    expect(after.Title).toBe(meta.title);
    expect(after.Author).toBe(meta.author);
    expect(after.Subject).toBe(meta.subject);
    expect(after.Keywords).toBe(meta.keywords);
    expect(after.Creator).toBe('Ordelog');
    expect(after.Producer).toMatch(/^Skia\/PDF m\d+; Ordelog PDF\/A-2b$/);
    expect(after['Metadata Stream']).toBe('yes');
    expect(after.Encrypted).toBe('no');
    expect(after.Tagged).toBe('yes');
    expect(after.Pages).toBe(before.Pages);
    expect(run('pdftotext', [path, '-'])).toBe(run('pdftotext', [save('three.pdf', threePages), '-']));
  });

  it('keeps every font embedded', () => {
    const fonts = pdffonts(save('converted.pdf', converted));
    expect(fonts.length).toBeGreaterThan(0);
    expect(fonts.map((font) => font.emb)).toEqual(fonts.map(() => 'yes'));
  });

  it('gives the catalog an uncompressed XMP stream and an sRGB output intent, and the trailer an /ID', () => {
    const path = save('converted.pdf', converted);
    const objects = qpdfObjects(path);
    const trailer = objects.trailer!.value as Record<string, unknown>;
    const catalog = dictOf(objects, trailer['/Root']);
    expect(catalog['/Type']).toBe('/Catalog');
    // What Chromium put there survives the new catalog version.
    expect(catalog['/StructTreeRoot']).toBeDefined();
    expect(catalog['/Outlines']).toBeDefined();
    expect(catalog['/Lang']).toBe('u:nl');

    const metadata = dictOf(objects, catalog['/Metadata']);
    expect(metadata).toMatchObject({ '/Type': '/Metadata', '/Subtype': '/XML' });
    expect(metadata['/Filter']).toBeUndefined();
    expect(streamData(path, catalog['/Metadata'], false).equals(streamData(path, catalog['/Metadata']))).toBe(true);

    const intents = catalog['/OutputIntents'] as unknown[];
    expect(intents).toHaveLength(1);
    const intent = dictOf(objects, intents[0]);
    expect(intent).toMatchObject({
      '/Type': '/OutputIntent',
      '/S': '/GTS_PDFA1',
      '/OutputConditionIdentifier': 'u:sRGB IEC61966-2.1',
      '/Info': 'u:sRGB IEC61966-2.1',
    });
    expect(dictOf(objects, intent['/DestOutputProfile'])['/N']).toBe(3);
    expect(streamData(path, intent['/DestOutputProfile']).equals(Buffer.from(srgbIccProfile()))).toBe(true);

    const id = trailer['/ID'] as string[];
    expect(id).toHaveLength(2);
    expect(id.every((part) => /^b:[0-9a-f]{32}$/.test(part))).toBe(true);
    expect(trailer['/Prev']).toBeTypeOf('number');
  });

  it('writes XMP that parses, identifies PDF/A-2B and says what the Info dictionary says', async () => {
    const path = save('converted.pdf', converted);
    const objects = qpdfObjects(path);
    const trailer = objects.trailer!.value as Record<string, unknown>;
    const catalog = dictOf(objects, trailer['/Root']);
    const xmp = streamData(path, catalog['/Metadata']).toString('utf8');
    expect(xmp.startsWith('<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>')).toBe(true);
    expect(xmp.trimEnd().endsWith('<?xpacket end="w"?>')).toBe(true);

    // Chromium's own XML parser, namespace-aware, so prefixes cannot fool the check.
    const read = await page.evaluate((source) => {
      const { DOMParser } = globalThis as unknown as PageGlobals;
      const doc = new DOMParser().parseFromString(source, 'application/xml');
      if (doc.getElementsByTagName('parsererror').length > 0) return null;
      const ns = {
        pdfaid: 'http://www.aiim.org/pdfa/ns/id/',
        dc: 'http://purl.org/dc/elements/1.1/',
        pdf: 'http://ns.adobe.com/pdf/1.3/',
        xmp: 'http://ns.adobe.com/xap/1.0/',
        rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
      };
      const text = (prefix: keyof typeof ns, name: string) => doc.getElementsByTagNameNS(ns[prefix], name)[0]?.textContent ?? null;
      const li = (name: string) => {
        const item = doc.getElementsByTagNameNS(ns.dc, name)[0]?.getElementsByTagNameNS(ns.rdf, 'li')[0];
        return item ? { text: item.textContent, lang: item.getAttribute('xml:lang') } : null;
      };
      return {
        part: text('pdfaid', 'part'),
        conformance: text('pdfaid', 'conformance'),
        title: li('title'),
        creator: li('creator'),
        description: li('description'),
        keywords: text('pdf', 'Keywords'),
        producer: text('pdf', 'Producer'),
        creatorTool: text('xmp', 'CreatorTool'),
        createDate: text('xmp', 'CreateDate'),
        modifyDate: text('xmp', 'ModifyDate'),
        metadataDate: text('xmp', 'MetadataDate'),
      };
    }, xmp);

    expect(read).not.toBeNull();
    const info = dictOf(objects, trailer['/Info']);
    const u = (value: unknown) => String(value).replace(/^u:/, '');
    expect(read!.part).toBe('2');
    expect(read!.conformance).toBe('B');
    expect(read!.title).toEqual({ text: meta.title, lang: 'x-default' });
    expect(read!.creator).toEqual({ text: meta.author, lang: null });
    expect(read!.description).toEqual({ text: meta.subject, lang: 'x-default' });
    expect(read!.title!.text).toBe(u(info['/Title']));
    expect(read!.creator!.text).toBe(u(info['/Author']));
    expect(read!.description!.text).toBe(u(info['/Subject']));
    expect(read!.keywords).toBe(u(info['/Keywords']));
    expect(read!.producer).toBe(u(info['/Producer']));
    expect(read!.creatorTool).toBe(u(info['/Creator']));

    const isoWithOffset = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/;
    for (const date of [read!.createDate, read!.modifyDate, read!.metadataDate]) {
      expect(date).toMatch(isoWithOffset);
      expect(Date.parse(date!)).toBe(wholeSeconds(meta.createdAt));
    }
    expect(pdfDateToMs(u(info['/CreationDate']))).toBe(wholeSeconds(meta.createdAt));
    expect(pdfDateToMs(u(info['/ModDate']))).toBe(wholeSeconds(meta.createdAt));
    // Same wall-clock digits and offset on both sides, not only the same instant.
    expect(u(info['/CreationDate']).replace(/\D/g, '')).toBe(read!.createDate!.replace(/\D/g, ''));
  });

  it('is deterministic for the same input and metadata', () => {
    expect(Buffer.from(toPdfA2b(threePages, meta)).equals(Buffer.from(converted))).toBe(true);
  });

  it("writes the same dates in Dutch time (CEST after the spring change) whatever the machine's zone", () => {
    const dates = (bytes: Uint8Array) => {
      // The update is appended: the last Info dictionary is ours, earlier ones are Chromium's.
      const text = Buffer.from(bytes).toString('latin1');
      return {
        info: [...text.matchAll(/\/CreationDate \((D:[^)]*)\)/g)].at(-1)?.[1],
        xmp: /<xmp:CreateDate>([^<]*)</.exec(text)?.[1],
      };
    };
    const machineZone = process.env.TZ;
    const seen = new Set<number>();
    try {
      for (const zone of ['America/New_York', 'Asia/Tokyo', 'UTC']) {
        process.env.TZ = zone;
        seen.add(meta.createdAt.getTimezoneOffset());
        // 01:30:15Z on 29 March 2026 is 03:30:15 in Amsterdam, an hour after the clock went to summer time.
        expect(dates(toPdfA2b(onePage, meta))).toEqual({ info: "D:20260329033015+02'00'", xmp: '2026-03-29T03:30:15+02:00' });
        expect(dates(toPdfA2b(onePage, { ...meta, createdAt: new Date('2026-10-25T01:30:00Z') }))).toEqual({
          info: "D:20261025023000+01'00'",
          xmp: '2026-10-25T02:30:00+01:00',
        });
      }
    } finally {
      if (machineZone === undefined) delete process.env.TZ;
      else process.env.TZ = machineZone;
    }
    // The machine zone did change under the test: the old code, which used it, wrote three different dates.
    expect(seen.size).toBe(3);
  });

  it('can be applied again: the first /ID stays, the producer is not repeated, qpdf still agrees', () => {
    const again = toPdfA2b(converted, { ...meta, title: 'Tweede versie', subject: '', keywords: '' });
    const path = save('again.pdf', again);
    expect(run('qpdf', ['--check', path])).toContain('No syntax or stream encoding errors found');
    const first = qpdfObjects(save('converted.pdf', converted)).trailer!.value as Record<string, string[]>;
    const second = qpdfObjects(path).trailer!.value as Record<string, string[]>;
    expect(second['/ID']![0]).toBe(first['/ID']![0]);
    expect(second['/ID']![1]).not.toBe(first['/ID']![1]);
    const info = pdfinfo(path);
    expect(info.Title).toBe('Tweede versie');
    // Empty values are left out of both Info and XMP rather than written empty.
    expect(info.Subject).toBeUndefined();
    expect(info.Keywords).toBeUndefined();
    expect(info.Producer).toMatch(/^Skia\/PDF m\d+; Ordelog PDF\/A-2b$/);
    expect(pdfPageCount(again)).toBe(3);
  });

  it('refuses a cross-reference stream with a clear error', () => {
    const compressed = join(dir, 'objstm.pdf');
    run('qpdf', ['--object-streams=generate', save('three.pdf', threePages), compressed]);
    expect(() => toPdfA2b(readFileSync(compressed), meta)).toThrow(/cross-reference stream/);
  });

  it('refuses input that is not a PDF', () => {
    expect(() => toPdfA2b(new TextEncoder().encode('<html></html>'), meta)).toThrow(/%PDF-/);
  });
});

describe('pdfPageCount', () => {
  it("equals pdfinfo's page count on one- and three-page PDFs, before and after conversion", () => {
    for (const [name, bytes] of [
      ['one.pdf', onePage],
      ['three.pdf', threePages],
      ['one-a.pdf', toPdfA2b(onePage, meta)],
      ['three-a.pdf', converted],
    ] as const) {
      expect(pdfPageCount(bytes)).toBe(Number(pdfinfo(save(name, bytes)).Pages));
    }
  });
});

describe('srgbIccProfile', () => {
  const icc = Buffer.from(srgbIccProfile());
  const tags = Array.from({ length: icc.readUInt32BE(128) }, (_, i) => ({
    signature: icc.toString('latin1', 132 + i * 12, 136 + i * 12),
    offset: icc.readUInt32BE(136 + i * 12),
    size: icc.readUInt32BE(140 + i * 12),
  }));
  const tag = (signature: string) => {
    const found = tags.find((entry) => entry.signature === signature)!;
    return icc.subarray(found.offset, found.offset + found.size);
  };
  const xyz = (data: Buffer) => [8, 12, 16].map((at) => data.readInt32BE(at) / 65536);

  it('has a well-formed v2.1 display-class RGB/XYZ header', () => {
    expect(icc.readUInt32BE(0)).toBe(icc.length);
    expect(icc.length % 4).toBe(0);
    expect(icc.readUInt32BE(8)).toBe(0x02100000);
    expect(icc.toString('latin1', 12, 16)).toBe('mntr');
    expect(icc.toString('latin1', 16, 20)).toBe('RGB ');
    expect(icc.toString('latin1', 20, 24)).toBe('XYZ ');
    expect(icc.toString('latin1', 36, 40)).toBe('acsp');
    expect(icc.readUInt16BE(24)).toBeGreaterThanOrEqual(2000);
    expect(xyz(icc.subarray(60, 80))).toEqual(xyz(tag('wtpt')));
  });

  it('has the required tags, inside the data and 4-byte aligned, with the right types', () => {
    expect(tags.map((entry) => entry.signature).sort()).toEqual(
      ['bTRC', 'bXYZ', 'cprt', 'desc', 'gTRC', 'gXYZ', 'rTRC', 'rXYZ', 'wtpt'].sort(),
    );
    const tableEnd = 132 + tags.length * 12;
    for (const entry of tags) {
      expect(entry.offset % 4).toBe(0);
      expect(entry.offset).toBeGreaterThanOrEqual(tableEnd);
      expect(entry.offset + entry.size).toBeLessThanOrEqual(icc.length);
    }
    const types: Record<string, string> = { desc: 'desc', cprt: 'text', wtpt: 'XYZ ', rXYZ: 'XYZ ', gXYZ: 'XYZ ', bXYZ: 'XYZ ' };
    for (const [signature, type] of Object.entries(types)) expect(tag(signature).toString('latin1', 0, 4)).toBe(type);
    for (const signature of ['rTRC', 'gTRC', 'bTRC']) expect(tag(signature).toString('latin1', 0, 4)).toBe('curv');
  });

  it('says sRGB, uses D50 and the adapted primaries, and has a rising sRGB curve', () => {
    const desc = tag('desc');
    expect(desc.toString('latin1', 12, 12 + desc.readUInt32BE(8) - 1)).toBe('sRGB IEC61966-2.1');
    const close = (actual: number[], expected: number[]) =>
      actual.forEach((value, i) => expect(value).toBeCloseTo(expected[i]!, 3));
    close(xyz(tag('wtpt')), [0.9642, 1, 0.8249]);
    close(xyz(tag('rXYZ')), [0.4361, 0.2225, 0.0139]);
    close(xyz(tag('gXYZ')), [0.3851, 0.7169, 0.0971]);
    close(xyz(tag('bXYZ')), [0.1431, 0.0606, 0.7141]);
    const curve = tag('rTRC');
    const count = curve.readUInt32BE(8);
    const values = Array.from({ length: count }, (_, i) => curve.readUInt16BE(12 + i * 2));
    expect(count).toBeGreaterThan(255);
    expect(values[0]).toBe(0);
    expect(values.at(-1)).toBe(65535);
    expect(values.every((value, i) => i === 0 || value >= values[i - 1]!)).toBe(true);
    // Mid-grey 0.5 encodes about 21.4 % linear light in sRGB.
    expect(values[Math.round((count - 1) / 2)]! / 65535).toBeCloseTo(0.214, 2);
  });

  it('is read by lcms2 (through poppler) and reproduces sRGB colours', () => {
    /** A one-page PDF whose page is filled with `rgb` in an ICCBased colour space built on `profile`. */
    const iccPdf = (profile: Uint8Array, rgb: [number, number, number]) => {
      const stream = deflateSync(profile);
      const content = `/CS0 cs ${rgb.join(' ')} sc 0 0 72 72 re f`;
      const objects: Buffer[] = [
        Buffer.from('<</Type /Catalog /Pages 2 0 R>>'),
        Buffer.from('<</Type /Pages /Kids [3 0 R] /Count 1>>'),
        Buffer.from('<</Type /Page /Parent 2 0 R /MediaBox [0 0 72 72] /Resources <</ColorSpace <</CS0 [/ICCBased 4 0 R]>>>> /Contents 5 0 R>>'),
        Buffer.concat([Buffer.from(`<</N 3 /Filter /FlateDecode /Length ${stream.length}>>\nstream\n`), stream, Buffer.from('\nendstream')]),
        Buffer.from(`<</Length ${content.length}>>\nstream\n${content}\nendstream`),
      ];
      const parts = [Buffer.from('%PDF-1.4\n')];
      const offsets: number[] = [];
      let at = parts[0]!.length;
      objects.forEach((object, i) => {
        const chunk = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`), object, Buffer.from('\nendobj\n')]);
        offsets.push(at);
        parts.push(chunk);
        at += chunk.length;
      });
      const xref = offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('');
      parts.push(Buffer.from(`xref\n0 6\n0000000000 65535 f \n${xref}trailer\n<</Size 6 /Root 1 0 R>>\nstartxref\n${at}\n%%EOF\n`));
      return Buffer.concat(parts);
    };
    const rendered = (pdf: Buffer, name: string) => {
      const path = save(`${name}.pdf`, pdf);
      execFileSync('pdftoppm', ['-r', '10', '-singlefile', path, join(dir, name)]);
      const ppm = readFileSync(join(dir, `${name}.ppm`));
      // P6, width, height, maxval, then one byte per sample: the first pixel is enough for a flat fill.
      const header = /^P6\s+\d+\s+\d+\s+255\s/.exec(ppm.toString('latin1', 0, 30))![0];
      return [...ppm.subarray(header.length, header.length + 3)];
    };

    const colour: [number, number, number] = [0.5, 0.2, 0.8];
    const expected = colour.map((value) => Math.round(value * 255));
    rendered(iccPdf(srgbIccProfile(), colour), 'srgb').forEach((value, i) => expect(Math.abs(value - expected[i]!)).toBeLessThanOrEqual(1));

    // Control: swapping the red and blue primaries must swap the rendered channels, which proves the profile
    // was parsed and applied rather than ignored in favour of plain DeviceRGB.
    const swapped = Buffer.from(srgbIccProfile());
    const red = Buffer.from(tag('rXYZ'));
    Buffer.from(tag('bXYZ')).copy(swapped, tags.find((entry) => entry.signature === 'rXYZ')!.offset);
    red.copy(swapped, tags.find((entry) => entry.signature === 'bXYZ')!.offset);
    const [r, g, b] = rendered(iccPdf(swapped, colour), 'swapped');
    expect(Math.abs(r! - expected[2]!)).toBeLessThanOrEqual(1);
    expect(Math.abs(g! - expected[1]!)).toBeLessThanOrEqual(1);
    expect(Math.abs(b! - expected[0]!)).toBeLessThanOrEqual(1);
  });

  it('hands out copies of one memoised profile', () => {
    const first = srgbIccProfile();
    first[0] = 0xff;
    expect(srgbIccProfile()[0]).toBe(icc[0]);
  });
});

describe("Ordelog's own XMP properties", () => {
  const fingerprint = `57:${'ab'.repeat(32)}`;
  const caseId = '3f2a9c1b-0000-4000-8000-000000000001';

  it('states the fingerprint and case in XMP (with the extension schema PDF/A asks for) and in Info, and qpdf agrees', async () => {
    const withOrdelog = toPdfA2b(threePages, { ...meta, ordelog: { fingerprint, caseId } });
    const path = save('ordelog.pdf', withOrdelog);
    expect(run('qpdf', ['--check', path])).toContain('No syntax or stream encoding errors found');
    const objects = qpdfObjects(path);
    const trailer = objects.trailer!.value as Record<string, unknown>;
    const info = dictOf(objects, trailer['/Info']);
    expect(info['/OrdelogFingerprint']).toBe(`u:${fingerprint}`);
    expect(info['/OrdelogCase']).toBe(`u:${caseId}`);

    const xmp = streamData(path, dictOf(objects, trailer['/Root'])['/Metadata']).toString('utf8');
    expect(readPdfMetadata(withOrdelog)).toEqual({ xmp, info: expect.any(Map) as unknown });
    const read = await page.evaluate(
      ({ source, namespace }) => {
        const { DOMParser } = globalThis as unknown as PageGlobals;
        const doc = new DOMParser().parseFromString(source, 'application/xml');
        if (doc.getElementsByTagName('parsererror').length > 0) return null;
        const text = (ns: string, name: string) => doc.getElementsByTagNameNS(ns, name)[0]?.textContent ?? null;
        return {
          fingerprint: text(namespace, 'fingerprint'),
          case: text(namespace, 'case'),
          schemaNamespace: text('http://www.aiim.org/pdfa/ns/schema#', 'namespaceURI'),
          schemaPrefix: text('http://www.aiim.org/pdfa/ns/schema#', 'prefix'),
          properties: Array.from(doc.getElementsByTagNameNS('http://www.aiim.org/pdfa/ns/property#', 'name')).map((node) => node.textContent),
        };
      },
      { source: xmp, namespace: ORDELOG_XMP_NAMESPACE },
    );
    expect(read).toEqual({
      fingerprint,
      case: caseId,
      schemaNamespace: ORDELOG_XMP_NAMESPACE,
      schemaPrefix: 'ordelog',
      properties: ['fingerprint', 'case'],
    });
  });

  it('writes none of them for a PDF that is not an export of a case', () => {
    const { xmp, info } = readPdfMetadata(converted);
    expect(xmp).not.toContain('ordelog:');
    expect(xmp).not.toContain('pdfaExtension');
    expect(info.has('OrdelogFingerprint')).toBe(false);
  });
});
