import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toFtsQuery } from '../../db/repositories/search';
import { createCase } from '../../main/services/cases';
import { recordDecision } from '../../main/services/decisions';
import { appendEntry, listEntries } from '../../main/services/entries';
import { searchCase } from '../../main/services/search';
import { createTask, updateTask } from '../../main/services/tasks';
import { snippetMarks } from '../../shared/views';
import { openCaseStore, type CaseStore } from './support/case-store';

let fixture: CaseStore;
let station: string;
let council: string;
let taskId: string;

beforeAll(() => {
  fixture = openCaseStore();
  const session = fixture.sessions.redacteur;
  station = createCase(session, { title: 'Challenge station' }).id;
  council = createCase(session, { title: 'Raadsvergadering' }).id;
  appendEntry(session, { caseId: station, type: 'waarneming', text: 'De situatie bij het station is geëscaleerd: vuurwerk gegooid.' });
  appendEntry(session, { caseId: station, type: 'signaal', text: 'Oproep "wie durft vrijdag 21:00 station" met 48k weergaven.' });
  appendEntry(session, { caseId: council, type: 'signaal', text: 'Kanaal roept op vuurwerk mee te nemen naar de raad.' });
  taskId = createTask(session, { caseId: station, text: 'Controleren of de rectificatie online staat', ownerRoleId: 'jongerenwerk' }).id;
  recordDecision(session, {
    caseId: council,
    decidedBy: 'burgemeester',
    legalBasisId: 'gemw-176',
    text: 'Noodverordening rond het gemeentehuis.',
    councilMeetingUnknown: true,
    necessity: 'Ernstige vrees voor wanordelijkheden.',
  });
});
afterAll(() => fixture.dispose());

const search = (caseId: string | null, query: string) => searchCase(fixture.sessions.lezer, { caseId, query });

describe('full-text search', () => {
  it('finds a word without its diacritics, in any case, as a prefix', () => {
    for (const query of ['geescaleerd', 'GEËSCALEERD', 'geëscal', 'Geesc']) {
      const hits = search(station, query);
      expect(hits, query).toHaveLength(1);
      expect(hits[0]).toMatchObject({ kind: 'entry', caseId: station, caseTitle: 'Challenge station' });
      expect(hits[0]!.snippet).toContain(`${snippetMarks.start}geëscaleerd${snippetMarks.end}`);
    }
  });

  it('lists the newest matches first, as a log is read', () => {
    const session = fixture.sessions.redacteur;
    const caseId = createCase(session, { title: 'Volgorde' }).id;
    for (const text of ['eerste melding scooters', 'tweede melding scooters', 'derde melding scooters']) {
      appendEntry(session, { caseId, type: 'waarneming', text });
    }
    expect(search(caseId, 'scooters').map((hit) => hit.snippet.split(' ')[0])).toEqual(['derde', 'tweede', 'eerste']);
  });

  it('searches entries, tasks and decisions, in one case or in all', () => {
    expect(search(station, 'vuurwerk').map((hit) => hit.kind)).toEqual(['entry']);
    expect(search(null, 'vuurwerk').map((hit) => hit.caseId).sort()).toEqual([station, council].sort());
    // The log's system entry about the task holds its text too.
    expect(search(null, 'rectificatie').map((hit) => hit.kind).sort()).toEqual(['entry', 'task']);
    expect(search(council, 'wanordelijkheden')).toMatchObject([{ kind: 'decision', caseId: council }]);
    expect(search(station, 'station vuurwerk')).toHaveLength(1);
  });

  it('re-indexes a task whose text changes', () => {
    updateTask(fixture.sessions.redacteur, { taskId, text: 'Nagaan of het excuusfilmpje geplaatst is' });
    const kinds = (query: string) => search(station, query).map((hit) => hit.kind).sort();
    expect(kinds('rectificatie')).toEqual(['entry']);
    expect(kinds('excuusfilmpje')).toEqual(['entry', 'task']);
  });

  it('survives hostile input and treats it as plain words', () => {
    const hostile = [
      '"', '""', '*', '-', '^', ':', '(', ')', 'NEAR(', 'NEAR(station', 'AND', 'OR NOT', 'body:station', '{body}: x',
      "' OR 1=1 --", "'); DROP TABLE log_entries; --", '\u0000', '😀', 'a'.repeat(10_240), 'station '.repeat(1_280),
      Array.from({ length: 10_240 }, (_, i) => String.fromCharCode(33 + (i % 90))).join(''),
    ];
    for (const query of hostile) expect(() => search(null, query), query.slice(0, 20)).not.toThrow();
    expect(search(station, '(situatie) geescaleerd*')).toHaveLength(1);
    expect(search(station, 'NEAR(situatie geescaleerd)')).toEqual([]);
    expect(search(station, '"geëscaleerd*')).toHaveLength(1);
    expect(search(station, '-station')).toHaveLength(2);
    expect(search(null, '*')).toEqual([]);
    expect((fixture.store.sqlite.prepare('SELECT count(*) AS n FROM log_entries').get() as { n: number }).n).toBeGreaterThan(0);
  });

  it('builds only quoted prefix phrases', () => {
    expect(toFtsQuery('  geëscaleerd NEAR(a "b" -c ')).toBe('"geëscaleerd"* "NEAR"* "a"* "b"* "c"*');
    expect(toFtsQuery('" * - ( ) :')).toBeNull();
    expect(toFtsQuery('x '.repeat(100))!.split(' ')).toHaveLength(16);
  });

  it('filters a timeline page by search text', () => {
    const page = listEntries(fixture.sessions.lezer, { caseId: station, query: 'geescaleerd' });
    expect(page.entries.map((entry) => entry.type)).toEqual(['waarneming']);
    expect(listEntries(fixture.sessions.lezer, { caseId: station, query: '"' }).entries.length).toBeGreaterThan(1);
  });
});
