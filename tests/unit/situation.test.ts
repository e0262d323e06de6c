import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { users } from '../../db/schema';
import { closeCase, createCase, listCases } from '../../main/services/cases';
import { recordDecision } from '../../main/services/decisions';
import { createPerson, updatePerson } from '../../main/services/directory';
import { appendEntry, correctEntry } from '../../main/services/entries';
import { assignRole, handOverRole } from '../../main/services/roles';
import type { Session } from '../../main/services/session';
import { recordSignal } from '../../main/services/signals';
import { getSituation, markSignalsRead } from '../../main/services/situation';
import { createTask, setTaskStatus } from '../../main/services/tasks';
import { OrdelogError } from '../../shared/errors';
import { caseListItemSchema, situationSchema, type SituationDeadline } from '../../shared/views';
import { deadlineStatesAt } from '../../renderer/src/cases/deadline-states';
import { openCaseStore, type CaseStore } from './support/case-store';

/**
 * The case at a glance (`cases.situation`) and the case list's deadline column, computed by the main process:
 * which deadlines are overdue and which run next, who holds which role with which phone, the signals a user has
 * not seen yet, and the places named most in the last hours.
 */

let fixture: CaseStore;
let caseId: string;
beforeEach(() => {
  fixture = openCaseStore();
  caseId = createCase(editor(), { title: 'Challenge station Voorbeeldstad' }).id;
});
afterEach(() => fixture.dispose());

const editor = () => fixture.sessions.redacteur;
const reader = () => fixture.sessions.lezer;
const hourMs = 3_600_000;
const inHours = (hours: number) => new Date(Date.now() + hours * hourMs).toISOString();

/** A second editor, as after a shift change: Samira records, Joost reads. */
function otherEditor(): Session {
  const user = { id: randomUUID(), name: 'samira', displayName: 'Samira', role: 'redacteur' as const };
  fixture.store.db.insert(users).values({ ...user, createdAt: new Date().toISOString() }).run();
  return { db: fixture.store, user, origin: 'cli' };
}

const signal = (session: Session, text: string, extra: { location?: string } = {}) =>
  recordSignal(session, { caseId, text, platform: 'tiktok', channel: 'openbaar', sourceReliability: 'B', informationCredibility: '2', ...extra });

describe('deadlines at a glance', () => {
  it('lists overdue tasks and decision deadlines first, then the next running ones, and leaves out what is met, done or ended', () => {
    const late = createTask(editor(), { caseId, text: 'Controleren of de rectificatie geplaatst is', ownerRoleId: 'jongerenwerk', dueAt: inHours(-3) });
    createTask(editor(), { caseId, text: 'Brief aan ouders versturen', ownerRoleId: 'communicatieadviseur', dueAt: inHours(5) });
    const done = createTask(editor(), { caseId, text: 'Scholen bellen', ownerRoleId: 'oov-adviseur', dueAt: inHours(-5) });
    setTaskStatus(editor(), { taskId: done.id, status: 'gereed' });
    createTask(editor(), { caseId, text: 'Zonder termijn', ownerRoleId: 'oov-adviseur' });
    // Art. 174b: at most 12 hours, decided 13 hours ago: the measure ended by itself, nothing is left to do.
    const search = recordDecision(editor(), {
      caseId, text: 'Veiligheidsrisicogebied stationsgebied', decidedBy: 'burgemeester', legalBasisId: 'gemw-174b', decidedAt: inHours(-13),
    });
    // Art. 176 with the council meeting in two days: its ratification runs. Its duties to inform are tasks.
    const bylaw = recordDecision(editor(), {
      caseId, text: 'Noodverordening stationsgebied', decidedBy: 'burgemeester', legalBasisId: 'gemw-176', councilMeetingAt: inHours(48),
    });
    // Art. 176 with the meeting not known yet: an open risk without a date.
    const undated = recordDecision(editor(), {
      caseId, text: 'Tweede noodverordening', decidedBy: 'burgemeester', legalBasisId: 'gemw-176', councilMeetingUnknown: true,
    });

    const situation = situationSchema.parse(getSituation(reader(), { caseId }));
    const at = situation.at;
    const overdue = situation.deadlines.filter((deadline) => deadline.dueAt !== null && deadline.dueAt < at);
    expect(overdue.map((deadline) => [deadline.kind, deadline.taskId ?? deadline.decisionNumber])).toEqual([['task', late.id]]);
    expect(overdue[0]!.text).toBe('Controleren of de rectificatie geplaatst is');
    expect(situation.deadlines.some((deadline) => deadline.decisionId === search.id)).toBe(false);

    const running = situation.deadlines.filter((deadline) => deadline.dueAt !== null && deadline.dueAt >= at);
    // The duties to inform of both bylaws (2 hours), then the letter (5 hours), then the ratification (48 hours).
    expect(running.map((deadline) => deadline.kind)).toEqual(['task', 'task', 'task', 'task', 'task']);
    expect(running.map((deadline) => deadline.dueAt)).toEqual([...running.map((deadline) => deadline.dueAt)].sort());
    expect(running.some((deadline) => deadline.text === 'Scholen bellen')).toBe(false);
    // Only the next five running ones; the ratification in 48 hours is the sixth.
    expect(running.some((deadline) => deadline.decisionId === bylaw.id)).toBe(false);

    expect(situation.deadlines.at(-1)).toMatchObject({ kind: 'council-ratification', dueAt: null, decisionNumber: undated.number });
  });

  it('takes a ratification off once the council has ratified, and a closed case has no deadlines', () => {
    const bylaw = recordDecision(editor(), {
      caseId, text: 'Noodverordening', decidedBy: 'burgemeester', legalBasisId: 'gemw-176', councilMeetingAt: inHours(-1),
    });
    const ratifications = () => getSituation(editor(), { caseId }).deadlines.filter((deadline) => deadline.kind === 'council-ratification');
    expect(ratifications()).toHaveLength(1);
    recordDecision(editor(), { caseId, text: 'Bekrachtigd', decidedBy: 'raad', followsDecisionId: bylaw.id });
    expect(ratifications()).toEqual([]);

    closeCase(editor(), { caseId, retentionCategory: 'handhaving' });
    expect(getSituation(editor(), { caseId }).deadlines).toEqual([]);
  });
});

describe('the case list', () => {
  it('gives each open case its next running deadline and how many are overdue, in three queries for any number of cases', () => {
    const quiet = createCase(editor(), { title: 'Rustig dossier' }).id;
    const closed = createCase(editor(), { title: 'Afgesloten' }).id;
    createTask(editor(), { caseId: closed, text: 'Vergeten taak', ownerRoleId: 'oov-adviseur', dueAt: inHours(-1) });
    closeCase(editor(), { caseId: closed, retentionCategory: 'handhaving' });
    createTask(editor(), { caseId, text: 'Te laat 1', ownerRoleId: 'oov-adviseur', dueAt: inHours(-2) });
    createTask(editor(), { caseId, text: 'Te laat 2', ownerRoleId: 'oov-adviseur', dueAt: inHours(-1) });
    createTask(editor(), { caseId, text: 'Later', ownerRoleId: 'oov-adviseur', dueAt: inHours(10) });
    createTask(editor(), { caseId, text: 'Eerst', ownerRoleId: 'oov-adviseur', dueAt: inHours(3) });
    recordDecision(editor(), { caseId, text: 'Fouilleren', decidedBy: 'burgemeester', legalBasisId: 'gemw-174b', decidedAt: inHours(-11) });
    // Ended an hour ago: neither overdue nor next.
    recordDecision(editor(), { caseId, text: 'Eerder fouilleren', decidedBy: 'burgemeester', legalBasisId: 'gemw-174b', decidedAt: inHours(-13) });

    const prepared: string[] = [];
    const prepare = fixture.store.sqlite.prepare.bind(fixture.store.sqlite);
    fixture.store.sqlite.prepare = ((source: string) => {
      prepared.push(source);
      return prepare(source);
    }) as typeof fixture.store.sqlite.prepare;
    const items = listCases(reader());
    fixture.store.sqlite.prepare = prepare;

    const byId = new Map(items.map((item) => [item.id, caseListItemSchema.parse(item)]));
    // The 12 hours of art. 174b end in one hour: sooner than the task in three.
    expect(byId.get(caseId)).toMatchObject({ overdueDeadlines: 2, nextDeadline: { kind: 'maximum-duration', amount: 12 } });
    expect(byId.get(quiet)).toMatchObject({ overdueDeadlines: 0, nextDeadline: null });
    expect(byId.get(closed)).toMatchObject({ overdueDeadlines: 0, nextDeadline: null });
    // The deadlines of all cases cost three statements, not three per case.
    expect(prepared.filter((source) => /FROM cases c JOIN (tasks|decisions)/.test(source))).toHaveLength(3);
    expect(prepared.filter((source) => /\bWHERE t\.case_id = \?|\bWHERE d\.case_id = \?/.test(source))).toEqual([]);
  });
});

describe('who holds which role, with phone', () => {
  it('names the current holders in role order with the phone the directory has for them', () => {
    const joost = createPerson(editor(), { name: 'Joost', function: 'OOV-adviseur', phone: '06-1234 5678' });
    const samira = createPerson(editor(), { name: 'Samira', function: 'Online jongerenwerker', phone: '+31 (0)6 8765 4321' });
    const ilse = createPerson(editor(), { name: 'Ilse', function: 'Wijkagent' });
    assignRole(editor(), { caseId, roleId: 'jongerenwerk', personId: samira.id });
    const oov = assignRole(editor(), { caseId, roleId: 'oov-adviseur', personId: ilse.id });
    handOverRole(editor(), { assignmentId: oov.id, toPersonId: joost.id });

    const { holders } = getSituation(editor(), { caseId });
    expect(holders.map((holder) => [holder.roleId, holder.personName, holder.phone])).toEqual([
      ['oov-adviseur', 'Joost', '06-1234 5678'],
      ['jongerenwerk', 'Samira', '+31 (0)6 8765 4321'],
    ]);
    updatePerson(editor(), { personId: joost.id, phone: '' });
    expect(getSituation(editor(), { caseId }).holders[0]!.phone).toBe('');
  });

  it('refuses a phone number with letters or without digits, naming the field', () => {
    for (const phone of ['06-1234 5678 (werk)', 'geen', '+ - ( )', '0'.repeat(41)]) {
      try {
        createPerson(editor(), { name: 'Iemand', phone });
        expect.unreachable(phone);
      } catch (error) {
        expect(error).toBeInstanceOf(OrdelogError);
        expect((error as OrdelogError).fields?.[0]?.path).toBe('phone');
      }
    }
    expect(createPerson(editor(), { name: 'Meldkamer', phone: '  112  ' }).phone).toBe('112');
  });
});

describe('unread signals per user', () => {
  it('counts what others recorded since this user last opened the signals, and starts again after they do', () => {
    const samira = otherEditor();
    const joost = editor();
    signal(samira, 'Video "wie durft vrijdag 21:00 station", 48k weergaven');
    signal(samira, 'Zelfde oproep in drie schoolgroepen');
    signal(joost, 'Eigen signaal van Joost');

    expect(getSituation(joost, { caseId })).toMatchObject({ unreadSignals: 2, signalsReadAt: null });
    // One does not need to be told of what one wrote oneself.
    expect(getSituation(samira, { caseId }).unreadSignals).toBe(1);
    expect(getSituation(reader(), { caseId }).unreadSignals).toBe(3);

    const { readAt } = markSignalsRead(joost, { caseId });
    expect(getSituation(joost, { caseId })).toMatchObject({ unreadSignals: 0, signalsReadAt: readAt });
    // Each user has their own place: the others' counts are as they were.
    expect(getSituation(samira, { caseId }).unreadSignals).toBe(1);
    expect(getSituation(reader(), { caseId }).unreadSignals).toBe(3);

    signal(samira, 'Nieuwe accounts delen de oproep, 120k weergaven');
    expect(getSituation(joost, { caseId }).unreadSignals).toBe(1);
  });

  it('lets a reader mark signals as read, audited, and never moves the mark back', () => {
    signal(editor(), 'Oproep');
    const first = markSignalsRead(reader(), { caseId });
    expect(getSituation(reader(), { caseId }).unreadSignals).toBe(0);
    fixture.store.sqlite.prepare('UPDATE signal_reads SET read_at = ? WHERE user_id = ?').run('2999-01-01T00:00:00.000Z', reader().user.id);
    expect(markSignalsRead(reader(), { caseId }).readAt).toBe('2999-01-01T00:00:00.000Z');
    expect(first.readAt < '2999').toBe(true);
    const audit = fixture.store.sqlite
      .prepare("SELECT count(*) AS n FROM audit_lines WHERE action = 'signals.read' AND result = 'ok' AND actor_id = ?")
      .get(reader().user.id) as { n: number };
    expect(audit.n).toBe(2);
  });
});

describe('places of the last hours', () => {
  it('lists the places named most in the last six hours, one place however it is capitalised, a corrected entry counting once', () => {
    const observe = (text: string, location: string, hoursAgo: number) =>
      appendEntry(editor(), { caseId, type: 'waarneming', text, location, occurredAt: inHours(-hoursAgo) });
    observe('Ongeveer 60 jongeren, rustig', 'Stationsplein', 1);
    observe('Vuurwerk gegooid', 'stationsplein', 0.5);
    const wrong = observe('Groep bij de fietsenstalling', 'Fietsenstalling', 0.4);
    correctEntry(editor(), { entryId: wrong.id, text: 'Groep bij de fietsenstalling, ca. 20', location: 'Fietsenstalling west' });
    observe('Politie bij de tunnel', 'Tunnel', 2);
    observe('Gisteren al onrustig', 'Markt', 30);
    appendEntry(editor(), { caseId, type: 'notitie', text: 'Zonder plaats' });

    expect(getSituation(editor(), { caseId })).toMatchObject({
      placesHours: 6,
      places: [
        { location: 'stationsplein', count: 2 },
        { location: 'Fietsenstalling west', count: 1 },
        { location: 'Tunnel', count: 1 },
      ],
    });
  });
});

describe('the situation bar between two reads', () => {
  const deadline = (kind: SituationDeadline['kind'], hours: number | null): SituationDeadline => ({
    kind,
    dueAt: hours === null ? null : new Date(Date.parse('2026-11-28T21:00:00Z') + hours * 3_600_000).toISOString(),
    text: kind,
    taskId: kind === 'task' ? `task${hours}` : null,
    decisionId: kind === 'task' ? null : `decision${hours}`,
    decisionNumber: kind === 'task' ? null : 1,
    amount: null,
  });
  const now = Date.parse('2026-11-28T21:00:00Z');

  it('puts the deadline missed most recently first, and drops a measure that ended while the screen was open', () => {
    const states = deadlineStatesAt(
      [deadline('retention-limit', -72), deadline('task', -1), deadline('maximum-duration', -0.5), deadline('task', 2), deadline('council-ratification', null)],
      now,
    );
    expect(states.map(({ deadline: item, state }) => [item.kind, state])).toEqual([
      ['task', 'late'],
      ['retention-limit', 'expired'],
      ['task', 'next'],
      ['council-ratification', 'risk'],
    ]);
  });
});
