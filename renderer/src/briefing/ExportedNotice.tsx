import { useTranslation } from 'react-i18next';
import { parseFingerprint, type ExportRecord } from '../../../shared/briefing';
import { useNumber } from '../hooks';
import { groupedHash } from '../signals/evidence';
import { hasPages, useRecordName } from './names';
import { UserText } from '../components/UserText';

/**
 * What was just recorded for the file that was handed over: its SHA-256, pages and the log's fingerprint, in
 * full, so whoever sends it on can write them down or compare them with the register.
 */
export function ExportedNotice({ record, fileName }: { record: ExportRecord; fileName: string }) {
  const { t } = useTranslation();
  const number = useNumber();
  const name = useRecordName();
  const fingerprint = parseFingerprint(record.fingerprint);
  return (
    <section className="briefing-exported" aria-labelledby="briefing-exported-title">
      <h3 id="briefing-exported-title">
        {t('briefing.exported.title')}: {name(record)}
      </h3>
      <dl className="work-facts">
        <div>
          <dt>{t('briefing.exported.file')}</dt>
          <dd className="work-text">
            <UserText text={fileName} />
          </dd>
        </div>
        <div>
          <dt>{t('briefing.exported.sha256')}</dt>
          <dd>
            {record.sha256 ? (
              <code className="briefing-code" data-sha256={record.sha256}>
                {groupedHash(record.sha256)}
              </code>
            ) : (
              t('briefing.register.noHash')
            )}
          </dd>
        </div>
        {hasPages(record.kind) && (
          <div>
            <dt>{t('briefing.exported.pages')}</dt>
            <dd data-page-count={record.pageCount}>{number(record.pageCount)}</dd>
          </div>
        )}
        <div>
          <dt>{t('briefing.exported.fingerprint')}</dt>
          <dd>
            <code className="briefing-code" data-fingerprint={record.fingerprint}>
              {record.fingerprint}
            </code>
            {fingerprint && <p className="hint">{t('briefing.exported.fingerprintHint', { entries: fingerprint.entries })}</p>}
          </dd>
        </div>
      </dl>
    </section>
  );
}
