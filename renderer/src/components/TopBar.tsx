import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { languages } from '../../i18n';
import { useChooseLanguage } from '../settings/language-choice';

function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const choose = useChooseLanguage();
  return (
    <div className="language-switch" role="group" aria-label={t('language.label')}>
      {languages.map((language) => (
        <button
          key={language}
          type="button"
          lang={language}
          aria-pressed={i18n.resolvedLanguage === language}
          onClick={() => choose(language)}
        >
          {t(`language.${language}`)}
        </button>
      ))}
    </div>
  );
}

/** The bar above every screen: the name, what the screen adds (user, Lock), and the language switch. */
export function TopBar({ children }: { children?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <header className="top-bar">
      <a className="skip-link" href="#content">
        {t('app.skipToContent')}
      </a>
      <p className="brand">
        <span className="brand-name">{t('app.name')}</span> <span className="brand-tagline">{t('app.tagline')}</span>
      </p>
      <div className="top-bar-actions">
        {children}
        <LanguageSwitch />
      </div>
    </header>
  );
}
