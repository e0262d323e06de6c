import {
  composeBriefingInput,
  exportLogInput,
  formatFingerprint,
  type BriefingPreview,
  type ComposeBriefingInput,
  type ExportDocument,
  type ExportedFile,
  type ExportLogInput,
} from '../../shared/briefing';
import { printJob, printMargins } from '../../shared/briefing-html/print';
import { OrdelogError } from '../../shared/errors';
import { renderDocumentBody } from '../../shared/briefing-html/render';
import { exportCase } from './case-export';
import { caseFileName } from './export-files';
import { composeBriefingDocument, composeLogDocument } from './export-documents';
import { sha256Hex } from './attachments';
import { recordExport } from './export-register';
import { parseInput } from './input';
import { earlierAnswer, requireWriter } from './mutate';
import { pdfPageCount, toPdfA2b } from './pdf/pdfa';
import type { PdfPrinter } from './pdf/printer';
import { redactCaseFile } from './redaction';
import type { Session } from './session';
import { checkpoint, throwIfCancelled, unwatchedJob, type JobContext } from './jobs';

/**
 * Briefings and log exports, from composing to the file: the document is built from the vault, rendered to
 * HTML by `shared/briefing-html` (the same markup the preview shows), printed by Chromium, completed towards
 * PDF/A-2b, hashed, and recorded in the register with a system entry in the log. Nothing is recorded when
 * printing fails, and nothing is written to disk here: the caller decides where the bytes go.
 */

export function previewBriefing(session: Session, input: ComposeBriefingInput): BriefingPreview {
  const document = composeBriefingDocument(session, parseInput(composeBriefingInput, input));
  return { document, html: renderDocumentBody(document) };
}

/** The PDF of a document, with page count. */
export async function printDocumentPdf(document: ExportDocument, printer: PdfPrinter): Promise<{ pdf: Uint8Array; pageCount: number }> {
  const job = printJob(document);
  const printed = await printer.print({ ...job, margins: printMargins });
  const pdf = toPdfA2b(printed, {
    title: job.title,
    author: document.generatedByName,
    subject: `${document.case.reference} · ${document.case.classification}${document.redacted ? ' · gelakt' : ''}`,
    keywords: `Ordelog; ${document.kind}; ${document.case.reference}; vingerafdruk ${formatFingerprint(document.fingerprint)}`,
    createdAt: new Date(document.generatedAt),
    ordelog: { fingerprint: formatFingerprint(document.fingerprint), caseId: document.case.id },
  });
  return { pdf, pageCount: pdfPageCount(pdf) };
}

const base64 = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');

// One export at a time per vault: the briefing number and the fingerprint are read before printing and
// recorded after it, so two exports interleaving would both claim the same number.
const queues = new WeakMap<object, Promise<unknown>>();
function oneAtATime<T>(session: Session, work: () => Promise<T>): Promise<T> {
  const key = session.db;
  const run = (queues.get(key) ?? Promise.resolve()).then(work, work);
  queues.set(key, run.catch(() => undefined));
  return run;
}

/**
 * A repeated export request finds its first answer recorded, but the file itself was never kept in the vault:
 * say so instead of printing and registering a second copy the user did not ask for.
 */
function refuseRepeatedExport(session: Session): void {
  const earlier = earlierAnswer(session);
  if (!earlier) return;
  const number = (earlier.value as { number?: unknown } | null)?.number;
  throw new OrdelogError('CONFLICT', {
    detail: `Deze export is al gemaakt${typeof number === 'number' ? ` (nummer ${number})` : ''} en staat in het exportregister.`,
  });
}

export async function exportBriefing(
  session: Session,
  input: ComposeBriefingInput,
  printer: PdfPrinter,
  job: JobContext = unwatchedJob,
): Promise<ExportedFile> {
  const args = parseInput(composeBriefingInput, input);
  // A reader may preview, but an export is recorded in the log: refuse before spending a print on it.
  requireWriter(session, 'export.record', `case:${args.caseId}`);
  return oneAtATime(session, async () => {
    refuseRepeatedExport(session);
    await checkpoint(job, 'reading', 0, 3);
    const document = composeBriefingDocument(session, args);
    await checkpoint(job, 'printing', 1, 3);
    const { pdf, pageCount } = await printDocumentPdf(document, printer);
    await checkpoint(job, 'recording', 2, 3);
    const record = recordExport(session, {
      caseId: args.caseId,
      kind: 'briefing',
      audience: document.audience,
      periodFrom: document.period.from,
      periodTo: document.period.to,
      fingerprint: document.fingerprint,
      classification: document.case.classification,
      redacted: document.redacted,
      pageCount,
      sha256: sha256Hex(pdf),
      size: pdf.byteLength,
    });
    const name = caseFileName(document.case.reference, `briefing-${record.number}`, document.redacted, 'pdf');
    return { record, fileName: name, mediaType: 'application/pdf', data: base64(pdf) };
  });
}

export async function exportLog(
  session: Session,
  input: ExportLogInput,
  printer: PdfPrinter,
  job: JobContext = unwatchedJob,
): Promise<ExportedFile> {
  const args = parseInput(exportLogInput, input);
  requireWriter(session, 'export.record', `case:${args.caseId}`);
  return oneAtATime(session, async () => {
    throwIfCancelled(job);
    refuseRepeatedExport(session);
    const document = composeLogDocument(session, args.caseId, { redacted: args.redacted, locale: args.locale });
    const common = {
      caseId: args.caseId,
      fingerprint: document.fingerprint,
      classification: document.case.classification,
      redacted: args.redacted,
    };
    if (args.format === 'json') {
      const file = exportCase(session, { caseId: args.caseId });
      const bytes = Buffer.from(`${JSON.stringify(args.redacted ? redactCaseFile(file) : file, null, 2)}\n`, 'utf8');
      const record = recordExport(session, { ...common, kind: 'logboek-json', pageCount: 0, sha256: sha256Hex(bytes), size: bytes.byteLength });
      const name = caseFileName(document.case.reference, 'logboek', args.redacted, 'json');
      return { record, fileName: name, mediaType: 'application/json', data: bytes.toString('base64') };
    }
    const { pdf, pageCount } = await printDocumentPdf(document, printer);
    throwIfCancelled(job);
    const record = recordExport(session, { ...common, kind: 'logboek-pdf', pageCount, sha256: sha256Hex(pdf), size: pdf.byteLength });
    const name = caseFileName(document.case.reference, `logboek-${record.number}`, args.redacted, 'pdf');
    return { record, fileName: name, mediaType: 'application/pdf', data: base64(pdf) };
  });
}
