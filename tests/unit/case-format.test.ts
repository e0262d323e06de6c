import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { entryHash, genesisHash, verifyChains } from '../../db/chain';
import { addAttachment } from '../../main/services/attachments';
import { recordExport } from '../../main/services/export-register';
import { exportCase } from '../../main/services/case-export';
import { importCase } from '../../main/services/case-import';
import { listCases } from '../../main/services/cases';
import { createPerson } from '../../main/services/directory';
import { fillDemoCase } from '../../main/services/demo';
import { listEntries } from '../../main/services/entries';
import { listRoleAssignments } from '../../main/services/roles';
import { caseFileSchema, renderCaseFormatJsonSchema, type CaseFile } from '../../shared/case-format';
import { OrdelogError } from '../../shared/errors';
import { openCaseStore, type CaseStore } from './support/case-store';

let source: CaseStore;
let target: CaseStore;

beforeEach(() => {
  source = openCaseStore();
  target = openCaseStore();
});
afterEach(() => {
  source.dispose();
  target.dispose();
});

const count = (fixture: CaseStore, table: string): number =>
  (fixture.store.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

function expectInvalid(work: () => unknown, path: string): void {
  try {
    work();
    expect.unreachable('should have thrown');
  } catch (error) {
    expect(error).toBeInstanceOf(OrdelogError);
    expect((error as OrdelogError).code).toBe('INVALID_INPUT');
    expect((error as OrdelogError).detail).toBe(path);
  }
}

/** A demo case with everything a case can hold, including an attachment and a briefing export. */
function richCase(): string {
  const session = source.sessions.redacteur;
  const demo = fillDemoCase(session);
  const firstSignal = listEntries(session, { caseId: demo.id, types: ['signaal'] }).entries[0]!;
  addAttachment(session, {
    caseId: demo.id,
    entryId: firstSignal.id,
    fileName: 'schermafdruk-kanaal.png',
    mediaType: 'image/png',
    personalData: true,
    data: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 1, 2, 3, 255]).toString('base64'),
  });
  recordExport(session, {
    caseId: demo.id,
    kind: 'briefing',
    audience: 'driehoek',
    fingerprint: { entries: 3, headHash: 'a'.repeat(64) },
    classification: 'vertrouwelijk',
    redacted: true,
    pageCount: 4,
    sha256: 'b'.repeat(64),
    size: 12_345,
  });
  return demo.id;
}

/** What may differ between two exports of the same case from different vaults: ids and export metadata. */
function withoutIds(file: CaseFile) {
  const { exportedAt: _at, exportedBy: _by, case: kase, entries, ...rest } = file;
  const { id: _id, ...caseFields } = kase;
  return {
    ...rest,
    case: caseFields,
    entries: entries.map(({ id: _e, authorId: _a, prevHash: _p, hash: _h, ...entry }) => entry),
  };
}

/** Recomputes the chain from the file's own fields, as docs/case-format.md describes; returns how many entries held. */
function verifiedChainLength(file: CaseFile): number {
  let prevHash = genesisHash;
  let verified = 0;
  for (const entry of file.entries) {
    const recomputed = entryHash({
      id: entry.id!,
      caseId: file.case.id!,
      seq: entry.seq!,
      type: entry.type,
      text: entry.text,
      occurredAt: entry.occurredAt,
      recordedAt: entry.recordedAt!,
      authorId: entry.authorId ?? null,
      authorName: entry.recordedBy!,
      source: entry.source ?? null,
      sourceReliability: entry.sourceReliability ?? null,
      informationCredibility: entry.informationCredibility ?? null,
      correctsEntryId: entry.corrects ? file.entries[entry.corrects - 1]!.id! : null,
      personalData: entry.personalData!,
      phaseId: entry.phase!,
      prevHash,
    });
    if (entry.prevHash !== prevHash || entry.hash !== recomputed) break;
    prevHash = recomputed;
    verified += 1;
  }
  return verified;
}

describe('case file JSON Schema', () => {
  it('is committed as generated from the zod schema', () => {
    const committed = readFileSync(new URL('../../docs/case-format.schema.json', import.meta.url), 'utf8');
    expect(committed).toBe(renderCaseFormatJsonSchema());
  });
});

describe('docs/case-format.md', () => {
  const examples = [...readFileSync(new URL('../../docs/case-format.md', import.meta.url), 'utf8').matchAll(/```json\n([\s\S]*?)\n```/g)].map(
    (match) => JSON.parse(match[1]!) as CaseFile,
  );

  it('has a minimal and a full example that import', () => {
    expect(examples).toHaveLength(2);
    for (const example of examples) expect(importCase(target.sessions.redacteur, example).title).toBe(example.case.title);
  });

  it('has a full example whose hash chain checks out as documented', () => {
    expect(verifiedChainLength(examples[1]!)).toBe(examples[1]!.entries.length);
  });
});

describe('case import and export', () => {
  it('imports the minimal file', () => {
    const imported = importCase(target.sessions.redacteur, {
      case: { title: 'Nepbericht kermis' },
      entries: [{ type: 'signaal', occurredAt: '2026-06-03T10:00:00+02:00', text: 'Schermafdruk over een "massale vechtpartij".' }],
    });
    expect(imported).toMatchObject({ title: 'Nepbericht kermis', status: 'open', phaseId: 'online-signaal', entryCount: 1 });
    const [entry] = listEntries(target.sessions.redacteur, { caseId: imported.id }).entries;
    expect(entry).toMatchObject({
      seq: 1,
      occurredAt: '2026-06-03T08:00:00.000Z',
      authorName: 'Joost de Vries',
      authorId: target.sessions.redacteur.user.id,
      phaseId: 'online-signaal',
    });
    expect(verifyChains(target.store.sqlite).ok).toBe(true);
  });

  it('round-trips everything a case holds into another vault', () => {
    const caseId = richCase();
    const first = exportCase(source.sessions.lezer, { caseId });
    expect(caseFileSchema.safeParse(first).success).toBe(true);

    const json = JSON.parse(JSON.stringify(first)) as unknown;
    const imported = importCase(target.sessions.redacteur, json);
    const second = exportCase(target.sessions.lezer, { caseId: imported.id });

    expect(withoutIds(second)).toEqual(withoutIds(first));
    expect(second.case.id).not.toBe(first.case.id);
    expect(second.attachments![0]!.data).toBe(first.attachments![0]!.data);
    expect(verifyChains(target.store.sqlite)).toMatchObject({ ok: true, entriesChecked: first.entries.length });
  });

  it('exports a chain anyone can check from the file alone', () => {
    const file = exportCase(source.sessions.lezer, { caseId: richCase() });
    expect(verifiedChainLength(file)).toBe(file.entries.length);
  });

  it('rejects a file with a bad field whole, naming the field', () => {
    const file = exportCase(source.sessions.lezer, { caseId: richCase() });
    const before = { cases: count(target, 'cases'), people: count(target, 'people'), entries: count(target, 'log_entries') };

    const badTime = structuredClone(file);
    badTime.entries[3]!.occurredAt = '2026-03-01 10:00';
    expectInvalid(() => importCase(target.sessions.redacteur, badTime), 'entries.3.occurredAt');

    // Found only after the entries and people were written: the transaction takes them back.
    const badReference = structuredClone(file);
    badReference.decisions![1]!.basedOn = [1, 9999];
    expectInvalid(() => importCase(target.sessions.redacteur, badReference), 'decisions.1.basedOn.1');

    const unknownKey = { ...structuredClone(file), case: { ...file.case, titel: 'x' } };
    expectInvalid(() => importCase(target.sessions.redacteur, unknownKey), 'case.titel');

    const badDigest = structuredClone(file);
    badDigest.attachments![0]!.sha256 = 'b'.repeat(64);
    expectInvalid(() => importCase(target.sessions.redacteur, badDigest), 'attachments.0.sha256');

    const wrongSeq = structuredClone(file);
    wrongSeq.entries[2]!.seq = 7;
    expectInvalid(() => importCase(target.sessions.redacteur, wrongSeq), 'entries.2.seq');

    expect(() => importCase(target.sessions.redacteur, 'not json')).toThrow(OrdelogError);
    expect({ cases: count(target, 'cases'), people: count(target, 'people'), entries: count(target, 'log_entries') }).toEqual(before);
    const failures = target.store.sqlite
      .prepare("SELECT count(*) AS n FROM audit_lines WHERE action = 'case.import' AND result = 'fout'")
      .get() as { n: number };
    expect(failures.n).toBe(6);
  });

  it('merges directory records by id and name', () => {
    const mine = createPerson(target.sessions.redacteur, { name: 'Ilse Mulder' });
    const file = (id: string, name: string) => ({
      case: { title: 'Rollen' },
      people: [{ id, name }],
      roleAssignments: [{ role: 'politie-liaison', person: id, startedAt: '2026-03-01T10:00:00Z' }],
      entries: [],
    });
    const personOf = (caseId: string) => listRoleAssignments(target.sessions.lezer, { caseId })[0]!.personId;

    expect(personOf(importCase(target.sessions.redacteur, file(mine.id, 'Ilse Mulder')).id)).toBe(mine.id);
    const someoneElse = personOf(importCase(target.sessions.redacteur, file(mine.id, 'Kees Bakker')).id);
    expect(someoneElse).not.toBe(mine.id);
    expect(personOf(importCase(target.sessions.redacteur, file('p-1', 'Samira')).id)).toBe('p-1');
    expect(count(target, 'people')).toBe(3);
  });

  it('lets a reader export but not import', () => {
    const file = exportCase(source.sessions.lezer, { caseId: richCase() });
    expect(() => importCase(target.sessions.lezer, file)).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
    expect(listCases(target.sessions.lezer)).toEqual([]);
  });
});
