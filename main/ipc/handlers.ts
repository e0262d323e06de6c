import type { z } from 'zod';
import type { AppController } from '../app/controller';
import * as services from '../services';
import * as briefings from '../services/briefings';
import { unavailablePrinter, type PdfPrinter } from '../services/pdf/printer';
import * as phaseModel from '../services/phase-model';
import type { Channel, ChannelArgs, Contract } from '../../shared/contract';

/** A handler gets parsed input and returns what the output schema accepts; the dispatcher checks it again. */
export type Handler<C extends Channel> = (
  input: ChannelArgs<C>,
) => Promise<z.input<Contract[C]['output']>> | z.input<Contract[C]['output']>;
export type Handlers = { [C in Channel]: Handler<C> };

export interface HandlerDependencies {
  /** Prints briefings and log exports: Electron's printToPDF in the app, a local Chromium in the browser host. */
  printer?: PdfPrinter;
}

export function createHandlers(controller: AppController, dependencies: HandlerDependencies = {}): Handlers {
  const session = () => controller.session();
  const printer = dependencies.printer ?? unavailablePrinter;
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
    'cases.list': (input) => ({ cases: services.listCases(session(), input) }),
    'cases.get': (input) => services.getCase(session(), input),
    'cases.create': (input) => services.createCase(session(), input),
    'cases.update': (input) => services.updateCase(session(), input),
    'cases.close': (input) => services.closeCase(session(), input),
    'cases.reopen': (input) => services.reopenCase(session(), input),
    'cases.archive': (input) => services.archiveCase(session(), input),
    'cases.stats': (input) => services.stats(session(), input),
    'entries.append': (input) => services.appendEntry(session(), input),
    'entries.correct': (input) => services.correctEntry(session(), input),
    'entries.get': (input) => services.getEntry(session(), input),
    'entries.list': (input) => services.listEntries(session(), input),
    'search.query': (input) => ({ hits: services.searchCase(session(), input) }),
    'phases.list': () => ({ phases: services.listPhases(session()) }),
    'phases.change': (input) => services.changePhase(session(), input),
    'phases.transitions': (input) => ({ transitions: services.listPhaseTransitions(session(), input) }),
    'roles.catalogue': () => ({ roles: services.listCaseRoles(session()) }),
    'roles.assignments': (input) => ({ assignments: services.listRoleAssignments(session(), input) }),
    'roles.assign': (input) => services.assignRole(session(), input),
    'roles.handOver': (input) => services.handOverRole(session(), input),
    'roles.end': (input) => services.endRole(session(), input),
    'directory.organisations': () => ({ organisations: services.listOrganisations(session()) }),
    'directory.people': () => ({ people: services.listPeople(session()) }),
    'directory.createOrganisation': (input) => services.createOrganisation(session(), input),
    'directory.updateOrganisation': (input) => services.updateOrganisation(session(), input),
    'directory.createPerson': (input) => services.createPerson(session(), input),
    'directory.updatePerson': (input) => services.updatePerson(session(), input),
    'tasks.list': (input) => ({ tasks: services.listTasks(session(), input) }),
    'tasks.create': (input) => services.createTask(session(), input),
    'tasks.update': (input) => services.updateTask(session(), input),
    'tasks.setStatus': (input) => services.setTaskStatus(session(), input),
    'decisions.list': (input) => ({ decisions: services.listDecisions(session(), input) }),
    'decisions.record': (input) => services.recordDecision(session(), input),
    'decisions.setCouncilMeeting': (input) => services.setCouncilMeeting(session(), input),
    'legalBases.list': () => ({ legalBases: services.listLegalBases(session()) }),
    'interventions.catalogue': (input) => ({ interventions: services.listInterventions(session(), input ?? {}) }),
    'interventions.uses': (input) => ({ uses: services.listInterventionUses(session(), input) }),
    'interventions.record': (input) => services.recordInterventionUse(session(), input),
    'phaseModel.create': (input) => ({ phases: phaseModel.createPhase(session(), input) }),
    'phaseModel.update': (input) => ({ phases: phaseModel.updatePhase(session(), input) }),
    'phaseModel.reorder': (input) => ({ phases: phaseModel.reorderPhases(session(), input) }),
    'phaseModel.remove': (input) => ({ phases: phaseModel.removePhase(session(), input) }),
    'signals.record': (input) => services.recordSignal(session(), input),
    'signals.list': (input) => ({ signals: services.listSignals(session(), input) }),
    'attachments.add': (input) => services.addAttachment(session(), input),
    'attachments.list': (input) => ({ attachments: services.listAttachments(session(), input) }),
    'attachments.get': (input) => services.getAttachment(session(), input),
    'briefings.preview': (input) => briefings.previewBriefing(session(), input),
    'briefings.export': (input) => briefings.exportBriefing(session(), input, printer),
    'exports.log': (input) => briefings.exportLog(session(), input, printer),
    'exports.list': (input) => ({ exports: services.listExports(session(), input) }),
    'exports.verify': (input) => services.verifyExport(session(), input),
  };
}
