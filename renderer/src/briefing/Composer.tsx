import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useWatch, type UseFormReturn } from 'react-hook-form';
import { briefingAnnexes, briefingAudiences, defaultAnnexes, documentLocales, type BriefingAudience, type ComposeBriefingArgs } from '../../../shared/briefing';
import { Field, SelectField } from '../components/Field';
import type { BriefingDraft } from './draft';
import { limits } from '../../../shared/schemas';
import { LongText, TimeField } from '../components/FormFields';

/**
 * The composer: who the briefing is for, which period, and the three texts only a person can write. The form
 * lives in the section, so what was typed survives switching to the preview and back.
 */
export function Composer({
  form,
  draftOffer,
  busy,
  canExport,
  onPreview,
  onExport,
}: {
  form: UseFormReturn<BriefingDraft, unknown, ComposeBriefingArgs>;
  /** A draft of these texts older than a day, offered to put back. */
  draftOffer: ReactNode;
  busy: boolean;
  canExport: boolean;
  onPreview(): void;
  onExport(): void;
}) {
  const { t } = useTranslation();
  const fromStart = useWatch({ control: form.control, name: 'fromStart' });
  const annexes = useWatch({ control: form.control, name: 'annexes' }) ?? [];
  const toggleAnnex = (annex: (typeof briefingAnnexes)[number], on: boolean) =>
    form.setValue('annexes', briefingAnnexes.filter((item) => (item === annex ? on : annexes.includes(item))), { shouldDirty: true });

  return (
    <form
      className="work-form briefing-composer"
      noValidate
      aria-labelledby="briefing-composer-title"
      onSubmit={(event) => {
        event.preventDefault();
        onPreview();
      }}
    >
      <h3 id="briefing-composer-title">{t('briefing.composer.title')}</h3>
      {draftOffer}
      <div className="briefing-composer-row">
        <SelectField
          id="briefing-audience"
          label={t('briefing.audience.label')}
          {...form.register('audience', {
            // Each reader has the annexes that suit them; the author can change them after.
            onChange: (event: { target: { value: string } }) =>
              form.setValue('annexes', defaultAnnexes(event.target.value as BriefingAudience), { shouldDirty: true }),
          })}
        >
          {briefingAudiences.map((audience) => (
            <option key={audience} value={audience}>
              {t(`briefing.audience.${audience}`)}
            </option>
          ))}
        </SelectField>
        <SelectField id="briefing-locale" label={t('briefing.locale.label')} {...form.register('locale')}>
          {documentLocales.map((locale) => (
            <option key={locale} value={locale}>
              {t(`briefing.locale.${locale}`)}
            </option>
          ))}
        </SelectField>
      </div>
      <fieldset className="work-fieldset briefing-period">
        <legend>{t('briefing.period.legend')}</legend>
        <div className="checkbox">
          <input id="briefing-from-start" type="checkbox" {...form.register('fromStart')} />
          <label htmlFor="briefing-from-start">{t('briefing.period.fromStart')}</label>
        </div>
        {!fromStart && (
          <TimeField control={form.control} name="from" id="briefing-from" label={t('briefing.period.from')} hint={t('briefing.period.fromHint')} />
        )}
        <TimeField control={form.control} name="to" id="briefing-to" label={t('briefing.period.to')} hint={t('briefing.period.toHint')} />
      </fieldset>
      <LongText
        control={form.control}
        name="summary"
        id="briefing-summary"
        label={t('briefing.texts.summary')}
        hint={t('briefing.texts.summaryHint')}
        maxLength={limits.entryText}
        rows={5}
      />
      <LongText
        control={form.control}
        name="risks"
        id="briefing-risks"
        label={t('briefing.texts.risks')}
        hint={t('briefing.texts.risksHint')}
        maxLength={limits.entryText}
        rows={4}
      />
      <LongText
        control={form.control}
        name="requestedDecisions"
        id="briefing-decisions"
        label={t('briefing.texts.requestedDecisions')}
        hint={t('briefing.texts.requestedDecisionsHint')}
        maxLength={limits.entryText}
        rows={4}
      />
      <fieldset className="work-fieldset briefing-annexes">
        <legend>{t('briefing.annexes.legend')}</legend>
        <p className="hint">{t('briefing.annexes.hint')}</p>
        {briefingAnnexes.map((annex) => (
          <div className="checkbox" key={annex}>
            <input
              id={`briefing-annex-${annex}`}
              type="checkbox"
              checked={annexes.includes(annex)}
              onChange={(event) => toggleAnnex(annex, event.target.checked)}
            />
            <label htmlFor={`briefing-annex-${annex}`}>{t(`briefing.annexes.${annex}`)}</label>
          </div>
        ))}
        {annexes.includes('tijdlijn') && (
          <div className="checkbox">
            <input id="briefing-system-lines" type="checkbox" {...form.register('timelineSystemLines')} />
            <label htmlFor="briefing-system-lines">{t('briefing.annexes.systemLines')}</label>
          </div>
        )}
      </fieldset>
      <Field
        id="briefing-partner"
        label={t('briefing.partner.label')}
        hint={t('briefing.partner.hint')}
        maxLength={limits.name}
        error={form.formState.errors.partner?.message}
        {...form.register('partner')}
      />
      <div className="checkbox">
        <input id="briefing-redacted" type="checkbox" aria-describedby="briefing-redacted-hint" {...form.register('redacted')} />
        <label htmlFor="briefing-redacted">{t('briefing.redacted')}</label>
      </div>
      <p id="briefing-redacted-hint" className="hint briefing-checkbox-hint">
        {t('briefing.redactedHint')}
      </p>
      <div className="work-actions">
        <button type="submit" className="primary" disabled={busy}>
          {t('briefing.previewButton')}
        </button>
        {canExport && (
          <button type="button" disabled={busy} onClick={onExport}>
            {t('briefing.exportButton')}
          </button>
        )}
      </div>
    </form>
  );
}
