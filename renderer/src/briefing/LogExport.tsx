import type { ReactNode } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { documentLocales, type DocumentLocale } from '../../../shared/briefing';
import { SelectField } from '../components/Field';

interface LogExportOptions {
  redacted: boolean;
  locale: DocumentLocale;
}

/**
 * The whole log of the case as PDF or JSON, for a Woo request or the archive. Like a briefing, each export is
 * recorded in the register, so only roles that may write see this.
 */
export function LogExport({
  busy,
  progress,
  onExport,
}: {
  busy: boolean;
  /** The running export's progress and cancel, under the buttons that started it. */
  progress: ReactNode;
  onExport(format: 'pdf' | 'json', options: LogExportOptions): Promise<void>;
}) {
  const { t } = useTranslation();
  const form = useForm<LogExportOptions>({ defaultValues: { redacted: false, locale: 'nl' } });
  const exportAs = (format: 'pdf' | 'json') => form.handleSubmit((options) => onExport(format, options));
  const disabled = busy || form.formState.isSubmitting;
  return (
    <section className="briefing-block briefing-log-export" aria-labelledby="briefing-log-title">
      <h3 id="briefing-log-title">{t('briefing.log.title')}</h3>
      <p id="briefing-log-hint" className="hint">
        {t('briefing.log.hint')}
      </p>
      <div className="checkbox">
        <input id="briefing-log-redacted" type="checkbox" aria-describedby="briefing-log-hint" {...form.register('redacted')} />
        <label htmlFor="briefing-log-redacted">{t('briefing.log.redacted')}</label>
      </div>
      <SelectField id="briefing-log-locale" label={t('briefing.locale.label')} {...form.register('locale')}>
        {documentLocales.map((value) => (
          <option key={value} value={value}>
            {t(`briefing.locale.${value}`)}
          </option>
        ))}
      </SelectField>
      <div className="work-actions">
        <button type="button" disabled={disabled} onClick={() => void exportAs('pdf')()}>
          {t('briefing.log.pdf')}
        </button>
        <button type="button" disabled={disabled} onClick={() => void exportAs('json')()}>
          {t('briefing.log.json')}
        </button>
      </div>
      {progress}
    </section>
  );
}
