import type { ParseKeys } from 'i18next';
import type { Strings } from './strings';

// `t('some.key')` is checked against the Dutch strings: a misspelled or removed key fails `npm run typecheck`.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Strings };
  }
}

/** A key of the UI strings, for data that names a string before a screen translates it (a tab's label). */
export type StringKey = ParseKeys;
