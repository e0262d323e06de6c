import { appendAudit, type AuditOrigin, type AuditResult } from '../../db/audit';
import { pruneDrafts } from '../../db/repositories/drafts';
import { pruneWriteRequests } from '../../db/repositories/write-requests';
import {
  defaultIdleLockMinutes,
  type AppStatus,
  type LockReason,
  type OrdelogEvent,
  type SessionUser,
} from '../../shared/contract';
import { rolePermissions } from '../../shared/domain';
import { OrdelogError } from '../../shared/errors';
import type { Session, WriteRequest } from '../services/session';
import { createAccounts } from './accounts';
import { systemClock, type Clock } from './clock';
import { readIdleLockMinutes, writeIdleLockMinutes } from './idle-lock-setting';
import { createUnlockThrottle, type UnlockDelays } from './unlock-throttle';
import { fileVaultBackend, type NewVault, type OpenVault, type VaultBackend } from './vault-backend';

export interface AppControllerOptions {
  vaultDir: string;
  appVersion: string;
  /** Written to audit lines: the Electron app or the loopback browser host. */
  origin: Extract<AuditOrigin, 'app' | 'browser-host'>;
  vaults?: VaultBackend;
  clock?: Clock;
  unlockDelays?: UnlockDelays;
  /** Tests only: a fixed idle lock in milliseconds instead of the stored minutes. */
  idleLockMsOverride?: number;
}

export type AppController = ReturnType<typeof createAppController>;

const writeRequestMemoryMs = 24 * 60 * 60_000;
/** A draft nobody came back to for a month is not coming back; the vault and its backups should not keep it. */
const draftKeepMs = 30 * 24 * 60 * 60_000;

/**
 * Owns the one unlocked vault of this process (or none), its idle lock and the unlock throttle. Knows nothing of
 * Electron: the shell and the browser host call it the same way, and tell their renderer when it emits 'locked'.
 */
export function createAppController(options: AppControllerOptions) {
  const clock = options.clock ?? systemClock;
  const vaults = options.vaults ?? fileVaultBackend({ origin: options.origin });
  const throttle = createUnlockThrottle(clock, options.unlockDelays);
  const listeners = new Set<(event: OrdelogEvent) => void>();

  let open: { vault: OpenVault; user: SessionUser; idleLockMinutes: number } | null = null;
  let idleTimer: unknown = null;
  // Serialises create and unlock, so parallel guesses queue behind the throttle instead of racing past it.
  let gate: Promise<unknown> = Promise.resolve();
  // Bumped by every lock, so an unlock that finishes after a screen lock or suspend does not stay open.
  let lockGeneration = 0;

  function exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = gate.then(work, work);
    gate = run.catch(() => undefined);
    return run;
  }

  function idleLockMs(): number {
    if (options.idleLockMsOverride !== undefined) return options.idleLockMsOverride;
    return (open?.idleLockMinutes ?? defaultIdleLockMinutes) * 60_000;
  }

  function restartIdleTimer(): number {
    if (idleTimer !== null) clock.clearTimeout(idleTimer);
    const ms = idleLockMs();
    idleTimer = clock.setTimeout(() => lock('idle'), ms);
    return ms;
  }

  function audit(action: string, object: string, result: AuditResult = 'ok'): void {
    if (!open) return;
    try {
      appendAudit(open.vault.database.db, { actorId: open.user.id, action, object, result, origin: options.origin }, new Date(clock.now()));
    } catch {
      // An audit line that cannot be written (damaged file) must not keep a vault open or a lock from happening.
    }
  }

  /**
   * A request repeated a day later is a new intent, and the answers kept for repeats may hold case text; so do
   * drafts left for a month.
   */
  function forgetOldCaseText(vault: OpenVault): void {
    try {
      pruneWriteRequests(vault.database, new Date(clock.now() - writeRequestMemoryMs).toISOString());
      pruneDrafts(vault.database, new Date(clock.now() - draftKeepMs).toISOString());
    } catch {
      // Pruning is housekeeping; a vault that cannot do it now still opens.
    }
  }

  function adopt(vault: OpenVault): void {
    const { id, name, displayName, role } = vault.user;
    let idleLockMinutes: number;
    try {
      idleLockMinutes = readIdleLockMinutes(vault.database.db);
    } catch (error) {
      vault.lock();
      throw error;
    }
    open = { vault, user: { id, name, displayName, role }, idleLockMinutes };
    forgetOldCaseText(vault);
    restartIdleTimer();
  }

  function status(): AppStatus {
    return {
      vaultExists: open !== null || vaults.exists(options.vaultDir),
      unlocked: open !== null,
      user: open ? { ...open.user } : null,
      idleLockMinutes: open ? open.idleLockMinutes : null,
      appVersion: options.appVersion,
    };
  }

  function lock(reason: LockReason): void {
    if (idleTimer !== null) clock.clearTimeout(idleTimer);
    idleTimer = null;
    lockGeneration += 1;
    if (!open) return;
    audit(`vault.lock.${reason}`, 'vault');
    const { vault } = open;
    open = null;
    try {
      vault.lock();
    } finally {
      publish({ type: 'locked', reason });
    }
  }

  function publish(event: OrdelogEvent): void {
    for (const listener of listeners) {
      try {
        listener(event);
      } catch {
        // One broken listener (a closed window) must not keep the others from hearing about the event.
      }
    }
  }

  function requireOpen() {
    if (!open) throw new OrdelogError('VAULT_LOCKED');
    return open;
  }

  function session(request?: WriteRequest): Session {
    const current = requireOpen();
    const base: Session = { db: current.vault.database, user: { ...current.user }, origin: options.origin };
    return request ? { ...base, request } : base;
  }

  const users = createAccounts({
    current: requireOpen,
    session,
    origin: options.origin,
    throttle,
    lockedItself: () => {
      if (open?.vault.isLocked) lock('user');
    },
  });

  return {
    vaultDir: options.vaultDir,
    status,
    lock,

    createVault(input: NewVault): Promise<{ recoveryKey: string; status: AppStatus }> {
      return exclusive(async () => {
        if (open) throw new OrdelogError('CONFLICT');
        // No lock-generation check here: a recovery key that is never shown cannot be shown again.
        const { vault, recoveryKey } = await vaults.create(options.vaultDir, input);
        adopt(vault);
        return { recoveryKey, status: status() };
      });
    },

    unlock(userName: string, passphrase: string): Promise<AppStatus> {
      return exclusive(async () => {
        throttle.assertAllowed();
        // Another window or tab already unlocked: switching users goes through a lock first.
        if (open) throw new OrdelogError('CONFLICT');
        const generation = lockGeneration;
        let vault: OpenVault;
        try {
          vault = await vaults.unlock(options.vaultDir, userName, passphrase);
        } catch (error) {
          if (error instanceof OrdelogError && error.code === 'WRONG_PASSPHRASE') {
            throw new OrdelogError('WRONG_PASSPHRASE', { retryAfterMs: throttle.recordFailure() });
          }
          throw error;
        }
        throttle.recordSuccess();
        if (generation !== lockGeneration) {
          vault.lock();
          throw new OrdelogError('VAULT_LOCKED');
        }
        adopt(vault);
        return status();
      });
    },

    /** Renderer activity: postpones the idle lock. */
    touch(): { idleLockInMs: number } {
      requireOpen();
      return { idleLockInMs: restartIdleTimer() };
    },

    setIdleLockMinutes(minutes: number): { idleLockMinutes: number } {
      const current = requireOpen();
      if (!rolePermissions[current.user.role].manageSettings) {
        audit('settings.update', 'setting:idleLockMinutes', 'geweigerd');
        throw new OrdelogError('FORBIDDEN');
      }
      writeIdleLockMinutes(current.vault.database.db, minutes, new Date(clock.now()));
      current.idleLockMinutes = minutes;
      audit('settings.update', 'setting:idleLockMinutes');
      restartIdleTimer();
      return { idleLockMinutes: minutes };
    },

    /** The session service calls run in (with the renderer's request, for a write); VAULT_LOCKED when there is none. */
    session,

    /** The vault's accounts (main/app/accounts.ts). */
    users,

    /** Tells every listener (the window, the browser host's event stream) about an event, e.g. a job's progress. */
    publish,

    onEvent(listener: (event: OrdelogEvent) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
