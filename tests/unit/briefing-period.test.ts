import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAttachments } from '../../db/repositories/attachments';
import { entriesOfCase } from '../../db/repositories/entries';
import { addAttachment } from '../../main/services/attachments';
import { createCase } from '../../main/services/cases';
import { appendEntry, correctEntry } from '../../main/services/entries';
import { composeBriefingDocument } from '../../main/services/export-documents';
import { sessionFor, type Session } from '../../main/services/session';
import { recordSignal } from '../../main/services/signals';
import { briefingLimits, composeBriefingInput, timelineKeyTypes } from '../../shared/briefing';
import { recordExport } from '../../main/services/export-register';
import { renderBriefingBody } from '../../shared/briefing-html/render';
import type { Entry } from '../../shared/views';
import { createTestVault, type TestVault } from '../helpers/vault';

/**
 * The briefing reads only its period, its shown entries and the log's head. What it shows must be exactly what the
 * whole log, filtered by hand, says: the counts, the key entries newest first, the last entries in log order, what
 * they point to, the evidence of the period and the fingerprint.
 */

let test: TestVault;
let session: Session;
let caseId: string;
const base = Date.parse('2026-06-05T18:00:00Z');
const minute = (n: number) => new Date(base + n * 60_000).toISOString();
const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex').toString('base64');

beforeAll(async () => {
  test = await createTestVault();
  session = sessionFor(test.vault, 'app');
  caseId = createCase(session, { title: 'Oproep tot rellen bij het station', openedAt: minute(-100) }).id;
  const types = ['waarneming', 'actie', 'overleg', 'notitie', 'communicatie'] as const;
  for (let i = 0; i < 260; i += 1) {
    // Recorded in order, happened a little out of it: reports come in late.
    const at = minute(i % 9 === 0 ? i - 20 : i);
    const entry = appendEntry(session, { caseId, type: types[i % types.length]!, text: `Regel ${i}`, occurredAt: at });
    if (i % 50 === 7) correctEntry(session, { entryId: entry.id, text: `Regel ${i}, gecorrigeerd` });
  }
  for (let i = 0; i < 6; i += 1) {
    const signal = recordSignal(session, { caseId, text: `Oproep ${i}`, platform: 'tiktok', channel: 'openbaar', sourceReliability: 'B', informationCredibility: '2', seenAt: minute(i * 40) });
    if (i % 2 === 0) addAttachment(session, { caseId, entryId: signal.entry.id, fileName: `oproep-${i}.png`, mediaType: 'image/png', data: png });
  }
});

afterAll(() => test.cleanup());

const within = (at: string, from: string | null, to: string) => (from === null || at >= from) && at <= to;

describe('the briefing of a period', () => {
  it.each([
    ['the whole log', null, minute(400)],
    ['an hour in the middle', minute(60), minute(120)],
    ['a stretch with nothing', minute(-1000), minute(-900)],
  ])('shows what the whole log says for %s', (_name, from, to) => {
    const document = composeBriefingDocument(session, composeBriefingInput.parse({ caseId, from, to, summary: '', risks: '', requestedDecisions: '' }));
    const all = entriesOfCase(session.db, caseId);
    const inPeriod = all.filter((entry) => within(entry.occurredAt, from, to));
    const key = inPeriod
      .filter((entry) => entry.type === 'signaal' || entry.type === 'waarneming')
      .sort((a, b) => (a.occurredAt < b.occurredAt ? 1 : a.occurredAt > b.occurredAt ? -1 : b.seq - a.seq));
    const seqOf = new Map(all.map((entry) => [entry.id, entry.seq]));
    const shown = (entries: Entry[]) =>
      entries.map((entry) => ({
        seq: entry.seq,
        correctsSeq: entry.correctsEntryId ? seqOf.get(entry.correctsEntryId) : null,
        correctedBySeqs: entry.correctedByIds.map((id) => seqOf.get(id)),
        signal: entry.type === 'signaal',
      }));
    const asShown = (entries: typeof document.keyEntries) =>
      entries.map((entry) => ({ seq: entry.seq, correctsSeq: entry.correctsSeq, correctedBySeqs: entry.correctedBySeqs, signal: entry.signal !== null }));

    expect(document.changes.entries).toBe(inPeriod.length);
    expect(document.changes.signals).toBe(inPeriod.filter((entry) => entry.type === 'signaal').length);
    expect(asShown(document.keyEntries)).toEqual(shown(key.slice(0, briefingLimits.keyEntries)));
    expect(document.keyEntriesOmitted).toBe(Math.max(0, key.length - briefingLimits.keyEntries));
    // The timeline excerpt: the latest key entries of the period, in the order they happened.
    const keyOfTimeline = inPeriod
      .filter((entry) => (timelineKeyTypes as readonly string[]).includes(entry.type))
      .sort((a, b) => (a.occurredAt < b.occurredAt ? -1 : a.occurredAt > b.occurredAt ? 1 : a.seq - b.seq));
    expect(asShown(document.timeline)).toEqual(shown(keyOfTimeline.slice(-briefingLimits.timeline)));
    expect(document.timelineScope).toBe('key');
    expect(document.timelineOmitted).toBe(Math.max(0, keyOfTimeline.length - briefingLimits.timeline));
    const byId = new Map(all.map((entry) => [entry.id, entry]));
    expect(document.evidence.map((item) => item.entrySeq)).toEqual(
      listAttachments(session.db, caseId)
        .filter((attachment) => within(byId.get(attachment.entryId!)!.occurredAt, from, to) || within(attachment.addedAt, from, to))
        .map((attachment) => byId.get(attachment.entryId!)!.seq),
    );
    expect(document.fingerprint).toEqual({ entries: all.length, headHash: all.at(-1)!.hash });
  });
});

describe('successive briefings', () => {
  /** Composes a briefing and records it as exported, as `exportBriefing` does after printing. */
  function brief(input: { to: string; from?: string | null; fromStart?: boolean }) {
    const document = composeBriefingDocument(session, composeBriefingInput.parse({ caseId, summary: '', risks: '', requestedDecisions: '', ...input }));
    recordExport(session, {
      caseId,
      kind: 'briefing',
      audience: document.audience,
      periodFrom: document.period.from,
      periodTo: document.period.to,
      fingerprint: document.fingerprint,
      classification: document.case.classification,
      redacted: false,
      pageCount: 1,
      sha256: '0'.repeat(64),
      size: 1,
    });
    return document;
  }

  it('each count from the end of the period the previous one covered, with "Vanaf" left empty, and say so', () => {
    const all = entriesOfCase(session.db, caseId);
    const count = (from: string | null, to: string) => all.filter((entry) => (from === null || entry.occurredAt > from) && entry.occurredAt <= to).length;
    const first = brief({ to: minute(100), from: null });
    const second = brief({ to: minute(200), from: null });
    const third = brief({ to: minute(300) });
    expect(first.period).toMatchObject({ from: null, since: 'start' });
    expect(first.changes.entries).toBe(count(null, minute(100)));
    expect(second.period.since).toBe('previous');
    expect(second.changes.previous?.number).toBe(1);
    expect(second.changes.entries).toBe(count(minute(100), minute(200)));
    expect(third.changes.entries).toBe(count(minute(200), minute(300)));
    // Nothing counted twice, nothing left out: the three periods together hold the log up to the last one's end.
    expect(first.changes.entries + second.changes.entries + third.changes.entries).toBe(count(null, minute(300)));
    expect(renderBriefingBody(third)).toContain('vanaf het einde van briefing 2 (');
    // The whole case again, when asked for.
    const whole = composeBriefingDocument(session, composeBriefingInput.parse({ caseId, fromStart: true, to: minute(300) }));
    expect(whole.period).toMatchObject({ from: null, since: 'start' });
    expect(whole.changes.entries).toBe(count(null, minute(300)));
    expect(renderBriefingBody(whole)).toContain('het begin van het dossier – ');
  });
});
