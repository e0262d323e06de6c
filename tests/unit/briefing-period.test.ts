import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAttachments } from '../../db/repositories/attachments';
import { entriesOfCase } from '../../db/repositories/entries';
import { addAttachment } from '../../main/services/attachments';
import { createCase } from '../../main/services/cases';
import { appendEntry, correctEntry } from '../../main/services/entries';
import { composeBriefingDocument } from '../../main/services/export-documents';
import { sessionFor, type Session } from '../../main/services/session';
import { recordSignal } from '../../main/services/signals';
import { briefingLimits, composeBriefingInput } from '../../shared/briefing';
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
    expect(asShown(document.timeline)).toEqual(shown(inPeriod.slice(-briefingLimits.timeline)));
    expect(document.timelineOmitted).toBe(Math.max(0, inPeriod.length - briefingLimits.timeline));
    const byId = new Map(all.map((entry) => [entry.id, entry]));
    expect(document.evidence.map((item) => item.entrySeq)).toEqual(
      listAttachments(session.db, caseId)
        .filter((attachment) => within(byId.get(attachment.entryId!)!.occurredAt, from, to) || within(attachment.addedAt, from, to))
        .map((attachment) => byId.get(attachment.entryId!)!.seq),
    );
    expect(document.fingerprint).toEqual({ entries: all.length, headHash: all.at(-1)!.hash });
  });
});
