import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFocusOnMount } from '../hooks';

interface Props {
  recoveryKey: string;
  onStored(): void;
}

/** Shown once, right after the vault is made; the key leaves React state when the user moves on. */
export function RecoveryKey({ recoveryKey, onStored }: Props) {
  const { t } = useTranslation();
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const [stored, setStored] = useState(false);
  return (
    <main id="content" className="panel" tabIndex={-1}>
      <h1 ref={heading} tabIndex={-1}>
        {t('recovery.title')}
      </h1>
      <p>{t('recovery.intro')}</p>
      <p>{t('recovery.advice')}</p>
      <section className="recovery-print" aria-labelledby="recovery-key-label">
        <h2 id="recovery-key-label" className="recovery-label">
          {t('recovery.keyLabel')}
        </h2>
        <p className="recovery-key" data-testid="recovery-key" translate="no">
          {recoveryKey}
        </p>
      </section>
      <p>
        <button type="button" onClick={() => window.print()}>
          {t('recovery.print')}
        </button>
      </p>
      <div className="checkbox">
        <input id="recovery-stored" type="checkbox" checked={stored} onChange={(event) => setStored(event.target.checked)} />
        <label htmlFor="recovery-stored">{t('recovery.confirm')}</label>
      </div>
      <button type="button" className="primary" disabled={!stored} onClick={onStored}>
        {t('recovery.continue')}
      </button>
    </main>
  );
}
