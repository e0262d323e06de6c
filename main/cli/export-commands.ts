import { readFileSync, writeFileSync } from 'node:fs';
import { briefingAudiences, documentLocales, formatFingerprint, type ExportedFile, type ExportVerification } from '../../shared/briefing';
import { OrdelogError } from '../../shared/errors';
import { exportBriefing, exportLog } from '../services/briefings';
import { verifyExport } from '../services/export-register';
import type { PdfPrinter } from '../services/pdf/printer';
import { optionalOption, requireOption, UsageError, type ParsedArgs } from './args';
import type { Command, Output } from './commands';
import { exitCodes } from './exit-codes';
import { printable } from './printable';
import { withVault } from './vault-session';

/** `ordelog-admin briefing`, `log-export` and `verify-export`: the briefing PDF and log exports without the app. */

function oneOf<T extends string>(args: ParsedArgs, name: string, allowed: readonly T[], fallback: T): T {
  const value = optionalOption(args, name) ?? fallback;
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`Onbekende waarde voor --${name}: kies ${allowed.join(', ')}.`);
  return value as T;
}

function textFile(args: ParsedArgs, name: string): string {
  const file = optionalOption(args, name);
  if (file === undefined) return '';
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new OrdelogError('INVALID_INPUT', { detail: `(${file} is niet te lezen)`, cause: error });
  }
}

function writeExport(file: string, exported: ExportedFile, io: Output): void {
  writeFileSync(file, Buffer.from(exported.data, 'base64'), { mode: 0o600 });
  const { record } = exported;
  io.out(`${file} geschreven (${record.pageCount > 0 ? `${record.pageCount} pagina's, ` : ''}${record.size ?? 0} bytes). Let op: dit bestand is NIET versleuteld.`);
  io.out(`SHA-256 ${record.sha256 ?? ''}`);
  io.out(`Vingerafdruk van het logboek ${record.fingerprint} (aantal regels:hash van de laatste regel)`);
  io.out('Vastgelegd in het exportregister en in het logboek van het dossier.');
}

/**
 * Runs an export with a local Chromium, closed again whatever happens. The printer (and playwright-core with it)
 * is loaded only here: every other command starts without it.
 */
async function withPrinter<T>(args: ParsedArgs, work: (printer: PdfPrinter) => Promise<T>): Promise<T> {
  const browser = optionalOption(args, 'browser');
  const { chromiumPrinter } = await import('../services/pdf/chromium-printer').catch((error: unknown) => {
    throw new OrdelogError('PRINTER_UNAVAILABLE', { detail: '(playwright-core is niet geïnstalleerd)', cause: error });
  });
  const printer = chromiumPrinter(browser === undefined ? {} : { executablePath: browser });
  try {
    return await work(printer);
  } finally {
    await printer.close();
  }
}

export const briefingCommand: Command = (args, io) => {
  const caseId = requireOption(args, 'case');
  const out = requireOption(args, 'out');
  const input = {
    caseId,
    audience: oneOf(args, 'audience', briefingAudiences, 'burgemeester'),
    from: optionalOption(args, 'from'),
    to: optionalOption(args, 'to'),
    summary: textFile(args, 'summary-file'),
    risks: textFile(args, 'risks-file'),
    requestedDecisions: textFile(args, 'requested-file'),
    redacted: args.options.has('redacted'),
    locale: oneOf(args, 'lang', documentLocales, 'nl'),
  };
  return withVault(args, ({ session }) =>
    withPrinter(args, async (printer) => {
      const exported = await exportBriefing(session, input, printer);
      writeExport(out, exported, io);
      return exitCodes.ok;
    }),
  );
};

export const logExportCommand: Command = (args, io) => {
  const caseId = requireOption(args, 'case');
  const out = requireOption(args, 'out');
  const format = oneOf(args, 'format', ['pdf', 'json'] as const, out.toLowerCase().endsWith('.json') ? 'json' : 'pdf');
  const input = { caseId, format, redacted: args.options.has('redacted'), locale: oneOf(args, 'lang', documentLocales, 'nl') };
  // PDFKit writes the log's PDF: no browser, and no playwright-core, is needed here.
  return withVault(args, async ({ session }) => {
    writeExport(out, await exportLog(session, input), io);
    return exitCodes.ok;
  });
};

/** Each piece of evidence on its own line, then the outcome; case data stays out (ids and hashes only). */
function reportVerification(result: ExportVerification, caseId: string, io: Output): void {
  const { match, file } = result;
  io.out(`SHA-256 ${result.sha256}`);
  io.out(
    match
      ? `Exportregister: dit bestand is ${match.kind} ${match.number}, geëxporteerd op ${match.at} door ${printable(match.byName)}.`
      : 'Exportregister: dit bestand komt niet overeen met een export van dit dossier (gewijzigd of onbekend).',
  );
  io.out(
    file.fingerprint
      ? `Vingerafdruk volgens het bestand zelf: ${formatFingerprint(file.fingerprint)} (aantal regels:hash van de laatste regel).`
      : 'Vingerafdruk volgens het bestand zelf: geen leesbare vingerafdruk gevonden.',
  );
  if (result.chainHoldsFingerprint === true) io.out('Het logboek bevat deze staat nog ongewijzigd.');
  if (result.chainHoldsFingerprint === false) {
    io.out(
      `LET OP: het logboek bevat de staat die het bestand noemt niet meer ongewijzigd (regel ${file.fingerprint?.entries ?? '?'} heeft nu een andere hash, of ontbreekt). ` +
        (match
          ? 'Dit bestand is echt geëxporteerd, dus het logboek is daarna gewijzigd, ook als `ordelog-admin verify` niets vindt: wie de sleutel heeft, kan het consistent herschrijven. Bewaar dit bestand als bewijs van de eerdere staat.'
          : 'Het bestand of het logboek is gewijzigd; controleer de kluis met `ordelog-admin verify`.'),
    );
  }
  if (file.entries) {
    const { consistent, brokenAtSeq, notRecomputed } = file.entries;
    io.out(
      consistent
        ? `De hashketen in het bestand klopt${notRecomputed > 0 ? ` (${notRecomputed} gelakte regels alleen op hun schakel gecontroleerd)` : ''}.`
        : `LET OP: de hashketen in het bestand klopt niet vanaf regel ${brokenAtSeq ?? '?'}: het bestand is na de export gewijzigd.`,
    );
  }
  if (file.conflicting) io.out('LET OP: het bestand noemt op verschillende plaatsen een andere vingerafdruk of een ander dossier: er is in het bestand geknoeid.');
  if (file.caseId !== null && file.caseId !== caseId) io.out(`LET OP: het bestand hoort bij een ander dossier (${file.caseId}).`);
  if (match && result.registerAgrees === false) {
    io.out(
      `LET OP: het exportregister noemt voor dit bestand vingerafdruk ${match.fingerprint}, het bestand zelf iets anders. Het register is na de export gewijzigd.`,
    );
  }
  io.out(result.holds ? 'Uitkomst: in orde.' : 'Uitkomst: NIET in orde.');
}

/** Exit 0 only when the file is an export of the case and the log still holds its state; 3 otherwise. */
export const verifyExportCommand: Command = (args, io) => {
  const caseId = requireOption(args, 'case');
  const file = requireOption(args, 'file');
  let data: string;
  try {
    data = readFileSync(file).toString('base64');
  } catch (error) {
    throw new OrdelogError('NOT_FOUND', { detail: `(${file})`, cause: error });
  }
  return withVault(args, ({ session }) => {
    const result = verifyExport(session, { caseId, data });
    reportVerification(result, caseId, io);
    return result.holds ? exitCodes.ok : exitCodes.damaged;
  });
};
