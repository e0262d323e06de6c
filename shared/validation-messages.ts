import type { z } from 'zod';
import { formatNumber, type Language } from './numbers';
import { firstControlCharacter, multiLinePattern, singleLinePattern, userNamePattern } from './text-rules';
import { hiddenCharacterToken } from './visible-text';

/**
 * Validation errors in words: which field, and which rule it breaks, in Dutch and English
 * ("Tekst: maximaal 50.000 tekens; u plakte 228.000 tekens"). Built from a zod issue's path, code and parameters
 * and, where it helps, the length of what was given: never the value itself, so a message may be logged,
 * printed and shown anywhere. The main process sends these with INVALID_INPUT; the renderer uses the same
 * words for its own checks through `validationErrorMap`.
 */

export type { Language } from './numbers';
type Words = Record<Language, string>;

/** What a failure carries per bad field (shared/result.ts `Failure.fields`). */
export interface FieldMessage {
  /** `entries.0.text`; `(invoer)` for the input as a whole. */
  path: string;
  /** "Tekst: maximaal 50.000 tekens; u plakte 228.000 tekens" */
  nl: string;
  en: string;
}

export interface FieldIssue extends FieldMessage {
  /** For the command line, where the path names the field: "entries.0.text: maximaal 50.000 tekens (228.000 gegeven)". */
  atPath: string;
}

/** Labels of the schema keys, Dutch first. A key not listed is named as it is. */
const fieldLabels: Record<string, Words> = {
  accountHandle: { nl: 'Accountnaam', en: 'Account handle' },
  accountRole: { nl: 'Accountrol', en: 'Account role' },
  after: { nl: 'Vanaf', en: 'After' },
  assignmentId: { nl: 'Roltoewijzing', en: 'Role assignment' },
  at: { nl: 'Tijdstip', en: 'Time' },
  attachmentId: { nl: 'Bijlage', en: 'Attachment' },
  audience: { nl: 'Voor wie', en: 'Audience' },
  authorName: { nl: 'Auteur', en: 'Author' },
  before: { nl: 'Tot', en: 'Before' },
  by: { nl: 'Door', en: 'By' },
  capturedBy: { nl: 'Vastgelegd door', en: 'Captured by' },
  caseId: { nl: 'Dossier', en: 'Case' },
  caveats: { nl: 'Aandachtspunten', en: 'Caveats' },
  channel: { nl: 'Kanaal', en: 'Channel' },
  citation: { nl: 'Wetsartikel', en: 'Citation' },
  classification: { nl: 'Rubricering', en: 'Classification' },
  contact: { nl: 'Contact', en: 'Contact' },
  contentClass: { nl: 'Soort inhoud', en: 'Content class' },
  corrects: { nl: 'Corrigeert', en: 'Corrects' },
  councilMeetingAt: { nl: 'Raadsvergadering', en: 'Council meeting' },
  currentPassphrase: { nl: 'Huidige wachtwoordzin', en: 'Current passphrase' },
  createdBy: { nl: 'Aangemaakt door', en: 'Created by' },
  data: { nl: 'Bestand', en: 'File' },
  decidedAt: { nl: 'Besloten op', en: 'Decided at' },
  decidedBy: { nl: 'Besloten door', en: 'Decided by' },
  decisionId: { nl: 'Besluit', en: 'Decision' },
  description: { nl: 'Beschrijving', en: 'Description' },
  displayName: { nl: 'Volledige naam', en: 'Full name' },
  dueAt: { nl: 'Uiterlijk', en: 'Due' },
  effect: { nl: 'Effect', en: 'Effect' },
  entryId: { nl: 'Logregel', en: 'Entry' },
  entryIds: { nl: 'Logregels', en: 'Entries' },
  fileName: { nl: 'Bestandsnaam', en: 'File name' },
  fingerprint: { nl: 'Vingerafdruk', en: 'Fingerprint' },
  followsDecisionId: { nl: 'Vervolg op besluit', en: 'Follows decision' },
  format: { nl: 'Formaat', en: 'Format' },
  from: { nl: 'Periode vanaf', en: 'Period from' },
  function: { nl: 'Functie', en: 'Function' },
  informationCredibility: { nl: 'Juistheid van de informatie', en: 'Credibility of the information' },
  interventionId: { nl: 'Interventie', en: 'Intervention' },
  kind: { nl: 'Soort', en: 'Kind' },
  legalBasisId: { nl: 'Wettelijke grondslag', en: 'Legal basis' },
  legalGround: { nl: 'Rechtsgrond en aanleiding', en: 'Legal ground and trigger' },
  limit: { nl: 'Aantal', en: 'Limit' },
  locale: { nl: 'Taal', en: 'Language' },
  location: { nl: 'Plaats', en: 'Place' },
  mediaType: { nl: 'Bestandstype', en: 'File type' },
  minutes: { nl: 'Minuten', en: 'Minutes' },
  municipality: { nl: 'Gemeente', en: 'Municipality' },
  name: { nl: 'Naam', en: 'Name' },
  necessity: { nl: 'Noodzaak', en: 'Necessity' },
  newPassphrase: { nl: 'Nieuwe wachtwoordzin', en: 'New passphrase' },
  newPassphraseRepeat: { nl: 'Herhaalde nieuwe wachtwoordzin', en: 'Repeated new passphrase' },
  note: { nl: 'Toelichting', en: 'Note' },
  notes: { nl: 'Opmerkingen', en: 'Notes' },
  occurredAt: { nl: 'Tijdstip', en: 'Time' },
  openedAt: { nl: 'Geopend op', en: 'Opened at' },
  organisation: { nl: 'Organisatie', en: 'Organisation' },
  organisationId: { nl: 'Organisatie', en: 'Organisation' },
  ownerPersonId: { nl: 'Eigenaar (persoon)', en: 'Owner (person)' },
  ownerRoleId: { nl: 'Eigenaar (rol)', en: 'Owner (role)' },
  passphrase: { nl: 'Wachtwoordzin', en: 'Passphrase' },
  passphraseRepeat: { nl: 'Herhaalde wachtwoordzin', en: 'Repeated passphrase' },
  peerId: { nl: 'Partner', en: 'Partner' },
  personalData: { nl: 'Persoonsgegevens', en: 'Personal data' },
  personId: { nl: 'Persoon', en: 'Person' },
  phase: { nl: 'Fase', en: 'Phase' },
  phaseId: { nl: 'Fase', en: 'Phase' },
  phaseIds: { nl: 'Fasen', en: 'Phases' },
  phone: { nl: 'Telefoon', en: 'Phone' },
  platform: { nl: 'Platform', en: 'Platform' },
  position: { nl: 'Plaats', en: 'Position' },
  postedAt: { nl: 'Geplaatst op', en: 'Posted at' },
  proportionality: { nl: 'Proportionaliteit', en: 'Proportionality' },
  query: { nl: 'Zoektekst', en: 'Search text' },
  reach: { nl: 'Bereik', en: 'Reach' },
  reason: { nl: 'Reden', en: 'Reason' },
  requestId: { nl: 'Verzoek', en: 'Request' },
  recordedBy: { nl: 'Vastgelegd door', en: 'Recorded by' },
  recoveryKey: { nl: 'Herstelsleutel', en: 'Recovery key' },
  redacted: { nl: 'Gelakt', en: 'Redacted' },
  requestedDecisions: { nl: 'Gevraagde besluiten', en: 'Decisions requested' },
  retentionCategory: { nl: 'Bewaarcategorie', en: 'Retention category' },
  risks: { nl: 'Risico’s', en: 'Risks' },
  roleId: { nl: 'Rol', en: 'Role' },
  seenAt: { nl: 'Gezien op', en: 'Seen at' },
  seq: { nl: 'Volgnummer', en: 'Sequence number' },
  sha256: { nl: 'SHA-256', en: 'SHA-256' },
  source: { nl: 'Bron', en: 'Source' },
  sourceReliability: { nl: 'Betrouwbaarheid van de bron', en: 'Reliability of the source' },
  status: { nl: 'Status', en: 'Status' },
  subsidiarity: { nl: 'Subsidiariteit', en: 'Subsidiarity' },
  summary: { nl: 'Beeld', en: 'Summary' },
  taskId: { nl: 'Actie', en: 'Action' },
  text: { nl: 'Tekst', en: 'Text' },
  title: { nl: 'Titel', en: 'Title' },
  to: { nl: 'Periode tot', en: 'Period to' },
  toPersonId: { nl: 'Overdragen aan', en: 'Hand over to' },
  type: { nl: 'Soort', en: 'Type' },
  types: { nl: 'Soorten', en: 'Types' },
  url: { nl: 'Webadres', en: 'Web address' },
  userId: { nl: 'Gebruiker', en: 'User' },
  userName: { nl: 'Gebruikersnaam', en: 'User name' },
};

/** What one item of a list is called, for "Tekst (logregel 3)". */
const itemLabels: Record<string, Words> = {
  attachments: { nl: 'bijlage', en: 'attachment' },
  briefingExports: { nl: 'export', en: 'export' },
  decisions: { nl: 'besluit', en: 'decision' },
  entries: { nl: 'logregel', en: 'entry' },
  interventionUses: { nl: 'interventie', en: 'intervention' },
  interventions: { nl: 'interventie', en: 'intervention' },
  legalBases: { nl: 'grondslag', en: 'legal basis' },
  organisations: { nl: 'organisatie', en: 'organisation' },
  people: { nl: 'persoon', en: 'person' },
  phaseTransitions: { nl: 'faseovergang', en: 'phase change' },
  phases: { nl: 'fase', en: 'phase' },
  roleAssignments: { nl: 'roltoewijzing', en: 'role assignment' },
  roles: { nl: 'rol', en: 'role' },
  signals: { nl: 'signaal', en: 'signal' },
  tasks: { nl: 'actie', en: 'action' },
};

const wholeInput: Words = { nl: 'Invoer', en: 'Input' };

/** 50000 as "50.000" in Dutch and "50,000" in English. */
export function formatCount(value: number | bigint, language: Language): string {
  return formatNumber(Number(value), language);
}

/** `entries.3.occurredAt`; an unknown key is named as if it were a field; the whole input is `(invoer)`. */
export function issuePath(issue: Pick<z.core.$ZodIssue, 'path' | 'code'> & { keys?: readonly string[] }): string {
  const path = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys?.[0] ?? ''] : issue.path;
  return path.length > 0 ? path.map(String).join('.') : '(invoer)';
}

/** The field's label in both languages, with the list item it belongs to: "Tekst (logregel 3)". */
export function fieldLabel(path: readonly PropertyKey[]): Words {
  const keys = path.filter((part): part is string => typeof part === 'string');
  const key = keys.at(-1);
  if (key === undefined) return wholeInput;
  const label = fieldLabels[key] ?? { nl: key, en: key };
  const index = path.findIndex((part, position) => typeof part === 'number' && position > 0 && typeof path[position - 1] === 'string');
  if (index < 0 || index === path.length - 1) return label;
  const list = String(path[index - 1]);
  const number = (path[index] as number) + 1;
  const item = itemLabels[list] ?? { nl: 'nr.', en: 'no.' };
  return { nl: `${label.nl} (${item.nl} ${number})`, en: `${label.en} (${item.en} ${number})` };
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

const lengthOf = (value: unknown): number | null =>
  typeof value === 'string' || Array.isArray(value) ? value.length : null;

interface Rule {
  words: Words;
  /** What was given, when it says more than the rule: 228.000 characters. */
  given?: { count: number; origin: keyof typeof units };
}

const units = {
  string: { nl: 'tekens', en: 'characters' },
  array: { nl: 'items', en: 'items' },
} as const;

/** How much was given: a text too long is what a paste does; a list is sent, not pasted. */
const givenWords: Record<keyof typeof units, Record<Language, (count: string) => string>> = {
  string: { nl: (count) => `u plakte ${count} tekens`, en: (count) => `you pasted ${count} characters` },
  array: { nl: (count) => `het zijn er ${count}`, en: (count) => `there are ${count}` },
};

const expectedWords: Record<string, Words> = {
  string: { nl: 'tekst', en: 'text' },
  number: { nl: 'een getal', en: 'a number' },
  int: { nl: 'een heel getal', en: 'a whole number' },
  boolean: { nl: 'ja of nee', en: 'yes or no' },
  array: { nl: 'een lijst', en: 'a list' },
  object: { nl: 'een object', en: 'an object' },
  null: { nl: 'leeg', en: 'empty' },
};

const formatWords: Record<string, Words> = {
  datetime: { nl: 'geen geldige datum en tijd', en: 'not a valid date and time' },
  date: { nl: 'geen geldige datum', en: 'not a valid date' },
  url: { nl: 'geen geldig webadres (http of https)', en: 'not a valid web address (http or https)' },
  base64: { nl: 'geen geldige base64', en: 'not valid base64' },
  lowercase: { nl: 'alleen kleine letters', en: 'lower case only' },
};

function sizeRule(issue: z.core.$ZodIssueTooBig | z.core.$ZodIssueTooSmall, given: unknown): Rule {
  const big = issue.code === 'too_big';
  const limit = big ? issue.maximum : issue.minimum;
  const inclusive = issue.inclusive !== false;
  const origin = issue.origin === 'string' ? 'string' : issue.origin === 'array' ? 'array' : null;
  if (origin !== null) {
    const unit = units[origin];
    if (!big && Number(limit) === 1 && origin === 'string') return { words: { nl: 'mag niet leeg zijn', en: 'must not be empty' } };
    const at = (language: Language): string => `${formatCount(limit, language)} ${unit[language]}`;
    const words = issue.exact
      ? { nl: `precies ${at('nl')}`, en: `exactly ${at('en')}` }
      : big
        ? { nl: `maximaal ${at('nl')}`, en: `at most ${at('en')}` }
        : { nl: `minimaal ${at('nl')}`, en: `at least ${at('en')}` };
    // Too long is what a paste does; how long it was says how much to cut.
    const count = big ? lengthOf(given) : null;
    return count === null ? { words } : { words, given: { count, origin } };
  }
  if (big) {
    return inclusive
      ? { words: { nl: `maximaal ${formatCount(limit, 'nl')}`, en: `at most ${formatCount(limit, 'en')}` } }
      : { words: { nl: `kleiner dan ${formatCount(limit, 'nl')}`, en: `less than ${formatCount(limit, 'en')}` } };
  }
  return inclusive
    ? { words: { nl: `minimaal ${formatCount(limit, 'nl')}`, en: `at least ${formatCount(limit, 'en')}` } }
    : { words: { nl: `groter dan ${formatCount(limit, 'nl')}`, en: `greater than ${formatCount(limit, 'en')}` } };
}

function controlRule(singleLine: boolean, given: unknown): Rule {
  const code = typeof given === 'string' ? firstControlCharacter(given, singleLine) : null;
  const which = code === null ? '' : ` (${hiddenCharacterToken(code)})`;
  return singleLine
    ? {
        words: {
          nl: `één regel zonder tab, regelovergang of ander stuurteken${which}`,
          en: `one line without tab, line break or other control character${which}`,
        },
      }
    : {
        words: {
          nl: `bevat een stuurteken${which}; alleen tab en regelovergang zijn toegestaan`,
          en: `contains a control character${which}; only tab and line breaks are allowed`,
        },
      };
}

const listed = (values: readonly unknown[]): string => {
  const shown = values.slice(0, 8).map((value) => String(value));
  return values.length > shown.length ? `${shown.join(', ')}, …` : shown.join(', ');
};

function ruleOf(issue: z.core.$ZodIssue, given: unknown): Rule {
  switch (issue.code) {
    case 'too_big':
    case 'too_small':
      // An empty reference (`…Id`) is a choice not made: the screen shows it as a list to pick from.
      if (issue.code === 'too_small' && issue.origin === 'string' && given === '' && /Id$/.test(String(issue.path.at(-1) ?? ''))) {
        return { words: { nl: 'kies er een', en: 'choose one' } };
      }
      return sizeRule(issue, given);
    case 'invalid_type':
      if (given === undefined) return { words: { nl: 'ontbreekt', en: 'is missing' } };
      return {
        words: {
          nl: `moet ${expectedWords[issue.expected]?.nl ?? issue.expected} zijn`,
          en: `must be ${expectedWords[issue.expected]?.en ?? issue.expected}`,
        },
      };
    case 'invalid_format':
      if (issue.format === 'regex' && issue.pattern === String(multiLinePattern)) return controlRule(false, given);
      if (issue.format === 'regex' && issue.pattern === String(singleLinePattern)) return controlRule(true, given);
      if (issue.format === 'regex' && issue.pattern === String(userNamePattern)) {
        if (given === '') return { words: { nl: 'mag niet leeg zijn', en: 'must not be empty' } };
        return {
          words: {
            nl: 'maximaal 64 tekens: kleine letters, cijfers, punt, koppelteken of laag streepje',
            en: 'at most 64 characters: lower-case letters, digits, full stop, hyphen or underscore',
          },
        };
      }
      return { words: formatWords[issue.format] ?? { nl: 'heeft niet de juiste vorm', en: 'does not have the right form' } };
    case 'invalid_value':
      return {
        words:
          issue.values.length === 1
            ? { nl: `moet ${String(issue.values[0])} zijn`, en: `must be ${String(issue.values[0])}` }
            : { nl: `kies uit: ${listed(issue.values)}`, en: `choose from: ${listed(issue.values)}` },
      };
    case 'unrecognized_keys':
      return { words: { nl: 'onbekend veld', en: 'unknown field' } };
    case 'not_multiple_of':
      return { words: { nl: `moet een veelvoud van ${formatCount(issue.divisor, 'nl')} zijn`, en: `must be a multiple of ${formatCount(issue.divisor, 'en')}` } };
    case 'custom': {
      // A refinement says its own rule in both languages (`ruleWords`); an older one in Dutch only.
      const { nl, en } = (issue.params ?? {}) as { nl?: unknown; en?: unknown };
      if (typeof nl === 'string') return { words: { nl, en: typeof en === 'string' ? en : nl } };
      if (issue.message === '') return { words: { nl: 'ongeldige waarde', en: 'invalid value' } };
      return { words: { nl: issue.message, en: typeof en === 'string' ? en : issue.message } };
    }
    default:
      return { words: { nl: 'ongeldige waarde', en: 'invalid value' } };
  }
}

/** The rule in one language, without the field: "maximaal 50.000 tekens; u plakte 228.000 tekens". */
function ruleText(rule: Rule, language: Language): string {
  const { given } = rule;
  if (!given) return rule.words[language];
  return `${rule.words[language]}; ${givenWords[given.origin][language](formatCount(given.count, language))}`;
}

const joined = (label: string, rule: string): string => `${label}: ${rule}`;

/**
 * One issue in words. `root` is the input that was parsed: the length of a too-long text is read from the
 * issue's `input` (parsing with `reportInput`) or looked up there, and never copied into the message.
 */
export function describeIssue(issue: z.core.$ZodIssue, root?: unknown): FieldIssue {
  const given = 'input' in issue && issue.input !== undefined ? issue.input : valueAt(root, issue.path);
  const path = issuePath(issue);
  const label = issue.code === 'unrecognized_keys' ? { nl: issue.keys[0] ?? '', en: issue.keys[0] ?? '' } : fieldLabel(issue.path);
  const rule = ruleOf(issue, issue.code === 'unrecognized_keys' ? undefined : given);
  const atPath = rule.given ? `${path}: ${rule.words.nl} (${formatCount(rule.given.count, 'nl')} gegeven)` : `${path}: ${rule.words.nl}`;
  return { path, nl: joined(label.nl, ruleText(rule, 'nl')), en: joined(label.en, ruleText(rule, 'en')), atPath };
}

/** Every issue of a failed parse in words, at most `max` (the first ones are the ones to fix first). */
export function describeIssues(issues: readonly z.core.$ZodIssue[], root?: unknown, max = 10): FieldIssue[] {
  return issues.slice(0, max).map((issue) => describeIssue(issue, root));
}

/** A refinement's own message may end in a full stop; the sentences here add their own. */
export const withoutFullStop = (text: string): string => (text.endsWith('.') ? text.slice(0, -1) : text);

/**
 * A zod error map in the UI's language, for checks in the renderer (react-hook-form's zodResolver): the same
 * words as the main process's. A form shows the message under its field, so the label is left out unless
 * `withField` asks for it (a summary above the form).
 */
/**
 * What a refinement in `shared/` passes as its rule: the words in both languages, without a fixed `message`, so
 * the error map of the screen (English or Dutch) and of the main process both get to say it.
 */
export function ruleWords(nl: string, en: string): { params: { nl: string; en: string } } {
  return { params: { nl, en } };
}

export function validationErrorMap(language: Language, options: { withField?: boolean } = {}): z.core.$ZodErrorMap {
  return (raw) => {
    const issue = { ...raw, path: raw.path ?? [], message: raw.message ?? '' } as z.core.$ZodIssue;
    const rule = ruleOf(issue, raw.input);
    const text = ruleText(rule, language);
    return options.withField ? joined(fieldLabel(issue.path)[language], text) : text;
  };
}
