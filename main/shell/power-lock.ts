import { powerMonitor } from 'electron';
import type { LockReason } from '../../shared/contract';

/** Locks the vault when the person walks away: the OS screen locks, or the machine goes to sleep. */
export function lockOnScreenLockAndSuspend(lock: (reason: LockReason) => void): void {
  powerMonitor.on('lock-screen', () => lock('screen-lock'));
  powerMonitor.on('suspend', () => lock('suspend'));
}
