import { randomUUID } from 'node:crypto';
import { insertBriefingExport, listBriefingExports as listExportRows } from '../../db/repositories/briefing-exports';
import {
  recordBriefingExportInput,
  type CaseIdInput,
  type RecordBriefingExportInput,
} from '../../shared/schemas';
import type { BriefingExport } from '../../shared/views';
import { readOfCase, requireCase } from './guards';
import { actor, writeEntry } from './log';
import { mutate } from './mutate';
import { now, type Session } from './session';

/**
 * Records that a briefing left the vault as a PDF: when, by whom, how classified, redacted or not, and the
 * file's SHA-256 fingerprint. Also for closed cases (a Woo request comes after closing), so it is logged there too.
 */
export function recordBriefingExport(session: Session, input: RecordBriefingExportInput): BriefingExport {
  const id = randomUUID();
  return mutate(session, { action: 'briefing.export', schema: recordBriefingExportInput, object: () => `briefing-export:${id}` }, input, (args) => {
    const caseRow = requireCase(session, args.caseId);
    const at = args.at ?? now();
    const redacted = args.redacted ? 'geanonimiseerd' : 'niet geanonimiseerd';
    const entry = writeEntry(session, caseRow, {
      type: 'systeem_export',
      text: `Briefing geëxporteerd (${args.classification}, ${redacted}, ${args.pageCount} pagina's, vingerafdruk ${args.fingerprint}).`,
      occurredAt: at,
    });
    const by = actor(session);
    return insertBriefingExport(session.db, {
      id,
      caseId: caseRow.id,
      at,
      by: by.id,
      byName: by.name,
      fingerprint: args.fingerprint,
      classification: args.classification,
      redacted: args.redacted,
      pageCount: args.pageCount,
      entryId: entry.id,
    });
  });
}

export function listBriefingExports(session: Session, input: CaseIdInput): BriefingExport[] {
  return readOfCase(session, input, listExportRows);
}
