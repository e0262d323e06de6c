import type { ErrorCode } from '../../shared/errors';

/** Exit codes of `ordelog-admin`, documented in README.md. Scripts rely on them: never renumber. */
export const exitCodes = {
  ok: 0,
  unexpected: 1,
  usage: 2,
  damaged: 3,
  wrongPassphrase: 4,
  notFound: 5,
  forbidden: 6,
  invalidInput: 7,
  newerVersion: 8,
  busyOrExists: 9,
  noPdf: 10,
  notConfirmed: 11,
  rolledBack: 12,
  /** A bundle or invitation file that is not one, or was changed on the way. */
  fileRefused: 13,
  /** A bundle from a sender nobody here accepted yet (`peers accept CODE`). */
  unknownSender: 14,
  /** A bundle this user cannot open: sealed for someone else, or its one-time passphrase missing or wrong. */
  bundleLocked: 15,
  /** A partner no bundle can be sealed to yet: their invitation was not added. */
  peerNotReady: 16,
  /** A bundle of a case that exists here unshared, or as another shared log. */
  sharedLogConflict: 17,
  /** Stopped with Ctrl-C, as a shell reports a process ended by SIGINT. */
  cancelled: 130,
} as const;

export function exitCodeFor(code: ErrorCode): number {
  switch (code) {
    case 'VAULT_DAMAGED':
    case 'SIGNING_KEY_REPLACED':
    case 'LOG_TAMPERED':
    case 'BACKUP_INVALID':
      return exitCodes.damaged;
    case 'WRONG_PASSPHRASE':
    case 'TOO_MANY_ATTEMPTS':
      return exitCodes.wrongPassphrase;
    case 'VAULT_NOT_FOUND':
    case 'NOT_FOUND':
      return exitCodes.notFound;
    case 'FORBIDDEN':
    case 'SIGNING_KEY_MISSING':
    case 'PARTNER_CASE':
    case 'LAST_ADMIN':
    case 'OWN_ACCOUNT':
    case 'APPEND_ONLY':
      return exitCodes.forbidden;
    case 'INVALID_INPUT':
    case 'BEFORE_ROLE_START':
    case 'TIME_IN_FUTURE':
      return exitCodes.invalidInput;
    case 'VAULT_NEWER_VERSION':
      return exitCodes.newerVersion;
    case 'VAULT_ROLLED_BACK':
      return exitCodes.rolledBack;
    case 'VAULT_EXISTS':
    case 'VAULT_BUSY':
    case 'UPLOAD_BUSY':
    case 'CONFLICT':
    case 'SECOND_HOLDER':
    case 'CASE_SYNCING':
    case 'BUNDLE_INCOMPLETE':
      return exitCodes.busyOrExists;
    case 'BUNDLE_NOT_A_BUNDLE':
    case 'BUNDLE_DAMAGED':
    case 'INVITATION_INVALID':
      return exitCodes.fileRefused;
    case 'BUNDLE_UNKNOWN_SENDER':
      return exitCodes.unknownSender;
    case 'BUNDLE_NOT_FOR_YOU':
    case 'BUNDLE_WRONG_PASSPHRASE':
    case 'BUNDLE_NEEDS_PASSPHRASE':
      return exitCodes.bundleLocked;
    case 'PEER_NOT_READY':
      return exitCodes.peerNotReady;
    case 'BUNDLE_CASE_CONFLICT':
    case 'REPLICA_DIVERGED':
      return exitCodes.sharedLogConflict;
    case 'CANCELLED':
      return exitCodes.cancelled;
    case 'PRINTER_UNAVAILABLE':
    case 'PRINT_FAILED':
      return exitCodes.noPdf;
    default:
      return exitCodes.unexpected;
  }
}
