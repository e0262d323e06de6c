import { randomUUID } from 'node:crypto';
import {
  findOrganisation,
  insertOrganisation,
  insertPerson,
  listOrganisations as listOrganisationRows,
  listPeople as listPeopleRows,
  updateOrganisationRow,
  updatePersonRow,
} from '../../db/repositories/directory';
import {
  createOrganisationInput,
  createPersonInput,
  updateOrganisationInput,
  updatePersonInput,
  type CreateOrganisationInput,
  type CreatePersonInput,
  type UpdateOrganisationInput,
  type UpdatePersonInput,
} from '../../shared/schemas';
import type { Organisation, Person } from '../../shared/views';
import { requireFound } from './guards';
import { invalidField } from './input';
import { mutate } from './mutate';
import { now, type Session } from './session';

/** The offline directory of partners: organisations and the people in them, shared by all cases of a vault. */

export function listOrganisations(session: Session): Organisation[] {
  return listOrganisationRows(session.db);
}

export function listPeople(session: Session): Person[] {
  return listPeopleRows(session.db);
}

export function createOrganisation(session: Session, input: CreateOrganisationInput): Organisation {
  const id = randomUUID();
  return mutate(session, { action: 'organisation.create', schema: createOrganisationInput, object: () => `organisation:${id}` }, input, (args) => {
    const at = now();
    return insertOrganisation(session.db, { id, ...args, createdAt: at, updatedAt: at });
  });
}

export function updateOrganisation(session: Session, input: UpdateOrganisationInput): Organisation {
  return mutate(session, { action: 'organisation.update', schema: updateOrganisationInput, object: (a) => `organisation:${a.organisationId}` }, input, (args) => {
    const { organisationId, ...patch } = args;
    return requireFound(updateOrganisationRow(session.db, organisationId, { ...patch, updatedAt: now() }));
  });
}

function checkOrganisation(session: Session, organisationId: string | null | undefined): void {
  if (organisationId && !findOrganisation(session.db, organisationId)) throw invalidField('organisationId');
}

export function createPerson(session: Session, input: CreatePersonInput): Person {
  const id = randomUUID();
  return mutate(session, { action: 'person.create', schema: createPersonInput, object: () => `person:${id}` }, input, (args) => {
    checkOrganisation(session, args.organisationId);
    const at = now();
    return insertPerson(session.db, { id, ...args, createdAt: at, updatedAt: at });
  });
}

export function updatePerson(session: Session, input: UpdatePersonInput): Person {
  return mutate(session, { action: 'person.update', schema: updatePersonInput, object: (a) => `person:${a.personId}` }, input, (args) => {
    const { personId, ...patch } = args;
    checkOrganisation(session, patch.organisationId);
    return requireFound(updatePersonRow(session.db, personId, { ...patch, updatedAt: now() }));
  });
}
