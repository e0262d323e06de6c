import { randomUUID } from 'node:crypto';
import {
  findCaseRole,
  findIntervention,
  findLegalBasis,
  findPhase,
  insertCaseRoleIfMissing,
  insertInterventionIfMissing,
  insertLegalBasisIfMissing,
  insertPhaseIfMissing,
} from '../../db/repositories/catalogue';
import {
  findOrganisation,
  findPerson,
  insertOrganisation,
  insertPerson,
} from '../../db/repositories/directory';
import type { OpenedDatabase } from '../../db/open';
import type { CaseFile } from '../../shared/case-format';
import { invalidField } from './input';

/** Resolves an optional reference of a file: absent or null stays null, anything else must resolve. */
export function optionalRef<T, R>(value: T | null | undefined, resolve: (value: T) => R): R | null {
  return value === null || value === undefined ? null : resolve(value);
}

/** `value`, or INVALID_INPUT naming the field of the file it came from. */
export function orInvalid<T>(value: T | undefined, path: string): T {
  if (value === undefined) throw invalidField(path);
  return value;
}

/**
 * Adds the file's catalogue items the vault does not have yet. Items the vault has keep the vault's version:
 * a municipality's own catalogue wins over what a file brings.
 */
export function importCatalogue(store: OpenedDatabase, catalogue: CaseFile['catalogue']): void {
  for (const phase of catalogue?.phases ?? []) insertPhaseIfMissing(store, { ...phase, description: phase.description ?? '' });
  for (const role of catalogue?.roles ?? []) insertCaseRoleIfMissing(store, { ...role, description: role.description ?? '', singleHolder: role.singleHolder ?? false });
  for (const basis of catalogue?.legalBases ?? []) {
    insertLegalBasisIfMissing(store, { ...basis, description: basis.description ?? '', deadlineRules: basis.deadlineRules ?? [] });
  }
  catalogue?.interventions?.forEach((intervention, index) => {
    const path = `catalogue.interventions.${index}`;
    const legalBasisId = intervention.legalBasis ?? null;
    if (legalBasisId !== null) orInvalid(findLegalBasis(store, legalBasisId), `${path}.legalBasis`);
    const phaseIds = intervention.phases ?? [];
    phaseIds.forEach((phaseId, phaseIndex) => orInvalid(findPhase(store, phaseId), `${path}.phases.${phaseIndex}`));
    insertInterventionIfMissing(store, {
      id: intervention.id,
      ordinal: intervention.ordinal,
      name: intervention.name,
      description: intervention.description ?? '',
      type: intervention.type,
      phaseIds,
      decidedBy: intervention.decidedBy ?? '',
      legalBasisId,
      caveats: intervention.caveats ?? '',
    });
  });
}

/** Resolves catalogue ids a file refers to, against the vault (after `importCatalogue`). */
export function catalogueResolver(store: OpenedDatabase) {
  // An import names the same few phases and roles on thousands of rows: each is looked up once.
  const remembered = <T>(find: (id: string) => T | undefined) => {
    const known = new Map<string, T | undefined>();
    return (id: string): T | undefined => {
      if (!known.has(id)) known.set(id, find(id));
      return known.get(id);
    };
  };
  const phase = remembered((id) => findPhase(store, id));
  const role = remembered((id) => findCaseRole(store, id));
  const legalBasis = remembered((id) => findLegalBasis(store, id));
  const intervention = remembered((id) => findIntervention(store, id));
  return {
    phase: (id: string, path: string) => orInvalid(phase(id), path).id,
    role: (id: string, path: string) => orInvalid(role(id), path).id,
    legalBasis: (id: string | null | undefined, path: string) =>
      optionalRef(id, (basisId) => orInvalid(legalBasis(basisId), path).id),
    intervention: (id: string, path: string) => orInvalid(intervention(id), path).id,
  };
}

function directoryId(existing: { name: string } | undefined, record: { id: string; name: string }): { id: string; insert: boolean } {
  if (!existing) return { id: record.id, insert: true };
  if (existing.name === record.name) return { id: record.id, insert: false };
  return { id: randomUUID(), insert: true };
}

/**
 * Brings the file's organisations and people into the directory. A record whose id the vault already has
 * under the same name is the same record (a case moved between vaults of one team); an id the vault does
 * not know is kept; an id the vault uses for someone else gets a new id. Returns file id → vault id.
 */
export function importDirectory(
  store: OpenedDatabase,
  file: Pick<CaseFile, 'organisations' | 'people'>,
  at: string,
): { person: (id: string, path: string) => string } {
  const organisationIds = new Map<string, string>();
  for (const organisation of file.organisations ?? []) {
    const { id, insert } = directoryId(findOrganisation(store, organisation.id), organisation);
    if (insert) {
      insertOrganisation(store, {
        id,
        name: organisation.name,
        kind: organisation.kind,
        contact: organisation.contact ?? '',
        notes: organisation.notes ?? '',
        createdAt: at,
        updatedAt: at,
      });
    }
    organisationIds.set(organisation.id, id);
  }
  const personIds = new Map<string, string>();
  file.people?.forEach((person, index) => {
    const organisationRef = person.organisation ?? null;
    const organisationId =
      organisationRef === null
        ? null
        : (organisationIds.get(organisationRef) ??
          orInvalid(findOrganisation(store, organisationRef), `people.${index}.organisation`).id);
    const { id, insert } = directoryId(findPerson(store, person.id), person);
    if (insert) {
      insertPerson(store, {
        id,
        name: person.name,
        organisationId,
        function: person.function ?? '',
        contact: person.contact ?? '',
        phone: person.phone ?? '',
        notes: person.notes ?? '',
        createdAt: at,
        updatedAt: at,
      });
    }
    personIds.set(person.id, id);
  });
  return {
    person: (id, path) => personIds.get(id) ?? orInvalid(findPerson(store, id), path).id,
  };
}
