import {
  composeBriefingInput,
  composeHandoverInput,
  type BriefingDocument,
  type ComposeHandoverInput,
  type HandoverDocument,
  type HandoverPreview,
  type RecordExportInput,
  exportLogInput,
  formatFingerprint,
  type BriefingPreview,
  type ComposeBriefingInput,
  type ExportDocument,
  type ExportedFile,
  type ExportLogInput,
} from '../../shared/briefing';
import { labels } from '../../shared/briefing-html/labels';
import { printJob, printMargins } from '../../shared/briefing-html/print';
import { OrdelogError } from '../../shared/errors';
import { renderDocumentBody } from '../../shared/briefing-html/render';
import { caseFileJson } from './case-export';
import { caseFileName } from './export-files';
import { composeBriefingDocument, composeHandoverDocument, openLogExport, type LogExport } from './export-documents';
import { sha256Hex } from './attachments';
import { recordExport } from './export-register';
import { parseInput } from './input';
import { earlierAnswer, requireWriter } from './mutate';
import { printFontsBase64 } from './pdf/fonts';
import { writeLogPdf } from './pdf/log-pdf';
import { pdfPageCount, toPdfA2b, type PdfMetadata } from './pdf/pdfa';
import type { PdfPrinter } from './pdf/printer';
import type { Session } from './session';
import { checkpoint, unwatchedJob, type JobContext } from './jobs';

/**
 * Briefings and log exports, from composing to the file. A briefing is built from the vault, rendered to HTML
 * by `shared/briefing-html` (the same markup the preview shows), printed by Chromium and completed towards
 * PDF/A-2b. The full log, which runs to 100,000 entries, is streamed: read in batches and written by PDFKit
 * (pdf/log-pdf.ts) or as JSON slice by slice. Either is hashed and recorded in the register with a system entry
 * in the log. Nothing is recorded when printing fails or the export is cancelled, and nothing is written to disk
 * here: the caller decides where the bytes go.
 */

export function previewBriefing(session: Session, input: ComposeBriefingInput): BriefingPreview {
  const document = composeBriefingDocument(session, parseInput(composeBriefingInput, input));
  return { document, html: renderDocumentBody(document) };
}

/** The PDF of a document, with page count. */
export async function printDocumentPdf(document: ExportDocument, printer: PdfPrinter): Promise<{ pdf: Uint8Array; pageCount: number }> {
  // The document's own text decides which pieces of the emoji face the page carries.
  const job = printJob(document, printFontsBase64(JSON.stringify(document)));
  const printed = await printer.print({ ...job, margins: printMargins });
  const pdf = toPdfA2b(printed, documentMetadata(document, job.title));
  return { pdf, pageCount: pdfPageCount(pdf) };
}

/** The PDF metadata of an export, the same for the printed briefing and the written log. */
function documentMetadata(document: Omit<ExportDocument, 'entries'> & Pick<ExportDocument, 'kind'>, title: string): PdfMetadata {
  return {
    title,
    author: document.generatedByName,
    subject: `${document.case.reference} · ${document.case.classification}${document.redacted ? ' · gelakt' : ''}`,
    keywords: `Ordelog; ${document.kind}; ${document.case.reference}; vingerafdruk ${formatFingerprint(document.fingerprint)}`,
    createdAt: new Date(document.generatedAt),
    ordelog: { fingerprint: formatFingerprint(document.fingerprint), caseId: document.case.id },
  };
}

/** The full log as a PDF, streamed from the vault by PDFKit. */
export function writeLogExportPdf(log: LogExport, job: JobContext = unwatchedJob) {
  const title = `${labels[log.head.locale].documentTitle.logboek} — ${log.head.case.reference}`;
  return writeLogPdf({ head: log.head, batches: log.batches, metadata: documentMetadata(log.head, title) }, job);
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

/**
 * A printed export from its composer to the file: one at a time per session, refused when the request was
 * answered before, composed, printed by Chromium, recorded in the register with its log line. `describe` says
 * what the register row holds beside what every printed document has, `stem` the file's name.
 */
async function exportPrinted<D extends BriefingDocument | HandoverDocument>(
  session: Session,
  printer: PdfPrinter,
  job: JobContext,
  compose: () => D,
  describe: (document: D) => Pick<RecordExportInput, 'kind' | 'audience' | 'recipient'>,
  stem: (document: D, number: number) => string,
): Promise<ExportedFile> {
  return oneAtATime(session, async () => {
    refuseRepeatedExport(session);
    await checkpoint(job, 'reading', 0, 3);
    const document = compose();
    await checkpoint(job, 'printing', 1, 3);
    const { pdf, pageCount } = await printDocumentPdf(document, printer);
    await checkpoint(job, 'recording', 2, 3);
    const record = recordExport(session, {
      ...describe(document),
      caseId: document.case.id,
      periodFrom: document.period.from,
      periodTo: document.period.to,
      fingerprint: document.fingerprint,
      classification: document.case.classification,
      redacted: document.redacted,
      pageCount,
      sha256: sha256Hex(pdf),
      size: pdf.byteLength,
    });
    const name = caseFileName(document.case.reference, stem(document, record.number), document.redacted, 'pdf');
    return { record, fileName: name, mediaType: 'application/pdf', data: base64(pdf) };
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
  return exportPrinted(
    session,
    printer,
    job,
    () => composeBriefingDocument(session, args),
    (document) => ({ kind: 'briefing', audience: document.audience, recipient: document.partner }),
    (document, number) => `briefing-${number}${document.partner === null ? '' : '-partner'}`,
  );
}

export function previewHandover(session: Session, input: ComposeHandoverInput): HandoverPreview {
  const document = composeHandoverDocument(session, parseInput(composeHandoverInput, input));
  return { document, html: renderDocumentBody(document) };
}

/**
 * The shift-handover report as a PDF: printed like a briefing, recorded in the register (kind `overdracht`, its
 * shift as the period) with a system entry in the log that says it was made and by whom.
 */
export async function exportHandover(
  session: Session,
  input: ComposeHandoverInput,
  printer: PdfPrinter,
  job: JobContext = unwatchedJob,
): Promise<ExportedFile> {
  const args = parseInput(composeHandoverInput, input);
  requireWriter(session, 'export.record', `case:${args.caseId}`);
  return exportPrinted(
    session,
    printer,
    job,
    () => composeHandoverDocument(session, args),
    () => ({ kind: 'overdracht', audience: null, recipient: null }),
    (_document, number) => `overdracht-${number}`,
  );
}

/**
 * The whole log as PDF or JSON. The head of the log is read first, and the file lists the entries up to it and
 * prints it as the fingerprint. Progress is reported per batch (reading, writing, recording); a cancelled export
 * stops at the next batch and records nothing. PDFKit writes the log: no browser is needed.
 */
export async function exportLog(
  session: Session,
  input: ExportLogInput,
  job: JobContext = unwatchedJob,
): Promise<ExportedFile> {
  const args = parseInput(exportLogInput, input);
  requireWriter(session, 'export.record', `case:${args.caseId}`);
  return oneAtATime(session, async () => {
    await checkpoint(job, 'reading', 0, 1);
    refuseRepeatedExport(session);
    const log = openLogExport(session, args.caseId, { redacted: args.redacted, locale: args.locale });
    const { head } = log;
    const common = {
      caseId: args.caseId,
      fingerprint: head.fingerprint,
      classification: head.case.classification,
      redacted: args.redacted,
    };
    if (args.format === 'json') {
      const { bytes, sha256 } = await caseFileJson(session, args.caseId, { redacted: args.redacted, headSeq: head.fingerprint.entries }, job);
      await checkpoint(job, 'recording', 1, 1);
      const record = recordExport(session, { ...common, kind: 'logboek-json', pageCount: 0, sha256, size: bytes.byteLength });
      const name = caseFileName(head.case.reference, 'logboek', args.redacted, 'json');
      return { record, fileName: name, mediaType: 'application/json', data: bytes.toString('base64') };
    }
    const { pdf, pageCount, sha256 } = await writeLogExportPdf(log, job);
    await checkpoint(job, 'recording', 1, 1);
    const record = recordExport(session, { ...common, kind: 'logboek-pdf', pageCount, sha256, size: pdf.byteLength });
    const name = caseFileName(head.case.reference, `logboek-${record.number}`, args.redacted, 'pdf');
    return { record, fileName: name, mediaType: 'application/pdf', data: pdf.toString('base64') };
  });
}
