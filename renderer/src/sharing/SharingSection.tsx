import { useTranslation } from 'react-i18next';
import { ExportRegister } from '../briefing/ExportRegister';
import { useApi } from '../data/api';
import { queryKeys, useApiQuery } from '../data/queries';
import { LoadState, WorkSection, type WorkSectionProps } from '../work/shared';
import { BundleExport } from './BundleExport';
import { PartnersLink } from './PartnersLink';
import { SharingStatusBlock, useSharingStatus } from './SharingStatus';

const bundleKinds = new Set(['pakket', 'pakket-ontvangen']);

/**
 * "Delen": whether and with whom the case is shared, the writers of its shared log, what is still provisional
 * and what the rules refused; a bundle for a partner (or a one-time passphrase); the bundles in the register.
 * Making a bundle is recorded in the register and the log, so only roles that may write get the form.
 */
export function SharingSection({ caseDetail, canWrite }: WorkSectionProps) {
  const { t } = useTranslation();
  const api = useApi();
  const caseId = caseDetail.id;
  const status = useSharingStatus(caseId);
  const register = useApiQuery(queryKeys.ofCase(caseId, 'exports'), () => api['exports.list']({ caseId }));
  return (
    <WorkSection id="sharing" title={t('sharing.title')}>
      <p className="hint">{t('sharing.intro')}</p>
      <p>
        <PartnersLink />
      </p>
      {status.data ? <SharingStatusBlock status={status.data} /> : <LoadState error={status.error} loading />}
      {canWrite ? <BundleExport caseId={caseId} /> : <p className="notice">{t('sharing.export.readOnly')}</p>}
      {register.data ? (
        <ExportRegister caseId={caseId} records={register.data.exports.filter((record) => bundleKinds.has(record.kind))} />
      ) : (
        <LoadState error={register.error} loading />
      )}
    </WorkSection>
  );
}
