import type { z } from 'zod';
import type { AppController } from '../app/controller';
import * as services from '../services';
import * as briefings from '../services/briefings';
import * as drafts from '../services/drafts';
import { unavailablePrinter, type PdfPrinter } from '../services/pdf/printer';
import type { Session, WriteRequest } from '../services/session';
import * as phaseModel from '../services/phase-model';
import * as bundles from '../services/sharing/bundles';
import * as invitations from '../services/sharing/invitations';
import { sharingStatus } from '../services/sharing/status';
import { createJobRegistry } from './jobs';
import { createOutbox } from './outbox';
import type { Channel, ChannelArgs, Contract } from '../../shared/contract';

/** A handler gets parsed input and returns what the output schema accepts; the dispatcher checks it again. */
export type Handler<C extends Channel> = (
  input: ChannelArgs<C>,
  /** Present for writes: the renderer's request, recorded once with the write (see `mutate`). */
  request?: WriteRequest,
) => Promise<z.input<Contract[C]['output']>> | z.input<Contract[C]['output']>;
export type Handlers = { [C in Channel]: Handler<C> };

export interface HandlerDependencies {
  /** Prints briefings and log exports: Electron's printToPDF in the app, a local Chromium in the browser host. */
  printer?: PdfPrinter;
}

export function createHandlers(controller: AppController, dependencies: HandlerDependencies = {}): Handlers {
  const session = (request?: WriteRequest): Session => (request ? { ...controller.session(), request } : controller.session());
  const printer = dependencies.printer ?? unavailablePrinter;
  // Long work by request id: progress as the controller's events, cancel; a lock stops it and drops waiting files.
  const jobs = createJobRegistry(controller.publish);
  const outbox = createOutbox();
  controller.onEvent((event) => {
    if (event.type !== 'locked') return;
    jobs.cancelAll();
    outbox.clear();
  });
  return {
    'app.status': () => controller.status(),
    'vault.create': (input) => controller.createVault(input),
    'vault.unlock': ({ userName, passphrase }) => controller.unlock(userName, passphrase),
    'vault.lock': () => {
      controller.lock('user');
      return controller.status();
    },
    'session.touch': () => controller.touch(),
    'settings.setIdleLock': ({ minutes }) => controller.setIdleLockMinutes(minutes),
    'users.list': () => ({ users: controller.users.list() }),
    'users.add': (input, request) => controller.users.add(input, request),
    'users.setRole': (input, request) => controller.users.setRole(input, request),
    'users.resetPassphrase': (input, request) => controller.users.resetPassphrase(input, request),
    'users.remove': (input, request) => controller.users.remove(input, request),
    'users.changeOwnPassphrase': (input, request) => controller.users.changeOwnPassphrase(input, request),
    'cases.list': (input) => ({ cases: services.listCases(session(), input) }),
    'cases.get': (input) => services.getCase(session(), input),
    'cases.create': (input, request) => services.createCase(session(request), input),
    'cases.update': (input, request) => services.updateCase(session(request), input),
    'cases.close': (input, request) => services.closeCase(session(request), input),
    'cases.reopen': (input, request) => services.reopenCase(session(request), input),
    'cases.archive': (input, request) => services.archiveCase(session(request), input),
    'cases.stats': (input) => services.stats(session(), input),
    'cases.situation': (input) => services.getSituation(session(), input),
    'entries.append': (input, request) => services.appendEntry(session(request), input),
    'entries.correct': (input, request) => services.correctEntry(session(request), input),
    'entries.get': (input) => services.getEntry(session(), input),
    'entries.list': (input) => services.listEntries(session(), input),
    'search.query': (input) => ({ hits: services.searchCase(session(), input) }),
    'phases.list': () => ({ phases: services.listPhases(session()) }),
    'phases.change': (input, request) => services.changePhase(session(request), input),
    'phases.transitions': (input) => ({ transitions: services.listPhaseTransitions(session(), input) }),
    'roles.catalogue': () => ({ roles: services.listCaseRoles(session()) }),
    'roles.assignments': (input) => ({ assignments: services.listRoleAssignments(session(), input) }),
    'roles.assign': (input, request) => services.assignRole(session(request), input),
    'roles.handOver': (input, request) => services.handOverRole(session(request), input),
    'roles.end': (input, request) => services.endRole(session(request), input),
    'directory.organisations': () => ({ organisations: services.listOrganisations(session()) }),
    'directory.people': () => ({ people: services.listPeople(session()) }),
    'directory.createOrganisation': (input, request) => services.createOrganisation(session(request), input),
    'directory.updateOrganisation': (input, request) => services.updateOrganisation(session(request), input),
    'directory.createPerson': (input, request) => services.createPerson(session(request), input),
    'directory.updatePerson': (input, request) => services.updatePerson(session(request), input),
    'tasks.list': (input) => ({ tasks: services.listTasks(session(), input) }),
    'tasks.create': (input, request) => services.createTask(session(request), input),
    'tasks.update': (input, request) => services.updateTask(session(request), input),
    'tasks.setStatus': (input, request) => services.setTaskStatus(session(request), input),
    'decisions.list': (input) => ({ decisions: services.listDecisions(session(), input) }),
    'decisions.record': (input, request) => services.recordDecision(session(request), input),
    'decisions.setCouncilMeeting': (input, request) => services.setCouncilMeeting(session(request), input),
    'legalBases.list': () => ({ legalBases: services.listLegalBases(session()) }),
    'interventions.catalogue': (input) => ({ interventions: services.listInterventions(session(), input ?? {}) }),
    'interventions.uses': (input) => ({ uses: services.listInterventionUses(session(), input) }),
    'interventions.record': (input, request) => services.recordInterventionUse(session(request), input),
    'phaseModel.create': (input, request) => ({ phases: phaseModel.createPhase(session(request), input) }),
    'phaseModel.update': (input, request) => ({ phases: phaseModel.updatePhase(session(request), input) }),
    'phaseModel.reorder': (input, request) => ({ phases: phaseModel.reorderPhases(session(request), input) }),
    'phaseModel.remove': (input, request) => ({ phases: phaseModel.removePhase(session(request), input) }),
    'signals.record': (input, request) => services.recordSignal(session(request), input),
    'signals.list': (input) => ({ signals: services.listSignals(session(), input) }),
    'signals.markRead': (input, request) => services.markSignalsRead(session(request), input),
    'attachments.add': (input, request) => services.addAttachment(session(request), input),
    'attachments.list': (input) => ({ attachments: services.listAttachments(session(), input) }),
    'attachments.get': (input) => services.getAttachment(session(), input),
    'briefings.preview': (input) => briefings.previewBriefing(session(), input),
    'briefings.export': async (input, request) =>
      outbox.deliver(await jobs.run(request, 'export-briefing', (job) => briefings.exportBriefing(session(request), input, printer, job))),
    'handovers.preview': (input) => briefings.previewHandover(session(), input),
    'handovers.export': async (input, request) =>
      outbox.deliver(await jobs.run(request, 'export-handover', (job) => briefings.exportHandover(session(request), input, printer, job))),
    'exports.log': async (input, request) =>
      outbox.deliver(
        await jobs.run(request, `export-log-${input.format}`, (job) => briefings.exportLog(session(request), input, job)),
      ),
    'exports.read': ({ fileId, offset }) => {
      session();
      return outbox.read(fileId, offset);
    },
    'jobs.cancel': ({ requestId }) => ({ cancelled: jobs.cancel(requestId) }),
    'sharing.invitation': () => invitations.myInvitation(session()),
    'sharing.peers': () => ({ peers: invitations.listPeers(session()) }),
    'sharing.addPeer': (input, request) => invitations.addPeer(session(request), input),
    'sharing.acceptPeer': (input, request) => invitations.acceptPeer(session(request), input),
    'sharing.setOrganisation': (input, request) => invitations.setOrganisation(session(request), input),
    'sharing.status': (input) => sharingStatus(session(), input),
    'sharing.exportBundle': async (input, request) =>
      outbox.deliver(await jobs.run(request, 'bundle-export', (job) => bundles.exportBundle(session(request), input, job))),
    'sharing.importBundle': ({ data, ...options }, request) =>
      jobs.run(request, 'bundle-import', (job) => bundles.importBundle(session(request), Buffer.from(data, 'base64'), options, job)),
    'exports.list': (input) => ({ exports: services.listExports(session(), input) }),
    'exports.verify': (input) => services.verifyExport(session(), input),
    'drafts.load': () => drafts.loadDrafts(session()),
    'drafts.save': (input) => drafts.saveDraft(session(), input),
    'drafts.discard': (input) => drafts.discardDraft(session(), input),
    'drafts.setResume': (input) => drafts.saveResumePoint(session(), input),
    'settings.personal': () => drafts.readPersonalSettings(session()),
    'settings.setPersonal': (input) => drafts.setPersonalSettings(session(), input),
  };
}
