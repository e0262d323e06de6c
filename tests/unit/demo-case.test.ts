import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyChains } from '../../db/chain';
import { fillDemoCase } from '../../main/services/demo';
import { listDecisions } from '../../main/services/decisions';
import { listEntries } from '../../main/services/entries';
import { listInterventionUses } from '../../main/services/interventions';
import { listPhaseTransitions } from '../../main/services/phases';
import { listRoleAssignments } from '../../main/services/roles';
import { listTasks } from '../../main/services/tasks';
import { OrdelogError } from '../../shared/errors';
import { openCaseStore, type CaseStore } from './support/case-store';

let fixture: CaseStore;
beforeEach(() => {
  fixture = openCaseStore();
});
afterEach(() => fixture.dispose());

describe('demo case', () => {
  it('fills a realistic case over several days, with every kind of record', () => {
    const now = new Date('2026-11-28T12:00:00Z');
    const session = fixture.sessions.redacteur;
    const demo = fillDemoCase(session, { now });
    expect(demo.phaseId).toBe('nafase');
    expect(demo.entryCount).toBeGreaterThan(25);

    const entries = listEntries(session, { caseId: demo.id, limit: 500 }).entries;
    const days = new Set(entries.map((entry) => entry.occurredAt.slice(0, 10)));
    expect(days.size).toBeGreaterThanOrEqual(5);
    expect(entries.at(-1)!.occurredAt < now.toISOString()).toBe(true);
    expect(entries.some((entry) => entry.correctsEntryId !== null)).toBe(true);
    expect(entries.some((entry) => entry.personalData)).toBe(true);
    expect(entries.find((entry) => entry.type === 'signaal')!.occurredAt).toBe('2026-11-23T19:10:00.000Z');

    expect(listPhaseTransitions(session, { caseId: demo.id }).map((t) => t.toPhaseId)).toEqual([
      'online-signaal', 'verspreiding', 'samenkomst', 'ordeverstoring', 'nafase',
    ]);
    const roles = listRoleAssignments(session, { caseId: demo.id });
    expect(roles.some((role) => role.handedOverTo !== null)).toBe(true);
    expect(new Set(listTasks(session, { caseId: demo.id }).map((task) => task.status))).toEqual(new Set(['gereed', 'bezig', 'open']));
    const noodverordening = listDecisions(session, { caseId: demo.id }).find((d) => d.legalBasisId === 'gemw-176')!;
    expect(noodverordening.deadlines).toEqual([
      expect.objectContaining({ kind: 'council-ratification', met: false, dueAt: expect.stringMatching(/^2026-12-0/) }),
    ]);
    expect(new Set(listInterventionUses(session, { caseId: demo.id }).map((use) => use.status))).toEqual(
      new Set(['overwogen', 'toegepast', 'afgewezen']),
    );
    expect(verifyChains(fixture.store.sqlite).ok).toBe(true);
  });

  it('reuses its directory people when run twice, and is refused to a reader', () => {
    fillDemoCase(fixture.sessions.redacteur);
    fillDemoCase(fixture.sessions.redacteur);
    const people = fixture.store.sqlite.prepare('SELECT count(*) AS n FROM people').get() as { n: number };
    expect(people.n).toBe(5);
    expect(() => fillDemoCase(fixture.sessions.lezer)).toThrow(OrdelogError);
  });
});
