import { useCallback, useEffect, useMemo, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { contract, defaultIdleLockMinutes, idleLockMinutesRange, type AppStatus, type SessionUser } from '../../../shared/contract';
import { rolePermissions } from '../../../shared/domain';
import { displayTimeZones } from '../../../shared/time';
import { OwnPassphrase } from '../accounts/OwnPassphrase';
import { Users } from '../accounts/Users';
import { api, errorText } from '../api';
import { CaseList } from '../cases/CaseList';
import { CaseScreen } from '../cases/CaseScreen';
import { CaseWorkProvider, useCaseWork } from '../cases/context';
import { Field } from '../components/Field';
import { TopBar } from '../components/TopBar';
import { formProblems, formResolver } from '../data/forms';
import { QueryScope } from '../data/queries';
import { lockKeys, type LockOptions } from '../lock-keys';
import { SessionControlsContext } from '../session-controls';
import { Directory, PhaseModelSettings } from '../work';
import type { Place } from '../../../shared/drafts';
import { DraftsProvider, useDrafts } from '../drafts';
import { PersonalLanguage } from '../settings/language-choice';
import { BundleImport, Partners, partnersHref } from '../sharing';
import { useSessionStart } from './session-start';

interface Props {
  status: AppStatus & { user: SessionUser };
  /** After a switch of user: where the team was (an address such as `#case/<id>/team`). */
  startAt: string | null;
  /** Signed in through the unlock screen of this window: go back to where this user was when the vault locked. */
  resume: boolean;
  onLock(options?: LockOptions): void;
  /** A call answered VAULT_LOCKED: the vault closed under us (another window, the idle timer). */
  onLockedElsewhere(): void;
  /** The signed-in account changed (its role): read the status again. */
  onStatusChanged(): void;
}

const idleLockForm = contract['settings.setIdleLock'].input;

const fixedPlaces = {
  '#werk/adresboek': { kind: 'directory' },
  '#werk/fasemodel': { kind: 'phaseModel' },
  [partnersHref]: { kind: 'partners' },
  '#account/gebruikers': { kind: 'users' },
  '#account/wachtwoordzin': { kind: 'ownPassphrase' },
} as const;

/** The address keeps the place, so Back and Forward move between the list, a case's sections and settings. */
function placeFromHash(hash: string): Place {
  if (Object.hasOwn(fixedPlaces, hash)) return fixedPlaces[hash as keyof typeof fixedPlaces];
  const match = /^#case\/([^/]+)(?:\/([\w-]+))?$/.exec(hash);
  if (!match?.[1]) return { kind: 'list' };
  return { kind: 'case', caseId: decodeURIComponent(match[1]), section: match[2] ?? 'overzicht' };
}

function hashOf(place: Place): string {
  switch (place.kind) {
    case 'list':
      return '#cases';
    case 'directory':
      return '#werk/adresboek';
    case 'phaseModel':
      return '#werk/fasemodel';
    case 'partners':
      return partnersHref;
    case 'users':
      return '#account/gebruikers';
    case 'ownPassphrase':
      return '#account/wachtwoordzin';
    case 'case':
      return `#case/${encodeURIComponent(place.caseId)}/${place.section}`;
  }
}

/**
 * The signed-in app: the top bar, the navigation between the case list and a case, and the case screens.
 * Everything that holds case data lives below this component, so unmounting it (on any lock) drops the data
 * from React state and the query cache at once.
 */
export function SignedIn(props: Props) {
  const { status, onLock, onLockedElsewhere, onStatusChanged } = props;
  const { t } = useTranslation();
  // As it was when these screens appeared: a status refreshed later says nothing about how the user came in.
  const [entered] = useState({ startAt: props.startAt, resume: props.resume });
  const controls = useMemo(() => ({ switchUser: () => onLock({ switchUser: true }), statusChanged: onStatusChanged }), [onLock, onStatusChanged]);
  const start = useSessionStart(onLockedElsewhere);
  if (!start) {
    return (
      <>
        <TopBar />
        <main id="content" className="panel" tabIndex={-1}>
          <p role="status">{t('app.loading')}</p>
        </main>
      </>
    );
  }
  // After a switch of user the new user continues where the team was; after their own unlock, where they were.
  const ownResume = entered.resume && entered.startAt === null ? start.resume : null;
  const initialPlace = entered.startAt !== null ? placeFromHash(entered.startAt) : (ownResume?.place ?? { kind: 'list' });
  return (
    <PersonalLanguage onLockedElsewhere={onLockedElsewhere}>
      <CaseWorkProvider user={status.user} timeZone={start.settings.timeZone} onLockedElsewhere={onLockedElsewhere}>
        <SessionControlsContext.Provider value={controls}>
          <QueryScope>
            <DraftsProvider saved={start.drafts} resume={ownResume}>
              <Shell {...props} initialPlace={initialPlace} />
            </DraftsProvider>
          </QueryScope>
        </SessionControlsContext.Provider>
      </CaseWorkProvider>
    </PersonalLanguage>
  );
}

function Shell({ status, initialPlace, onLock, onLockedElsewhere }: Props & { initialPlace: Place }) {
  const { t } = useTranslation();
  const { user } = status;
  const permissions = rolePermissions[user.role];
  // The user management of a beheerder the team left open, reached by a switch of user or a typed address, is
  // the case list for anyone else.
  const reachable = useCallback(
    (next: Place): Place => (next.kind === 'users' && !permissions.manageUsers ? { kind: 'list' } : next),
    [permissions.manageUsers],
  );
  // Back and Forward move within this session, from the place it opened at.
  const [firstPlace] = useState(() => reachable(initialPlace));
  const [visited, setPlace] = useState<Place>(firstPlace);
  // Also when the account's role changes while its screen is open.
  const place = useMemo(() => reachable(visited), [reachable, visited]);
  const { store: drafts } = useDrafts();

  useEffect(() => {
    window.history.replaceState(null, '', hashOf(firstPlace));
    const follow = (): void => setPlace(placeFromHash(window.location.hash));
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, [firstPlace]);

  useEffect(() => drafts.at(place), [drafts, place]);

  const go = useCallback((next: Place) => {
    const hash = hashOf(next);
    if (window.location.hash !== hash) window.history.pushState(null, '', hash);
    setPlace(next);
  }, []);

  return (
    <>
      <TopBar>
        <p className="who">
          <span>{t('header.signedInAs', { name: user.displayName })}</span>{' '}
          <span className="role">{t('header.role', { role: t(`roles.${user.role}`) })}</span>
        </p>
        <TimeZoneSwitch />
        <button type="button" aria-keyshortcuts={lockKeys.switchUser} title="Ctrl+Shift+L" onClick={() => onLock({ switchUser: true })}>
          {t('accounts.switchUser.button')}
        </button>
        <button type="button" className="lock" aria-keyshortcuts={lockKeys.lock} title="Ctrl+L" onClick={() => onLock()}>
          {t('header.lock')}
        </button>
      </TopBar>
      <nav className="breadcrumbs" aria-label={t('nav.label')}>
        <ol>
          <li>
            <a
              href="#cases"
              aria-current={place.kind === 'list' ? 'page' : undefined}
              onClick={(event) => {
                event.preventDefault();
                go({ kind: 'list' });
              }}
            >
              {t('nav.cases')}
            </a>
          </li>
          {place.kind === 'case' && <li aria-current="page">{t('nav.currentCase')}</li>}
        </ol>
        <ul className="nav-more">
          <li>
            <NavLink place={{ kind: 'directory' }} current={place} go={go} label={t('nav.directory')} />
          </li>
          <li>
            <NavLink place={{ kind: 'phaseModel' }} current={place} go={go} label={t('nav.phaseModel')} />
          </li>
          <li>
            <NavLink place={{ kind: 'partners' }} current={place} go={go} label={t('sharing.partners.nav')} />
          </li>
          {permissions.manageUsers && (
            <li>
              <NavLink place={{ kind: 'users' }} current={place} go={go} label={t('accounts.nav')} />
            </li>
          )}
          <li>
            <NavLink place={{ kind: 'ownPassphrase' }} current={place} go={go} label={t('accounts.own.open')} />
          </li>
        </ul>
      </nav>
      <main id="content" className={place.kind === 'case' ? 'workspace workspace-wide' : 'workspace'} tabIndex={-1}>
        {place.kind === 'list' && (
          <>
            <CaseList onOpen={(caseId) => go({ kind: 'case', caseId, section: 'overzicht' })} />
            {permissions.write && <BundleImport onOpen={(caseId) => go({ kind: 'case', caseId, section: 'overzicht' })} />}
            {user.role === 'beheerder' && <IdleLockSetting minutes={status.idleLockMinutes} onLockedElsewhere={onLockedElsewhere} />}
          </>
        )}
        {place.kind === 'case' && (
          <CaseScreen
            key={place.caseId}
            caseId={place.caseId}
            section={place.section}
            onSection={(section) => go({ ...place, section })}
            onBack={() => go({ kind: 'list' })}
          />
        )}
        {place.kind === 'directory' && (
          <>
            <h1>{t('nav.directory')}</h1>
            <Directory canWrite={permissions.write} />
          </>
        )}
        {/* Everyone reads the phase model; only a role that manages settings gets the controls to edit it. */}
        {place.kind === 'phaseModel' && (
          <>
            <h1>{t('nav.phaseModel')}</h1>
            <PhaseModelSettings canManage={permissions.manageSettings} />
          </>
        )}
        {place.kind === 'partners' && (
          <>
            <h1>{t('sharing.partners.title')}</h1>
            <Partners />
          </>
        )}
        {place.kind === 'users' && (
          <>
            <h1>{t('accounts.nav')}</h1>
            <Users />
          </>
        )}
        {place.kind === 'ownPassphrase' && (
          <>
            <h1>{t('accounts.own.title')}</h1>
            <OwnPassphrase />
          </>
        )}
      </main>
    </>
  );
}

function NavLink({ place, current, go, label }: { place: Place; current: Place; go(place: Place): void; label: string }) {
  const hash = hashOf(place);
  return (
    <a
      href={hash}
      aria-current={hashOf(current) === hash ? 'page' : undefined}
      onClick={(event) => {
        event.preventDefault();
        go(place);
      }}
    >
      {label}
    </a>
  );
}

/** Every date on the case screens follows this: Dutch time (Europe/Amsterdam) or UTC. */
function TimeZoneSwitch() {
  const { t } = useTranslation();
  const { timeZone, setTimeZone } = useCaseWork();
  return (
    <div className="language-switch" role="group" aria-label={t('timeZone.label')}>
      {displayTimeZones.map((zone) => (
        <button key={zone} type="button" aria-pressed={timeZone === zone} onClick={() => setTimeZone(zone)}>
          {t(`timeZone.${zone === 'UTC' ? 'utc' : 'amsterdam'}`)}
        </button>
      ))}
    </div>
  );
}

function IdleLockSetting({ minutes, onLockedElsewhere }: { minutes: number | null; onLockedElsewhere(): void }) {
  const { t } = useTranslation();
  const form = useForm({ resolver: formResolver(idleLockForm), defaultValues: { minutes: minutes ?? defaultIdleLockMinutes } });
  const [message, setMessage] = useState('');
  const [error, setError] = useState('');
  const range = { min: idleLockMinutesRange.min, max: idleLockMinutesRange.max };
  const { errors, isSubmitting } = form.formState;

  const save = form.handleSubmit(async (input) => {
    setMessage('');
    setError('');
    const result = await api['settings.setIdleLock'](input);
    if (result.ok) setMessage(t('settings.saved', { count: result.value.idleLockMinutes }));
    else if (result.error.code === 'VAULT_LOCKED') onLockedElsewhere();
    else setError(errorText(result.error));
  });

  return (
    <section aria-labelledby="settings-title" className="settings">
      <h2 id="settings-title">{t('settings.title')}</h2>
      <form noValidate onSubmit={(event) => void save(event)}>
        <Field
          id="settings-idle-lock"
          type="number"
          inputMode="numeric"
          min={range.min}
          max={range.max}
          step={1}
          label={t('settings.idleLock')}
          hint={t('settings.idleLockHint', range)}
          error={errors.minutes?.message}
          {...form.register('minutes', { valueAsNumber: true })}
        />
        <p role="alert" className="form-error">
          {formProblems(errors) || error}
        </p>
        <p role="status">{message}</p>
        <button type="submit" disabled={isSubmitting}>
          {t('settings.save')}
        </button>
      </form>
    </section>
  );
}
