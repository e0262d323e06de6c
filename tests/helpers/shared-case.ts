import { createTask } from '../../main/services/tasks';
import type { Session } from '../../main/services/session';

/** A task for the OOV-adviseur role: a write only the case's owner may do. */
export function addTask(session: Session, caseId: string) {
  return createTask(session, { caseId, text: 'Jongerenwerk inlichten', ownerRoleId: 'oov-adviseur' });
}
