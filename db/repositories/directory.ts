import { asc, eq, inArray } from 'drizzle-orm';
import type { Organisation, Person } from '../../shared/views';
import type { OpenedDatabase } from '../open';
import { organisations, people } from '../schema';

export type NewOrganisation = typeof organisations.$inferInsert;
export type NewPerson = typeof people.$inferInsert;

const organisationView = {
  id: organisations.id,
  name: organisations.name,
  kind: organisations.kind,
  contact: organisations.contact,
  notes: organisations.notes,
};

const personView = {
  id: people.id,
  name: people.name,
  organisationId: people.organisationId,
  function: people.function,
  contact: people.contact,
  phone: people.phone,
  notes: people.notes,
};

export function insertOrganisation(store: OpenedDatabase, row: NewOrganisation): Organisation {
  return store.db.insert(organisations).values(row).returning(organisationView).get();
}

export function updateOrganisationRow(
  store: OpenedDatabase,
  id: string,
  patch: Partial<Omit<Organisation, 'id'>> & { updatedAt: string },
): Organisation | undefined {
  return store.db.update(organisations).set(patch).where(eq(organisations.id, id)).returning(organisationView).get();
}

export function listOrganisations(store: OpenedDatabase, filter: { ids?: string[] } = {}): Organisation[] {
  return store.db
    .select(organisationView)
    .from(organisations)
    .where(filter.ids ? inArray(organisations.id, filter.ids) : undefined)
    .orderBy(asc(organisations.name), asc(organisations.id))
    .all();
}

export function findOrganisation(store: OpenedDatabase, id: string): Organisation | undefined {
  return listOrganisations(store, { ids: [id] })[0];
}

export function insertPerson(store: OpenedDatabase, row: NewPerson): Person {
  return store.db.insert(people).values(row).returning(personView).get();
}

export function updatePersonRow(
  store: OpenedDatabase,
  id: string,
  patch: Partial<Omit<Person, 'id'>> & { updatedAt: string },
): Person | undefined {
  return store.db.update(people).set(patch).where(eq(people.id, id)).returning(personView).get();
}

export function listPeople(store: OpenedDatabase, filter: { ids?: string[] } = {}): Person[] {
  return store.db
    .select(personView)
    .from(people)
    .where(filter.ids ? inArray(people.id, filter.ids) : undefined)
    .orderBy(asc(people.name), asc(people.id))
    .all();
}

export function findPerson(store: OpenedDatabase, id: string): Person | undefined {
  return listPeople(store, { ids: [id] })[0];
}
