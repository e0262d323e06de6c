import { deriveDeadlines } from '../../shared/catalogue/deadlines';
import { deadlineRulesSchema } from '../../shared/catalogue/legal-bases';
import type { Decision, LinkedEntry } from '../../shared/views';
import { excerpt } from '../../shared/visible-text';
import type { OpenedDatabase } from '../open';
import { decisionCouncilMeetings, decisionEntries, decisions } from '../schema';

export type NewDecision = typeof decisions.$inferInsert;
export type NewCouncilMeeting = typeof decisionCouncilMeetings.$inferInsert;

type DecisionRow = Omit<Decision, 'entryIds' | 'linkedEntries' | 'deadlines'> & {
  linkedEntries: string;
  deadlineRules: string | null;
  ratified: number;
};

/** How much of a linked entry's text the decision card shows. */
const excerptLength = 140;

/** The council meeting of decision `d`: the newest date added later, else the one recorded with it. */
export const councilMeetingAtSql = `coalesce((SELECT m.council_meeting_at FROM decision_council_meetings m
    WHERE m.decision_id = d.id ORDER BY m.rowid DESC LIMIT 1), d.council_meeting_at)`;
/** 1 when a later decision of the council follows decision `d`: its ratification. */
export const ratifiedSql = `EXISTS (SELECT 1 FROM decisions f WHERE f.follows_decision_id = d.id AND f.decided_by = 'raad')`;

/**
 * Deadlines come from the legal basis' rules; a ratification is met by a later council decision that follows it.
 * The council meeting is the newest date added later, else the one recorded with the decision. Linked entries
 * are read here with their number and the start of their text, so a card shows them however long the log is.
 */
const selectDecisions = `SELECT d.id, d.case_id AS caseId, d.number, d.text, d.decided_by AS decidedBy,
    d.legal_basis_id AS legalBasisId, d.necessity, d.proportionality, d.subsidiarity, d.decided_at AS decidedAt,
    ${councilMeetingAtSql} AS councilMeetingAt,
    d.follows_decision_id AS followsDecisionId, d.entry_id AS entryId,
    (SELECT json_group_array(json_object('id', x.id, 'seq', x.seq, 'occurredAt', x.occurred_at, 'type', x.type,
       'excerpt', x.excerpt)) FROM (SELECT e.id, e.seq, e.occurred_at, e.type, substr(e.text, 1, ${excerptLength + 1}) AS excerpt
       FROM decision_entries de JOIN log_entries e ON e.id = de.entry_id WHERE de.decision_id = d.id ORDER BY e.seq) x)
      AS linkedEntries,
    d.recorded_at AS recordedAt, d.recorded_by_name AS recordedByName, lb.deadline_rules AS deadlineRules,
    ${ratifiedSql} AS ratified
  FROM decisions d LEFT JOIN legal_bases lb ON lb.id = d.legal_basis_id`;


function toDecision({ linkedEntries, deadlineRules, ratified, ...row }: DecisionRow): Decision {
  const rules = deadlineRulesSchema.parse(JSON.parse(deadlineRules ?? '[]'));
  const linked = (JSON.parse(linkedEntries) as LinkedEntry[]).map((entry) => ({ ...entry, excerpt: excerpt(entry.excerpt, excerptLength) }));
  return {
    ...row,
    entryIds: linked.map((entry) => entry.id),
    linkedEntries: linked,
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

/** Adds a council meeting date to a decision; the decision reads the newest one. */
export function insertCouncilMeeting(store: OpenedDatabase, row: NewCouncilMeeting): Decision {
  store.db.insert(decisionCouncilMeetings).values(row).run();
  return findDecision(store, row.decisionId) as Decision;
}

export function findDecision(store: OpenedDatabase, id: string): Decision | undefined {
  const row = store.sqlite.prepare(`${selectDecisions} WHERE d.id = ?`).get(id) as DecisionRow | undefined;
  return row && toDecision(row);
}

export function listDecisions(store: OpenedDatabase, caseId: string): Decision[] {
  const rows = store.sqlite.prepare(`${selectDecisions} WHERE d.case_id = ? ORDER BY d.number`).all(caseId) as DecisionRow[];
  return rows.map(toDecision);
}
