import { deriveDeadlines } from '../../shared/catalogue/deadlines';
import { deadlineRulesSchema } from '../../shared/catalogue/legal-bases';
import type { Decision } from '../../shared/views';
import type { OpenedDatabase } from '../open';
import { decisionEntries, decisions } from '../schema';

export type NewDecision = typeof decisions.$inferInsert;

type DecisionRow = Omit<Decision, 'entryIds' | 'deadlines'> & {
  entryIds: string;
  deadlineRules: string | null;
  ratified: number;
};

/** Deadlines come from the legal basis' rules; a ratification is met by a later council decision that follows it. */
const selectDecisions = `SELECT d.id, d.case_id AS caseId, d.number, d.text, d.decided_by AS decidedBy,
    d.legal_basis_id AS legalBasisId, d.necessity, d.proportionality, d.subsidiarity, d.decided_at AS decidedAt,
    d.council_meeting_at AS councilMeetingAt, d.follows_decision_id AS followsDecisionId, d.entry_id AS entryId,
    (SELECT json_group_array(x.entry_id) FROM (SELECT de.entry_id FROM decision_entries de
       JOIN log_entries e ON e.id = de.entry_id WHERE de.decision_id = d.id ORDER BY e.seq) x) AS entryIds,
    d.recorded_at AS recordedAt, d.recorded_by_name AS recordedByName, lb.deadline_rules AS deadlineRules,
    EXISTS (SELECT 1 FROM decisions f WHERE f.follows_decision_id = d.id AND f.decided_by = 'raad') AS ratified
  FROM decisions d LEFT JOIN legal_bases lb ON lb.id = d.legal_basis_id`;

function toDecision({ entryIds, deadlineRules, ratified, ...row }: DecisionRow): Decision {
  const rules = deadlineRulesSchema.parse(JSON.parse(deadlineRules ?? '[]'));
  return {
    ...row,
    entryIds: JSON.parse(entryIds) as string[],
    deadlines: deriveDeadlines(rules, {
      decidedAt: row.decidedAt,
      councilMeetingAt: row.councilMeetingAt,
      ratified: ratified === 1,
    }),
  };
}

export function nextDecisionNumber(store: OpenedDatabase, caseId: string): number {
  const row = store.sqlite.prepare('SELECT coalesce(max(number), 0) + 1 AS next FROM decisions WHERE case_id = ?').get(caseId) as {
    next: number;
  };
  return row.next;
}

export function insertDecision(store: OpenedDatabase, row: NewDecision, entryIds: readonly string[]): Decision {
  store.db.insert(decisions).values(row).run();
  for (const entryId of new Set(entryIds)) store.db.insert(decisionEntries).values({ decisionId: row.id, entryId }).run();
  return findDecision(store, row.id) as Decision;
}

export function findDecision(store: OpenedDatabase, id: string): Decision | undefined {
  const row = store.sqlite.prepare(`${selectDecisions} WHERE d.id = ?`).get(id) as DecisionRow | undefined;
  return row && toDecision(row);
}

export function listDecisions(store: OpenedDatabase, caseId: string): Decision[] {
  const rows = store.sqlite.prepare(`${selectDecisions} WHERE d.case_id = ? ORDER BY d.number`).all(caseId) as DecisionRow[];
  return rows.map(toDecision);
}
