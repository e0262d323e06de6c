import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RequestId } from '../../../shared/contract';
import type { Failure } from '../../../shared/result';
import { bundleFileMaxBytes, type ImportedBundle } from '../../../shared/sharing';
import { errorText } from '../api';
import { Field } from '../components/Field';
import { JobProgress } from '../components/JobProgress';
import { useWrite } from '../data/writes';
import { bytesToBase64 } from '../signals/evidence';
import { Outcome } from '../work/shared';
import { senderCodeIn } from './files';
import { PartnersLink } from './PartnersLink';

/**
 * "Pakket inlezen" on the case list: a bundle file, its one-time passphrase when it has one, progress while the
 * vault reads it, and what it brought (with the case to open). A sender nobody here accepted yet is named with
 * their code, and the way to the partners screen to accept them is right there.
 */
export function BundleImport({ onOpen }: { onOpen(caseId: string): void }) {
  const { t } = useTranslation();
  const importBundle = useWrite('sharing.importBundle');
  const [file, setFile] = useState<File | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const [job, setJob] = useState<RequestId | null>(null);
  const [result, setResult] = useState<ImportedBundle | null>(null);
  const [error, setError] = useState<Failure | string | null>(null);
  const passphraseField = useRef<HTMLInputElement>(null);

  function changed(): void {
    importBundle.changed();
    setResult(null);
    setError(null);
  }

  async function read(): Promise<void> {
    setResult(null);
    setError(null);
    if (!file) return setError(t('sharing.import.chooseFile'));
    if (file.size > bundleFileMaxBytes) return setError(t('sharing.import.tooLarge'));
    const data = bytesToBase64(new Uint8Array(await file.arrayBuffer()));
    const answer = await importBundle({ data, ...(passphrase ? { passphrase } : {}) }, undefined, setJob);
    setJob(null);
    if (!answer.ok) {
      setError(answer.error);
      if (answer.error.code === 'BUNDLE_NEEDS_PASSPHRASE' || answer.error.code === 'BUNDLE_WRONG_PASSPHRASE') passphraseField.current?.focus();
      return;
    }
    setResult(answer.value);
  }

  const unknownSender = error !== null && typeof error !== 'string' && error.code === 'BUNDLE_UNKNOWN_SENDER' ? error : null;
  const senderCode = unknownSender ? senderCodeIn(unknownSender.message) : null;

  return (
    <section className="sharing-block sharing-import" aria-labelledby="sharing-import-title">
      <h2 id="sharing-import-title">{t('sharing.import.title')}</h2>
      <p id="sharing-import-hint" className="hint">
        {t('sharing.import.intro')}
      </p>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void read();
        }}
      >
        <Field
          id="sharing-import-file"
          type="file"
          accept=".ordelogpakket,application/octet-stream"
          label={t('sharing.import.file')}
          aria-describedby="sharing-import-hint"
          onChange={(event) => {
            changed();
            setFile(event.target.files?.[0] ?? null);
          }}
        />
        <Field
          ref={passphraseField}
          id="sharing-import-passphrase"
          type="password"
          autoComplete="off"
          label={t('sharing.import.passphrase')}
          value={passphrase}
          onChange={(event) => {
            changed();
            setPassphrase(event.target.value);
          }}
        />
        <div className="work-actions">
          <button type="submit" className="primary" disabled={job !== null}>
            {t('sharing.import.button')}
          </button>
        </div>
        {job && <JobProgress key={job} requestId={job} title={t('sharing.import.job')} />}
      </form>
      {/* The message (with the code) reads in the UI's language; the code is repeated so it can be compared. */}
      <Outcome message="" error={unknownSender ? errorText(unknownSender) : error} />
      {unknownSender && (
        <div className="sharing-unknown-sender">
          {senderCode && <p className="sharing-code" data-code={senderCode}>{t('sharing.import.unknownCode', { code: senderCode })}</p>}
          <PartnersLink label={t('sharing.import.toPartners')} />
        </div>
      )}
      <div role="status">
        {result && (
          <p className="sharing-import-result">
            {t('sharing.import.done', {
              title: result.title,
              name: result.from.name,
              organisation: result.from.organisation,
              added: result.added,
              refused: result.refused,
              provisional: result.provisional,
            })}{' '}
            <a
              href={`#case/${encodeURIComponent(result.caseId)}/overzicht`}
              onClick={(event) => {
                event.preventDefault();
                onOpen(result.caseId);
              }}
            >
              {t('sharing.import.open')}
            </a>
          </p>
        )}
      </div>
    </section>
  );
}
