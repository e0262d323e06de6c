import { useTranslation } from 'react-i18next';
import type { SharingStatus as Status } from '../../../shared/sharing';
import { DataTable } from '../components/DataTable';
import { UserText } from '../components/UserText';
import { useApi } from '../data/api';
import { queryKeys, useApiQuery } from '../data/queries';
import { useNumber } from '../hooks';

/** The rules' reason codes (db/replica/events.ts) said in words; an unknown one reads as the catch-all. */
const refusalReasons = [
  'bad-signature',
  'unknown-author',
  'not-owner-device',
  'author-mismatch',
  'unsigned-after-sharing',
  'already-admitted',
  'not-an-owner',
  'wrong-case',
  'invalid',
] as const;
type RefusalReason = (typeof refusalReasons)[number];
const knownReason = (reason: string): RefusalReason => (refusalReasons as readonly string[]).includes(reason) ? (reason as RefusalReason) : 'invalid';

export function useSharingStatus(caseId: string) {
  const api = useApi();
  return useApiQuery(queryKeys.ofCase(caseId, 'sharing'), () => api['sharing.status']({ caseId }));
}

/** Whose case it is, in one sentence: not shared, own and shared with whom, or received from which organisation. */
function useStatusSentence(): (status: Status) => string {
  const { t } = useTranslation();
  return (status) => {
    if (!status.shared) return t('sharing.status.notShared');
    if (!status.owner) {
      return status.ownerOrganisation ? t('sharing.status.received', { organisation: status.ownerOrganisation }) : t('sharing.status.receivedUnknown');
    }
    const partners = status.authors.filter((author) => !author.owner).map((author) => `${author.name} (${author.organisation})`);
    return partners.length > 0 ? t('sharing.status.ownShared', { partners: partners.join(', ') }) : t('sharing.status.ownSharedNobody');
  };
}

/** The Delen tab's account of the shared log: whose it is, its writers, what is provisional, what was refused. */
export function SharingStatusBlock({ status }: { status: Status }) {
  const { t } = useTranslation();
  const number = useNumber();
  const sentence = useStatusSentence();
  return (
    <section className="sharing-block" aria-labelledby="sharing-status-title">
      <h3 id="sharing-status-title">{t('sharing.status.title')}</h3>
      <p className="sharing-status" data-shared={status.shared} data-owner={status.owner}>
        {sentence(status)}
      </p>
      {status.shared && (
        <>
          {!status.owner && <p className="notice">{t('sharing.status.partnerNote')}</p>}
          <dl className="work-facts">
            <div>
              <dt>{t('sharing.status.authors')}</dt>
              <dd>
                <ul className="sharing-authors">
                  {status.authors.map((author, index) => (
                    <li key={`${index}:${author.name}`}>
                      <UserText text={author.name} /> (<UserText text={author.organisation} />){author.owner && `, ${t('sharing.status.owner')}`}
                    </li>
                  ))}
                </ul>
              </dd>
            </div>
            <div>
              <dt>{t('sharing.status.finalEntries')}</dt>
              <dd>{number(status.finalEntries)}</dd>
            </div>
          </dl>
          <p className="sharing-provisional" data-provisional={status.provisional}>
            {status.provisional > 0 ? t('sharing.status.provisional', { count: status.provisional }) : t('sharing.status.noProvisional')}
          </p>
          <Refusals refusals={status.refusals} />
        </>
      )}
    </section>
  );
}

function Refusals({ refusals }: { refusals: Status['refusals'] }) {
  const { t } = useTranslation();
  const number = useNumber();
  return (
    <section className="sharing-refusals" aria-labelledby="sharing-refusals-title">
      <h4 id="sharing-refusals-title">{t('sharing.refusals.title')}</h4>
      {refusals.length === 0 ? (
        <p>{t('sharing.refusals.none')}</p>
      ) : (
        <>
          <p className="hint">{t('sharing.refusals.intro')}</p>
          <DataTable
            className="work-table"
            caption={t('sharing.refusals.title')}
            columns={[t('sharing.refusals.position'), t('sharing.refusals.organisation'), t('sharing.refusals.reason')]}
            rows={refusals}
          >
            {(refusal) => (
              <tr key={`${refusal.position}:${refusal.reason}`}>
                <td className="numeric">{number(refusal.position)}</td>
                <td>{refusal.organisation ? <UserText text={refusal.organisation} /> : t('sharing.refusals.unknownOrganisation')}</td>
                <td>{t(`sharing.refusals.reasons.${knownReason(refusal.reason)}`)}</td>
              </tr>
            )}
          </DataTable>
        </>
      )}
    </section>
  );
}

/** On the overview of a case received from a partner: what is kept by the owner, before a write is refused. */
export function PartnerCaseNote({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const sentence = useStatusSentence();
  const status = useSharingStatus(caseId).data;
  if (!status?.shared || status.owner) return null;
  return (
    <p className="notice sharing-partner-note">
      {sentence(status)} {t('sharing.status.partnerNote')}
    </p>
  );
}
