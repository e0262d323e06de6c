import briefingEn from './briefing.en.json';
import briefingNl from './briefing.nl.json';
import casesEn from './cases.en.json';
import casesNl from './cases.nl.json';
import draftsEn from './drafts.en.json';
import draftsNl from './drafts.nl.json';
import en from './en.json';
import nl from './nl.json';
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
  nl: [nl, casesNl, workNl, signalsNl, briefingNl, timeNl, draftsNl],
  en: [en, casesEn, workEn, signalsEn, briefingEn, timeEn, draftsEn],
} as const;

export const strings = {
  nl: Object.assign({}, ...stringFiles.nl) as Record<string, unknown>,
  en: Object.assign({}, ...stringFiles.en) as Record<string, unknown>,
};
