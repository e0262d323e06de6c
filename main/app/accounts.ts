import type { z } from 'zod';
import { addUser, changePassphrase, listUsers, removeUser, setUserRole, type UserSummary } from '../../db/users';
import { confirmPassphrase, withRecoveryActor, type UnlockedVault } from '../../db/vault';
import type { SessionUser } from '../../shared/contract';
import { rolePermissions } from '../../shared/domain';
import { OrdelogError } from '../../shared/errors';
import type {
  addUserInput,
  changeOwnPassphraseInput,
  removeUserInput,
  resetPassphraseInput,
  setUserRoleInput,
} from '../../shared/users';
import { audit, writeOnce } from '../services/mutate';
import type { Session, WriteRequest } from '../services/session';
import type { UnlockThrottle } from './unlock-throttle';

/** What user management needs of the app controller. */
export interface AccountsHost {
  /** The open vault and the signed-in user as the session knows them (the same object, so a role change sticks). */
  current(): { vault: UnlockedVault; user: SessionUser };
  session(request?: WriteRequest): Session;
  origin: 'app' | 'browser-host';
  /** A guess at a secret (the current passphrase, the recovery key) counts as a failed unlock. */
  throttle: UnlockThrottle;
  /** A data key replacement that failed half-way locked the vault itself; the controller follows. */
  lockedItself(): void;
}

/**
 * The accounts of the open vault, managed in the app with the functions and audit lines of `ordelog-admin users`
 * (db/users.ts). Each write is carried out once per request id (`writeOnce`); passphrases and the recovery key
 * are passed on to the vault and never kept, logged or answered.
 */
export function createAccounts(host: AccountsHost) {
  const options = { origin: host.origin };

  function requireManager(session: Session, action: string, object: string): void {
    if (rolePermissions[session.user.role].manageUsers) return;
    audit(session, action, object, 'geweigerd');
    throw new OrdelogError('FORBIDDEN');
  }

  function summaryOf(vault: UnlockedVault, userId: string): UserSummary {
    const user = listUsers(vault).find((candidate) => candidate.id === userId);
    if (!user) throw new OrdelogError('NOT_FOUND');
    return user;
  }

  /** Refuses during the unlock delay; a wrong secret is audited as refused and lengthens the delay. */
  async function guessing<T>(session: Session, action: string, object: string, attempt: () => Promise<T>): Promise<T> {
    host.throttle.assertAllowed();
    try {
      const result = await attempt();
      host.throttle.recordSuccess();
      return result;
    } catch (error) {
      if (!(error instanceof OrdelogError && error.code === 'WRONG_PASSPHRASE')) throw error;
      audit(session, action, object, 'geweigerd');
      throw new OrdelogError('WRONG_PASSPHRASE', { retryAfterMs: host.throttle.recordFailure() });
    }
  }

  /** Runs a write of the open vault once per request; if it left the vault locked, the app locks too. */
  async function write<T>(request: WriteRequest | undefined, work: (vault: UnlockedVault, session: Session) => Promise<T>): Promise<T> {
    const { vault } = host.current();
    const session = host.session(request);
    try {
      return await writeOnce(session, () => work(vault, session));
    } catch (error) {
      if (vault.isLocked) host.lockedItself();
      throw error;
    }
  }

  return {
    list(): UserSummary[] {
      const { vault, user } = host.current();
      if (!rolePermissions[user.role].manageUsers) throw new OrdelogError('FORBIDDEN');
      return listUsers(vault);
    },

    add(input: z.output<typeof addUserInput>, request?: WriteRequest): Promise<UserSummary> {
      const { userName: name, displayName, accountRole: role, passphrase } = input;
      return write(request, (vault) => addUser(vault, { name, displayName, role, passphrase }, options));
    },

    setRole({ userId, accountRole }: z.output<typeof setUserRoleInput>, request?: WriteRequest): Promise<UserSummary> {
      return write(request, async (vault) => {
        setUserRole(vault, userId, accountRole, options);
        const { user } = host.current();
        if (user.id === userId) user.role = accountRole;
        return summaryOf(vault, userId);
      });
    },

    /** `ordelog-admin users passwd --recovery`, asked for by a beheerder who holds the recovery key. */
    resetPassphrase({ userId, recoveryKey, newPassphrase }: z.output<typeof resetPassphraseInput>, request?: WriteRequest): Promise<UserSummary> {
      return write(request, async (vault, session) => {
        requireManager(session, 'user.passphrase.reset', `user:${userId}`);
        await guessing(session, 'vault.unlock.recovery', 'vault', () =>
          withRecoveryActor(vault, recoveryKey, (recovery) => changePassphrase(recovery, userId, newPassphrase, options), options),
        );
        return summaryOf(vault, userId);
      });
    },

    /** Replaces the data key, as the CLI does. The signed-in account is not removed from under its own session. */
    remove({ userId }: z.output<typeof removeUserInput>, request?: WriteRequest): Promise<UserSummary> {
      return write(request, async (vault, session) => {
        if (userId === session.user.id) {
          audit(session, 'user.remove', `user:${userId}`, 'geweigerd');
          throw new OrdelogError('OWN_ACCOUNT');
        }
        removeUser(vault, userId, options);
        return summaryOf(vault, userId);
      });
    },

    changeOwnPassphrase({ currentPassphrase, newPassphrase }: z.output<typeof changeOwnPassphraseInput>, request?: WriteRequest): Promise<UserSummary> {
      return write(request, async (vault, session) => {
        const object = `user:${session.user.id}`;
        await guessing(session, 'user.passphrase.change', object, () => confirmPassphrase(vault, currentPassphrase));
        await changePassphrase(vault, session.user.id, newPassphrase, options);
        return summaryOf(vault, session.user.id);
      });
    },
  };
}

export type Accounts = ReturnType<typeof createAccounts>;
