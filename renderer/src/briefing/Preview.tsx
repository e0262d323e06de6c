import type { RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { BriefingPreview } from '../../../shared/briefing';
import { kernCuts } from '../../../shared/briefing-html/render-briefing';
import { useDates } from '../work/shared';

/**
 * The briefing as it will be printed. Its own actions sit above the paper, so refreshing or exporting does
 * not mean scrolling back to the form.
 */
export function Preview({
  preview,
  stale,
  busy,
  canExport,
  headingRef,
  onRefresh,
  onExport,
}: {
  preview: BriefingPreview | null;
  stale: boolean;
  busy: boolean;
  canExport: boolean;
  headingRef: RefObject<HTMLHeadingElement | null>;
  onRefresh(): void;
  onExport(): void;
}) {
  const { t } = useTranslation();
  const dates = useDates();
  const doc = preview?.document;

  return (
    <section className="briefing-preview" aria-labelledby="briefing-preview-title">
      <h3 id="briefing-preview-title" ref={headingRef} tabIndex={-1}>
        {doc ? t('briefing.preview.title', { number: doc.number }) : t('briefing.views.preview')}
      </h3>
      {doc && (
        <p className="work-meta">
          {t('briefing.preview.meta', {
            audience: t(`briefing.audience.${doc.audience}`),
            time: dates.format(doc.generatedAt),
            language: t(`briefing.locale.${doc.locale}`),
          })}
          {doc.redacted && <span className="badge badge-personal briefing-redacted-badge">{t('briefing.preview.redacted')}</span>}
        </p>
      )}
      <div className="work-actions">
        <button type="button" className={preview ? undefined : 'primary'} disabled={busy} onClick={onRefresh}>
          {t('briefing.previewButton')}
        </button>
        {canExport && (
          <button type="button" className="primary" disabled={busy} onClick={onExport}>
            {t('briefing.exportButton')}
          </button>
        )}
      </div>
      {doc && kernCuts(doc).length > 0 && (
        <p className="work-warning" role="note">
          {t('briefing.preview.tooLong', { texts: kernCuts(doc).map((text) => t(`briefing.preview.texts.${text}`)).join(', ') })}
        </p>
      )}
      {stale && (
        <p className="work-warning" role="note">
          {t('briefing.preview.stale')}
        </p>
      )}
      {preview ? <Paper html={preview.html} number={preview.document.number} locale={preview.document.locale} /> : <p>{t('briefing.preview.none')}</p>}
    </section>
  );
}

function Paper({ html, number, locale }: { html: string; number: number; locale: string }) {
  const { t } = useTranslation();

  return (
    // Focusable: a page wider than the window scrolls, and keyboard users must be able to scroll it too.
    <div className="briefing-desk" role="region" aria-label={t('briefing.preview.paper', { number })} tabIndex={0}>
      {/*
        The same HTML that main prints to PDF, so the preview cannot drift from the file; only the screen look
        (a page with a shadow) hangs on the wrapper's `ordelog-preview` class. Main builds it from
        escaped text only (every value of the log goes through its escaping), and the app's CSP (script-src
        'self', no inline scripts or handlers) means nothing in it could execute even if markup slipped through.
      */}
      <div className="briefing-preview-paper ordelog-preview" lang={locale} dangerouslySetInnerHTML={{ __html: html }} />
    </div>
  );
}
