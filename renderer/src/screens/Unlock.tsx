import { useEffect, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { contract, type AppStatus, type LockReason } from '../../../shared/contract';
import { api, errorText } from '../api';
import { Field } from '../components/Field';
import { formProblems, formResolver } from '../data/forms';
import { useCountdown } from '../hooks';

interface Props {
  /** Why the vault was locked while this window had it open, if it was. */
  lockedBecause: LockReason | null;
  /** Locked for a shift change: the next person signs in with their own name. */
  switchingUser: boolean;
  onUnlocked(status: AppStatus): void;
}

const unlockForm = contract['vault.unlock'].input;

export function Unlock({ lockedBecause, switchingUser, onUnlocked }: Props) {
  const { t } = useTranslation();
  // Always empty: whoever comes to the laptop types their own name, the first thing the keyboard reaches.
  const form = useForm({ resolver: formResolver(unlockForm), defaultValues: { userName: '', passphrase: '' } });
  const { setFocus } = form;
  useEffect(() => setFocus('userName'), [setFocus]);
  const [error, setError] = useState('');
  const [waitAnnouncement, setWaitAnnouncement] = useState('');
  const [secondsLeft, startWait] = useCountdown();
  const waiting = secondsLeft > 0;
  const { errors, isSubmitting } = form.formState;

  const submit = form.handleSubmit(async (input) => {
    if (waiting) return;
    setError('');
    setWaitAnnouncement('');
    const result = await api['vault.unlock'](input);
    // The passphrase leaves the page's state once sent, whatever the answer.
    form.setValue('passphrase', '');
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
    form.setFocus('passphrase');
  });

  return (
    <main id="content" className="panel" tabIndex={-1}>
      <h1>{t('unlock.title')}</h1>
      {switchingUser ? (
        <p className="notice" role="status">
          {t('accounts.switchUser.notice')}
        </p>
      ) : (
        lockedBecause && (
          <p className="notice" role="status">
            {t(`unlock.locked.${lockedBecause}`)}
          </p>
        )
      )}
      <form noValidate onSubmit={(event) => void submit(event)}>
        <Field
          id="unlock-userName"
          label={t('unlock.userName')}
          error={errors.userName?.message}
          autoComplete="username"
          spellCheck={false}
          autoCapitalize="off"
          readOnly={isSubmitting}
          {...form.register('userName')}
        />
        <Field
          id="unlock-passphrase"
          type="password"
          label={t('unlock.passphrase')}
          error={errors.passphrase?.message}
          autoComplete="current-password"
          readOnly={isSubmitting}
          {...form.register('passphrase')}
        />
        <div role="alert" className="form-error">
          {formProblems(errors) || error}
          {waitAnnouncement && <span className="visually-hidden"> {waitAnnouncement}</span>}
        </div>
        {/* Announced once above; a number read out every second would drown everything else. */}
        <p className="wait" data-testid="unlock-wait" aria-hidden="true">
          {waiting ? t('unlock.wait', { count: secondsLeft }) : ''}
        </p>
        <p className="busy" role="status">
          {isSubmitting ? t('unlock.busy') : ''}
        </p>
        <button type="submit" className="primary" disabled={isSubmitting || waiting}>
          {t('unlock.submit')}
        </button>
      </form>
    </main>
  );
}
