import accountsEn from './accounts.en.json';
import accountsNl from './accounts.nl.json';
import briefingEn from './briefing.en.json';
import briefingNl from './briefing.nl.json';
import casesEn from './cases.en.json';
import casesNl from './cases.nl.json';
import draftsEn from './drafts.en.json';
import draftsNl from './drafts.nl.json';
import en from './en.json';
import jobsEn from './jobs.en.json';
import jobsNl from './jobs.nl.json';
import nl from './nl.json';
import sharingEn from './sharing.en.json';
import sharingNl from './sharing.nl.json';
import signalsEn from './signals.en.json';
import signalsNl from './signals.nl.json';
import timeEn from './time.en.json';
import timeNl from './time.nl.json';
import workEn from './work.en.json';
import workNl from './work.nl.json';

/**
 * All UI strings per language. Split by area (core screens, the case log, the team's work lists) so each
 * file stays readable; top-level keys must not repeat across files of one language (a test checks that).
 */
export const stringFiles = {
  nl: [nl, casesNl, workNl, signalsNl, briefingNl, timeNl, accountsNl, draftsNl, jobsNl, sharingNl],
  en: [en, casesEn, workEn, signalsEn, briefingEn, timeEn, accountsEn, draftsEn, jobsEn, sharingEn],
} as const;

/** The files of one language as one object, typed as the intersection of the files. */
type Merged<Files extends readonly object[]> = Files extends readonly [infer First, ...infer Rest extends readonly object[]]
  ? First & Merged<Rest>
  : unknown;

function merged<Files extends readonly object[]>(files: Files): Merged<Files> {
  return Object.assign({}, ...files) as Merged<Files>;
}

/** The Dutch strings are the reference: every key `t()` accepts is one of these (see i18next.d.ts). */
export type Strings = Merged<typeof stringFiles.nl>;

const nlStrings: Strings = merged(stringFiles.nl);
// Typed as the Dutch shape, so an English file that lacks a Dutch key fails the type check.
const enStrings: Strings = merged(stringFiles.en);

export const strings = { nl: nlStrings, en: enStrings };
