import { withoutFullStop, type FieldIssue } from './validation-messages';

/**
 * The closed set of error codes a user can meet, each with a Dutch message (and an English one for the
 * English UI). Services throw `OrdelogError`; the IPC wrapper and the CLI turn it into a result or an exit code.
 * Messages never contain case data: they are shown, logged and printed.
 */
export const errorCodes = [
  'WRONG_PASSPHRASE',
  'VAULT_NOT_FOUND',
  'VAULT_EXISTS',
  'VAULT_DAMAGED',
  'VAULT_NEWER_VERSION',
  'VAULT_ROLLED_BACK',
  'VAULT_LOCKED',
  'VAULT_BUSY',
  'SIGNING_KEY_REPLACED',
  'LOG_TAMPERED',
  'BACKUP_INVALID',
  'FORBIDDEN',
  'INVALID_INPUT',
  'NOT_FOUND',
  'CONFLICT',
  'APPEND_ONLY',
  'BEFORE_ROLE_START',
  'TIME_IN_FUTURE',
  'SECOND_HOLDER',
  'LAST_ADMIN',
  'OWN_ACCOUNT',
  'TOO_MANY_ATTEMPTS',
  'FILE_TOO_LARGE',
  'UPLOAD_BUSY',
  'FILE_TYPE_REFUSED',
  'PRINTER_UNAVAILABLE',
  'PRINT_FAILED',
  'CANCELLED',
  'UNKNOWN_CHANNEL',
  'UNTRUSTED_SENDER',
  'SIGNING_KEY_MISSING',
  'INVITATION_INVALID',
  'PEER_NOT_READY',
  'BUNDLE_NOT_A_BUNDLE',
  'BUNDLE_DAMAGED',
  'BUNDLE_NOT_FOR_YOU',
  'BUNDLE_WRONG_PASSPHRASE',
  'BUNDLE_NEEDS_PASSPHRASE',
  'BUNDLE_UNKNOWN_SENDER',
  'BUNDLE_CASE_CONFLICT',
  'BUNDLE_INCOMPLETE',
  'REPLICA_DIVERGED',
  'CASE_SYNCING',
  'PARTNER_CASE',
  'SIGNALS_ONLY_CASE',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

export const errorMessages: Record<ErrorCode, { nl: string; en: string }> = {
  WRONG_PASSPHRASE: {
    nl: 'Gebruikersnaam of wachtwoordzin klopt niet.',
    en: 'User name or passphrase is incorrect.',
  },
  VAULT_NOT_FOUND: {
    nl: 'Er is op deze plek geen Ordelog-kluis gevonden.',
    en: 'No Ordelog vault was found at this location.',
  },
  VAULT_EXISTS: {
    nl: 'Op deze plek staat al een Ordelog-kluis; er is niets overschreven.',
    en: 'An Ordelog vault already exists at this location; nothing was overwritten.',
  },
  VAULT_DAMAGED: {
    nl: 'Het kluisbestand is beschadigd of geen Ordelog-kluis. Er is niets gewijzigd; zet een back-up terug.',
    en: 'The vault file is damaged or not an Ordelog vault. Nothing was changed; restore a backup.',
  },
  VAULT_NEWER_VERSION: {
    nl: 'Deze kluis is gemaakt met een nieuwere versie van Ordelog. Werk Ordelog bij om haar te openen.',
    en: 'This vault was made by a newer version of Ordelog. Update Ordelog to open it.',
  },
  VAULT_ROLLED_BACK: {
    nl: 'De database van deze kluis is ouder dan wat deze kluis er het laatst van zag: er is een oudere kopie voor in de plaats gezet. Er is niets gewijzigd; neem contact op met de beheerder.',
    en: 'The database of this vault is older than what this vault last saw of it: an older copy was put in its place. Nothing was changed; contact your administrator.',
  },
  VAULT_LOCKED: {
    nl: 'De kluis is vergrendeld. Ontgrendel haar opnieuw.',
    en: 'The vault is locked. Unlock it again.',
  },
  VAULT_BUSY: {
    nl: 'De kluis is in gebruik door een ander Ordelog-proces.',
    en: 'The vault is in use by another Ordelog process.',
  },
  SIGNING_KEY_REPLACED: {
    nl: 'Uw ondertekeningssleutel in het sleutelbestand is vervangen of beschadigd. Ontgrendelen is geweigerd, zodat niemand logregels onder uw naam kan ondertekenen. Er is niets gewijzigd; waarschuw de beheerder.',
    en: 'Your signing key in the key file was replaced or damaged. Unlocking was refused, so that no one can sign log entries in your name. Nothing was changed; alert the administrator.',
  },
  LOG_TAMPERED: {
    nl: 'Het logboek van dit dossier is buiten Ordelog om gewijzigd. Er is niets vastgelegd. Waarschuw de beheerder; die kan de kluis controleren met ordelog-admin verify.',
    en: 'The log of this case was changed outside Ordelog. Nothing was written. Alert the administrator, who can check the vault with ordelog-admin verify.',
  },
  BACKUP_INVALID: {
    nl: 'De back-up is beschadigd, onvolledig of past niet bij deze wachtwoordzin. De huidige kluis is niet aangeraakt.',
    en: 'The backup is damaged, incomplete or does not match this passphrase. The current vault was not touched.',
  },
  FORBIDDEN: {
    nl: 'Uw account heeft geen toestemming voor deze handeling.',
    en: 'Your account is not allowed to do this.',
  },
  INVALID_INPUT: {
    nl: 'De invoer is ongeldig.',
    en: 'The input is invalid.',
  },
  NOT_FOUND: {
    nl: 'Het gevraagde item bestaat niet (meer).',
    en: 'The requested item does not exist.',
  },
  CONFLICT: {
    nl: 'Dit item bestaat al of is intussen gewijzigd.',
    en: 'This item already exists or was changed in the meantime.',
  },
  APPEND_ONLY: {
    nl: 'Logregels worden nooit gewijzigd of verwijderd. Voeg een correctie toe.',
    en: 'Log entries are never changed or deleted. Add a correction instead.',
  },
  BEFORE_ROLE_START: {
    nl: 'De overdracht of beëindiging ligt vóór het begin van de huidige rolhouder. Kies een tijdstip op of na dat begin.',
    en: 'The handover or end lies before the current holder started. Choose a time at or after that start.',
  },
  TIME_IN_FUTURE: {
    nl: 'Een roltoewijzing, overdracht of beëindiging kan niet in de toekomst liggen. Leg haar vast zodra ze plaatsvindt.',
    en: 'A role assignment, handover or end cannot lie in the future. Record it when it takes place.',
  },
  SECOND_HOLDER: {
    nl: 'Deze rol heeft op dat moment al een houder. Bevestig dat u toch een tweede houder toewijst.',
    en: 'This role already has a holder at that time. Confirm that you are assigning a second holder.',
  },
  LAST_ADMIN: {
    nl: 'De laatste beheerder kan niet worden verwijderd of een andere rol krijgen: er moet altijd een beheerder zijn.',
    en: 'The last administrator cannot be removed or given another role: there must always be an administrator.',
  },
  OWN_ACCOUNT: {
    nl: 'U kunt het account waarmee u bent aangemeld niet verwijderen. Laat een andere beheerder dat doen.',
    en: 'You cannot remove the account you are signed in with. Ask another administrator to do it.',
  },
  TOO_MANY_ATTEMPTS: {
    nl: 'Te veel mislukte pogingen. Wacht even en probeer het opnieuw.',
    en: 'Too many failed attempts. Wait a moment and try again.',
  },
  FILE_TOO_LARGE: {
    nl: 'Het bestand is groter dan de grens van 50 MB per bijlage. Er is niets opgeslagen.',
    en: 'The file is larger than the limit of 50 MB per attachment. Nothing was stored.',
  },
  UPLOAD_BUSY: {
    nl: 'Er wordt al een bestand ontvangen. Wacht tot dat klaar is en probeer het dan opnieuw. Er is niets opgeslagen.',
    en: 'A file is already being received. Wait until it is done, then try again. Nothing was stored.',
  },
  FILE_TYPE_REFUSED: {
    nl: 'Dit bestand wordt niet bewaard: de inhoud is geen toegestaan type (afbeelding, PDF, video of platte tekst) of past niet bij de naam. Er is niets opgeslagen.',
    en: 'This file is not kept: its content is not an allowed type (image, PDF, video or plain text) or does not match its name. Nothing was stored.',
  },
  PRINTER_UNAVAILABLE: {
    nl: 'Er is geen browser gevonden om de PDF mee te maken. Geef het pad naar Chromium, Chrome of Edge op (--browser of ORDELOG_BROWSER). Er is niets geëxporteerd.',
    en: 'No browser was found to make the PDF with. Give the path to Chromium, Chrome or Edge (--browser or ORDELOG_BROWSER). Nothing was exported.',
  },
  PRINT_FAILED: {
    nl: 'De PDF kon niet worden gemaakt. Er is niets geëxporteerd en niets vastgelegd; probeer het opnieuw.',
    en: 'The PDF could not be made. Nothing was exported or recorded; please try again.',
  },
  CANCELLED: {
    nl: 'Geannuleerd. Er is niets geëxporteerd en niets vastgelegd.',
    en: 'Cancelled. Nothing was exported or recorded.',
  },
  UNKNOWN_CHANNEL: {
    nl: 'Onbekend verzoek.',
    en: 'Unknown request.',
  },
  UNTRUSTED_SENDER: {
    nl: 'Verzoek geweigerd: het komt niet van Ordelog zelf.',
    en: 'Request refused: it does not come from Ordelog itself.',
  },
  SIGNING_KEY_MISSING: {
    nl: 'Delen kan alleen een gebruiker die met een eigen wachtwoordzin is aangemeld (niet met de herstelsleutel). Er is niets gewijzigd.',
    en: 'Only a user signed in with their own passphrase can share (not with the recovery key). Nothing was changed.',
  },
  INVITATION_INVALID: {
    nl: 'Dit is geen geldige Ordelog-uitnodiging, of zij is onderweg veranderd. Vraag de partner om een nieuwe. Er is niets toegevoegd.',
    en: 'This is not a valid Ordelog invitation, or it changed on the way. Ask the partner for a new one. Nothing was added.',
  },
  PEER_NOT_READY: {
    nl: 'Aan deze partner kan nog geen pakket worden verzegeld: accepteer de partner eerst (na het controleren van de code) of voeg zijn of haar uitnodiging toe. Er is niets geëxporteerd.',
    en: 'No bundle can be sealed to this partner yet: accept them first (after checking the code) or add their invitation. Nothing was exported.',
  },
  BUNDLE_NOT_A_BUNDLE: {
    nl: 'Dit bestand is geen Ordelog-pakket. Er is niets ingelezen.',
    en: 'This file is not an Ordelog bundle. Nothing was imported.',
  },
  BUNDLE_DAMAGED: {
    nl: 'Het pakket is beschadigd of onderweg veranderd: het hele bestand is geweigerd en er is niets ingelezen. Vraag de afzender het opnieuw te sturen.',
    en: 'The bundle is damaged or changed on the way: the whole file was refused and nothing was imported. Ask the sender to send it again.',
  },
  BUNDLE_NOT_FOR_YOU: {
    nl: 'Dit pakket is voor iemand anders verzegeld en kan met uw sleutel niet worden geopend. Er is niets ingelezen.',
    en: 'This bundle was sealed for someone else and cannot be opened with your key. Nothing was imported.',
  },
  BUNDLE_WRONG_PASSPHRASE: {
    nl: 'Het eenmalige wachtwoord van dit pakket klopt niet. Er is niets ingelezen.',
    en: 'The one-time passphrase of this bundle is incorrect. Nothing was imported.',
  },
  BUNDLE_NEEDS_PASSPHRASE: {
    nl: 'Dit pakket is verzegeld met een eenmalig wachtwoord. Vul het wachtwoord in dat de afzender u heeft gegeven.',
    en: 'This bundle is sealed with a one-time passphrase. Enter the passphrase the sender gave you.',
  },
  BUNDLE_UNKNOWN_SENDER: {
    nl: 'Dit pakket komt van een afzender die hier nog niet is geaccepteerd. Controleer de code met de afzender (telefonisch) en accepteer hem of haar onder Partners; lees het pakket daarna opnieuw in. Er is niets ingelezen.',
    en: 'This bundle comes from a sender not yet accepted here. Check the code with the sender (by phone) and accept them under Partners; then import the bundle again. Nothing was imported.',
  },
  BUNDLE_CASE_CONFLICT: {
    nl: 'Dit pakket hoort bij een dossier dat hier al bestaat maar niet gedeeld is (of met een ander gedeeld logboek). Er is niets ingelezen.',
    en: 'This bundle belongs to a case that exists here but is not shared (or shared as another log). Nothing was imported.',
  },
  BUNDLE_INCOMPLETE: {
    nl: 'Het pakket is ontvangen maar kon niet volledig worden verwerkt. Er is niets ingelezen; lees het pakket opnieuw in.',
    en: 'The bundle arrived but could not be processed completely. Nothing was imported; import the bundle again.',
  },
  REPLICA_DIVERGED: {
    nl: 'Het gedeelde logboek en het logboek in deze kluis lopen uiteen. Er is niets ingelezen of gewijzigd; neem contact op met de beheerder.',
    en: 'The shared log and the log in this vault disagree. Nothing was imported or changed; contact the administrator.',
  },
  CASE_SYNCING: {
    nl: 'Dit dossier wordt op dit moment bijgewerkt met een gedeeld pakket. Probeer het over enkele seconden opnieuw; uw tekst blijft staan.',
    en: 'This case is being updated from a shared bundle right now. Try again in a few seconds; your text is kept.',
  },
  PARTNER_CASE: {
    nl: 'Dit dossier is gedeeld door een partner: hier kunt u logregels toevoegen en corrigeren; taken, besluiten, rollen en de fase legt de eigenaar vast. Er is niets gewijzigd.',
    en: 'This case was shared by a partner: here you can add and correct log entries; tasks, decisions, roles and the phase are recorded by the owner. Nothing was changed.',
  },
  SIGNALS_ONLY_CASE: {
    nl: 'Van dit dossier zijn alleen de signalen met u gedeeld: u kunt hier alleen signalen toevoegen. Er is niets gewijzigd.',
    en: 'Only the signals of this case were shared with you: you can add signals only. Nothing was changed.',
  },
  INTERNAL: {
    nl: 'Er ging onverwacht iets mis. Er is niets verloren gegaan; probeer het opnieuw.',
    en: 'Something unexpected went wrong. Nothing was lost; please try again.',
  },
};

/**
 * A typed, user-facing error. `detail` adds a Dutch specific (e.g. the path of a bad field), never case data.
 * `fields` names each bad field and its rule; the message then says them instead of the detail.
 */
export class OrdelogError extends Error {
  readonly code: ErrorCode;
  readonly detail: string | undefined;
  readonly retryAfterMs: number | undefined;
  readonly fields: readonly FieldIssue[];

  constructor(
    code: ErrorCode,
    options: { detail?: string; cause?: unknown; retryAfterMs?: number; fields?: readonly FieldIssue[] } = {},
  ) {
    const base = errorMessages[code].nl;
    const fields = options.fields ?? [];
    const message =
      fields.length > 0
        ? `${withoutFullStop(base)}: ${fields.map((field) => withoutFullStop(field.nl)).join('. ')}.`
        : options.detail
          ? `${base} ${options.detail}`
          : base;
    super(message, { cause: options.cause });
    this.name = 'OrdelogError';
    this.code = code;
    this.detail = options.detail;
    this.retryAfterMs = options.retryAfterMs;
    this.fields = fields;
  }
}

export function isOrdelogError(error: unknown): error is OrdelogError {
  return error instanceof OrdelogError;
}
