import type { OrdelogApi, OrdelogEvents } from '../../shared/contract';
import { errorMessages } from '../../shared/errors';
import type { Failure } from '../../shared/result';
import { withoutFullStop } from '../../shared/validation-messages';
import { currentLanguage } from '../i18n';

declare global {
  interface Window {
    /** Defined by the Electron preload or the browser host's bridge, before this bundle runs. */
    readonly ordelog: OrdelogApi;
    readonly ordelogEvents: OrdelogEvents;
  }
}

export const api: OrdelogApi = window.ordelog;
export const events: OrdelogEvents = window.ordelogEvents;

/**
 * The user-facing text of an error, in the UI's language (the code decides, not the main process's text). Refused
 * input says which field and which rule: "Tekst: maximaal 50.000 tekens; u plakte 228.000 tekens."
 */
export function errorText(error: Failure): string {
  const language = currentLanguage();
  const fields = error.code === 'INVALID_INPUT' && Array.isArray(error.fields) ? error.fields : [];
  if (fields.length > 0) return fields.map((field) => `${withoutFullStop(field[language])}.`).join(' ');
  const code = Object.hasOwn(errorMessages, error.code) ? error.code : 'INTERNAL';
  const base = errorMessages[code][language];
  // The main process adds a Dutch specific to some refusals ("Deze export is al gemaakt (nummer 3) …"); it is
  // shown in the Dutch screens, after the code's own sentence it always starts with.
  if (language === 'nl' && typeof error.message === 'string' && error.message.startsWith(base)) return error.message;
  return base;
}
