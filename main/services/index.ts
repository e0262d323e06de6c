/**
 * The case-log services: what the IPC handlers and the admin CLI call. Each takes a `Session` and one input
 * object (schemas in shared/schemas.ts, results in shared/views.ts), and throws `OrdelogError`.
 */
export type { Session } from './session';
export { addAttachment, getAttachment, listAttachments } from './attachments';
export { listExports, recordExport, verifyExport } from './export-register';
export { exportCase } from './case-export';
export { importCase } from './case-import';
export { archiveCase, closeCase, createCase, getCase, listCases, reopenCase, updateCase } from './cases';
export { listDecisions, listLegalBases, recordDecision, setCouncilMeeting } from './decisions';
export { fillDemoCase } from './demo';
export {
  createOrganisation,
  createPerson,
  listOrganisations,
  listPeople,
  updateOrganisation,
  updatePerson,
} from './directory';
export { appendEntry, correctEntry, getEntry, listEntries } from './entries';
export { listInterventions, listInterventionUses, recordInterventionUse } from './interventions';
export { changePhase, listPhases, listPhaseTransitions } from './phases';
export { assignRole, endRole, handOverRole, listCaseRoles, listRoleAssignments } from './roles';
export { searchCase } from './search';
export { listSignals, recordSignal } from './signals';
export { getSituation, markSignalsRead } from './situation';
export { stats } from './stats';
export { createTask, listTasks, setTaskStatus, updateTask } from './tasks';
export { verify } from './verify';
