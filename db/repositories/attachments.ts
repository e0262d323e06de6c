import { asc, eq, sql } from 'drizzle-orm';
import type { Attachment, AttachmentContent } from '../../shared/views';
import type { OpenedDatabase } from '../open';
import { attachments } from '../schema';

export type NewAttachment = typeof attachments.$inferInsert;

const view = {
  id: attachments.id,
  caseId: attachments.caseId,
  entryId: attachments.entryId,
  fileName: attachments.fileName,
  mediaType: attachments.mediaType,
  size: attachments.size,
  sha256: attachments.sha256,
  personalData: attachments.personalData,
  addedAt: attachments.addedAt,
  addedByName: attachments.addedByName,
};

export function insertAttachment(store: OpenedDatabase, row: NewAttachment): Attachment {
  return store.db.insert(attachments).values(row).returning(view).get();
}

/** Metadata only: the bytes are read one attachment at a time. */
export function listAttachments(store: OpenedDatabase, caseId: string): Attachment[] {
  return store.db
    .select(view)
    .from(attachments)
    .where(eq(attachments.caseId, caseId))
    .orderBy(asc(attachments.addedAt), sql`rowid`)
    .all();
}

/** With the bytes, for a case export. */
export function listAttachmentContents(store: OpenedDatabase, caseId: string): AttachmentContent[] {
  return store.db
    .select({ ...view, bytes: attachments.bytes })
    .from(attachments)
    .where(eq(attachments.caseId, caseId))
    .orderBy(asc(attachments.addedAt), sql`rowid`)
    .all();
}

export function findAttachmentContent(store: OpenedDatabase, id: string): AttachmentContent | undefined {
  return store.db
    .select({ ...view, bytes: attachments.bytes })
    .from(attachments)
    .where(eq(attachments.id, id))
    .get();
}
