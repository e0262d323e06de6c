import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppStatus, LockReason } from '../../../shared/contract';
import { api, errorText } from '../api';
import { Field } from '../components/Field';
import { useCountdown, useFocusOnMount } from '../hooks';

interface Props {
  /** Why the vault was locked while this window had it open, if it was. */
  lockedBecause: LockReason | null;
  onUnlocked(status: AppStatus): void;
}

export function Unlock({ lockedBecause, onUnlocked }: Props) {
  const { t } = useTranslation();
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const [userName, setUserName] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [fieldErrors, setFieldErrors] = useState<{ userName?: string; passphrase?: string }>({});
  const [error, setError] = useState('');
  const [waitAnnouncement, setWaitAnnouncement] = useState('');
  const [busy, setBusy] = useState(false);
  const [secondsLeft, startWait] = useCountdown();
  const waiting = secondsLeft > 0;

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (busy || waiting) return;
    const found = {
      ...(userName.trim() ? {} : { userName: t('form.required') }),
      ...(passphrase ? {} : { passphrase: t('form.required') }),
    };
    setFieldErrors(found);
    if (found.userName || found.passphrase) {
      setError(t('form.checkFields'));
      document.getElementById(found.userName ? 'unlock-userName' : 'unlock-passphrase')?.focus();
      return;
    }
    setBusy(true);
    setError('');
    setWaitAnnouncement('');
    const result = await api['vault.unlock']({ userName: userName.trim(), passphrase });
    // The passphrase leaves the page's state once sent, whatever the answer.
    setPassphrase('');
    setBusy(false);
    if (result.ok) {
      onUnlocked(result.value);
      return;
    }
    setError(errorText(result.error));
    const waitMs = result.error.retryAfterMs;
    if (waitMs) {
      startWait(waitMs);
      setWaitAnnouncement(t('unlock.wait', { count: Math.ceil(waitMs / 1000) }));
    }
    document.getElementById('unlock-passphrase')?.focus();
  }

  return (
    <main id="content" className="panel" tabIndex={-1}>
      <h1 ref={heading} tabIndex={-1}>
        {t('unlock.title')}
      </h1>
      {lockedBecause && (
        <p className="notice" role="status">
          {t(`unlock.locked.${lockedBecause}`)}
        </p>
      )}
      <form noValidate onSubmit={(event) => void submit(event)}>
        <Field
          id="unlock-userName"
          name="userName"
          label={t('unlock.userName')}
          value={userName}
          error={fieldErrors.userName}
          onChange={(event) => setUserName(event.target.value)}
          autoComplete="username"
          spellCheck={false}
          autoCapitalize="off"
          readOnly={busy}
        />
        <Field
          id="unlock-passphrase"
          name="passphrase"
          type="password"
          label={t('unlock.passphrase')}
          value={passphrase}
          error={fieldErrors.passphrase}
          onChange={(event) => setPassphrase(event.target.value)}
          autoComplete="current-password"
          readOnly={busy}
        />
        <div role="alert" className="form-error">
          {error}
          {waitAnnouncement && <span className="visually-hidden"> {waitAnnouncement}</span>}
        </div>
        {/* Announced once above; a number read out every second would drown everything else. */}
        <p className="wait" data-testid="unlock-wait" aria-hidden="true">
          {waiting ? t('unlock.wait', { count: secondsLeft }) : ''}
        </p>
        <p className="busy" role="status">
          {busy ? t('unlock.busy') : ''}
        </p>
        <button type="submit" className="primary" disabled={busy || waiting}>
          {t('unlock.submit')}
        </button>
      </form>
    </main>
  );
}
