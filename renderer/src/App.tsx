import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppStatus, LockReason, SessionUser } from '../../shared/contract';
import type { Result } from '../../shared/result';
import { api, events } from './api';
import { flushDrafts } from './drafts';
import { TopBar } from './components/TopBar';
import { useActivityTouch } from './hooks';
import { useLockKeys, type LockOptions } from './lock-keys';
import { CreateVault } from './screens/CreateVault';
import { RecoveryKey } from './screens/RecoveryKey';
import { SignedIn } from './screens/SignedIn';
import { Unlock } from './screens/Unlock';

type SignedInStatus = AppStatus & { user: SessionUser };

type View =
  | { kind: 'loading' }
  | { kind: 'unavailable' }
  | { kind: 'create' }
  | { kind: 'recovery'; recoveryKey: string; status: SignedInStatus }
  /** `resumeAt`: after a switch of user, where the team was (an address with a case id and tab, no case data). */
  /** `lockedUserId`: who was signed in when the vault locked; only they come back to their own place and form. */
  | { kind: 'unlock'; lockedBecause: LockReason | null; resumeAt: string | null; lockedUserId: string | null }
  /**
   * `startAt`: where the team was when the user switched (the place wins); `resume`: signed in through the unlock
   * screen here, so the user goes back to their own place and form (their drafts come back either way).
   */
  | { kind: 'signed-in'; status: SignedInStatus; startAt: string | null; resume: boolean };

/**
 * Every successful match of a regular expression leaves its subject in the engine's legacy `RegExp.input` and
 * `RegExp.lastMatch` (i18next interpolating an entry's text into a message does that), where it would outlive
 * the lock in the renderer's memory. A match on the empty string replaces them.
 */
function forgetLastMatch(): void {
  /(?:)/.exec('');
}

/**
 * Whether the user who unlocks goes back to their own place and form: the one who was signed in when the vault
 * locked, or anyone at a fresh start. Someone else after a plain lock starts at the case list (after a switch of
 * user they start where the team was: `resumeAt`).
 */
function ownPlaceBack(lockedUserId: string | null, status: AppStatus): boolean {
  return lockedUserId === null || status.user?.id === lockedUserId;
}

function viewFor(status: AppStatus, entered: { startAt?: string | null; resume?: boolean } = {}): View {
  if (status.unlocked && status.user) {
    return { kind: 'signed-in', status: { ...status, user: status.user }, startAt: entered.startAt ?? null, resume: entered.resume ?? false };
  }
  return status.vaultExists ? { kind: 'unlock', lockedBecause: null, resumeAt: null, lockedUserId: null } : { kind: 'create' };
}

/**
 * Decides which screen shows. The main process is the source of truth: every lock (button, idle timer,
 * screen lock, another window) replaces the view, which unmounts the signed-in tree and its case data.
 */
export function App() {
  const { t } = useTranslation();
  const [view, setView] = useState<View>({ kind: 'loading' });
  const vaultOpen = view.kind === 'signed-in' || view.kind === 'recovery';

  const applyStatus = useCallback((result: Result<AppStatus>) => {
    setView((current) => {
      if (!result.ok) return current.kind === 'loading' ? { kind: 'unavailable' } : current;
      // Keep the recovery key on screen while the vault stays open; anything else follows the main process.
      if (current.kind === 'recovery' && result.value.unlocked) return current;
      if (current.kind === 'unlock' && !result.value.unlocked) return current;
      return viewFor(result.value);
    });
  }, []);
  const refresh = useCallback(() => api['app.status']().then(applyStatus), [applyStatus]);

  const showLocked = useCallback((reason: LockReason | null, resumeAt?: string) => {
    // The lock event of this window's own switch of user may come after it: the place to resume stays.
    setView((current) => ({
      kind: 'unlock',
      lockedBecause: reason,
      resumeAt: resumeAt ?? (current.kind === 'unlock' ? current.resumeAt : null),
      lockedUserId: current.kind === 'signed-in' ? current.status.user.id : current.kind === 'unlock' ? current.lockedUserId : null,
    }));
  }, []);
  const lockedElsewhere = useCallback(() => showLocked(null), [showLocked]);

  useEffect(() => {
    void api['app.status']().then(applyStatus);
    const unsubscribe = events.subscribe((event) => {
      if (event.type === 'locked') showLocked(event.reason);
    });
    // Events can be missed (a dropped connection, a sleeping laptop): look again when the window comes back.
    const recheck = (): void => {
      if (document.visibilityState === 'visible') void refresh();
    };
    document.addEventListener('visibilitychange', recheck);
    window.addEventListener('focus', recheck);
    return () => {
      unsubscribe();
      document.removeEventListener('visibilitychange', recheck);
      window.removeEventListener('focus', recheck);
    };
  }, [applyStatus, refresh, showLocked]);

  useActivityTouch(vaultOpen, lockedElsewhere);

  // After the commit that unmounted the signed-in tree, so nothing that ran on case data comes after it.
  const locked = view.kind === 'unlock';
  useEffect(() => {
    if (locked) forgetLastMatch();
  }, [locked]);

  /** Every lock asked for in this window (the button, Ctrl+L, switching user) goes through here. */
  async function lock({ switchUser = false }: LockOptions = {}): Promise<void> {
    const resumeAt = switchUser ? window.location.hash : undefined;
    // What is typed goes into the vault while the key is still there.
    await flushDrafts();
    await api['vault.lock']();
    showLocked('user', resumeAt);
  }

  useLockKeys(view.kind === 'signed-in', (options) => void lock(options));

  switch (view.kind) {
    case 'signed-in':
      return (
        <SignedIn
          // Another user signed in while this window missed the lock: nothing of the previous user's screens,
          // drafts or settings may stay.
          key={view.status.user.id}
          status={view.status}
          startAt={view.startAt}
          resume={view.resume}
          onLock={(options) => void lock(options)}
          onLockedElsewhere={lockedElsewhere}
          onStatusChanged={() => void refresh()}
        />
      );
    case 'loading':
    case 'unavailable':
      return (
        <>
          <TopBar />
          <main id="content" className="panel" tabIndex={-1}>
            {view.kind === 'loading' ? (
              <p role="status">{t('app.loading')}</p>
            ) : (
              <>
                <p role="alert">{t('app.statusFailed')}</p>
                <button type="button" onClick={() => void refresh()}>
                  {t('app.retry')}
                </button>
              </>
            )}
          </main>
        </>
      );
    default:
      return (
        <>
          <TopBar />
          {view.kind === 'create' && (
            <CreateVault
              onCreated={(recoveryKey, status) => status.user && setView({ kind: 'recovery', recoveryKey, status: { ...status, user: status.user } })}
            />
          )}
          {view.kind === 'recovery' && (
            <RecoveryKey recoveryKey={view.recoveryKey} onStored={() => setView({ kind: 'signed-in', status: view.status, startAt: null, resume: false })} />
          )}
          {view.kind === 'unlock' && (
            <Unlock
              lockedBecause={view.lockedBecause}
              switchingUser={view.resumeAt !== null}
              onUnlocked={(status) => setView(viewFor(status, { startAt: view.resumeAt, resume: ownPlaceBack(view.lockedUserId, status) }))}
            />
          )}
        </>
      );
  }
}
