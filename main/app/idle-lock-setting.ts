import { eq } from 'drizzle-orm';
import type { OrdelogDb } from '../../db/open';
import { settings } from '../../db/schema';
import { defaultIdleLockMinutes, idleLockMinutesRange } from '../../shared/contract';

const key = 'idleLockMinutes';

/** The stored idle lock; the default when unset or out of range (a hand-edited or older vault). */
export function readIdleLockMinutes(db: OrdelogDb): number {
  const row = db.select({ value: settings.value }).from(settings).where(eq(settings.key, key)).get();
  if (!row) return defaultIdleLockMinutes;
  let value: unknown;
  try {
    value = JSON.parse(row.value);
  } catch {
    return defaultIdleLockMinutes;
  }
  if (typeof value !== 'number' || !Number.isInteger(value)) return defaultIdleLockMinutes;
  return value >= idleLockMinutesRange.min && value <= idleLockMinutesRange.max ? value : defaultIdleLockMinutes;
}

export function writeIdleLockMinutes(db: OrdelogDb, minutes: number, at: Date): void {
  const value = JSON.stringify(minutes);
  const updatedAt = at.toISOString();
  db.insert(settings)
    .values({ key, value, updatedAt })
    .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt } })
    .run();
}
