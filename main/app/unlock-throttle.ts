import { OrdelogError } from '../../shared/errors';
import type { Clock } from './clock';

export interface UnlockDelays {
  firstMs: number;
  maxMs: number;
}

export const defaultUnlockDelays: UnlockDelays = { firstMs: 1_000, maxMs: 30_000 };

/** 1 s, 2 s, 4 s … capped: each failed unlock doubles the wait before the next attempt is even tried. */
export function delayAfterFailures(failures: number, delays: UnlockDelays): number {
  if (failures <= 0) return 0;
  return Math.min(delays.firstMs * 2 ** Math.min(failures - 1, 30), delays.maxMs);
}

/**
 * Counts consecutive failed unlocks across all user names (a guess at another name is still a guess) and
 * refuses attempts during the growing delay. Lives in memory: the KDF's own cost limits a restart-and-retry.
 */
export function createUnlockThrottle(clock: Clock, delays: UnlockDelays = defaultUnlockDelays) {
  let failures = 0;
  let blockedUntil = 0;

  return {
    /** Throws TOO_MANY_ATTEMPTS (with the time left) while a delay runs. */
    assertAllowed(): void {
      const waitMs = blockedUntil - clock.now();
      if (waitMs > 0) throw new OrdelogError('TOO_MANY_ATTEMPTS', { retryAfterMs: waitMs });
    },
    /** Records a failure and returns the delay before the next attempt. */
    recordFailure(): number {
      failures += 1;
      const delayMs = delayAfterFailures(failures, delays);
      blockedUntil = clock.now() + delayMs;
      return delayMs;
    },
    recordSuccess(): void {
      failures = 0;
      blockedUntil = 0;
    },
  };
}

export type UnlockThrottle = ReturnType<typeof createUnlockThrottle>;
