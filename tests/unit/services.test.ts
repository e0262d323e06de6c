import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addAttachment, getAttachment } from '../../main/services/attachments';
import { archiveCase, closeCase, createCase, getCase, listCases, reopenCase, updateCase } from '../../main/services/cases';
import { listDecisions, recordDecision } from '../../main/services/decisions';
import { createOrganisation, createPerson } from '../../main/services/directory';
import { appendEntry, listEntries } from '../../main/services/entries';
import { recordInterventionUse } from '../../main/services/interventions';
import { changePhase, listPhaseTransitions } from '../../main/services/phases';
import { assignRole, endRole, handOverRole, listRoleAssignments } from '../../main/services/roles';
import { stats } from '../../main/services/stats';
import { createTask, setTaskStatus } from '../../main/services/tasks';
import { verify } from '../../main/services/verify';
import { OrdelogError, type ErrorCode } from '../../shared/errors';
import {
  caseDetailSchema,
  caseListItemSchema,
  decisionSchema,
  entryPageSchema,
  roleAssignmentSchema,
  statsSchema,
  taskSchema,
  verifyReportSchema,
} from '../../shared/views';
import { openCaseStore, type CaseStore } from './support/case-store';

let fixture: CaseStore;
beforeEach(() => {
  fixture = openCaseStore();
});
afterEach(() => fixture.dispose());

const editor = () => fixture.sessions.redacteur;
const reader = () => fixture.sessions.lezer;

function failure(work: () => unknown): { code: ErrorCode; detail: string | undefined } {
  try {
    work();
  } catch (error) {
    if (error instanceof OrdelogError) return { code: error.code, detail: error.detail };
    throw error;
  }
  throw new Error('expected an OrdelogError');
}

const auditLines = () =>
  fixture.store.sqlite.prepare('SELECT action, object, result, origin, actor_id AS actorId FROM audit_lines ORDER BY id').all() as {
    action: string;
    object: string;
    result: string;
    origin: string;
    actorId: string;
  }[];

describe('roles and audit', () => {
  it('refuses every write to a reader and audits the refusal', () => {
    const caseId = createCase(editor(), { title: 'Station' }).id;
    const writes: [string, () => unknown][] = [
      ['case.create', () => createCase(reader(), { title: 'x' })],
      ['entry.append', () => appendEntry(reader(), { caseId, type: 'notitie', text: 'x' })],
      ['case.phase', () => changePhase(reader(), { caseId, phaseId: 'nafase', reason: 'x' })],
      ['task.create', () => createTask(reader(), { caseId, text: 'x', ownerRoleId: 'oov-adviseur' })],
      ['decision.record', () => recordDecision(reader(), { caseId, text: 'x', decidedBy: 'burgemeester' })],
      ['case.close', () => closeCase(reader(), { caseId, retentionCategory: 'handhaving' })],
    ];
    for (const [, write] of writes) expect(failure(write).code).toBe('FORBIDDEN');

    const refused = auditLines().filter((line) => line.result === 'geweigerd');
    expect(refused.map((line) => line.action)).toEqual(writes.map(([action]) => action));
    expect(refused.every((line) => line.actorId === reader().user.id && line.origin === 'cli')).toBe(true);
    expect(refused[1]!.object).toBe(`case:${caseId}`);
    expect(getCase(reader(), { caseId }).entryCount).toBe(1);
  });

  it('audits each write once, with the object id and never its text', () => {
    const kase = createCase(editor(), { title: 'Geheime titel' });
    appendEntry(editor(), { caseId: kase.id, type: 'signaal', text: 'Adres Dorpsstraat 1' });
    const lines = auditLines();
    expect(lines).toEqual([
      { action: 'case.create', object: `case:${kase.id}`, result: 'ok', origin: 'cli', actorId: editor().user.id },
      { action: 'entry.append', object: `case:${kase.id}`, result: 'ok', origin: 'cli', actorId: editor().user.id },
    ]);
    expect(JSON.stringify(lines)).not.toMatch(/Geheime|Dorpsstraat/);
  });

  it('rejects invalid input naming the first bad field, and audits it as failed', () => {
    const caseId = createCase(editor(), { title: 'Station' }).id;
    expect(failure(() => appendEntry(editor(), { caseId, type: 'systeem_fase' as 'notitie', text: 'x' }))).toEqual({
      code: 'INVALID_INPUT',
      detail: 'type',
    });
    expect(failure(() => appendEntry(editor(), { caseId, type: 'notitie', text: 'x', occurredAt: '1 maart' }))).toEqual({
      code: 'INVALID_INPUT',
      detail: 'occurredAt',
    });
    expect(failure(() => createCase(editor(), { title: '   ' })).detail).toBe('title');
    expect(failure(() => changePhase(editor(), { caseId, phaseId: 'bestaat-niet', reason: 'x' })).detail).toBe('phaseId');
    expect(failure(() => appendEntry(editor(), { caseId: 'onbekend', type: 'notitie', text: 'x' })).code).toBe('NOT_FOUND');
    expect(auditLines().filter((line) => line.result === 'fout')).toHaveLength(5);
  });
});

describe('case life cycle', () => {
  it('opens, changes phase, closes with a retention category, reopens and archives', () => {
    const opened = createCase(editor(), { title: 'Station', municipality: 'Voorbeeldstad', contentClass: 'ongewenst', openedAt: '2026-03-03T16:05:00+01:00' });
    // The first entry's time bounds the plausible times of the case's date-time fields.
    expect(caseDetailSchema.parse(opened)).toMatchObject({ status: 'open', phaseId: 'online-signaal', entryCount: 1, firstOccurredAt: '2026-03-03T15:05:00.000Z' });

    const transition = changePhase(editor(), { caseId: opened.id, phaseId: 'verspreiding', reason: 'Nieuwe accounts delen de oproep.', at: '2026-03-05T14:00:00+01:00' });
    expect(failure(() => changePhase(editor(), { caseId: opened.id, phaseId: 'verspreiding', reason: 'x' })).code).toBe('CONFLICT');
    expect(listPhaseTransitions(reader(), { caseId: opened.id })).toMatchObject([
      { fromPhaseId: null, toPhaseId: 'online-signaal', at: '2026-03-03T15:05:00.000Z' },
      { fromPhaseId: 'online-signaal', toPhaseId: 'verspreiding', reason: 'Nieuwe accounts delen de oproep.' },
    ]);
    const systemEntry = listEntries(reader(), { caseId: opened.id, types: ['systeem_fase'] }).entries[0]!;
    expect(systemEntry).toMatchObject({ id: transition.entryId, phaseId: 'verspreiding', occurredAt: '2026-03-05T13:00:00.000Z' });

    expect(failure(() => closeCase(editor(), { caseId: opened.id })).detail).toBe('retentionCategory');
    const closed = closeCase(editor(), { caseId: opened.id, retentionCategory: 'handhaving', at: '2026-03-09T10:00:00+01:00' });
    expect(closed).toMatchObject({ status: 'gesloten', closedAt: '2026-03-09T09:00:00.000Z', retentionDueAt: '2036-03-09T09:00:00.000Z' });
    expect(failure(() => appendEntry(editor(), { caseId: opened.id, type: 'notitie', text: 'te laat' })).code).toBe('CONFLICT');

    expect(reopenCase(editor(), { caseId: opened.id, reason: 'Nieuwe oproep' })).toMatchObject({ status: 'open', closedAt: null });
    closeCase(editor(), { caseId: opened.id });
    expect(archiveCase(editor(), { caseId: opened.id })).toMatchObject({ status: 'gearchiveerd' });
    expect(failure(() => reopenCase(editor(), { caseId: opened.id, reason: 'x' })).code).toBe('CONFLICT');
    expect(failure(() => updateCase(editor(), { caseId: opened.id, title: 'y' })).code).toBe('CONFLICT');

    const types = listEntries(reader(), { caseId: opened.id, limit: 50 }).entries.map((entry) => entry.type);
    expect(types.filter((type) => type === 'systeem_status')).toHaveLength(5);
  });

  it('lists cases with phase, entry count and last activity', () => {
    const first = createCase(editor(), { title: 'Station' });
    const second = createCase(editor(), { title: 'Giveaway', phaseId: 'verspreiding' });
    appendEntry(editor(), { caseId: first.id, type: 'signaal', text: 'TikTok-video' });
    const cases = listCases(reader());
    expect(cases.map((summary) => caseListItemSchema.parse(summary))).toHaveLength(2);
    expect(cases[0]).toMatchObject({ id: first.id, entryCount: 2, phaseName: 'Online signaal / oproep' });
    expect(cases[1]).toMatchObject({ id: second.id, entryCount: 1, phaseName: 'Verspreiding en mobilisatie' });
    expect(listCases(reader(), { status: 'gesloten' })).toEqual([]);
    const updated = updateCase(editor(), { caseId: second.id, classification: 'geheim', title: 'Giveaway Winkelhart' });
    expect(updated).toMatchObject({ classification: 'geheim', title: 'Giveaway Winkelhart', entryCount: 2 });
  });
});

describe('timeline', () => {
  it('pages by (occurredAt, seq) in both directions, with filters', () => {
    const caseId = createCase(editor(), { title: 'Drill', openedAt: '2026-01-01T00:00:00Z' }).id;
    for (let i = 0; i < 25; i += 1) {
      // Recorded in reverse order of occurrence: the timeline follows when things happened.
      const minute = String(59 - i).padStart(2, '0');
      appendEntry(editor(), { caseId, type: i % 5 === 0 ? 'signaal' : 'waarneming', text: `Waarneming ${i}`, occurredAt: `2026-01-02T10:${minute}:00Z` });
    }
    appendEntry(editor(), { caseId, type: 'waarneming', text: 'Zelfde moment', occurredAt: '2026-01-02T10:59:00Z' });

    const first = entryPageSchema.parse(listEntries(reader(), { caseId, limit: 10 }));
    expect(first.previousCursor).toBeNull();
    expect(first.entries[0]!.type).toBe('systeem_status');
    const seen = [...first.entries];
    let page = first;
    while (page.nextCursor) {
      page = listEntries(reader(), { caseId, limit: 10, after: page.nextCursor });
      seen.push(...page.entries);
    }
    expect(seen).toHaveLength(27);
    const keys = seen.map((entry) => `${entry.occurredAt}_${String(entry.seq).padStart(4, '0')}`);
    expect(keys).toEqual([...keys].sort());
    expect(seen.at(-1)!.text).toBe('Zelfde moment');

    const back = listEntries(reader(), { caseId, limit: 10, before: page.previousCursor! });
    expect(back.entries.map((entry) => entry.id)).toEqual(seen.slice(seen.length - page.entries.length - 10, seen.length - page.entries.length).map((entry) => entry.id));

    const signals = listEntries(reader(), { caseId, types: ['signaal'], limit: 2 });
    expect(signals.entries.map((entry) => entry.text)).toEqual(['Waarneming 20', 'Waarneming 15']);
    const rest = listEntries(reader(), { caseId, types: ['signaal'], after: signals.nextCursor! });
    expect(rest.entries.map((entry) => entry.text)).toEqual(['Waarneming 10', 'Waarneming 5', 'Waarneming 0']);
    expect(rest).toMatchObject({ previousCursor: expect.any(String), nextCursor: null });
    expect(listEntries(reader(), { caseId, authorName: 'Iemand anders' }).entries).toEqual([]);
    expect(failure(() => listEntries(reader(), { caseId, after: 'x' })).detail).toBe('after');
  });
});

describe('team, tasks, decisions, interventions', () => {
  it('hands a role over at a shift change, keeping who held it when', () => {
    const caseId = createCase(editor(), { title: 'Raad' }).id;
    const gemeente = createOrganisation(editor(), { name: 'Gemeente Lindedorp', kind: 'gemeente' });
    const kees = createPerson(editor(), { name: 'Kees', organisationId: gemeente.id, function: 'OOV-adviseur' });
    const anouk = createPerson(editor(), { name: 'Anouk', organisationId: gemeente.id });
    const assignment = assignRole(editor(), { caseId, roleId: 'oov-adviseur', personId: kees.id, at: '2026-03-02T21:00:00+01:00' });
    const { ended, started } = handOverRole(editor(), { assignmentId: assignment.id, toPersonId: anouk.id, at: '2026-03-06T09:00:00+01:00' });
    expect(ended).toMatchObject({ personName: 'Kees', endedAt: '2026-03-06T08:00:00.000Z', handedOverTo: anouk.id });
    expect(started).toMatchObject({ personName: 'Anouk', startedAt: '2026-03-06T08:00:00.000Z', endedAt: null });
    expect(listRoleAssignments(reader(), { caseId }).map((a) => roleAssignmentSchema.parse(a).personName)).toEqual(['Kees', 'Anouk']);
    expect(failure(() => handOverRole(editor(), { assignmentId: assignment.id, toPersonId: kees.id })).code).toBe('CONFLICT');
    expect(endRole(editor(), { assignmentId: started.id, at: '2026-03-07T09:00:00+01:00' }).endedAt).toBe('2026-03-07T08:00:00.000Z');
    const log = listEntries(reader(), { caseId, types: ['systeem_rol'] }).entries.map((entry) => entry.text);
    expect(log).toEqual(['Rol OOV-adviseur toegewezen aan Kees.', 'Rol OOV-adviseur van Kees overgedragen aan Anouk.', 'Rol OOV-adviseur van Anouk beëindigd.']);
  });

  it('logs task status changes', () => {
    const caseId = createCase(editor(), { title: 'Station' }).id;
    expect(failure(() => createTask(editor(), { caseId, text: 'Zonder eigenaar' })).detail).toBe('ownerRoleId');
    const task = taskSchema.parse(createTask(editor(), { caseId, text: 'Rectificatie controleren', ownerRoleId: 'jongerenwerk', dueAt: '2026-03-04T18:00:00+01:00' }));
    expect(task).toMatchObject({ status: 'open', dueAt: '2026-03-04T17:00:00.000Z' });
    expect(setTaskStatus(editor(), { taskId: task.id, status: 'gereed', note: 'Geplaatst.' }).status).toBe('gereed');
    expect(failure(() => setTaskStatus(editor(), { taskId: task.id, status: 'gereed' })).code).toBe('CONFLICT');
    const log = listEntries(reader(), { caseId, types: ['systeem_taak'] }).entries.map((entry) => entry.text);
    expect(log).toEqual(['Actie toegevoegd aan de actielijst: Rectificatie controleren', 'Actie "Rectificatie controleren": status van open naar gereed. Toelichting: Geplaatst.']);
  });

  it('numbers decisions per case and derives their deadlines', () => {
    const caseId = createCase(editor(), { title: 'Raad' }).id;
    const signal = appendEntry(editor(), { caseId, type: 'signaal', text: 'Oproep vuurwerk' });
    const decided = '2026-03-04T19:30:00+01:00';
    const emergency = recordDecision(editor(), {
      caseId, decidedBy: 'burgemeester', legalBasisId: 'gemw-176', text: 'Noodverordening', decidedAt: decided,
      councilMeetingAt: '2026-03-17T19:30:00+01:00', entryIds: [signal.id],
    });
    expect(decisionSchema.parse(emergency)).toMatchObject({ number: 1, entryIds: [signal.id] });
    expect(emergency.deadlines).toEqual([
      { kind: 'council-ratification', label: expect.any(String), dueAt: '2026-03-17T18:30:00.000Z', met: false },
    ]);
    const search = recordDecision(editor(), { caseId, decidedBy: 'burgemeester', legalBasisId: 'gemw-174b', text: 'Spoedaanwijzing', decidedAt: decided });
    expect(search.number).toBe(2);
    expect(search.deadlines).toMatchObject([{ kind: 'maximum-duration', dueAt: '2026-03-05T06:30:00.000Z' }]);
    const cameras = recordDecision(editor(), { caseId, decidedBy: 'burgemeester', legalBasisId: 'gemw-151c', text: 'Camera’s', decidedAt: decided });
    expect(cameras.deadlines).toMatchObject([{ kind: 'retention-limit', dueAt: '2026-04-01T18:30:00.000Z' }]);
    expect(recordDecision(editor(), { caseId, decidedBy: 'driehoek', text: 'Capaciteit' }).deadlines).toEqual([]);

    expect(recordDecision(editor(), { caseId, decidedBy: 'burgemeester', text: 'Evaluatie' }).number).toBe(5);
    const listed = listEntries(reader(), { caseId, types: ['systeem_besluit'] }).entries;
    expect(listed[0]!.text).toBe('Besluit 1 (Gemeentewet art. 176), genomen door de burgemeester: Noodverordening');
    expect(failure(() => recordDecision(editor(), { caseId, decidedBy: 'burgemeester', text: 'x', legalBasisId: 'art-999' })).detail).toBe('legalBasisId');
    expect(failure(() => recordDecision(editor(), { caseId, decidedBy: 'burgemeester', text: 'x', entryIds: [signal.id, 'nope'] })).detail).toBe('entryIds.1');
  });

  it('marks a ratification deadline met once the council follows the decision', () => {
    const caseId = createCase(editor(), { title: 'Raad' }).id;
    const emergency = recordDecision(editor(), { caseId, decidedBy: 'burgemeester', legalBasisId: 'gemw-176', text: 'Noodverordening', councilMeetingUnknown: true });
    const otherCase = createCase(editor(), { title: 'Ander' }).id;
    expect(failure(() => recordDecision(editor(), { caseId: otherCase, decidedBy: 'raad', text: 'x', followsDecisionId: emergency.id })).detail).toBe('followsDecisionId');
    recordDecision(editor(), { caseId, decidedBy: 'driehoek', text: 'Besproken', followsDecisionId: emergency.id });
    expect(listDecisions(reader(), { caseId })[0]!.deadlines[0]!.met).toBe(false);
    recordDecision(editor(), { caseId, decidedBy: 'raad', text: 'Bekrachtigd', followsDecisionId: emergency.id });
    expect(listDecisions(reader(), { caseId })[0]!.deadlines[0]!.met).toBe(true);
  });

  it('logs interventions considered, applied and rejected', () => {
    const caseId = createCase(editor(), { title: 'Raad' }).id;
    recordInterventionUse(editor(), { caseId, interventionId: 'melding-platform', status: 'afgewezen', reason: 'Telegram reageert zelden.' });
    const use = recordInterventionUse(editor(), { caseId, interventionId: 'noodverordening', status: 'overwogen' });
    expect(use).toMatchObject({ status: 'overwogen', byName: 'Joost de Vries' });
    expect(failure(() => recordInterventionUse(editor(), { caseId, interventionId: 'verzonnen', status: 'toegepast' })).detail).toBe('interventionId');
    expect(listEntries(reader(), { caseId, types: ['systeem_interventie'] }).entries[0]!.text).toBe(
      'Interventie "Melding bij het platform" afgewezen. Reden: Telegram reageert zelden.',
    );
  });
});

describe('attachments, statistics, verification', () => {
  it('keeps attachment bytes with their digest', () => {
    const caseId = createCase(editor(), { title: 'Station' }).id;
    const bytes = new TextEncoder().encode('schermafdruk');
    const added = addAttachment(editor(), { caseId, fileName: 'a.txt', mediaType: 'text/plain', data: Buffer.from(bytes).toString('base64') });
    expect(added).toMatchObject({ size: 12, sha256: createHash('sha256').update(bytes).digest('hex'), personalData: false });
    expect(Buffer.from(getAttachment(reader(), { attachmentId: added.id }).data, 'base64').toString()).toBe('schermafdruk');
  });

  it('counts what the vault holds and verifies it', () => {
    const caseId = createCase(editor(), { title: 'Station' }).id;
    appendEntry(editor(), { caseId, type: 'signaal', text: 'Oproep', personalData: true });
    createTask(editor(), { caseId, text: 'Te laat', ownerRoleId: 'oov-adviseur', dueAt: '2020-01-01T00:00:00Z' });
    const counts = statsSchema.parse(stats(reader(), { caseId }));
    expect(counts).toMatchObject({ entries: 3, personalDataEntries: 1, overdueTasks: 1, cases: { open: 1, gesloten: 0 } });
    expect(counts.entriesByType).toMatchObject({ signaal: 1, systeem_status: 1, systeem_taak: 1, notitie: 0 });
    const report = verifyReportSchema.parse(verify(reader()));
    expect(report).toMatchObject({ ok: true, integrity: ['ok'], foreignKeyViolations: 0, chains: { ok: true, casesChecked: 1, entriesChecked: 3 } });
    expect(auditLines().at(-1)).toMatchObject({ action: 'vault.verify', result: 'ok' });
  });
});
