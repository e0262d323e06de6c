import { readFileSync, writeFileSync } from 'node:fs';
import { briefingAudiences, documentLocales, formatFingerprint, parseFingerprint, type ExportedFile } from '../../shared/briefing';
import { OrdelogError } from '../../shared/errors';
import { exportBriefing, exportLog } from '../services/briefings';
import { verifyExport } from '../services/export-register';
import { chromiumPrinter } from '../services/pdf/chromium-printer';
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
  io.out(`Vingerafdruk logboek ${record.fingerprint} (regels:kophash)`);
  io.out('Vastgelegd in het exportregister en in het logboek van de zaak.');
}

/** Runs an export with a local Chromium, closed again whatever happens. */
async function withPrinter<T>(args: ParsedArgs, work: (printer: ReturnType<typeof chromiumPrinter>) => Promise<T>): Promise<T> {
  const browser = optionalOption(args, 'browser');
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
  return withVault(args, ({ session }) =>
    withPrinter(args, async (printer) => {
      writeExport(out, await exportLog(session, input, printer), io);
      return exitCodes.ok;
    }),
  );
};

/** Exit 0 when the file is an export of the case and the log still holds its state; 3 otherwise. */
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
    io.out(`SHA-256 ${result.sha256}`);
    if (!result.match) {
      io.out('Dit bestand komt niet overeen met een export van deze zaak (gewijzigd of onbekend).');
      return exitCodes.damaged;
    }
    const { match } = result;
    const fingerprint = parseFingerprint(match.fingerprint);
    io.out(`Komt overeen met ${match.kind} ${match.number}, geëxporteerd op ${match.at} door ${printable(match.byName)}.`);
    io.out(`Vingerafdruk logboek ${fingerprint ? formatFingerprint(fingerprint) : match.fingerprint}.`);
    if (!result.chainHoldsFingerprint) {
      io.out('LET OP: het logboek bevat de vastgelegde staat niet meer ongewijzigd. Controleer de kluis met `ordelog-admin verify`.');
      return exitCodes.damaged;
    }
    io.out('Het logboek bevat deze staat nog ongewijzigd.');
    return exitCodes.ok;
  });
};
