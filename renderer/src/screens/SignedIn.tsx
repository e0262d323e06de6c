import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { idleLockMinutesRange, type AppStatus, type SessionUser } from '../../../shared/contract';
import type { Failure } from '../../../shared/result';
import type { CaseSummary } from '../../../shared/views';
import { api, errorText } from '../api';
import { TopBar } from '../components/TopBar';
import { useFocusOnMount } from '../hooks';

interface Props {
  status: AppStatus & { user: SessionUser };
  onLock(): void;
  /** A call answered VAULT_LOCKED: the vault closed under us (another window, the idle timer). */
  onLockedElsewhere(): void;
}

/**
 * Everything that holds case data lives below this component, so unmounting it (on any lock) drops the data
 * from React state at once.
 */
export function SignedIn({ status, onLock, onLockedElsewhere }: Props) {
  const { t } = useTranslation();
  const { user } = status;
  return (
    <>
      <TopBar>
        <p className="who">
          <span>{t('header.signedInAs', { name: user.displayName })}</span>{' '}
          <span className="role">{t('header.role', { role: t(`roles.${user.role}`) })}</span>
        </p>
        <button type="button" className="lock" onClick={onLock}>
          {t('header.lock')}
        </button>
      </TopBar>
      <main id="content" className="workspace" tabIndex={-1}>
        <CaseList onLockedElsewhere={onLockedElsewhere} />
        {user.role === 'beheerder' && (
          <IdleLockSetting minutes={status.idleLockMinutes} onLockedElsewhere={onLockedElsewhere} />
        )}
      </main>
    </>
  );
}

function CaseList({ onLockedElsewhere }: { onLockedElsewhere(): void }) {
  const { t, i18n } = useTranslation();
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const [cases, setCases] = useState<CaseSummary[] | null>(null);
  const [error, setError] = useState<Failure | null>(null);

  useEffect(() => {
    let current = true;
    void api['cases.list']().then((result) => {
      if (!current) return;
      if (result.ok) setCases(result.value.cases);
      else if (result.error.code === 'VAULT_LOCKED') onLockedElsewhere();
      else setError(result.error);
    });
    return () => {
      current = false;
    };
  }, [onLockedElsewhere]);

  const dateFormat = new Intl.DateTimeFormat(i18n.resolvedLanguage, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <section aria-labelledby="cases-title">
      <h1 id="cases-title" ref={heading} tabIndex={-1}>
        {t('cases.title')}
      </h1>
      <div role="status">
        {cases === null && !error && t('cases.loading')}
        {cases?.length === 0 && t('cases.empty')}
      </div>
      {error && (
        <p role="alert" className="form-error">
          {errorText(error)}
        </p>
      )}
      {cases && cases.length > 0 && (
        <ul className="case-list">
          {cases.map((item) => (
            <li key={item.id}>
              <span className="case-title">{item.title}</span>
              <span className="case-phase">{item.phaseName}</span>
              <span className={`case-status case-status-${item.status}`}>{t(`cases.status.${item.status}`)}</span>
              <span className="case-updated">
                {t('cases.updated', { date: dateFormat.format(new Date(item.lastActivityAt)) })}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function IdleLockSetting({ minutes, onLockedElsewhere }: { minutes: number | null; onLockedElsewhere(): void }) {
  const { t } = useTranslation();
  const [value, setValue] = useState(String(minutes ?? ''));
  const [message, setMessage] = useState('');
  const [error, setError] = useState('');
  const range = { min: idleLockMinutesRange.min, max: idleLockMinutesRange.max };

  async function save(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    setMessage('');
    const wanted = Number(value);
    if (!Number.isInteger(wanted) || wanted < range.min || wanted > range.max) {
      setError(t('settings.invalid', range));
      return;
    }
    setError('');
    const result = await api['settings.setIdleLock']({ minutes: wanted });
    if (result.ok) setMessage(t('settings.saved', { count: result.value.idleLockMinutes }));
    else if (result.error.code === 'VAULT_LOCKED') onLockedElsewhere();
    else setError(errorText(result.error));
  }

  return (
    <section aria-labelledby="settings-title" className="settings">
      <h2 id="settings-title">{t('settings.title')}</h2>
      <form noValidate onSubmit={(event) => void save(event)}>
        <div className="field">
          <label htmlFor="settings-idle-lock">{t('settings.idleLock')}</label>
          <p id="settings-idle-lock-hint" className="hint">
            {t('settings.idleLockHint', range)}
          </p>
          <input
            id="settings-idle-lock"
            type="number"
            inputMode="numeric"
            min={range.min}
            max={range.max}
            step={1}
            value={value}
            aria-describedby={error ? 'settings-idle-lock-hint settings-idle-lock-error' : 'settings-idle-lock-hint'}
            aria-invalid={error ? true : undefined}
            onChange={(event) => setValue(event.target.value)}
          />
          {error && (
            <p id="settings-idle-lock-error" className="field-error" role="alert">
              {error}
            </p>
          )}
        </div>
        <p role="status">{message}</p>
        <button type="submit">{t('settings.save')}</button>
      </form>
    </section>
  );
}
