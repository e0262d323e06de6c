import { collectStats } from '../../db/repositories/stats';
import { statsInput, type StatsInput } from '../../shared/schemas';
import type { Stats } from '../../shared/views';
import { requireCase } from './guards';
import { parseInput } from './input';
import { now, type Session } from './session';

export function stats(session: Session, input: StatsInput = {}): Stats {
  const { caseId } = parseInput(statsInput, input);
  if (caseId !== undefined) requireCase(session, caseId);
  return collectStats(session.db, caseId ?? null, now());
}
