import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCase } from '../../main/services/cases';
import { createPerson } from '../../main/services/directory';
import { listEntries } from '../../main/services/entries';
import { assignRole, endRole, handOverRole, listCaseRoles, listRoleAssignments } from '../../main/services/roles';
import { OrdelogError, type ErrorCode } from '../../shared/errors';
import type { RoleAssignment } from '../../shared/views';
import { openCaseStore, type CaseStore } from './support/case-store';

/**
 * The rules of the team roles: a span never ends before it starts, nothing is recorded ahead of the clock, and
 * a role with one holder at a time gets a second one only when that is confirmed.
 */

let fixture: CaseStore;
beforeEach(() => {
  fixture = openCaseStore();
});
afterEach(() => fixture.dispose());

const editor = () => fixture.sessions.redacteur;

function refusal(work: () => unknown): { code: ErrorCode; detail: string | undefined } {
  try {
    work();
  } catch (error) {
    if (error instanceof OrdelogError) return { code: error.code, detail: error.detail };
    throw error;
  }
  throw new Error('expected an OrdelogError');
}

const minutesFromNow = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();
const roleEntries = (caseId: string) => listEntries(editor(), { caseId, types: ['systeem_rol'] }).entries.map((entry) => entry.text);

function team() {
  const caseId = createCase(editor(), { title: 'Stationsplein', openedAt: '2026-03-01T08:00:00Z' }).id;
  const kees = createPerson(editor(), { name: 'Kees' });
  const anouk = createPerson(editor(), { name: 'Anouk' });
  const sanne = createPerson(editor(), { name: 'Sanne' });
  return { caseId, kees, anouk, sanne };
}

describe('handovers and ends', () => {
  it('refuses a handover dated before the current holder started, and writes nothing', () => {
    const { caseId, kees, anouk } = team();
    const held = assignRole(editor(), { caseId, roleId: 'oov-adviseur', personId: kees.id, at: '2026-03-02T21:00:00+01:00' });
    expect(refusal(() => handOverRole(editor(), { assignmentId: held.id, toPersonId: anouk.id, at: '2026-03-02T20:59:00+01:00' }))).toEqual({
      code: 'BEFORE_ROLE_START',
      detail: '(begin: ma 02-03-2026 21:00)',
    });
    expect(refusal(() => endRole(editor(), { assignmentId: held.id, at: '2026-03-01T09:00:00Z' })).code).toBe('BEFORE_ROLE_START');
    expect(listRoleAssignments(editor(), { caseId })).toMatchObject([{ id: held.id, endedAt: null, handedOverTo: null }]);
    expect(roleEntries(caseId)).toEqual(['Rol OOV-adviseur toegewezen aan Kees.']);
    // At the very moment the holder started is allowed: a span of no length, never a negative one.
    const { ended } = handOverRole(editor(), { assignmentId: held.id, toPersonId: anouk.id, at: '2026-03-02T21:00:00+01:00' });
    expect(ended.endedAt).toBe(ended.startedAt);
  });

  it('refuses a handover, an end or an assignment in the future, allowing a minute of clock difference', () => {
    const { caseId, kees, anouk } = team();
    const held = assignRole(editor(), { caseId, roleId: 'oov-adviseur', personId: kees.id, at: '2026-03-02T21:00:00+01:00' });
    expect(refusal(() => handOverRole(editor(), { assignmentId: held.id, toPersonId: anouk.id, at: minutesFromNow(2) })).code).toBe('TIME_IN_FUTURE');
    expect(refusal(() => endRole(editor(), { assignmentId: held.id, at: minutesFromNow(60 * 24) })).code).toBe('TIME_IN_FUTURE');
    expect(refusal(() => assignRole(editor(), { caseId, roleId: 'politie-liaison', personId: anouk.id, at: minutesFromNow(5) })).code).toBe('TIME_IN_FUTURE');
    expect(roleEntries(caseId)).toHaveLength(1);

    const soon = minutesFromNow(0.5);
    const { ended, started } = handOverRole(editor(), { assignmentId: held.id, toPersonId: anouk.id, at: soon });
    expect([ended.endedAt, started.startedAt]).toEqual([soon, soon]);
  });
});

describe('single-holder roles', () => {
  it('knows which roles have one holder at a time', () => {
    const single = listCaseRoles(editor()).filter((role) => role.singleHolder).map((role) => role.id);
    expect(single.sort()).toEqual(['burgemeester', 'communicatieadviseur', 'informatiecoordinator', 'officier-van-justitie', 'oov-adviseur']);
  });

  it('asks for confirmation before a second simultaneous holder, and logs the second one as such', () => {
    const { caseId, kees, anouk } = team();
    assignRole(editor(), { caseId, roleId: 'oov-adviseur', personId: kees.id, at: '2026-03-02T21:00:00+01:00' });
    expect(refusal(() => assignRole(editor(), { caseId, roleId: 'oov-adviseur', personId: anouk.id })).code).toBe('SECOND_HOLDER');
    // Backdated to before the first holder started it would still overlap from then on.
    expect(refusal(() => assignRole(editor(), { caseId, roleId: 'oov-adviseur', personId: anouk.id, at: '2026-03-02T08:00:00Z' })).code).toBe(
      'SECOND_HOLDER',
    );
    expect(listRoleAssignments(editor(), { caseId })).toHaveLength(1);

    const second = assignRole(editor(), { caseId, roleId: 'oov-adviseur', personId: anouk.id, confirmSecondHolder: true });
    expect(second).toMatchObject({ personName: 'Anouk', endedAt: null });
    expect(roleEntries(caseId).at(-1)).toBe('Rol OOV-adviseur toegewezen aan Anouk. Tweede rolhouder, naast Kees.');
  });

  it('lets a role with several holders take more without asking, and a single-holder role a new holder once the last one ended', () => {
    const { caseId, kees, anouk, sanne } = team();
    assignRole(editor(), { caseId, roleId: 'politie-liaison', personId: kees.id, at: '2026-03-02T10:00:00Z' });
    assignRole(editor(), { caseId, roleId: 'politie-liaison', personId: anouk.id, at: '2026-03-02T11:00:00Z' });
    const mayor = assignRole(editor(), { caseId, roleId: 'burgemeester', personId: sanne.id, at: '2026-03-02T10:00:00Z' });
    endRole(editor(), { assignmentId: mayor.id, at: '2026-03-02T12:00:00Z' });
    // Starting exactly when the last one ended is no overlap; starting before it ended is.
    expect(refusal(() => assignRole(editor(), { caseId, roleId: 'burgemeester', personId: kees.id, at: '2026-03-02T11:59:00Z' })).code).toBe('SECOND_HOLDER');
    assignRole(editor(), { caseId, roleId: 'burgemeester', personId: kees.id, at: '2026-03-02T12:00:00Z' });
    expect(listRoleAssignments(editor(), { caseId }).map((item) => item.personName)).toEqual(['Kees', 'Sanne', 'Anouk', 'Kees']);
  });
});

type Step =
  | { kind: 'assign'; role: number; person: number; at: Moment }
  | { kind: 'handOver'; pick: number; person: number; at: Moment }
  | { kind: 'end'; pick: number; at: Moment };
/** Minutes after the case opened, "now" (no time given) or a time ahead of the clock. */
type Moment = number | 'now' | 'future';

const roles = [
  { id: 'oov-adviseur', single: true },
  { id: 'burgemeester', single: true },
  { id: 'politie-liaison', single: false },
];
const opened = Date.parse('2026-03-01T08:00:00Z');
const moment: fc.Arbitrary<Moment> = fc.oneof(
  { weight: 8, arbitrary: fc.integer({ min: 0, max: 600 }) },
  { weight: 1, arbitrary: fc.constant('now' as const) },
  { weight: 1, arbitrary: fc.constant('future' as const) },
);
const steps: fc.Arbitrary<Step[]> = fc.array(
  fc.oneof(
    fc.record({ kind: fc.constant('assign' as const), role: fc.nat(roles.length - 1), person: fc.nat(3), at: moment }),
    fc.record({ kind: fc.constant('handOver' as const), pick: fc.nat(), person: fc.nat(3), at: moment }),
    fc.record({ kind: fc.constant('end' as const), pick: fc.nat(), at: moment }),
  ),
  { maxLength: 24 },
);

const timeOf = (at: Moment): { at?: string } =>
  at === 'now' ? {} : { at: at === 'future' ? minutesFromNow(90) : new Date(opened + at * 60_000).toISOString() };

const overlap = (a: RoleAssignment, b: RoleAssignment): boolean =>
  (a.startedAt > b.startedAt ? a.startedAt : b.startedAt) < [a.endedAt ?? '9', b.endedAt ?? '9'].sort()[0]!;

describe('the history of who held which role', () => {
  it('after any sequence of assignments, handovers and ends, has no span that ends before it starts and no overlap in a single-holder role', () => {
    const people = Array.from({ length: 4 }, (_, index) => createPerson(editor(), { name: `Persoon ${index + 1}` }));
    fc.assert(
      fc.property(steps, (sequence) => {
        const caseId = createCase(editor(), { title: 'Reeks', openedAt: new Date(opened).toISOString() }).id;
        let accepted = 0;
        for (const step of sequence) {
          const active = listRoleAssignments(editor(), { caseId }).filter((item) => item.endedAt === null);
          const picked = step.kind === 'assign' ? undefined : active[step.pick % Math.max(active.length, 1)];
          try {
            if (step.kind === 'assign') {
              assignRole(editor(), { caseId, roleId: roles[step.role]!.id, personId: people[step.person]!.id, ...timeOf(step.at) });
            } else if (!picked) {
              continue;
            } else if (step.kind === 'handOver') {
              handOverRole(editor(), { assignmentId: picked.id, toPersonId: people[step.person]!.id, ...timeOf(step.at) });
            } else {
              endRole(editor(), { assignmentId: picked.id, ...timeOf(step.at) });
            }
            accepted += 1;
          } catch (error) {
            if (!(error instanceof OrdelogError)) throw error;
          }
        }
        const history = listRoleAssignments(editor(), { caseId });
        for (const span of history) expect(span.endedAt === null || span.startedAt <= span.endedAt, JSON.stringify(span)).toBe(true);
        for (const role of roles.filter((item) => item.single)) {
          const spans = history.filter((span) => span.roleId === role.id);
          spans.forEach((a, index) => {
            for (const b of spans.slice(index + 1)) expect(overlap(a, b), JSON.stringify([a, b])).toBe(false);
          });
        }
        // A refused step leaves no trace in the log.
        expect(roleEntries(caseId)).toHaveLength(accepted);
      }),
      { numRuns: 60 },
    );
  });
});
