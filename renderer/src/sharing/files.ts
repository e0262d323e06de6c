import type { Invitation } from '../../../shared/sharing';
import { saveBlob } from '../briefing/download';

/**
 * The file name of an invitation: the person's name in plain lower-case letters, so it reads well in a mail and
 * survives every file system ("uitnodiging-joost-de-vries.ordelog-uitnodiging").
 */
export function invitationFileName(name: string): string {
  const plain = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return `uitnodiging-${plain || 'partner'}.ordelog-uitnodiging`;
}

/** Offers the invitation for saving, as the JSON a partner's Ordelog reads back; returns the file's name. */
export function offerInvitation(invitation: Invitation): string {
  const fileName = invitationFileName(invitation.name);
  saveBlob(new Blob([`${JSON.stringify(invitation, null, 2)}\n`], { type: 'application/json' }), fileName);
  return fileName;
}

/** The invitation code in BUNDLE_UNKNOWN_SENDER's Dutch detail ("…, code 7K2M-…"), to show in either language. */
export function senderCodeIn(message: string): string | null {
  return /\bcode ([0-9A-Z]{4}(?:-[0-9A-Z]{4}){3})\b/.exec(message)?.[1] ?? null;
}
