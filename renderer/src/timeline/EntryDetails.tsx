import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Entry } from '../../../shared/views';
import { useDates } from '../cases/context';
import { useNumber } from '../hooks';
import { UserText } from '../components/UserText';

/** One entry in full: both times, who, the source and its grading, and the links between original and correction. */
// Memoised: the timeline re-renders whenever a page arrives, and the details change only with the selection.
export const EntryDetails = memo(function EntryDetails({
  entry,
  phaseName,
  canCorrect,
  onCorrect,
  onShow,
  onClose,
}: {
  entry: Entry | null;
  phaseName: string;
  canCorrect: boolean;
  onCorrect(entry: Entry): void;
  onShow(id: string): void;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const date = useDates();
  const number = useNumber();
  if (!entry) {
    return (
      <aside className="tl-details" aria-label={t('entry.title')}>
        <p className="hint">{t('entry.none')}</p>
      </aside>
    );
  }
  return (
    <aside className="tl-details" aria-labelledby="entry-title">
      <h3 id="entry-title">
        {t(`entryTypes.${entry.type}`)} {entry.seq === 0 ? t('sharing.provisional') : `#${number(entry.seq)}`}
      </h3>
      {entry.correctedByIds.length > 0 && (
        <p className="notice notice-warning">
          {t('entry.correctedNotice')}{' '}
          {entry.correctedByIds.map((id, index) => (
            <button key={id} type="button" className="link" onClick={() => onShow(id)}>
              {t('entry.showCorrection', { number: index + 1 })}
            </button>
          ))}
        </p>
      )}
      {entry.correctsEntryId && (
        <p className="notice">
          {t('entry.correctsNotice')}{' '}
          <button type="button" className="link" onClick={() => onShow(entry.correctsEntryId ?? '')}>
            {t('entry.showOriginal')}
          </button>
        </p>
      )}
      <p className="entry-text">
        <UserText text={entry.text} />
      </p>
      <dl className="entry-facts">
        <dt>{t('entry.occurredAt')}</dt>
        <dd>{date(entry.occurredAt)}</dd>
        <dt>{t('entry.recordedAt')}</dt>
        <dd>{t('entry.recordedBy', { time: date(entry.recordedAt), name: entry.authorName })}</dd>
        <dt>{t('entry.location')}</dt>
        <dd>{entry.location ? <UserText text={entry.location} /> : t('entry.noLocation')}</dd>
        <dt>{t('entry.phase')}</dt>
        <dd>
          <UserText text={phaseName} />
        </dd>
        <dt>{t('entry.source')}</dt>
        <dd>{entry.source ? <UserText text={entry.source} /> : t('entry.noSource')}</dd>
        <dt>{t('entry.grading')}</dt>
        <dd>
          {entry.sourceReliability ? t(`grading.reliability.${entry.sourceReliability}`) : '–'} /{' '}
          {entry.informationCredibility ? t(`grading.credibility.${entry.informationCredibility}`) : '–'}
        </dd>
        <dt>{t('entry.personalData')}</dt>
        <dd>{entry.personalData ? t('entry.yes') : t('entry.no')}</dd>
        <dt>{t('entry.hash')}</dt>
        <dd className="hash">{entry.hash.slice(0, 16)}…</dd>
      </dl>
      <div className="dialog-actions">
        {canCorrect && (
          <button type="button" className="primary" onClick={() => onCorrect(entry)}>
            {t('entry.correct')}
          </button>
        )}
        <button type="button" onClick={onClose}>
          {t('entry.close')}
        </button>
      </div>
    </aside>
  );
});
