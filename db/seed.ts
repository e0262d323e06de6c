import { defaultInterventions } from '../shared/catalogue/interventions';
import { defaultLegalBases } from '../shared/catalogue/legal-bases';
import { defaultPhases } from '../shared/catalogue/phases';
import { defaultCaseRoles } from '../shared/catalogue/roles';
import type { OpenedDatabase } from './open';
import {
  insertCaseRoleIfMissing,
  insertInterventionIfMissing,
  insertLegalBasisIfMissing,
  insertPhaseIfMissing,
} from './repositories/catalogue';

/**
 * Puts the default catalogues into a vault. Idempotent and never overwrites: items a municipality changed stay
 * as they are, items a newer Ordelog adds appear. Call it after creating a vault and after each unlock (cheap:
 * a few dozen ignored inserts). Migrations never depend on it.
 */
export function seedCatalogues(store: OpenedDatabase): void {
  store.sqlite
    .transaction(() => {
      for (const phase of defaultPhases) insertPhaseIfMissing(store, phase);
      for (const role of defaultCaseRoles) insertCaseRoleIfMissing(store, role);
      for (const basis of defaultLegalBases) insertLegalBasisIfMissing(store, basis);
      defaultInterventions.forEach(({ phases, ...intervention }, index) =>
        insertInterventionIfMissing(store, { ...intervention, ordinal: index + 1, phaseIds: phases }),
      );
    })
    .immediate();
}
