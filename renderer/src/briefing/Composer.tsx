import type { Dispatch, SetStateAction } from 'react';
import { useTranslation } from 'react-i18next';
import { briefingAudiences, documentLocales, type BriefingAudience, type DocumentLocale } from '../../../shared/briefing';
import { limits } from '../../../shared/schemas';
import { DateTimeField, Select, TextArea } from '../work/shared';
import type { BriefingDraft } from './draft';

/**
 * The composer: who the briefing is for, which period, and the three texts only a person can write. The draft
 * lives in the section, so it survives switching to the preview and back.
 */
export function Composer({
  draft,
  onDraft,
  busy,
  canExport,
  onPreview,
  onExport,
}: {
  draft: BriefingDraft;
  onDraft: Dispatch<SetStateAction<BriefingDraft>>;
  busy: boolean;
  canExport: boolean;
  onPreview(): void;
  onExport(): void;
}) {
  const { t } = useTranslation();
  const set =
    <K extends keyof BriefingDraft>(key: K) =>
    (value: BriefingDraft[K]) =>
      onDraft((current) => ({ ...current, [key]: value }));

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
      <div className="briefing-composer-row">
        <Select
          id="briefing-audience"
          label={t('briefing.audience.label')}
          value={draft.audience}
          options={briefingAudiences.map((audience) => [audience, t(`briefing.audience.${audience}`)] as const)}
          onChange={(value) => set('audience')(value as BriefingAudience)}
        />
        <Select
          id="briefing-locale"
          label={t('briefing.locale.label')}
          value={draft.locale}
          options={documentLocales.map((locale) => [locale, t(`briefing.locale.${locale}`)] as const)}
          onChange={(value) => set('locale')(value as DocumentLocale)}
        />
      </div>
      <fieldset className="work-fieldset briefing-period">
        <legend>{t('briefing.period.legend')}</legend>
        <DateTimeField id="briefing-from" label={t('briefing.period.from')} hint={t('briefing.period.fromHint')} value={draft.from} onChange={set('from')} />
        <DateTimeField id="briefing-to" label={t('briefing.period.to')} hint={t('briefing.period.toHint')} value={draft.to} onChange={set('to')} />
      </fieldset>
      <TextArea
        id="briefing-summary"
        label={t('briefing.texts.summary')}
        hint={t('briefing.texts.summaryHint')}
        maxLength={limits.entryText}
        value={draft.summary}
        onChange={set('summary')}
        rows={5}
      />
      <TextArea
        id="briefing-risks"
        label={t('briefing.texts.risks')}
        hint={t('briefing.texts.risksHint')}
        maxLength={limits.entryText}
        value={draft.risks}
        onChange={set('risks')}
        rows={4}
      />
      <TextArea
        id="briefing-decisions"
        label={t('briefing.texts.requestedDecisions')}
        hint={t('briefing.texts.requestedDecisionsHint')}
        maxLength={limits.entryText}
        value={draft.requestedDecisions}
        onChange={set('requestedDecisions')}
        rows={4}
      />
      <div className="checkbox">
        <input
          id="briefing-redacted"
          type="checkbox"
          checked={draft.redacted}
          aria-describedby="briefing-redacted-hint"
          onChange={(event) => set('redacted')(event.target.checked)}
        />
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
