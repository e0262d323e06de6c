import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { caseFileSchema } from '../../shared/case-format';
import { OrdelogError } from '../../shared/errors';
import { appendEntryInput, createCaseInput, createTaskInput, listEntriesInput, recordDecisionInput } from '../../shared/schemas';
import { recordSignalInput } from '../../shared/signals';
import { describeIssues, formatCount, validationErrorMap } from '../../shared/validation-messages';

/** What a failed parse says, per field, in both languages. */
function messages(schema: z.ZodType, input: unknown): { path: string; nl: string; en: string }[] {
  const result = schema.safeParse(input);
  if (result.success) throw new Error('expected a refusal');
  return describeIssues(result.error.issues, input).map(({ path, nl, en }) => ({ path, nl, en }));
}

const entry = { caseId: 'zaak-1', type: 'signaal', text: 'Oproep op TikTok om 20:00 naar het plein te komen.' };

describe('validation messages', () => {
  it('formats numbers the Dutch way in Dutch and the English way in English', () => {
    expect(formatCount(228_000, 'nl')).toBe('228.000');
    expect(formatCount(5_000, 'nl')).toBe('5.000');
    expect(formatCount(50_000, 'en')).toBe('50,000');
  });

  it('names the field, the limit and the length pasted, never the text', () => {
    const text = 'Vertrouwelijk: melder J. de Vries. '.repeat(7_000).slice(0, 228_000);
    const [message] = messages(appendEntryInput, { ...entry, text });
    expect(message).toEqual({
      path: 'text',
      nl: 'Tekst: maximaal 50.000 tekens; u plakte 228.000 tekens',
      en: 'Text: at most 50,000 characters; you pasted 228,000 characters',
    });
    expect(JSON.stringify(message)).not.toContain('melder');
  });

  it('says a required text must not be empty, and what is missing', () => {
    expect(messages(createCaseInput, { title: '   ' })).toEqual([{ path: 'title', nl: 'Titel: mag niet leeg zijn', en: 'Title: must not be empty' }]);
    expect(messages(appendEntryInput, { caseId: 'zaak-1', type: 'signaal' })).toEqual([{ path: 'text', nl: 'Tekst: ontbreekt', en: 'Text: is missing' }]);
  });

  it('explains a wrong date, a choice outside the list, a wrong type, an unknown field and a list too long', () => {
    expect(messages(appendEntryInput, { ...entry, occurredAt: '03-03-2026 15:40', type: 'roddel', personalData: 'ja', kleur: 'rood' })).toEqual([
      {
        path: 'type',
        nl: 'Soort: kies uit: signaal, waarneming, besluit, actie, communicatie, overleg, notitie',
        en: 'Type: choose from: signaal, waarneming, besluit, actie, communicatie, overleg, notitie',
      },
      { path: 'occurredAt', nl: 'Tijdstip: geen geldige datum en tijd', en: 'Time: not a valid date and time' },
      { path: 'personalData', nl: 'Persoonsgegevens: moet ja of nee zijn', en: 'Personal data: must be yes or no' },
      { path: 'kleur', nl: 'kleur: onbekend veld', en: 'kleur: unknown field' },
    ]);
    expect(messages(listEntriesInput, { caseId: 'zaak-1', limit: 10_000 })).toEqual([
      { path: 'limit', nl: 'Aantal: maximaal 500', en: 'Limit: at most 500' },
    ]);
    const entryIds = Array.from({ length: 1_200 }, (_, index) => `e${index}`);
    expect(messages(recordDecisionInput, { caseId: 'zaak-1', text: 'Noodverordening', decidedBy: 'burgemeester', entryIds })).toEqual([
      { path: 'entryIds', nl: 'Logregels: maximaal 500 items; het zijn er 1.200', en: 'Entries: at most 500 items; there are 1,200' },
    ]);
  });

  it('uses a refinement’s own words, in English too', () => {
    expect(messages(createTaskInput, { caseId: 'zaak-1', text: 'Jongerenwerk bellen' })).toEqual([
      { path: 'ownerRoleId', nl: 'Eigenaar (rol): kies een rol of een persoon als eigenaar', en: 'Owner (role): choose a role or a person as owner' },
    ]);
    const closed = { caseId: 'zaak-1', text: 'Groep deelt locatie', platform: 'telegram', channel: 'besloten', sourceReliability: 'B', informationCredibility: '2' };
    expect(messages(recordSignalInput, closed)[0]).toMatchObject({
      path: 'legalGround',
      en: 'Legal ground and trigger: required for a closed channel: the concrete trigger and why looking there was necessary',
    });
  });

  it('refuses control characters, naming the field and the character', () => {
    expect(messages(appendEntryInput, { ...entry, text: 'Oproep\u0000plein' })).toEqual([
      {
        path: 'text',
        nl: 'Tekst: bevat een stuurteken (⟨U+0000⟩); alleen tab en regelovergang zijn toegestaan',
        en: 'Text: contains a control character (⟨U+0000⟩); only tab and line breaks are allowed',
      },
    ]);
    expect(messages(createCaseInput, { title: 'Zuidplein\nnacht' })).toEqual([
      {
        path: 'title',
        nl: 'Titel: één regel zonder tab, regelovergang of ander stuurteken (⟨U+000A⟩)',
        en: 'Title: one line without tab, line break or other control character (⟨U+000A⟩)',
      },
    ]);
    expect(messages(appendEntryInput, { ...entry, source: 'Wijkagent\tNoord' })[0]?.nl).toBe(
      'Bron: één regel zonder tab, regelovergang of ander stuurteken (⟨U+0009⟩)',
    );
  });

  it('keeps tab and line breaks in texts of several lines, stores CRLF as LF, and keeps bidi controls as typed', () => {
    const parsed = appendEntryInput.parse({ ...entry, text: 'Regel 1\r\nRegel 2\rKolom\tB \u202Eomgekeerd' });
    expect(parsed.text).toBe('Regel 1\nRegel 2\nKolom\tB \u202Eomgekeerd');
    expect(createCaseInput.parse({ title: '  Zuidplein\u202E  \n' }).title).toBe('Zuidplein\u202E');
  });

  it('names the list item a field of a case file belongs to', () => {
    const file = {
      case: { title: 'Import' },
      entries: [
        { type: 'signaal', occurredAt: '2026-03-03T15:40:00+01:00', text: 'Eerste' },
        { type: 'signaal', occurredAt: '2026-03-03T15:41:00+01:00', text: 'x'.repeat(50_001) },
      ],
    };
    expect(messages(caseFileSchema, file)).toEqual([
      {
        path: 'entries.1.text',
        nl: 'Tekst (logregel 2): maximaal 50.000 tekens; u plakte 50.001 tekens',
        en: 'Text (entry 2): at most 50,000 characters; you pasted 50,001 characters',
      },
    ]);
  });

  it('puts the fields in the failure message of an OrdelogError', () => {
    const result = appendEntryInput.safeParse({ ...entry, text: 'x'.repeat(60_000) });
    if (result.success) throw new Error('expected a refusal');
    const error = new OrdelogError('INVALID_INPUT', { fields: describeIssues(result.error.issues, { text: 'x'.repeat(60_000) }) });
    expect(error.message).toBe('De invoer is ongeldig: Tekst: maximaal 50.000 tekens; u plakte 60.000 tekens.');
  });

  it('gives the renderer the same words through a zod error map, in its language', () => {
    const text = 'x'.repeat(5_001);
    const nl = createTaskInput.safeParse({ caseId: 'zaak-1', text, ownerRoleId: 'oov' }, { error: validationErrorMap('nl') });
    const en = createTaskInput.safeParse({ caseId: 'zaak-1', text, ownerRoleId: 'oov' }, { error: validationErrorMap('en', { withField: true }) });
    expect(nl.error?.issues.map((issue) => issue.message)).toEqual(['maximaal 5.000 tekens; u plakte 5.001 tekens']);
    expect(en.error?.issues.map((issue) => issue.message)).toEqual(['Text: at most 5,000 characters; you pasted 5,001 characters']);
  });
});
