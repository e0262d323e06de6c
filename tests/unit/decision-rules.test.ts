import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportCase } from '../../main/services/case-export';
import { createCase } from '../../main/services/cases';
import { listDecisions, listLegalBases, recordDecision, setCouncilMeeting } from '../../main/services/decisions';
import { appendEntry, listEntries } from '../../main/services/entries';
import { listTasks } from '../../main/services/tasks';
import { OrdelogError, type ErrorCode } from '../../shared/errors';
import { decisionSchema } from '../../shared/views';
import { fillLargeCase } from '../helpers/timeline-case';
import { openCaseStore, type CaseStore } from './support/case-store';

/**
 * What the law attaches to a decision: the council meeting that must ratify a noodverordening (or an explicit
 * "not known yet" that stays an open risk), the duties to inform that become tasks, and the entries it rests on.
 */

let fixture: CaseStore;
beforeEach(() => {
  fixture = openCaseStore();
});
afterEach(() => fixture.dispose());

const editor = () => fixture.sessions.redacteur;
const reader = () => fixture.sessions.lezer;

function refusal(work: () => unknown): { code: ErrorCode; detail: string | undefined; fields?: { nl: string; en: string }[] } {
  try {
    work();
  } catch (error) {
    if (error instanceof OrdelogError) return { code: error.code, detail: error.detail, ...(error.fields ? { fields: error.fields.map(({ nl, en }) => ({ nl, en })) } : {}) };
    throw error;
  }
  throw new Error('expected an OrdelogError');
}

const logOf = (caseId: string) => listEntries(reader(), { caseId, limit: 500 }).entries.map((entry) => entry.text);
const auditCount = (action: string) =>
  (fixture.store.sqlite.prepare('SELECT count(*) AS n FROM audit_lines WHERE action = ? AND result = ?').get(action, 'ok') as { n: number }).n;
const decided = '2026-03-04T19:30:00+01:00';
const noodverordening = (caseId: string) => ({
  caseId,
  decidedBy: 'burgemeester' as const,
  legalBasisId: 'gemw-176',
  text: 'Noodverordening Stationsplein',
  decidedAt: decided,
});

describe('the council meeting of a noodverordening (art. 176)', () => {
  it('takes the meeting date or an explicit "not known yet", never neither and never both', () => {
    const caseId = createCase(editor(), { title: 'Raad' }).id;
    expect(refusal(() => recordDecision(editor(), noodverordening(caseId)))).toEqual({
      code: 'INVALID_INPUT',
      detail: 'councilMeetingAt',
      fields: [
        {
          nl: 'Raadsvergadering: vul de datum van de eerstvolgende raadsvergadering in, of leg vast dat die nog niet bekend is',
          en: "Council meeting: fill in the date of the council's next meeting, or record that it is not known yet",
        },
      ],
    });
    expect(
      refusal(() => recordDecision(editor(), { ...noodverordening(caseId), councilMeetingAt: '2026-03-17T19:30:00+01:00', councilMeetingUnknown: true }))
        .detail,
    ).toBe('councilMeetingUnknown');
    expect(listDecisions(reader(), { caseId })).toEqual([]);
    expect(listTasks(reader(), { caseId })).toEqual([]);
    // A basis without ratification needs neither.
    expect(recordDecision(editor(), { caseId, decidedBy: 'burgemeester', legalBasisId: 'gemw-175', text: 'Noodbevel' }).deadlines).toEqual([]);
  });

  it('records "not known yet" as an open ratification in the log, and completes the date later as a logged addition', () => {
    const caseId = createCase(editor(), { title: 'Raad' }).id;
    recordDecision(editor(), { caseId, decidedBy: 'driehoek', text: 'Capaciteit' });
    recordDecision(editor(), { caseId, decidedBy: 'driehoek', text: 'Overleg' });
    const decision = recordDecision(editor(), { ...noodverordening(caseId), councilMeetingUnknown: true });
    expect(decision).toMatchObject({ number: 3, councilMeetingAt: null });
    expect(decision.deadlines).toEqual([{ kind: 'council-ratification', label: expect.any(String), dueAt: null, met: false }]);
    expect(logOf(caseId)).toContain('Besluit 3: de datum van de eerstvolgende raadsvergadering is nog niet bekend; de bekrachtiging door de raad staat open.');

    const completed = setCouncilMeeting(editor(), { decisionId: decision.id, councilMeetingAt: '2026-03-17T19:30:00+01:00' });
    expect(decisionSchema.parse(completed)).toMatchObject({ councilMeetingAt: '2026-03-17T18:30:00.000Z' });
    expect(completed.deadlines[0]).toMatchObject({ dueAt: '2026-03-17T18:30:00.000Z', met: false });
    expect(logOf(caseId).at(-1)).toBe('Besluit 3: de raadsvergadering is op di 17-03-2026 19:30.');
    // The decision row stays as it was recorded: the date is an appended addition, read with the decision.
    expect(fixture.store.sqlite.prepare('SELECT council_meeting_at AS at FROM decisions WHERE id = ?').get(decision.id)).toEqual({ at: null });
    expect(listDecisions(reader(), { caseId }).at(-1)!.councilMeetingAt).toBe('2026-03-17T18:30:00.000Z');
    expect(exportCase(reader(), { caseId }).decisions!.at(-1)!.councilMeetingAt).toBe('2026-03-17T18:30:00.000Z');

    // The meeting moves: a newer addition wins and the log says what it was.
    setCouncilMeeting(editor(), { decisionId: decision.id, councilMeetingAt: '2026-03-19T20:00:00+01:00' });
    expect(logOf(caseId).at(-1)).toBe('Besluit 3: de datum van de raadsvergadering is gewijzigd in do 19-03-2026 20:00 (was di 17-03-2026 19:30).');
    expect(listDecisions(reader(), { caseId }).at(-1)!.councilMeetingAt).toBe('2026-03-19T19:00:00.000Z');
    expect(refusal(() => setCouncilMeeting(editor(), { decisionId: decision.id, councilMeetingAt: '2026-03-19T19:00:00Z' })).code).toBe('CONFLICT');
    expect(auditCount('decision.councilMeeting')).toBe(2);
  });

  it('refuses a meeting date for a decision that needs no ratification, and any addition by a reader', () => {
    const caseId = createCase(editor(), { title: 'Raad' }).id;
    const order = recordDecision(editor(), { caseId, decidedBy: 'burgemeester', legalBasisId: 'gemw-175', text: 'Noodbevel' });
    expect(refusal(() => setCouncilMeeting(editor(), { decisionId: order.id, councilMeetingAt: '2026-03-17T19:30:00+01:00' })).fields).toEqual([
      { nl: 'Besluit: dit besluit vraagt geen bekrachtiging door de raad', en: 'Decision: this decision needs no ratification by the council' },
    ]);
    const bylaw = recordDecision(editor(), { ...noodverordening(caseId), councilMeetingUnknown: true });
    expect(refusal(() => setCouncilMeeting(reader(), { decisionId: bylaw.id, councilMeetingAt: '2026-03-17T19:30:00+01:00' })).code).toBe('FORBIDDEN');
    expect(refusal(() => setCouncilMeeting(editor(), { decisionId: 'onbekend', councilMeetingAt: '2026-03-17T19:30:00+01:00' })).code).toBe('NOT_FOUND');
    expect(listDecisions(reader(), { caseId })[1]!.councilMeetingAt).toBeNull();
  });
});

describe('duties to inform', () => {
  it('puts informing the council, the King’s Commissioner and the chief prosecutor on the action list with the decision', () => {
    const caseId = createCase(editor(), { title: 'Raad' }).id;
    const decision = recordDecision(editor(), { ...noodverordening(caseId), councilMeetingAt: '2026-03-17T19:30:00+01:00' });
    const tasks = listTasks(reader(), { caseId });
    expect(tasks.map((task) => task.text)).toEqual([
      'Besluit 1 zo spoedig mogelijk ter kennis brengen van de gemeenteraad (Gemeentewet art. 176 lid 2).',
      'Besluit 1 zo spoedig mogelijk ter kennis brengen van de Commissaris van de Koning (Gemeentewet art. 176 lid 2).',
      'Besluit 1 zo spoedig mogelijk ter kennis brengen van de hoofdofficier van justitie (Gemeentewet art. 176 lid 2).',
    ]);
    for (const task of tasks) expect(task).toMatchObject({ ownerRoleId: 'oov-adviseur', status: 'open', dueAt: '2026-03-04T20:30:00.000Z' });
    const taskEntries = listEntries(reader(), { caseId, types: ['systeem_taak'] }).entries;
    expect(taskEntries.map((entry) => entry.text)).toEqual(tasks.map((task) => `Actie toegevoegd aan de actielijst: ${task.text}`));
    expect(taskEntries.every((entry) => entry.occurredAt === decision.decidedAt)).toBe(true);
    // One write: one audit line for the decision, none for tasks of their own.
    expect([auditCount('decision.record'), auditCount('task.create')]).toEqual([1, 0]);
  });

  it('adds no tasks when the decision is refused, nor for a basis without such a duty', () => {
    const caseId = createCase(editor(), { title: 'Raad' }).id;
    expect(refusal(() => recordDecision(editor(), { ...noodverordening(caseId), councilMeetingUnknown: true, entryIds: ['onbekend'] })).code).toBe(
      'INVALID_INPUT',
    );
    recordDecision(editor(), { caseId, decidedBy: 'burgemeester', legalBasisId: 'gemw-174b', text: 'Spoedaanwijzing' });
    expect(listTasks(reader(), { caseId })).toEqual([]);
  });
});

describe('the legal bases', () => {
  it('lists art. 172 lid 1 to 3 first, and the other common bases of the mayor', () => {
    const bases = listLegalBases(reader());
    expect(bases.slice(0, 3).map((basis) => basis.citation)).toEqual([
      'Gemeentewet art. 172 lid 1',
      'Gemeentewet art. 172 lid 2',
      'Gemeentewet art. 172 lid 3',
    ]);
    const citations = bases.map((basis) => basis.citation);
    for (const citation of ['Gemeentewet art. 174a', 'Gemeentewet art. 175', 'Gemeentewet art. 176', 'Politiewet 2012 art. 12', 'Wet veiligheidsregio’s art. 39']) {
      expect(citations).toContain(citation);
    }
    expect(citations.indexOf('Gemeentewet art. 174a')).toBe(citations.indexOf('Gemeentewet art. 174') + 1);
  });
});

describe('the entries a decision rests on', () => {
  it('links the newest entry of a case with more than 500 entries, and reads it back with the decision', () => {
    const { caseId } = fillLargeCase(editor(), 620);
    const newest = appendEntry(editor(), { caseId, type: 'signaal', text: `Nieuwste oproep: ${'zaterdag 21.00 uur Stationsplein '.repeat(8)}` });
    const bySeq = listEntries(reader(), { caseId, seq: newest.seq });
    expect(bySeq.entries.map((entry) => entry.id)).toEqual([newest.id]);

    recordDecision(editor(), { caseId, decidedBy: 'burgemeester', text: 'Extra inzet', entryIds: [newest.id] });
    const [decision] = listDecisions(reader(), { caseId });
    expect(decision!.entryIds).toEqual([newest.id]);
    expect(decision!.linkedEntries).toEqual([
      { id: newest.id, seq: 622, occurredAt: newest.occurredAt, type: 'signaal', excerpt: `${newest.text.slice(0, 140)}…` },
    ]);
  });
});
