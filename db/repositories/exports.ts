import { and, asc, eq, sql } from 'drizzle-orm';
import type { ExportKind, ExportRecord } from '../../shared/briefing';
import type { OpenedDatabase } from '../open';
import { briefingExports } from '../schema';

export type NewExportRecord = typeof briefingExports.$inferInsert;

const view = {
  id: briefingExports.id,
  caseId: briefingExports.caseId,
  kind: briefingExports.kind,
  number: briefingExports.number,
  at: briefingExports.at,
  byName: briefingExports.byName,
  audience: briefingExports.audience,
  periodFrom: briefingExports.periodFrom,
  periodTo: briefingExports.periodTo,
  fingerprint: briefingExports.fingerprint,
  classification: briefingExports.classification,
  redacted: briefingExports.redacted,
  pageCount: briefingExports.pageCount,
  sha256: briefingExports.sha256,
  size: briefingExports.size,
  entryId: briefingExports.entryId,
  recipient: briefingExports.recipient,
};

export function insertExportRecord(store: OpenedDatabase, row: NewExportRecord): ExportRecord {
  return store.db.insert(briefingExports).values(row).returning(view).get();
}

/** Oldest first. */
export function listExportRecords(store: OpenedDatabase, caseId: string): ExportRecord[] {
  return store.db
    .select(view)
    .from(briefingExports)
    .where(eq(briefingExports.caseId, caseId))
    .orderBy(asc(briefingExports.at), sql`rowid`)
    .all();
}

export function findExportByHash(store: OpenedDatabase, caseId: string, sha256: string): ExportRecord | undefined {
  return store.db
    .select(view)
    .from(briefingExports)
    .where(and(eq(briefingExports.caseId, caseId), eq(briefingExports.sha256, sha256)))
    .orderBy(asc(briefingExports.at))
    .get();
}

/** The last export of a kind in a case, for numbering and for "since the previous briefing". */
export function lastExport(store: OpenedDatabase, caseId: string, kind: ExportKind): ExportRecord | undefined {
  return store.db
    .select(view)
    .from(briefingExports)
    .where(and(eq(briefingExports.caseId, caseId), eq(briefingExports.kind, kind)))
    .orderBy(sql`${briefingExports.number} DESC`, sql`rowid DESC`)
    .get();
}
