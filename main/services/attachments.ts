import { createHash, randomUUID } from 'node:crypto';
import { findAttachmentContent, insertAttachment, listAttachments as listAttachmentRows } from '../../db/repositories/attachments';
import { findEntry } from '../../db/repositories/entries';
import { OrdelogError } from '../../shared/errors';
import { limits, type CaseIdInput } from '../../shared/schemas';
import {
  addAttachmentInput,
  attachmentIdInput,
  decodedLength,
  type AddAttachmentInput,
  type AttachmentIdInput,
  type AttachmentWithData,
} from '../../shared/signals';
import type { Attachment } from '../../shared/views';
import { checkFile } from './file-type';
import { readOfCase, requireFound, requireOpenCase } from './guards';
import { invalidField, parseInput } from './input';
import { actor } from './log';
import { mutate } from './mutate';
import { now, type Session } from './session';

/** FILE_TOO_LARGE before anything is decoded, when the base64 text is more than the limit allows. */
export function requireWithinSizeLimit(base64: string): void {
  if (decodedLength(base64) > limits.attachmentBytes) throw new OrdelogError('FILE_TOO_LARGE');
}

/**
 * The bytes and the type to keep, or FILE_TYPE_REFUSED naming what was found against what the name and the
 * declared type say (the extension, never the file name: that may be case data). `where` prefixes the detail.
 */
export function checkedFile(bytes: Uint8Array, fileName: string, declaredMediaType: string, where = ''): { mediaType: string } {
  const check = checkFile(bytes, fileName, declaredMediaType);
  if (!check.ok) {
    throw new OrdelogError('FILE_TYPE_REFUSED', { detail: `${where}Gevonden: ${check.found}; de naam zegt: ${check.claimed}.` });
  }
  return { mediaType: check.type.mediaType };
}

export const sha256Hex = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/**
 * Keeps a file with a case (optionally with one of its entries, such as the signal it shows). The bytes
 * arrive as base64 (one shape for Electron IPC and the browser host's JSON bridge), are checked for size and
 * by content, and are stored inside the encrypted vault with the sniffed media type and a SHA-256 computed
 * here over the decoded bytes, which proves later that the file is unchanged.
 */
export function addAttachment(session: Session, input: AddAttachmentInput): Attachment {
  const id = randomUUID();
  return mutate(session, { action: 'attachment.add', schema: addAttachmentInput, object: () => `attachment:${id}` }, input, (args) => {
    const caseRow = requireOpenCase(session, args.caseId);
    if (args.entryId !== null && findEntry(session.db, args.entryId)?.caseId !== caseRow.id) throw invalidField('entryId');
    requireWithinSizeLimit(args.data);
    const bytes = Buffer.from(args.data, 'base64');
    const { mediaType } = checkedFile(bytes, args.fileName, args.mediaType);
    const by = actor(session);
    return insertAttachment(session.db, {
      id,
      caseId: caseRow.id,
      entryId: args.entryId,
      fileName: args.fileName,
      mediaType,
      size: bytes.byteLength,
      sha256: sha256Hex(bytes),
      personalData: args.personalData,
      bytes,
      addedAt: now(),
      addedBy: by.id,
      addedByName: by.name,
    });
  });
}

export function listAttachments(session: Session, input: CaseIdInput): Attachment[] {
  return readOfCase(session, input, listAttachmentRows);
}

/** One attachment with its bytes as base64. */
export function getAttachment(session: Session, input: AttachmentIdInput): AttachmentWithData {
  const { bytes, ...attachment } = requireFound(findAttachmentContent(session.db, parseInput(attachmentIdInput, input).attachmentId));
  return { ...attachment, data: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64') };
}
