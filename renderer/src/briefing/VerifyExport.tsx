import { useTranslation } from 'react-i18next';
import { Field } from '../components/Field';
import { useVerification } from './useVerification';
import { VerificationMessage } from './VerificationMessage';

/** "Controleer een export": any file someone hands back, checked against this case's register. */
export function VerifyExport({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const { state, check } = useVerification(caseId);
  return (
    <section className="briefing-block briefing-verify" aria-labelledby="briefing-verify-title">
      <h3 id="briefing-verify-title">{t('briefing.verify.title')}</h3>
      <p id="briefing-verify-hint" className="hint">
        {t('briefing.verify.intro')}
      </p>
      <Field
        id="briefing-verify-file"
        type="file"
        accept=".pdf,.json,application/pdf,application/json"
        label={t('briefing.verify.file')}
        aria-describedby="briefing-verify-hint"
        onChange={(event) => {
          const file = event.target.files?.[0];
          // Cleared, so choosing the same file again (after a change on disk) checks it again.
          event.target.value = '';
          if (file) void check(file);
        }}
      />
      <VerificationMessage state={state} />
    </section>
  );
}
