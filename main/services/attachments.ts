import { createHash, randomUUID } from 'node:crypto';
import { findAttachmentContent, insertAttachment, listAttachments as listAttachmentRows } from '../../db/repositories/attachments';
import { findEntry } from '../../db/repositories/entries';
import {
  addAttachmentInput,
  attachmentIdInput,
  type AddAttachmentInput,
  type AttachmentIdInput,
  type CaseIdInput,
} from '../../shared/schemas';
import type { Attachment, AttachmentContent } from '../../shared/views';
import { readOfCase, requireFound, requireOpenCase } from './guards';
import { invalidField, parseInput } from './input';
import { actor } from './log';
import { mutate } from './mutate';
import { now, type Session } from './session';

/** Keeps a file with a case (optionally with one of its entries); its SHA-256 proves later it is unchanged. */
export function addAttachment(session: Session, input: AddAttachmentInput): Attachment {
  const id = randomUUID();
  return mutate(session, { action: 'attachment.add', schema: addAttachmentInput, object: () => `attachment:${id}` }, input, (args) => {
    const caseRow = requireOpenCase(session, args.caseId);
    if (args.entryId !== null && findEntry(session.db, args.entryId)?.caseId !== caseRow.id) throw invalidField('entryId');
    const bytes = Buffer.from(args.bytes.buffer, args.bytes.byteOffset, args.bytes.byteLength);
    const by = actor(session);
    return insertAttachment(session.db, {
      id,
      caseId: caseRow.id,
      entryId: args.entryId,
      fileName: args.fileName,
      mediaType: args.mediaType,
      size: bytes.byteLength,
      sha256: createHash('sha256').update(bytes).digest('hex'),
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

export function getAttachment(session: Session, input: AttachmentIdInput): AttachmentContent {
  return requireFound(findAttachmentContent(session.db, parseInput(attachmentIdInput, input).attachmentId));
}
