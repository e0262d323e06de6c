import { randomUUID } from 'node:crypto';
import { insertOrganisation, insertPerson, listOrganisations, listPeople } from '../../db/repositories/directory';
import type { OrganisationKind } from '../../shared/domain';
import { addDays, amsterdam, dayKey, instantAtWallTime } from '../../shared/time';
import type { CaseDetail } from '../../shared/views';
import { addAttachment } from './attachments';
import { createCase, getCase } from './cases';
import { recordDecision } from './decisions';
import { appendEntry, correctEntry } from './entries';
import { recordInterventionUse } from './interventions';
import { requireWriter } from './mutate';
import { changePhase } from './phases';
import { recordSignal } from './signals';
import { assignRole, handOverRole } from './roles';
import type { Session } from './session';
import { createTask, listTasks, setTaskStatus } from './tasks';

/** A placeholder "screenshot" (a 1×1 PNG): the demo shows evidence with its hash without holding real content. */
const demoScreenshot = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

/**
 * Times as a Dutch team would read them ("Tue 09:30") on days relative to today in Europe/Amsterdam, so the
 * demo always lies in the recent past and its open deadlines in the near future.
 */
function amsterdamClock(now: Date): (day: number, time: string) => string {
  const today = dayKey(now.toISOString(), amsterdam);
  return (day, time) => instantAtWallTime(addDays(today, day), time, amsterdam);
}

interface DemoPerson {
  name: string;
  organisation: { name: string; kind: OrganisationKind };
  function: string;
}

/** Directory entries are shared by cases: reuse a person of the same name so running the demo twice adds no duplicates. */
function demoPerson(session: Session, person: DemoPerson, at: string): string {
  const existing = listPeople(session.db).find((candidate) => candidate.name === person.name);
  if (existing) return existing.id;
  const organisation =
    listOrganisations(session.db).find((candidate) => candidate.name === person.organisation.name) ??
    insertOrganisation(session.db, { id: randomUUID(), ...person.organisation, contact: '', notes: 'Fictief (demo).', createdAt: at, updatedAt: at });
  return insertPerson(session.db, {
    id: randomUUID(),
    name: person.name,
    organisationId: organisation.id,
    function: person.function,
    contact: '',
    notes: 'Fictief (demo).',
    createdAt: at,
    updatedAt: at,
  }).id;
}

const gemeente = { name: 'Gemeente Lindedorp', kind: 'gemeente' } as const;
const politie = { name: 'Politie basisteam Lindedorp', kind: 'politie' } as const;

/**
 * Fills a fictional OAOV case (scenario "council meeting on a reception centre", Lindedorp): signals over
 * several days, phase changes up and down the model, roles and a shift handover, tasks, a noodverordening
 * (art. 176) whose ratification deadline is still open, interventions considered, applied and rejected, and
 * a correction. Everything goes through the services, so it is logged, chained and audited like real work.
 */
export function fillDemoCase(session: Session, options: { now?: Date } = {}): CaseDetail {
  requireWriter(session, 'demo.fill', 'case');
  const at = amsterdamClock(options.now ?? new Date());
  // Monday is five days ago: the case runs to yesterday.
  const mon = -5;
  const [tue, wed, thu, fri] = [mon + 1, mon + 2, mon + 3, mon + 4];

  return session.db.sqlite
    .transaction(() => {
      const added = at(0, '00:00');
      const kees = demoPerson(session, { name: 'Kees Bakker', organisation: gemeente, function: 'OOV-adviseur' }, added);
      const anouk = demoPerson(session, { name: 'Anouk Visser', organisation: gemeente, function: 'OOV-adviseur' }, added);
      const femke = demoPerson(session, { name: 'Femke de Wit', organisation: gemeente, function: 'Communicatieadviseur' }, added);
      const ruud = demoPerson(session, { name: 'Ruud Jansen', organisation: gemeente, function: 'Informatiecoördinator' }, added);
      const ilse = demoPerson(session, { name: 'Ilse Mulder', organisation: politie, function: 'Wijkagent' }, added);

      const { id: caseId } = createCase(session, {
        title: 'Oproep vuurwerk bij raadsvergadering over opvanglocatie',
        municipality: 'Lindedorp',
        classification: 'vertrouwelijk',
        contentClass: 'illegaal',
        phaseId: 'online-signaal',
        openedAt: at(mon, '21:00'),
      });
      const call = appendEntry(session, {
        caseId,
        type: 'signaal',
        occurredAt: at(mon, '20:10'),
        text: 'Openbaar Telegramkanaal "Lindedorp Zegt Nee" (ca. 2.300 leden) roept op donderdag "vuurwerk mee te nemen" naar de raadsvergadering over de opvanglocatie.',
        source: 'Telegram, openbaar kanaal (via politie-liaison)',
        sourceReliability: 'B',
        informationCredibility: '2',
      });
      const kRole = assignRole(session, { caseId, roleId: 'oov-adviseur', personId: kees, at: at(mon, '21:00') });
      assignRole(session, { caseId, roleId: 'communicatieadviseur', personId: femke, at: at(mon, '21:00') });
      assignRole(session, { caseId, roleId: 'politie-liaison', personId: ilse, at: at(mon, '21:00') });
      assignRole(session, { caseId, roleId: 'informatiecoordinator', personId: ruud, at: at(mon, '21:00') });

      appendEntry(session, {
        caseId,
        type: 'overleg',
        occurredAt: at(tue, '09:30'),
        text: 'Overleg OOV, politie en communicatie. Er is geen kennisgeving van een betoging ontvangen (Wom). Opties voor interventies doorgenomen.',
      });
      recordInterventionUse(session, {
        caseId,
        interventionId: 'melding-platform',
        status: 'afgewezen',
        reason: 'Telegram reageert zelden op meldingen; kost tijd zonder te verwachten effect.',
        at: at(tue, '09:40'),
      });
      recordInterventionUse(session, {
        caseId,
        interventionId: 'gesprek-initiatiefnemer',
        status: 'toegepast',
        reason: 'De beheerder van het kanaal is bij de wijkagent bekend; gesprek om de oproep in te trekken.',
        at: at(tue, '09:45'),
      });
      recordInterventionUse(session, {
        caseId,
        interventionId: 'noodverordening',
        status: 'overwogen',
        reason: 'Voorbereiden voor het geval de oproep groeit.',
        at: at(tue, '09:50'),
      });
      const briefing = appendEntry(session, {
        caseId,
        type: 'overleg',
        occurredAt: at(tue, '14:00'),
        text: 'Briefing lokale driehoek. Beeld: oproep blijft staan, gesprek met beheerder zonder resultaat. Oordeel: reële kans op verstoring van de raadsvergadering.',
      });
      recordDecision(session, {
        caseId,
        decidedBy: 'driehoek',
        text: 'Politiecapaciteit rond het gemeentehuis donderdagavond verdubbelen; concept-noodverordening laten opstellen, nog niet in werking.',
        decidedAt: at(tue, '14:30'),
        entryIds: [call.id, briefing.id],
      });
      const draft = createTask(session, {
        caseId,
        text: 'Concept-noodverordening opstellen',
        ownerRoleId: 'oov-adviseur',
        ownerPersonId: kees,
        dueAt: at(wed, '12:00'),
        at: at(tue, '14:35'),
      });
      setTaskStatus(session, { taskId: draft.id, status: 'gereed', at: at(wed, '11:20') });

      const growth = appendEntry(session, {
        caseId,
        type: 'signaal',
        occurredAt: at(wed, '18:00'),
        text: 'Kanaal gegroeid tot ca. 4.100 leden. Adressen van twee raadsleden in het kanaal geplaatst (gegevens niet overgenomen in dit logboek).',
        source: 'Telegram, openbaar kanaal',
        sourceReliability: 'B',
        informationCredibility: '2',
        personalData: true,
      });
      const video = recordSignal(session, {
        caseId,
        text: 'TikTok-video met de oproep "donderdag allemaal naar het gemeentehuis, neem vuurwerk mee"; gedeeld vanuit het Telegramkanaal.',
        platform: 'tiktok',
        url: 'https://www.tiktok.com/@voorbeeld/video/1',
        channel: 'openbaar',
        seenAt: at(wed, '18:02'),
        postedAt: at(wed, '16:40'),
        reach: 18_000,
        contentClass: 'illegaal',
        sourceReliability: 'C',
        informationCredibility: '2',
      });
      addAttachment(session, {
        caseId,
        entryId: video.entry.id,
        fileName: 'schermafdruk-tiktok-oproep.png',
        mediaType: 'image/png',
        data: demoScreenshot,
      });
      changePhase(session, {
        caseId,
        phaseId: 'verspreiding',
        reason: 'Kanaal verdubbeld, concrete toezeggingen om te komen en adressen van raadsleden gedeeld.',
        at: at(wed, '18:05'),
      });
      const tasksBefore = new Set(listTasks(session, { caseId }).map((task) => task.id));
      recordDecision(session, {
        caseId,
        decidedBy: 'burgemeester',
        legalBasisId: 'gemw-176',
        text: 'Noodverordening voor het gebied rond het gemeentehuis, donderdag 17:00–24:00: samenscholingsverbod en verbod op het bij zich hebben van vuurwerk.',
        necessity: 'Concrete oproep tot vuurwerk tegen een raadsvergadering; ernstige vrees voor wanordelijkheden volgens politie.',
        proportionality: 'Beperkt tot het gebied rond het gemeentehuis en tot zeven uur.',
        subsidiarity: 'Gesprek met de beheerder en extra politie-inzet bleken niet voldoende; een noodbevel aan bekende personen bereikt de onbekende deelnemers niet.',
        decidedAt: at(wed, '19:30'),
        councilMeetingAt: at(wed + 13, '19:30'),
        entryIds: [call.id, growth.id],
      });
      recordInterventionUse(session, { caseId, interventionId: 'noodverordening', status: 'toegepast', at: at(wed, '19:30') });
      recordInterventionUse(session, {
        caseId,
        interventionId: 'bescherming-betrokkene',
        status: 'toegepast',
        reason: 'Politie beschermt de twee raadsleden van wie adressen zijn gedeeld.',
        at: at(wed, '19:45'),
      });
      // The noodverordening put its duties to inform on the action list; the team sent them that evening.
      for (const notice of listTasks(session, { caseId }).filter((task) => !tasksBefore.has(task.id))) {
        setTaskStatus(session, { taskId: notice.id, status: 'gereed', note: 'Per e-mail verzonden.', at: at(wed, '20:10') });
      }
      const protection = createTask(session, {
        caseId,
        text: 'Bescherming van de twee raadsleden',
        ownerRoleId: 'politie-liaison',
        ownerPersonId: ilse,
        dueAt: at(fri, '09:00'),
        at: at(wed, '19:45'),
      });
      setTaskStatus(session, { taskId: protection.id, status: 'bezig', at: at(thu, '16:00') });

      changePhase(session, { caseId, phaseId: 'samenkomst', reason: 'Groep verzamelt zich bij het gemeentehuis.', at: at(thu, '19:40') });
      const count = appendEntry(session, {
        caseId,
        type: 'waarneming',
        occurredAt: at(thu, '19:40'),
        text: 'Ca. 100 mensen bij het gemeentehuis; afzetting houdt.',
        source: 'Politie, eigen waarneming',
        sourceReliability: 'A',
        informationCredibility: '2',
      });
      changePhase(session, { caseId, phaseId: 'ordeverstoring', reason: 'Vuurwerk naar de afzetting gegooid.', at: at(thu, '20:15') });
      appendEntry(session, {
        caseId,
        type: 'waarneming',
        occurredAt: at(thu, '20:15'),
        text: 'Vuurwerk naar de afzetting gegooid; twee aanhoudingen wegens het niet opvolgen van de noodverordening (art. 184 Sr).',
        source: 'Politie, eigen waarneming',
        sourceReliability: 'A',
        informationCredibility: '1',
      });
      correctEntry(session, {
        entryId: count.id,
        text: 'Telling politie: ca. 150 mensen bij het gemeentehuis; afzetting houdt.',
        informationCredibility: '1',
      });
      appendEntry(session, { caseId, type: 'waarneming', occurredAt: at(thu, '22:30'), text: 'Groep uiteen; rust teruggekeerd rond het gemeentehuis.' });

      changePhase(session, { caseId, phaseId: 'nafase', reason: 'Rust hersteld; nazorg, vervolging en evaluatie.', at: at(fri, '09:00') });
      handOverRole(session, { assignmentId: kRole.id, toPersonId: anouk, note: 'Dienstwissel.', at: at(fri, '09:00') });
      appendEntry(session, {
        caseId,
        type: 'notitie',
        occurredAt: at(fri, '09:30'),
        text: 'Eerste les: eerder en directer contact zoeken met de beheerder van het kanaal; communicatielijn met raadsleden vooraf afstemmen.',
      });
      createTask(session, {
        caseId,
        text: 'Evaluatie met de driehoek plannen',
        ownerRoleId: 'oov-adviseur',
        ownerPersonId: anouk,
        dueAt: at(fri + 7, '12:00'),
        at: at(fri, '09:35'),
      });
      return getCase(session, { caseId });
    })
    .immediate();
}
