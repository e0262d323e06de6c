import {
  addPeerInput,
  exportBundleInput,
  importBundleFileInput,
  importedBundleSchema,
  invitationSchema,
  peerIdInput,
  peerSummarySchema,
  setOrganisationInput,
  sharingStatusSchema,
} from './sharing';
import { z } from 'zod';
import {
  composeBriefingInput,
  composeHandoverInput,
  handoverPreviewSchema,
  deliveredFileSchema,
  exportLogInput,
  exportPieceSchema,
  exportRecordSchema,
  exportVerificationSchema,
  previewSchema,
  readExportInput,
  verifyExportInput,
} from './briefing';
import { userRoles } from './domain';
import {
  discardDraftInput,
  draftsSchema,
  personalSettingsSchema,
  resumePointSchema,
  saveDraftInput,
  setPersonalSettingsInput,
} from './drafts';
import { createPhaseInput, removePhaseInput, reorderPhasesInput, updatePhaseInput } from './phase-model-schemas';
import type { Result } from './result';
import {
  addAttachmentInput,
  attachmentIdInput,
  attachmentWithDataSchema,
  listSignalsInput,
  recordedSignalSchema,
  recordSignalInput,
  signalListItemSchema,
} from './signals';
import {
  appendEntryInput,
  archiveCaseInput,
  assignRoleInput,
  caseIdInput,
  changePhaseInput,
  closeCaseInput,
  correctEntryInput,
  createCaseInput,
  createOrganisationInput,
  createPersonInput,
  createTaskInput,
  endRoleInput,
  entryIdInput,
  handOverRoleInput,
  listCasesInput,
  listEntriesInput,
  listInterventionsInput,
  recordDecisionInput,
  recordInterventionUseInput,
  reopenCaseInput,
  setCouncilMeetingInput,
  searchInput,
  setTaskStatusInput,
  statsInput,
  updateCaseInput,
  updateOrganisationInput,
  updatePersonInput,
  updateTaskInput,
} from './schemas';
import { userNamePattern } from './text-rules';
import {
  addUserInput,
  changeOwnPassphraseInput,
  displayNameInput,
  newPassphraseInput,
  removeUserInput,
  resetPassphraseInput,
  setUserRoleInput,
  userNameInput,
  userSummarySchema,
} from './users';
import {
  attachmentSchema,
  caseDetailSchema,
  caseListItemSchema,
  caseRoleSchema,
  decisionSchema,
  entryPageSchema,
  entrySchema,
  interventionSchema,
  interventionUseSchema,
  legalBasisSchema,
  organisationSchema,
  personSchema,
  phaseSchema,
  phaseTransitionSchema,
  roleAssignmentSchema,
  searchHitSchema,
  situationSchema,
  statsSchema,
  taskSchema,
} from './views';

/**
 * The one contract between the renderer and the main process: each channel maps to the schema of what the
 * renderer sends and of what it gets back. The Electron preload and the browser host's bridge build
 * `window.ordelog` from these keys; the dispatcher in `main/ipc/` checks both sides against these schemas.
 * A new channel is a new entry here plus its handler in `main/ipc/handlers.ts`; the type checker asks for both.
 */

/** Channels that take no arguments accept `undefined` or `{}` and nothing else. */
const noInput = z.strictObject({}).optional();

export { passphraseMinLength } from './users';
export const idleLockMinutesRange = { min: 1, max: 240 } as const;
export const defaultIdleLockMinutes = 10;

export { userNamePattern };

export const sessionUserSchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  displayName: z.string(),
  role: z.enum(userRoles),
});
export type SessionUser = z.infer<typeof sessionUserSchema>;

export const appStatusSchema = z.strictObject({
  vaultExists: z.boolean(),
  unlocked: z.boolean(),
  /** Who is signed in; never a key, a passphrase or anything derived from one. */
  user: sessionUserSchema.nullable(),
  /** The idle lock in effect; only known while unlocked, because the setting lives inside the vault. */
  idleLockMinutes: z.number().int().nullable(),
  appVersion: z.string(),
});
export type AppStatus = z.infer<typeof appStatusSchema>;

const phaseModelOutput = z.strictObject({ phases: z.array(phaseSchema) });

/**
 * The id the renderer gives one intent to write (a form submitted, a button pressed). The main process carries
 * out an id at most once and answers a repeat with the first answer, so a double click, a retried request or a
 * reload cannot record anything twice. A new intent gets a new id.
 */
export const requestIdSchema = z.uuid();
export type RequestId = z.infer<typeof requestIdSchema>;

/** A channel that writes: its input also carries `requestId`, which the dispatcher takes off before the handler. */
function write<I extends z.ZodType, O extends z.ZodType>(input: I, output: O) {
  return { input, output, write: true } as const;
}

export const contract = {
  'app.status': { input: noInput, output: appStatusSchema },
  'vault.create': {
    input: z.strictObject({
      userName: userNameInput,
      displayName: displayNameInput,
      passphrase: newPassphraseInput,
    }),
    /** The recovery key is shown once and never again; the renderer drops it once the user confirms. */
    output: z.strictObject({ recoveryKey: z.string().min(1), status: appStatusSchema }),
  },
  'vault.unlock': {
    input: z.strictObject({ userName: userNameInput, passphrase: z.string().min(1).max(1024) }),
    output: appStatusSchema,
  },
  'vault.lock': { input: noInput, output: appStatusSchema },
  'session.touch': { input: noInput, output: z.strictObject({ idleLockInMs: z.number().int().nonnegative() }) },
  'settings.setIdleLock': {
    input: z.strictObject({ minutes: z.number().int().min(idleLockMinutesRange.min).max(idleLockMinutesRange.max) }),
    output: z.strictObject({ idleLockMinutes: z.number().int() }),
  },
  'cases.list': { input: listCasesInput, output: z.strictObject({ cases: z.array(caseListItemSchema) }) },
  'cases.get': { input: caseIdInput, output: caseDetailSchema },
  'cases.create': write(createCaseInput, caseDetailSchema),
  'cases.update': write(updateCaseInput, caseDetailSchema),
  'cases.close': write(closeCaseInput, caseDetailSchema),
  'cases.reopen': write(reopenCaseInput, caseDetailSchema),
  'cases.archive': write(archiveCaseInput, caseDetailSchema),
  'cases.stats': { input: statsInput, output: statsSchema },
  'cases.situation': { input: caseIdInput, output: situationSchema },
  'entries.append': write(appendEntryInput, entrySchema),
  'entries.correct': write(correctEntryInput, entrySchema),
  'entries.get': { input: entryIdInput, output: entrySchema },
  'entries.list': { input: listEntriesInput, output: entryPageSchema },
  'search.query': { input: searchInput, output: z.strictObject({ hits: z.array(searchHitSchema) }) },
  'phases.list': { input: noInput, output: z.strictObject({ phases: z.array(phaseSchema) }) },
  'phases.change': write(changePhaseInput, phaseTransitionSchema),
  'phases.transitions': { input: caseIdInput, output: z.strictObject({ transitions: z.array(phaseTransitionSchema) }) },
  'roles.catalogue': { input: noInput, output: z.strictObject({ roles: z.array(caseRoleSchema) }) },
  'roles.assignments': { input: caseIdInput, output: z.strictObject({ assignments: z.array(roleAssignmentSchema) }) },
  'roles.assign': write(assignRoleInput, roleAssignmentSchema),
  'roles.handOver': write(handOverRoleInput, z.strictObject({ ended: roleAssignmentSchema, started: roleAssignmentSchema })),
  'roles.end': write(endRoleInput, roleAssignmentSchema),
  'directory.organisations': { input: noInput, output: z.strictObject({ organisations: z.array(organisationSchema) }) },
  'directory.people': { input: noInput, output: z.strictObject({ people: z.array(personSchema) }) },
  'directory.createOrganisation': write(createOrganisationInput, organisationSchema),
  'directory.updateOrganisation': write(updateOrganisationInput, organisationSchema),
  'directory.createPerson': write(createPersonInput, personSchema),
  'directory.updatePerson': write(updatePersonInput, personSchema),
  'tasks.list': { input: caseIdInput, output: z.strictObject({ tasks: z.array(taskSchema) }) },
  'tasks.create': write(createTaskInput, taskSchema),
  'tasks.update': write(updateTaskInput, taskSchema),
  'tasks.setStatus': write(setTaskStatusInput, taskSchema),
  'decisions.list': { input: caseIdInput, output: z.strictObject({ decisions: z.array(decisionSchema) }) },
  'decisions.record': write(recordDecisionInput, decisionSchema),
  'decisions.setCouncilMeeting': write(setCouncilMeetingInput, decisionSchema),
  'legalBases.list': { input: noInput, output: z.strictObject({ legalBases: z.array(legalBasisSchema) }) },
  'interventions.catalogue': {
    input: listInterventionsInput.optional(),
    output: z.strictObject({ interventions: z.array(interventionSchema) }),
  },
  'interventions.uses': { input: caseIdInput, output: z.strictObject({ uses: z.array(interventionUseSchema) }) },
  'interventions.record': write(recordInterventionUseInput, interventionUseSchema),
  // The phase model (settings, beheerder only); each change answers with the whole model in order.
  'phaseModel.create': write(createPhaseInput, phaseModelOutput),
  'phaseModel.update': write(updatePhaseInput, phaseModelOutput),
  'phaseModel.reorder': write(reorderPhasesInput, phaseModelOutput),
  'phaseModel.remove': write(removePhaseInput, phaseModelOutput),
  // Signals and attachments (shared/signals.ts). File bytes travel as base64 in `data`, over IPC and HTTP alike.
  'signals.record': write(recordSignalInput, recordedSignalSchema),
  'signals.list': { input: listSignalsInput, output: z.strictObject({ signals: z.array(signalListItemSchema) }) },
  /** The user opened the case's signals: what was recorded until now is no longer unread for them. */
  'signals.markRead': write(caseIdInput, z.strictObject({ readAt: z.string() })),
  'attachments.add': write(addAttachmentInput, attachmentSchema),
  'attachments.list': { input: caseIdInput, output: z.strictObject({ attachments: z.array(attachmentSchema) }) },
  'attachments.get': { input: attachmentIdInput, output: attachmentWithDataSchema },
  // Briefings and exports (shared/briefing.ts). A preview is the HTML that the PDF prints; files travel as base64.
  'briefings.preview': { input: composeBriefingInput, output: previewSchema },
  'briefings.export': write(composeBriefingInput, deliveredFileSchema),
  'handovers.preview': { input: composeHandoverInput, output: handoverPreviewSchema },
  'handovers.export': write(composeHandoverInput, deliveredFileSchema),
  'exports.log': write(exportLogInput, deliveredFileSchema),
  'exports.read': { input: readExportInput, output: exportPieceSchema },
  'exports.list': { input: caseIdInput, output: z.strictObject({ exports: z.array(exportRecordSchema) }) },
  'exports.verify': { input: verifyExportInput, output: exportVerificationSchema },
  /** Stops a running export (by its request id); `cancelled` is false when nothing with that id is running. */
  'jobs.cancel': { input: z.strictObject({ requestId: requestIdSchema }), output: z.strictObject({ cancelled: z.boolean() }) },
  // Sharing a case with partners by file (shared/sharing.ts): invitations, accepted partners, sealed bundles.
  'sharing.invitation': { input: noInput, output: invitationSchema },
  'sharing.peers': { input: noInput, output: z.strictObject({ peers: z.array(peerSummarySchema) }) },
  'sharing.addPeer': write(addPeerInput, peerSummarySchema),
  'sharing.acceptPeer': write(peerIdInput, peerSummarySchema),
  'sharing.setOrganisation': write(setOrganisationInput, z.strictObject({ organisation: z.string() })),
  'sharing.status': { input: caseIdInput, output: sharingStatusSchema },
  'sharing.exportBundle': write(exportBundleInput, deliveredFileSchema),
  'sharing.importBundle': write(importBundleFileInput, importedBundleSchema),
  // Accounts (shared/users.ts): a beheerder manages them; everyone changes their own passphrase.
  'users.list': { input: noInput, output: z.strictObject({ users: z.array(userSummarySchema) }) },
  'users.add': write(addUserInput, userSummarySchema),
  'users.setRole': write(setUserRoleInput, userSummarySchema),
  'users.resetPassphrase': write(resetPassphraseInput, userSummarySchema),
  'users.remove': write(removeUserInput, userSummarySchema),
  'users.changeOwnPassphrase': write(changeOwnPassphraseInput, userSummarySchema),
  // The signed-in user's own drafts, the place to return to, and display settings (shared/drafts.ts). Not
  // `write(...)` channels on purpose: each call replaces the user's latest state (an upsert or a delete by key),
  // so carrying it out twice leaves what carrying it out once leaves, and the renderer sends one call per key at a
  // time, in order. A request id would keep every autosave's text a day longer in `write_requests`, and
  // `mutate()` would audit each keystroke pause and refuse a lezer, who also composes briefings and picks a
  // language. Nothing here is evidence: the log and the audit lines are.
  'drafts.load': { input: noInput, output: draftsSchema },
  'drafts.save': { input: saveDraftInput, output: z.strictObject({ savedAt: z.iso.datetime() }) },
  'drafts.discard': { input: discardDraftInput, output: z.strictObject({}) },
  'drafts.setResume': { input: resumePointSchema, output: z.strictObject({}) },
  'settings.personal': { input: noInput, output: personalSettingsSchema },
  'settings.setPersonal': { input: setPersonalSettingsInput, output: personalSettingsSchema },
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType; write?: true }>;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export const channels = Object.keys(contract) as Channel[];

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.hasOwn(contract, name);
}

export type WriteChannel = { [C in Channel]: Contract[C] extends { write: true } ? C : never }[Channel];
export const writeChannels = channels.filter((channel): channel is WriteChannel => 'write' in contract[channel]);

export function isWriteChannel(channel: Channel): channel is WriteChannel {
  return 'write' in contract[channel];
}

/** What the renderer passes: for a write, its input plus the intent's request id. */
export type ChannelInput<C extends Channel> = C extends WriteChannel
  ? z.input<Contract[C]['input']> & { requestId: RequestId }
  : z.input<Contract[C]['input']>;
/** What a handler receives, after parsing. */
export type ChannelArgs<C extends Channel> = z.output<Contract[C]['input']>;
export type ChannelOutput<C extends Channel> = z.output<Contract[C]['output']>;

/** The renderer's only view of the main process: one function per channel, never a raw `invoke`. */
export type OrdelogApi = {
  readonly [C in Channel]: undefined extends ChannelInput<C>
    ? (input?: ChannelInput<C>) => Promise<Result<ChannelOutput<C>>>
    : (input: ChannelInput<C>) => Promise<Result<ChannelOutput<C>>>;
};

/** Builds the API from the contract's keys over any transport (Electron IPC in the preload, fetch in the bridge). */
export function buildApi(invoke: (channel: Channel, input: unknown) => Promise<unknown>): OrdelogApi {
  return Object.fromEntries(
    channels.map((channel) => [channel, (input?: unknown) => invoke(channel, input)]),
  ) as unknown as OrdelogApi;
}

/** Electron IPC channel names: `ipcMain.handle(ipcChannel(c), …)` and `ipcRenderer.invoke(ipcChannel(c), input)`. */
export const ipcChannel = (channel: Channel): string => `ordelog:${channel}`;

/** Events the main process pushes to the renderer (Electron: `webContents.send(ipcEventChannel, event)`). */
export const lockReasons = ['user', 'idle', 'screen-lock', 'suspend', 'shutdown'] as const;
export type LockReason = (typeof lockReasons)[number];
/**
 * Long work (an export of a large log, a print) reports progress as events keyed by the write's request id, and
 * can be cancelled with `jobs.cancel`; a cancelled job leaves nothing recorded or half-written.
 */
export const jobKinds = [
  'export-log-pdf',
  'export-log-json',
  'export-briefing',
  'export-handover',
  'import',
  'verify',
  'backup',
  'restore',
  'rekey',
  'bundle-export',
  'bundle-import',
] as const;
export type JobKind = (typeof jobKinds)[number];
export const jobPhases = ['reading', 'writing', 'printing', 'recording', 'checking', 'copying'] as const;
export type JobPhase = (typeof jobPhases)[number];
export const jobProgressSchema = z.strictObject({
  requestId: requestIdSchema,
  kind: z.enum(jobKinds),
  phase: z.enum(jobPhases),
  done: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
});
export type JobProgress = z.infer<typeof jobProgressSchema>;
export const eventSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('locked'), reason: z.enum(lockReasons) }),
  z.strictObject({ type: z.literal('job'), progress: jobProgressSchema }),
]);
export type OrdelogEvent = z.infer<typeof eventSchema>;
export const ipcEventChannel = 'ordelog:event';

/** `window.ordelogEvents`: the renderer subscribes; the function it gets back unsubscribes. */
export interface OrdelogEvents {
  subscribe(listener: (event: OrdelogEvent) => void): () => void;
}
