import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { parseFingerprint, type ExportRecord } from '../../../shared/briefing';
import { DataTable } from '../components/DataTable';
import { useNumber } from '../hooks';
import { groupedHash } from '../signals/evidence';
import { useDates } from '../work/shared';
import { shortHash } from './draft';
import { hasPages, useRecordName } from './names';
import { useVerification } from './useVerification';
import { VerificationMessage } from './VerificationMessage';
import { UserText } from '../components/UserText';

/**
 * The export register of the case, newest first: every file that left the vault, with its SHA-256 and the
 * fingerprint of the log it was made from. Each row can check a file against itself.
 */
export function ExportRegister({ caseId, records }: { caseId: string; records: readonly ExportRecord[] }) {
  const { t } = useTranslation();
  const dates = useDates();
  const number = useNumber();
  const name = useRecordName();
  const { state, check } = useVerification(caseId);
  const picker = useRef<HTMLInputElement>(null);
  const [target, setTarget] = useState<ExportRecord | null>(null);
  const sorted = [...records].sort((a, b) => b.at.localeCompare(a.at) || b.number - a.number);

  const period = (record: ExportRecord): string => {
    if (!record.periodTo) return t('briefing.register.noPeriod');
    const to = dates.format(record.periodTo);
    return record.periodFrom ? t('briefing.register.periodRange', { from: dates.format(record.periodFrom), to }) : t('briefing.register.periodFromStart', { to });
  };

  return (
    <section className="briefing-block briefing-register" aria-labelledby="briefing-register-title">
      <h3 id="briefing-register-title">{t('briefing.register.title')}</h3>
      <p className="hint">{t('briefing.register.intro')}</p>
      {sorted.length === 0 ? (
        <p>{t('briefing.register.none')}</p>
      ) : (
        // Focusable, so keyboard users can scroll the wide table too.
        <div className="briefing-scroll" role="region" aria-label={t('briefing.register.scroll')} tabIndex={0}>
          <DataTable
            className="work-table briefing-register-table"
            caption={t('briefing.register.title')}
            columns={[
              t('briefing.register.kind'),
              t('briefing.register.number'),
              t('briefing.register.audience'),
              t('briefing.register.period'),
              t('briefing.register.at'),
              t('briefing.register.by'),
              t('briefing.register.classification'),
              t('briefing.register.redacted'),
              t('briefing.register.pages'),
              t('briefing.register.sha256'),
              t('briefing.register.fingerprint'),
              t('briefing.register.check'),
            ]}
            rows={sorted}
          >
            {(record) => {
              const fingerprint = parseFingerprint(record.fingerprint);
              return (
                <tr key={record.id} data-export-id={record.id}>
                  <th scope="row">{t(`briefing.kind.${record.kind}`)}</th>
                  <td className="numeric">{number(record.number)}</td>
                  <td>
                    {record.audience ? t(`briefing.audience.${record.audience}`) : t('briefing.audience.none')}
                    {record.recipient !== null && (
                      <span className="work-meta">
                        {' · '}
                        {t(record.kind === 'pakket-ontvangen' ? 'briefing.register.sender' : 'briefing.register.recipient')} <UserText text={record.recipient} />
                      </span>
                    )}
                  </td>
                  <td>{period(record)}</td>
                  <td>{dates.format(record.at)}</td>
                  <td>
                    <UserText text={record.byName} />
                  </td>
                  <td>{t(`caseMeta.classification.${record.classification}`)}</td>
                  <td>{record.redacted ? t('briefing.register.yes') : t('briefing.register.no')}</td>
                  <td className="numeric">{hasPages(record.kind) ? number(record.pageCount) : '–'}</td>
                  <td>
                    {record.sha256 ? (
                      <details className="briefing-hash" data-sha256={record.sha256}>
                        <summary>
                          <code title={record.sha256}>{shortHash(record.sha256)}</code>
                          <span className="visually-hidden"> {t('briefing.register.fullHash', { name: name(record) })}</span>
                        </summary>
                        <code className="briefing-hash-full">{groupedHash(record.sha256)}</code>
                      </details>
                    ) : (
                      t('briefing.register.noHash')
                    )}
                  </td>
                  <td>
                    <code title={record.fingerprint} data-fingerprint={record.fingerprint}>
                      {fingerprint ? t('briefing.register.fingerprintShort', { entries: fingerprint.entries, hash: shortHash(fingerprint.headHash) }) : shortHash(record.fingerprint)}
                    </code>
                  </td>
                  <td>
                    <button
                      type="button"
                      className="link"
                      aria-label={t('briefing.register.verifyRowNamed', { name: name(record) })}
                      onClick={() => {
                        setTarget(record);
                        picker.current?.click();
                      }}
                    >
                      {t('briefing.register.verifyRow')}
                    </button>
                  </td>
                </tr>
              );
            }}
          </DataTable>
        </div>
      )}
      {/* One picker for all rows, opened by a row's button; it has no place of its own on the screen. */}
      <input
        ref={picker}
        type="file"
        hidden
        accept=".pdf,.json,application/pdf,application/json"
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = '';
          if (file) void check(file);
        }}
      />
      {/* Always present, so the verdict is announced when it arrives. */}
      <div className="briefing-row-check">
        {target && state.kind !== 'idle' && <p className="work-meta">{t('briefing.register.checking', { name: name(target), file: state.fileName })}</p>}
        <VerificationMessage state={state} expected={target ?? undefined} />
      </div>
    </section>
  );
}
