import { randomUUID } from 'node:crypto';
import { chainHeadAt } from '../../db/chain';
import { findExportByHash, insertExportRecord, lastExport, listExportRecords } from '../../db/repositories/exports';
import { isSignalsOnlyPartnerCase } from '../../db/repositories/replicas';
import {
  formatFingerprint,
  verifyExportInput,
  type ExportRecord,
  type ExportVerification,
  type RecordExportInput,
  recordExportInput,
} from '../../shared/briefing';
import type { CaseIdInput } from '../../shared/schemas';
import { sha256Hex } from './attachments';
import { readFileStatement } from './export-statement';
import { readOfCase, requireCase } from './guards';
import { parseInput } from './input';
import { actor, writeEntry } from './log';
import { audit, mutate } from './mutate';
import { now, type Session } from './session';

const kindNames = {
  briefing: 'Briefing',
  'logboek-pdf': 'Logboek (PDF)',
  'logboek-json': 'Logboek (JSON)',
  overdracht: 'Overdrachtsrapport',
  pakket: 'Pakket',
  'pakket-ontvangen': 'Ontvangen pakket',
} as const;
// The log is kept in Dutch; system entries say who a briefing was for in words, not as a code.
const audienceNames = {
  burgemeester: 'de burgemeester',
  driehoek: 'de lokale driehoek',
  beleidsteam: 'het gemeentelijk beleidsteam',
  raad: 'de gemeenteraad',
} as const;

/** Whom the file was for, or (a bundle read in) whom it came from. */
function recipientPart(kind: RecordExportInput['kind'], recipient: string): string {
  if (kind === 'pakket') return `voor ${recipient}`;
  if (kind === 'pakket-ontvangen') return `van ${recipient}`;
  return `versie voor ${recipient}`;
}

/**
 * Records that a file left the vault: a system entry in the case's log (who, when, for whom, the file's
 * SHA-256 and the log state it summarised) and a row in the append-only register. Closed cases too: a Woo
 * request comes after closing, and that export must be on record as well.
 */
export function recordExport(session: Session, input: RecordExportInput): ExportRecord {
  const id = randomUUID();
  return mutate(session, { action: 'export.record', schema: recordExportInput, object: () => `export:${id}` }, input, (args) => {
    const caseRow = requireCase(session, args.caseId);
    const number = (lastExport(session.db, caseRow.id, args.kind)?.number ?? 0) + 1;
    const at = now();
    const by = actor(session);
    const parts = [
      args.audience ? `voor ${audienceNames[args.audience]}` : null,
      args.recipient ? recipientPart(args.kind, args.recipient) : null,
      args.classification,
      args.redacted ? 'gelakt' : 'niet gelakt',
      args.pageCount > 0 ? `${args.pageCount} pagina's` : null,
      `SHA-256 ${args.sha256}`,
      `vingerafdruk ${formatFingerprint(args.fingerprint)}`,
    ].filter((part) => part !== null);
    // A case of which only the signals were shared here holds signals only: the register row alone records it.
    const entry = isSignalsOnlyPartnerCase(session.db, caseRow.key!)
      ? null
      : writeEntry(session, caseRow, {
          type: 'systeem_export',
          text: `${kindNames[args.kind]} ${number} ${args.kind === 'pakket-ontvangen' ? 'ingelezen' : 'geëxporteerd'} door ${by.name} (${parts.join(', ')}).`,
          occurredAt: at,
        });
    return insertExportRecord(session.db, {
      id,
      caseId: caseRow.id,
      kind: args.kind,
      number,
      at,
      by: by.id,
      byName: by.name,
      audience: args.audience,
      periodFrom: args.periodFrom,
      periodTo: args.periodTo,
      fingerprint: formatFingerprint(args.fingerprint),
      classification: args.classification,
      redacted: args.redacted,
      pageCount: args.pageCount,
      sha256: args.sha256,
      size: args.size,
      // A line written in a case received from a partner is provisional until the owner placed it: no link yet.
      entryId: entry === null || entry.seq === 0 ? null : entry.id,
      recipient: args.recipient,
    });
  });
}

export function listExports(session: Session, input: CaseIdInput): ExportRecord[] {
  return readOfCase(session, input, listExportRecords);
}

/**
 * Checks a file someone holds, on four separate pieces of evidence: (a) is it, byte for byte, one of this
 * case's exports in the register; (b) which state of the log does the file itself state (its XMP and Info
 * metadata, or its JSON entries); (c) does the log as it is now still hold that state, recomputed link by
 * link; (d) for JSON, do the file's own entries chain. The register is evidence, not the source of truth: a
 * key holder can rewrite the log and the register together, but not the copies that left the vault.
 */
export function verifyExport(session: Session, input: unknown): ExportVerification {
  const { caseId, data } = parseInput(verifyExportInput, input);
  requireCase(session, caseId);
  const bytes = Buffer.from(data, 'base64');
  const sha256 = sha256Hex(bytes);
  const match = findExportByHash(session.db, caseId, sha256) ?? null;
  const file = readFileStatement(bytes);
  const stated = file.fingerprint;
  const chainHoldsFingerprint = stated ? chainHeadAt(session.db.sqlite, caseId, stated.entries) === stated.headHash : null;
  const registerAgrees = match && stated ? match.fingerprint === formatFingerprint(stated) : null;
  const holds =
    match !== null &&
    chainHoldsFingerprint === true &&
    registerAgrees === true &&
    !file.conflicting &&
    file.entries?.consistent !== false &&
    (file.caseId === null || file.caseId === caseId);
  audit(session, 'export.verify', `case:${caseId}`, 'ok');
  return { sha256, match, chainHoldsFingerprint, file, registerAgrees, holds };
}
