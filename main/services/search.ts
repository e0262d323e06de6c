import { searchDocuments } from '../../db/repositories/search';
import { searchInput, type SearchInput } from '../../shared/schemas';
import type { SearchHit } from '../../shared/views';
import { requireCase } from './guards';
import { parseInput } from './input';
import type { Session } from './session';

/**
 * Full-text search over entries, tasks and decisions of one case (or all cases when caseId is null). Every
 * word is matched as a prefix, diacritics ignored, all words must occur; the text is never FTS syntax.
 */
export function searchCase(session: Session, input: SearchInput): SearchHit[] {
  const args = parseInput(searchInput, input);
  if (args.caseId !== null) requireCase(session, args.caseId);
  return searchDocuments(session.db, args);
}
