import type { OpenedDatabase } from '../../db/open';
import type { UserRole } from '../../shared/domain';

/** Who is acting, through which door, on which open vault. The services never see a key or a passphrase. */
export interface Session {
  db: OpenedDatabase;
  user: { id: string; name: string; displayName: string; role: UserRole };
  origin: 'app' | 'cli' | 'browser-host';
  /** The renderer's request this call carries out, when it came through the contract (never from the CLI). */
  request?: WriteRequest;
}

/** A write as the renderer asked for it: its request id is recorded once, with the first answer. */
export interface WriteRequest {
  id: string;
  channel: string;
}

export const now = (): string => new Date().toISOString();

/** The session of the user who unlocked a vault: what the services need, without the key. */
export function sessionFor(
  vault: { database: OpenedDatabase; user: Session['user'] },
  origin: Session['origin'],
): Session {
  const { id, name, displayName, role } = vault.user;
  return { db: vault.database, user: { id, name, displayName, role }, origin };
}
