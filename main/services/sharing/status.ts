import { provisionalEntriesOf, refusalsOf, replicaAuthorsOf, replicasOfCase } from '../../../db/repositories/replicas';
import type { CaseIdInput } from '../../../shared/schemas';
import type { SharingStatus } from '../../../shared/sharing';
import { readOfCase } from '../guards';
import type { Session } from '../session';

/** How a case is shared: whether, by whom, with which authors, what is provisional and what the rules refused. */
export function sharingStatus(session: Session, input: CaseIdInput): SharingStatus {
  return readOfCase(session, input, (store, caseId) => {
    const replicas = replicasOfCase(store, caseId);
    const replica = replicas.find((candidate) => candidate.scope === 'alles') ?? replicas[0];
    if (!replica) return { shared: false, scopes: [], owner: true, ownerOrganisation: null, authors: [], provisional: 0, refusals: [], finalEntries: 0 };
    const authors = replicaAuthorsOf(store, replica.caseKey);
    const writers = new Map(authors.map((author) => [author.authorKey, author.organisation]));
    return {
      shared: true,
      scopes: replicas.map((candidate) => candidate.scope),
      owner: replica.owner,
      ownerOrganisation: authors.find((author) => author.owner)?.organisation ?? null,
      authors: authors.map(({ name, organisation, owner }) => ({ name, organisation, owner })),
      provisional: provisionalEntriesOf(store, replica.caseKey).length,
      refusals: refusalsOf(store, replica.caseKey).map(({ position, reason, writer }) => ({
        position,
        reason,
        organisation: writers.get(writer) ?? null,
      })),
      finalEntries: replica.placed,
    };
  });
}
