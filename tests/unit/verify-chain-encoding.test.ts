import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendChainedEntry, verifyChains, type NewEntry } from '../../db/chain';
import { createCase } from '../../main/services/cases';
import { openCaseStore, type CaseStore } from './support/case-store';

/*
 * Verification reads the log as raw rows and builds each entry's canonical encoding from them; the append path
 * encodes entry objects. Any text (control characters, quotes, backslashes, line separators, emoji), with or
 * without a location or personal data, must give both the same bytes, so every entry written here verifies.
 */

let fixture: CaseStore;
let caseId: string;
let phaseId: string;

beforeEach(() => {
  fixture = openCaseStore();
  const created = createCase(fixture.sessions.redacteur, { title: 'Codering' });
  caseId = created.id;
  phaseId = created.phaseId;
});

afterEach(() => fixture.dispose());

/** Characters JSON escapes or that are easy to get wrong, among ordinary ones; text in the log is well-formed Unicode. */
const character = fc.oneof(fc.constantFrom('\u0000', '\u001f', '\n', '\t', '"', '\\', '/', '\u2028', '\u007f', 'é', '😀', '\u202e'), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }));
const text = fc.string({ unit: character, minLength: 0, maxLength: 40 });
const optionalText = fc.option(fc.string({ unit: character, minLength: 1, maxLength: 20 }), { nil: null });

const entry = fc.record({
  text,
  authorName: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 10 }),
  source: optionalText,
  location: optionalText,
  personalData: fc.boolean(),
  sourceReliability: fc.constantFrom('A', 'F', null),
});

describe('verification reads the canonical encoding the log was written with', () => {
  it('verifies entries of any text, place and flags', () => {
    let written = 0;
    fc.assert(
      fc.property(fc.array(entry, { minLength: 1, maxLength: 8 }), (drawn) => {
        for (const fields of drawn) {
          const next: NewEntry = {
            id: crypto.randomUUID(),
            caseId,
            type: 'waarneming',
            occurredAt: '2026-03-01T09:00:00.000Z',
            recordedAt: '2026-03-01T09:05:00.000Z',
            authorId: null,
            informationCredibility: null,
            correctsEntryId: null,
            phaseId,
            ...fields,
            sourceReliability: fields.sourceReliability as NewEntry['sourceReliability'],
          };
          appendChainedEntry(fixture.store.sqlite, next);
          written += 1;
        }
        const result = verifyChains(fixture.store.sqlite);
        expect(result).toMatchObject({ ok: true, casesChecked: 1 });
      }),
      { numRuns: 40 },
    );
    expect(written).toBeGreaterThan(40);
  });
});
