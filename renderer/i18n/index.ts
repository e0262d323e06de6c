import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { showHidden } from '../../shared/visible-text';
import { strings } from './strings';

export const languages = ['nl', 'en'] as const;
export type Language = (typeof languages)[number];

const storageKey = 'ordelog.language';

function storedLanguage(): Language {
  const stored = window.localStorage.getItem(storageKey);
  return stored === 'en' ? 'en' : 'nl';
}

export function currentLanguage(): Language {
  return i18next.resolvedLanguage === 'en' ? 'en' : 'nl';
}

/** Switches the UI language and remembers the choice (a preference, never case data). */
export function setLanguage(language: Language): void {
  window.localStorage.setItem(storageKey, language);
  void i18next.changeLanguage(language);
}

i18next.on('languageChanged', (language) => {
  document.documentElement.lang = language;
});

void i18next.use(initReactI18next).init({
  resources: { nl: { translation: strings.nl }, en: { translation: strings.en } },
  lng: storedLanguage(),
  fallbackLng: 'nl',
  supportedLngs: languages,
  // Resources are bundled: initialise synchronously, so the first render is already translated.
  initAsync: false,
  // React escapes markup itself; what interpolation must do is show every value as typed: a name or text with a
  // right-to-left override or another hidden character gets a visible token (shared/visible-text.ts), the same
  // way the documents print it. Values are user data, counts and times; only user data can hold such characters.
  interpolation: { escapeValue: true, escape: showHidden },
  react: { useSuspense: false },
});

export default i18next;
