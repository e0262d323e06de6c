import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { documentLocales, type DocumentLocale } from '../../../shared/briefing';
import { Select } from '../work/shared';

/**
 * The whole log of the case as PDF or JSON, for a Woo request or the archive. Like a briefing, each export is
 * recorded in the register, so only roles that may write see this.
 */
export function LogExport({ busy, onExport }: { busy: boolean; onExport(format: 'pdf' | 'json', redacted: boolean, locale: DocumentLocale): void }) {
  const { t } = useTranslation();
  const [redacted, setRedacted] = useState(false);
  const [locale, setLocale] = useState<DocumentLocale>('nl');
  return (
    <section className="briefing-block briefing-log-export" aria-labelledby="briefing-log-title">
      <h3 id="briefing-log-title">{t('briefing.log.title')}</h3>
      <p id="briefing-log-hint" className="hint">
        {t('briefing.log.hint')}
      </p>
      <div className="checkbox">
        <input id="briefing-log-redacted" type="checkbox" checked={redacted} aria-describedby="briefing-log-hint" onChange={(event) => setRedacted(event.target.checked)} />
        <label htmlFor="briefing-log-redacted">{t('briefing.log.redacted')}</label>
      </div>
      <Select
        id="briefing-log-locale"
        label={t('briefing.locale.label')}
        value={locale}
        options={documentLocales.map((value) => [value, t(`briefing.locale.${value}`)] as const)}
        onChange={(value) => setLocale(value as DocumentLocale)}
      />
      <div className="work-actions">
        <button type="button" disabled={busy} onClick={() => onExport('pdf', redacted, locale)}>
          {t('briefing.log.pdf')}
        </button>
        <button type="button" disabled={busy} onClick={() => onExport('json', redacted, locale)}>
          {t('briefing.log.json')}
        </button>
      </div>
    </section>
  );
}
