import { describe, expect, it } from 'vitest';
import {
  briefingAnnexes,
  briefingDocumentSchema,
  withoutInternalLines,
  logDocumentSchema,
  type BriefingDocument,
  type DocumentEntry,
  type DocumentEvidence,
  type LogDocument,
} from '../../shared/briefing';
import { escapeHtml, visibleText } from '../../shared/briefing-html/escape';
import { formatGrading, formatSize } from '../../shared/briefing-html/format';
import { labels } from '../../shared/briefing-html/labels';
import { printJob, printMargins } from '../../shared/briefing-html/print';
import { renderBriefingBody, renderDocumentBody, renderLogBody } from '../../shared/briefing-html/render';
import { kernCuts } from '../../shared/briefing-html/render-briefing';
import { documentCss, printOnlyCss } from '../../shared/briefing-html/styles';

const headHash = 'a3f1c2d4e5b60718293a4b5c6d7e8f90112233445566778899aabbccddeeff00';
const photoHash = '0f1e2d3c4b5a69788796a5b4c3d2e1f00112233445566778899aabbccddeeff1';

function entry(seq: number, overrides: Partial<DocumentEntry> = {}): DocumentEntry {
  return {
    seq,
    type: 'waarneming',
    occurredAt: '2026-11-28T20:30:00.000Z',
    recordedAt: '2026-11-28T20:40:00.000Z',
    authorName: 'J. de Vries',
    text: `Groep van ongeveer 40 jongeren bij het winkelcentrum (regel ${seq}).`,
    source: 'Wijkagent',
    grading: 'B2',
    phaseName: 'Verspreiding en mobilisatie',
    personalData: false,
    redacted: false,
    correctsSeq: null,
    correctedBySeqs: [],
    signal: null,
    ...overrides,
  };
}

function signalEntry(seq: number, overrides: Partial<DocumentEntry> = {}): DocumentEntry {
  return entry(seq, {
    type: 'signaal',
    text: 'Oproep op TikTok om zaterdag om 22:00 naar het Marktplein te komen.',
    source: 'TikTok',
    grading: 'C3',
    signal: {
      platform: 'tiktok',
      channel: 'openbaar',
      url: 'https://www.tiktok.com/@voorbeeld/video/123',
      accountHandle: '@voorbeeld',
      postedAt: '2026-11-28T18:00:00.000Z',
      seenAt: '2026-11-28T19:15:00.000Z',
      reach: 12000,
      contentClass: 'ongewenst',
    },
    ...overrides,
  });
}

function evidence(overrides: Partial<DocumentEvidence> = {}): DocumentEvidence {
  return {
    entrySeq: 3,
    fileName: 'schermafbeelding-oproep.png',
    mediaType: 'image/png',
    size: 1_234_567,
    sha256: photoHash,
    addedAt: '2026-11-28T19:20:00.000Z',
    personalData: false,
    redacted: false,
    ...overrides,
  };
}

const common = {
  locale: 'nl' as const,
  case: {
    id: '3f2a9c1b-0000-4000-8000-000000000001',
    reference: 'DOSSIER-3F2A9C1B',
    title: 'Oproep Marktplein',
    municipality: 'Voorbeeldstad',
    classification: 'vertrouwelijk' as const,
    status: 'open' as const,
    contentClass: 'ongewenst' as const,
    phaseName: 'Verspreiding en mobilisatie',
  },
  redacted: false,
  generatedAt: '2026-11-28T20:45:00.000Z',
  generatedByName: 'J. de Vries',
  fingerprint: { entries: 213, headHash },
};

function briefing(overrides: Partial<BriefingDocument> = {}): BriefingDocument {
  return briefingDocumentSchema.parse({
    kind: 'briefing',
    ...common,
    number: 3,
    audience: 'driehoek',
    period: { from: '2026-11-28T12:00:00.000Z', to: '2026-11-28T20:45:00.000Z', since: 'previous' },
    annexes: [...briefingAnnexes],
    partner: null,
    timelineScope: 'key',
    summary: 'De oproep verspreidt zich snel.\nVerwacht: 150 tot 300 bezoekers.',
    risks: 'Confrontatie met omwonenden.',
    requestedDecisions: 'Instemming met een noodbevel voor het Marktplein.',
    changes: {
      previous: { number: 2, at: '2026-11-28T12:00:00.000Z' },
      entries: 14,
      signals: 5,
      decisions: 1,
      phaseChanges: 1,
      tasksOpened: 3,
      tasksDone: 2,
      attachments: 4,
    },
    keyEntries: [signalEntry(3), entry(4)],
    keyEntriesOmitted: 6,
    evidence: [evidence()],
    phase: {
      current: 'Verspreiding en mobilisatie',
      since: '2026-11-28T17:00:00.000Z',
      reason: 'Oproep gedeeld door drie accounts met groot bereik.',
      history: [
        { at: '2026-11-28T17:00:00.000Z', fromName: 'Online signaal / oproep', toName: 'Verspreiding en mobilisatie', reason: 'Bereik boven 10.000.', byName: 'J. de Vries' },
      ],
    },
    interventions: [
      { name: 'Gesprek met initiatiefnemer', type: 'interveniëren', status: 'toegepast', reason: 'Eerst de-escaleren.', effect: 'Geen.', at: '2026-11-28T18:00:00.000Z', byName: 'Jongerenwerk' },
      { name: 'Online gebiedsverbod', type: 'bestuursrechtelijk', status: 'afgewezen', reason: 'Geen openbare plaats.', effect: '', at: '2026-11-28T18:30:00.000Z', byName: 'J. de Vries' },
    ],
    decisions: [
      {
        number: 1,
        text: 'Noodbevel Marktplein van 21:00 tot 03:00.',
        decidedAt: '2026-11-28T19:30:00.000Z',
        decidedBy: 'burgemeester',
        legalBasis: 'art. 175 Gemeentewet — noodbevel',
        necessity: 'Ernstige vrees voor wanordelijkheden.',
        proportionality: 'Beperkt tot het plein en zes uur.',
        subsidiarity: 'Een bevel op grond van art. 172 lid 3 is onvoldoende.',
        inPeriod: true,
        deadlines: [{ label: 'Vervalt uiterlijk 12 uur na het besluit', dueAt: '2026-11-29T07:30:00.000Z', met: false, overdue: true }],
      },
    ],
    openActions: [
      { text: 'Communicatiebericht opstellen', owner: 'Communicatieadviseur', dueAt: '2026-11-28T19:00:00.000Z', status: 'bezig', overdue: true },
      { text: 'Ouders informeren', owner: null, dueAt: null, status: 'open', overdue: false },
    ],
    roles: [{ role: 'OOV-adviseur', holder: 'J. de Vries', organisation: 'Gemeente Voorbeeldstad', contact: '06-12345678', since: '2026-11-28T08:00:00.000Z' }],
    timeline: [entry(1), signalEntry(3), entry(4)],
    timelineOmitted: 12,
    ...overrides,
  });
}

function logDocument(overrides: Partial<LogDocument> = {}): LogDocument {
  return logDocumentSchema.parse({
    kind: 'logboek',
    ...common,
    entries: [entry(12, { correctedBySeqs: [15] }), signalEntry(13), entry(15, { type: 'notitie', correctsSeq: 12 })],
    evidence: [evidence({ entrySeq: 13 })],
    phaseHistory: [{ at: '2026-11-28T17:00:00.000Z', fromName: null, toName: 'Voedingsbodem / aanleiding', reason: 'Start.', byName: 'J. de Vries' }],
    ...overrides,
  });
}

/** Every tag in the output; escaped text holds no '<', so these are all the renderer's own. */
const tagsOf = (html: string): string[] => html.match(/<[^>]*>/g) ?? [];

const allowedTags = new Set(['article', 'header', 'section', 'h1', 'h2', 'h3', 'p', 'div', 'span', 'dl', 'dt', 'dd', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'ul', 'li', 'strong', 'br']);

function expectInertMarkup(html: string): void {
  for (const tag of tagsOf(html)) {
    const name = /^<\/?([a-z0-9]+)/.exec(tag)?.[1] ?? tag;
    expect(allowedTags, tag).toContain(name);
    expect(tag).not.toMatch(/\son\w+\s*=/i);
    expect(tag).not.toMatch(/\s(href|src|style)\s*=/i);
  }
  expect(html).not.toMatch(/<script/i);
}

const indexOfAll = (html: string, needles: string[]): number[] => needles.map((needle) => html.indexOf(needle));

describe('briefing html', () => {
  it('prints the sections in BOB order, in both locales', () => {
    const nl = renderBriefingBody(briefing());
    const order = indexOfAll(nl, [
      '<h1 class="kern-title">Briefing 3 · ',
      'Sinds briefing 2:',
      '<h2>Beeld</h2>',
      '<h2>Oordeel</h2>',
      '<h2>Besluit</h2>',
      '<h2>Wie bel je nu</h2>',
      '<h2>Bijlage 1 — Besluiten en afweging</h2>',
      '<h2>Bijlage 2 — Openstaande acties</h2>',
      '<h2>Bijlage 3 — Signalen en bewijsstukken</h2>',
      '<h3>Bewijsstukken</h3>',
      '<h2>Bijlage 4 — Faseverloop</h2>',
      '<h2>Bijlage 5 — Interventies</h2>',
      '<h2>Bijlage 6 — Rollen en contacten</h2>',
      '<h2>Bijlage 7 — Tijdlijn (uittreksel)</h2>',
    ]);
    expect(order.every((position) => position >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(nl.startsWith('<article class="ordelog-doc" lang="nl">')).toBe(true);

    const en = renderBriefingBody(briefing({ locale: 'en' }));
    expect(en.startsWith('<article class="ordelog-doc" lang="en">')).toBe(true);
    const enOrder = indexOfAll(en, ['<h2>Picture (Beeld)</h2>', '<h2>Assessment (Oordeel)</h2>', '<h2>Decision (Besluit)</h2>']);
    expect(enOrder.every((position) => position >= 0)).toBe(true);
    expect([...enOrder].sort((a, b) => a - b)).toEqual(enOrder);
  });

  it('prints the front block, the full fingerprint, counts and omissions', () => {
    const html = renderBriefingBody(briefing());
    for (const text of ['Oproep Marktplein', 'DOSSIER-3F2A9C1B · Voorbeeldstad', 'Lokale driehoek', 'VERTROUWELIJK', 'za 28-11-2026 21:45', 'Opgesteld', 'za 28-11-2026 21:45 door J. de Vries', '213 regels · laatste hash', 'Sinds briefing 2:', 'vanaf het einde van briefing 2 (za 28-11-2026 13:00) – za 28-11-2026 21:45', '… en 6 meer in het logboek', '… 12 regels niet getoond', 'TERMIJN VERSTREKEN', 'TE LAAT', 'nog niemand', 'art. 175 Gemeentewet — noodbevel', 'TikTok', '1,2 MB', 'C3 — redelijk betrouwbaar, mogelijk juist']) {
      expect(html).toContain(escapeHtml(text));
    }
    // Whole and in one span, so PDF text extraction finds the 64 hex digits as one word.
    expect(html).toContain(`<span class="hash">${headHash}</span>`);
    expect(html).toContain(`<span class="hash">${photoHash}</span>`);
    expect(html).toContain('Nieuwe regels <strong>14</strong>');
    expect(html).not.toContain('GELAKTE VERSIE');
    expectInertMarkup(html);
  });

  it('says in words when a section is empty and when it is the first briefing', () => {
    const html = renderBriefingBody(
      briefing({
        summary: '',
        requestedDecisions: '',
        changes: { previous: null, entries: 0, signals: 0, decisions: 0, phaseChanges: 0, tasksOpened: 0, tasksDone: 0, attachments: 0 },
        keyEntries: [],
        keyEntriesOmitted: 0,
        evidence: [],
        interventions: [],
        decisions: [],
        openActions: [],
        roles: [],
        timeline: [],
        timelineOmitted: 0,
      }),
    );
    for (const text of ['In deze periode:', 'Er wordt nu geen besluit gevraagd.', 'Geen lopende wettelijke termijnen.', 'Geen rollen bezet.', 'Geen besluiten in deze periode.', 'Geen bewijsstukken.', 'Geen openstaande acties.', 'Geen rollen toegewezen.', 'Geen regels in deze periode.', 'Niets ingevuld.']) {
      expect(html).toContain(text);
    }
    expect(html).not.toContain('meer in het logboek');
    expect(html).not.toContain('niet getoond');
  });

  it('neutralises hostile text everywhere and makes no links', () => {
    const hostile = ['<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '"><svg onload=alert(1)>', "'><a href='javascript:alert(1)'>x</a>"];
    const longWord = 'x'.repeat(3000);
    const rtl = 'factuur\u202Egnp.exe';
    const evil = hostile.join(' ');
    const doc = briefing({
      case: { ...common.case, title: evil, municipality: evil },
      generatedByName: evil,
      summary: `${evil}\n${longWord}\n${rtl}`,
      risks: evil,
      keyEntries: [signalEntry(3, { text: evil, source: evil, signal: { ...signalEntry(3).signal!, url: 'javascript:alert(1)', accountHandle: evil } })],
      evidence: [evidence({ fileName: evil, mediaType: evil })],
      roles: [{ role: evil, holder: evil, organisation: evil, contact: evil, since: '2026-11-28T08:00:00.000Z' }],
      timeline: [entry(1, { text: evil, authorName: evil, phaseName: evil })],
    });
    const job = printJob(doc);
    for (const html of [renderBriefingBody(doc), job.html]) {
      expectInertMarkup(html.replace(/^<!doctype html>/, '').replace(/<meta [^>]*>/g, '').replace(/<\/?(html|head|title|style|body)[^>]*>/g, ''));
      for (const text of hostile) expect(html).toContain(escapeHtml(text));
      expect(html).toContain('javascript:alert(1)');
      expect(html).toContain(longWord);
      expect(html).toContain('<span class="ctl">‹U+202E›</span>');
      expect(html).not.toMatch(/[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/);
    }
    expect(job.headerTemplate + job.footerTemplate).not.toMatch(/<script|\son\w+=|href=|src=/i);
  });

  it('leaves out what a redacted entry and file held, also in the header and footer', () => {
    const secrets = ['Jan Jansen woont op Dorpsstraat 1', 'Buurtbewoner Piet', 'https://tiktok.com/@geheimaccount/video/9', '@geheimaccount', 'foto-jan-jansen.jpg'];
    const redactedEntry = signalEntry(3, {
      redacted: true,
      personalData: true,
      text: secrets[0]!,
      source: secrets[1]!,
      signal: { ...signalEntry(3).signal!, url: secrets[2]!, accountHandle: secrets[3]! },
    });
    const redactedFile = evidence({ fileName: secrets[4]!, redacted: true, personalData: true });
    const docs = [
      briefing({ redacted: true, keyEntries: [redactedEntry], timeline: [redactedEntry], evidence: [redactedFile] }),
      logDocument({ redacted: true, entries: [redactedEntry], evidence: [redactedFile] }),
    ];
    for (const doc of docs) {
      const job = printJob(doc);
      const everything = job.html + job.headerTemplate + job.footerTemplate + job.title;
      for (const secret of secrets) expect(everything).not.toContain(escapeHtml(secret));
      expect(everything).not.toContain('06-12345678');
      expect(job.html).toContain('[weggelakt: persoonsgegevens]');
      expect(job.html).toContain(photoHash);
      expect(job.html).toContain('GELAKTE VERSIE');
      expect(job.headerTemplate).toContain('GELAKTE VERSIE');
    }
  });
});

describe('the kernbriefing', () => {
  const kernOf = (html: string) => html.slice(html.indexOf('<section class="kern">'), html.indexOf('<section class="annex'));

  it('holds Beeld, Oordeel, Besluit and who to call now, with at most five one-line key entries and numbered boxes', () => {
    const html = renderBriefingBody(
      briefing({
        keyEntries: Array.from({ length: 8 }, (_, index) => signalEntry(20 + index)),
        keyEntriesOmitted: 2,
        requestedDecisions: '- Instemming met een noodbevel voor het Marktplein\n2. Cameratoezicht tot 03:00\n\n* Bericht aan ouders via de scholen',
        generatedAt: '2026-11-28T20:45:00.000Z',
        decisions: [
          {
            ...briefing().decisions[0]!,
            deadlines: [
              { label: 'Bekrachtiging door de raad', dueAt: '2026-11-29T00:05:00.000Z', met: false, overdue: false },
              { label: 'Verslag aan de raad', dueAt: '2026-11-28T19:40:00.000Z', met: false, overdue: true },
              { label: 'Kennisgeving', dueAt: '2026-11-28T18:00:00.000Z', met: true, overdue: false },
            ],
          },
        ],
      }),
    );
    const kern = kernOf(html);
    expect(kern.indexOf('<h2>Beeld</h2>')).toBeLessThan(kern.indexOf('<h2>Oordeel</h2>'));
    expect(kern.indexOf('<h2>Oordeel</h2>')).toBeLessThan(kern.indexOf('<h2>Besluit</h2>'));
    expect(kern.indexOf('<h2>Besluit</h2>')).toBeLessThan(kern.indexOf('<h2>Wie bel je nu</h2>'));
    expect(kern.match(/<ul class="key-lines">(.*?)<\/ul>/)?.[1]?.match(/<li>/g)).toHaveLength(5);
    expect(kern).toContain('… en 5 meer in de bijlagen');
    expect(kern).toContain('<strong>Signaal</strong> <span class="kl-grade">C3</span>');
    // Asked decisions: one per line, list marks taken off, numbered, each with a box to tick on paper.
    expect(kern.match(/<span class="tick" aria-hidden="true"><\/span><span class="n">\d\.<\/span>/g)).toHaveLength(3);
    expect(kern).toContain('<span class="n">2.</span><span class="ut clamp-2">Cameratoezicht tot 03:00</span>');
    // Deadlines in words: the overdue one first, what was met left out.
    expect(kern).toContain('Verslag aan de raad (besluit 1)</span>: <strong class="warning">VERLOPEN: 1 uur en 5 min over tijd (sinds za 28-11-2026 20:40)</strong>');
    expect(kern).toContain('Bekrachtiging door de raad (besluit 1)</span>: loopt nog 3 uur en 20 min, tot zo 29-11-2026 01:05');
    expect(kern).not.toContain('Kennisgeving');
    expect(kern).toContain('06-12345678');
    expect(kern).toContain('vanaf het einde van briefing 2');
    expect(kern).toContain(`<span class="hash">${headHash}</span>`);
    expect(kern).toContain('1. Besluiten en afweging · 2. Openstaande acties');
    expect(kernCuts(briefing())).toEqual([]);
    expect(html).not.toContain('Toelichting van de opsteller');
  });

  it('shortens an author text that does not fit page 1, and prints it whole in the first annex', () => {
    const long = Array.from({ length: 14 }, (_, index) => `Alinea ${index + 1}: de oproep wordt gedeeld in drie groepsapps en op TikTok.`).join('\n');
    const asked = Array.from({ length: 9 }, (_, index) => `Besluit ${index + 1} over het plein`).join('\n');
    const doc = briefing({ summary: long, requestedDecisions: asked, annexes: ['besluiten'] });
    expect(kernCuts(doc)).toEqual(['summary', 'requestedDecisions']);
    const html = renderBriefingBody(doc);
    const kern = kernOf(html);
    expect(kern).toContain('<div class="ut block clamp-5">');
    expect(kern.match(/Ingekort; de volledige tekst staat in bijlage 1\./g)).toHaveLength(2);
    expect(kern.match(/<span class="tick"/g)).toHaveLength(4);
    expect(html).toContain('<h2>Bijlage 1 — Toelichting van de opsteller (volledige tekst)</h2>');
    expect(html).toContain('<h2>Bijlage 2 — Besluiten en afweging</h2>');
    const annex = html.slice(html.indexOf('Bijlage 1 — Toelichting'));
    expect(annex).toContain('Alinea 14:');
    expect(annex).toContain('Besluit 9 over het plein');
  });

  it('leaves out the contact numbers of a redacted briefing', () => {
    const kern = kernOf(renderBriefingBody(briefing({ redacted: true })));
    expect(kern).not.toContain('06-12345678');
    expect(kern).toContain('[weggelakt: persoonsgegevens]');
  });
});

describe('a partner version', () => {
  it('says for whom under the classification on every page, the name shown as typed', () => {
    const job = printJob(briefing({ partner: 'Politie basisteam\u202E Lindedorp', redacted: true }));
    expect(job.headerTemplate).toContain('VERSIE VOOR Politie basisteam<span class="ctl">‹U+202E›</span> Lindedorp');
    expect(job.html).toContain('<p class="classification">VERSIE VOOR Politie basisteam<span class="ctl">‹U+202E›</span> Lindedorp</p>');
    expect(printJob(briefing()).headerTemplate).not.toContain('VERSIE VOOR');
    expect(withoutInternalLines('Voor iedereen.\n[intern] Alleen voor ons.\n  [INTERN] ook niet.\nWel weer.')).toBe('Voor iedereen.\nWel weer.');
  });
});

describe('a long entry', () => {
  it('may break between its lines, each line kept whole, while short entries stay together', () => {
    const lines = Array.from({ length: 20 }, (_, n) => `Regel ${n + 1} van een lang verslag.`);
    const html = renderBriefingBody(briefing({ timeline: [entry(1, { text: lines.join('\n') }), entry(2)], annexes: ['tijdlijn'] }));
    expect(html).toContain('<tbody class="item long">');
    expect(html.match(/<span class="para">/g)).toHaveLength(20);
    expect(html).toContain('<span class="para">Regel 20 van een lang verslag.</span>');
    expect(html.match(/<tbody class="item">/g)).toHaveLength(1);
    expectInertMarkup(html);
  });
});

describe('log export html', () => {
  it('prints every entry with both times, corrections, phases and evidence', () => {
    const doc = logDocument();
    const html = renderLogBody(doc);
    expect(renderDocumentBody(doc)).toBe(html);
    for (const text of ['<h1>Logboek</h1>', '<td>12</td>', '<td>13</td>', '<td>15</td>', 'gecorrigeerd door regel 15', 'corrigeert regel 12', 'Gebeurd', 'Vastgelegd', '<td>28-11-2026 21:30</td><td>21:40</td>', 'Fase: <span class="ut">Verspreiding en mobilisatie</span>', 'Faseverloop', 'Bewijsstukken', photoHash, `laatste hash <span class="hash">${headHash}</span>`, 'Adres (als tekst)']) {
      expect(html).toContain(text);
    }
    expect(html.indexOf('<td>12</td>')).toBeLessThan(html.indexOf('<td>13</td>'));
    expectInertMarkup(html);
  });
});

describe('times in the hour that occurs twice', () => {
  const first = '2026-10-25T00:30:00.000Z';
  const second = '2026-10-25T01:30:00.000Z';

  it('carry their zone in the log table, the briefing and the front block; other times stay short', () => {
    const log = renderLogBody(logDocument({ entries: [entry(12, { occurredAt: first, recordedAt: second }), entry(13)] }));
    // Happened in the first 02:30, recorded the same day in the second: the recorded column shows the time alone.
    expect(log).toContain('<td>25-10-2026 02:30 CEST</td><td>02:30 CET</td>');
    expect(log).toContain('<td>28-11-2026 21:30</td><td>21:40</td>');

    const brief = renderBriefingBody(briefing({ generatedAt: second, timeline: [entry(1, { occurredAt: first })] }));
    expect(brief).toContain('zo 25-10-2026 02:30 CEST');
    expect(brief).toContain('zo 25-10-2026 02:30 CET');
    expect(renderBriefingBody(briefing({ locale: 'en', generatedAt: first }))).toContain('Sun 25 Oct 2026 02:30 CEST');
  });
});

describe('print job', () => {
  it('builds a complete, locked-down page and templates for every page', () => {
    const job = printJob(briefing());
    expect(job.html.startsWith('<!doctype html><html lang="nl"><head><meta charset="utf-8">')).toBe(true);
    expect(job.html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:"`);
    expect(job.html).toContain('<body><article class="ordelog-doc"');
    expect(job.title).toBe('Briefing 3 — DOSSIER-3F2A9C1B');
    expect(job.headerTemplate).toContain('VERTROUWELIJK');
    expect(job.headerTemplate).toContain('DOSSIER-3F2A9C1B · Briefing 3');
    expect(job.headerTemplate).not.toContain('GELAKTE VERSIE');
    expect(job.headerTemplate).toMatch(/font-size:\s*8pt/);
    expect(job.footerTemplate).toContain('pagina <span class="pageNumber"></span> van <span class="totalPages"></span>');
    expect(job.footerTemplate).toContain(`213 regels · laatste hash ${headHash.slice(0, 16)}`);
    expect(job.footerTemplate).not.toContain(headHash.slice(0, 17));
    expect(printJob(logDocument()).headerTemplate).toContain('Logboek');
    expect(printJob(briefing({ locale: 'en', redacted: true })).headerTemplate).toContain('CONFIDENTIAL (VERTROUWELIJK)');
  });

  it('keeps the page margins in one place', () => {
    expect(printOnlyCss('portrait')).toContain('size: A4 portrait');
    expect(printOnlyCss('landscape')).toContain('size: A4 landscape');
    expect(printOnlyCss('portrait')).toContain(`margin: ${printMargins.top}mm ${printMargins.right}mm ${printMargins.bottom}mm ${printMargins.left}mm`);
  });
});

describe('document css', () => {
  it('scopes every selector under .ordelog-doc and has no at-rules', () => {
    expect(documentCss).not.toContain('@');
    const css = documentCss.replace(/\/\*[\s\S]*?\*\//g, '');
    const selectors = [...css.matchAll(/([^{}]+)\{[^{}]*\}/g)].flatMap((match) => match[1]!.split(','));
    expect(selectors.length).toBeGreaterThan(20);
    for (const selector of selectors) expect(selector.trim()).toMatch(/^(\.ordelog-preview > )?\.ordelog-doc(?![\w-])/);
    expect(documentCss).toContain('.ordelog-doc.preview');
    expect(documentCss).toContain('display: table-header-group');
  });
});

describe('escaping', () => {
  it('escapes the five special characters', () => {
    expect(escapeHtml(`&<>"'`)).toBe('&amp;&lt;&gt;&quot;&#39;');
  });

  // The screens' token ⟨U+202E⟩ with brackets the shipped document fonts have (see `documentToken`).
  it('shows hidden characters as tokens and keeps line breaks, tabs and emoji', () => {
    expect(visibleText('a\u202Eb')).toBe('a<span class="ctl">‹U+202E›</span>b');
    expect(visibleText('a\u0000b\u009Fc\u2066d\uFEFF')).toBe(
      'a<span class="ctl">‹U+0000›</span>b<span class="ctl">‹U+009F›</span>c<span class="ctl">‹U+2066›</span>d<span class="ctl">‹U+FEFF›</span>',
    );
    expect(visibleText('regel 1\r\nregel 2\n<b>')).toBe('regel 1<br>regel 2<br>&lt;b&gt;');
    expect(visibleText('a\tb')).toBe('a\tb');
    expect(visibleText('👩\u200D👩\u200D👧')).toBe('👩\u200D👩\u200D👧');
    expect(visibleText('x\uD800y')).toBe('x<span class="ctl">‹U+D800›</span>y');
  });
});

describe('formatting', () => {
  it('prints sizes and gradings', () => {
    expect(formatSize(1_234_567, 'nl', labels.nl.sizeUnits)).toBe('1,2 MB');
    expect(formatSize(1_234_567, 'en', labels.en.sizeUnits)).toBe('1.2 MB');
    expect(formatSize(532, 'nl', labels.nl.sizeUnits)).toBe('532 B');
    expect(formatGrading('B2', labels.nl)).toBe('B2 — meestal betrouwbaar, waarschijnlijk juist');
    expect(formatGrading(null, labels.nl)).toBe('niet beoordeeld');
    expect(formatGrading('Z9', labels.nl)).toBe('Z9');
  });
});

describe('labels', () => {
  it('has the same keys, of the same kind, in nl and en', () => {
    const shape = (value: unknown): unknown =>
      value !== null && typeof value === 'object' && !Array.isArray(value)
        ? Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, shape(inner)]).sort(([a], [b]) => String(a).localeCompare(String(b))))
        : typeof value;
    expect(shape(labels.en)).toEqual(shape(labels.nl));
  });
});
