/**
 * Nothing typed is lost: drafts of the signed-in user's open forms, kept encrypted in the vault across a lock.
 * Wrap the signed-in screens in `DraftsProvider`, call `useFormDraft(draftKeys.…(caseId), form)` in a
 * react-hook-form form and show its `offer`, and call `flushDrafts()` before the renderer locks.
 */
export { DraftsProvider, flushDrafts, useDrafts } from './DraftsProvider';
export { draftKeys } from './keys';
export { formHasTypedText, useFormDraft, type FormDraft } from './useFormDraft';
