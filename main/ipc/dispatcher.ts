import { mapDatabaseError } from '../../db/open';
import { z } from 'zod';
import { contract, isChannel, isWriteChannel, requestIdSchema, type Channel } from '../../shared/contract';
import { OrdelogError } from '../../shared/errors';
import { failure, success, type Result } from '../../shared/result';
import type { AppController } from '../app/controller';
import { invalidInput } from '../services/input';
import type { PdfPrinter } from '../services/pdf/printer';
import type { WriteRequest } from '../services/session';
import type { DiagnosticsLog } from '../diagnostics';
import { createHandlers, type Handler, type Handlers } from './handlers';

/** Who sent a request: Electron's `event.senderFrame`, or the browser host's Origin header. */
export interface Sender {
  origin: string;
  isMainFrame: boolean;
}

/** What the dispatcher logs about an unexpected error: never its message, which may hold case data. */
export interface DispatchLogEntry {
  channel: Channel;
  errorClass: string;
  code: string | undefined;
}

export interface DispatcherOptions {
  /** Our own origins, e.g. `app://ordelog` for the app, `http://127.0.0.1:<port>` for the browser host. */
  trustedOrigins: readonly string[];
  log?: (entry: DispatchLogEntry) => void;
  handlers?: Handlers;
  /** Passed to the handlers; without one, exports answer PRINTER_UNAVAILABLE. */
  printer?: PdfPrinter;
  /** Gets every call's channel, time and outcome (it keeps the slow and the failed), and unexpected errors. */
  diagnostics?: DiagnosticsLog;
}

/** A write's input with its request id; the rest is the channel's own input, parsed after the id is taken off. */
const writeEnvelope = z.looseObject({ requestId: requestIdSchema });

export type Dispatch = (channel: string, rawInput: unknown, sender: Sender) => Promise<Result<unknown>>;

const logToStderr = (entry: DispatchLogEntry): void => {
  console.error(`ordelog: unexpected error on ${entry.channel}: ${entry.errorClass}${entry.code ? ` (${entry.code})` : ''}`);
};

/**
 * Wraps every handler once: sender check, input parsing, typed errors, output check. Never throws and never
 * passes an unexpected error's message on: the renderer gets INTERNAL, the log gets the error's class and code.
 */
export function createDispatcher(controller: AppController, options: DispatcherOptions): Dispatch {
  const handlers = options.handlers ?? createHandlers(controller, { printer: options.printer });
  const log = options.log ?? logToStderr;

  function isTrusted(sender: unknown): boolean {
    if (typeof sender !== 'object' || sender === null) return false;
    const { origin, isMainFrame } = sender as Partial<Sender>;
    return isMainFrame === true && typeof origin === 'string' && options.trustedOrigins.includes(origin);
  }

  // Writes still running, by request id: a repeat that arrives meanwhile waits for the same answer. Writes that
  // finished are answered from the vault (`mutate`), where the id was committed with the write.
  const writesInFlight = new Map<string, { channel: Channel; answer: Promise<Result<unknown>> }>();

  /** INVALID_INPUT naming each bad field and its rule in Dutch and English; `input` gives the length of a text. */
  function invalid(error: z.ZodError, input: unknown): Result<never> {
    const refused = invalidInput(error, input);
    return failure('INVALID_INPUT', { message: refused.message, fields: refused.fields });
  }

  async function run(channel: Channel, rawInput: unknown): Promise<Result<unknown>> {
    if (!isWriteChannel(channel)) return carryOut(channel, rawInput, undefined);
    const envelope = writeEnvelope.safeParse(rawInput);
    if (!envelope.success) return invalid(envelope.error, rawInput);
    const { requestId, ...input } = envelope.data;
    const running = writesInFlight.get(requestId);
    if (running) return running.channel === channel ? running.answer : failure('CONFLICT');
    const answer = carryOut(channel, input, { id: requestId, channel });
    writesInFlight.set(requestId, { channel, answer });
    try {
      return await answer;
    } finally {
      writesInFlight.delete(requestId);
    }
  }

  async function carryOut(channel: Channel, rawInput: unknown, request: WriteRequest | undefined): Promise<Result<unknown>> {
    const { input: inputSchema, output: outputSchema } = contract[channel];
    const parsed = inputSchema.safeParse(rawInput);
    if (!parsed.success) return invalid(parsed.error, rawInput);
    const handler = handlers[channel] as Handler<Channel>;
    const value: unknown = await handler(parsed.data as never, request);
    const checked = outputSchema.safeParse(value);
    if (!checked.success) {
      log({ channel, errorClass: 'OutputMismatch', code: undefined });
      return failure('INTERNAL');
    }
    return success(checked.data);
  }

  return async function dispatch(channel, rawInput, sender) {
    try {
      if (!isTrusted(sender)) return failure('UNTRUSTED_SENDER');
      if (!isChannel(channel)) return failure('UNKNOWN_CHANNEL');
    } catch {
      // A hostile sender object (a throwing getter): never trusted, never an unhandled rejection.
      return failure('UNTRUSTED_SENDER');
    }
    const started = performance.now();
    let result: Result<unknown>;
    try {
      result = await run(channel, rawInput);
    } catch (thrown) {
      result = toFailure(thrown, channel);
    }
    options.diagnostics?.call(channel, performance.now() - started, result.ok ? 'ok' : result.error.code);
    return result;
  };

  function toFailure(thrown: unknown, channel: Channel): Result<never> {
    try {
      const error = mapDatabaseError(thrown);
      if (error instanceof OrdelogError) {
        return failure(error.code, { message: error.message, retryAfterMs: error.retryAfterMs, fields: error.fields });
      }
      const entry = { channel, errorClass: className(error), code: errorCode(error) };
      log(entry);
      options.diagnostics?.error(entry.channel, entry.errorClass, entry.code);
    } catch {
      // A thrown null, a hostile getter or a failing logger: the answer stays INTERNAL.
    }
    return failure('INTERNAL');
  }
}

function className(error: unknown): string {
  if (typeof error !== 'object' || error === null) return typeof error;
  const name = (error as { constructor?: { name?: unknown } }).constructor?.name;
  return typeof name === 'string' ? name : 'Object';
}

function errorCode(error: unknown): string | undefined {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : undefined;
}
