import { asc, eq, sql } from 'drizzle-orm';
import type { BriefingExport } from '../../shared/views';
import type { OpenedDatabase } from '../open';
import { briefingExports } from '../schema';

export type NewBriefingExport = typeof briefingExports.$inferInsert;

const view = {
  id: briefingExports.id,
  caseId: briefingExports.caseId,
  at: briefingExports.at,
  byName: briefingExports.byName,
  fingerprint: briefingExports.fingerprint,
  classification: briefingExports.classification,
  redacted: briefingExports.redacted,
  pageCount: briefingExports.pageCount,
  entryId: briefingExports.entryId,
};

export function insertBriefingExport(store: OpenedDatabase, row: NewBriefingExport): BriefingExport {
  return store.db.insert(briefingExports).values(row).returning(view).get();
}

export function listBriefingExports(store: OpenedDatabase, caseId: string): BriefingExport[] {
  return store.db
    .select(view)
    .from(briefingExports)
    .where(eq(briefingExports.caseId, caseId))
    .orderBy(asc(briefingExports.at), sql`rowid`)
    .all();
}
