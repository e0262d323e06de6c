import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addUser } from '../../db/users';
import { createCase } from '../../main/services/cases';
import { createPhase, removePhase, reorderPhases, updatePhase } from '../../main/services/phase-model';
import { changePhase, listPhases } from '../../main/services/phases';
import { sessionFor, type Session } from '../../main/services/session';
import { OrdelogError, type ErrorCode } from '../../shared/errors';
import { createTestVault, testKdf, type TestVault } from '../helpers/vault';

let vault: TestVault;
let admin: Session;
let editor: Session;

beforeEach(async () => {
  vault = await createTestVault();
  admin = sessionFor(vault.vault, 'app');
  const added = await addUser(vault.vault, {
    name: 'j.devries',
    displayName: 'Joost de Vries',
    role: 'redacteur',
    passphrase: 'redacteur-wachtwoordzin',
    kdf: testKdf,
  });
  editor = sessionFor({ database: vault.vault.database, user: { ...added } }, 'app');
});
afterEach(() => vault.cleanup());

function failure(work: () => unknown): { code: ErrorCode; detail: string | undefined } {
  try {
    work();
  } catch (error) {
    if (error instanceof OrdelogError) return { code: error.code, detail: error.detail };
    throw error;
  }
  throw new Error('expected an OrdelogError');
}

const auditOf = (action: string) =>
  vault.vault.database.sqlite
    .prepare('SELECT object, result, actor_id AS actorId FROM audit_lines WHERE action = ? ORDER BY id')
    .all(action) as { object: string; result: string; actorId: string }[];

const names = (session: Session) => listPhases(session).map((phase) => phase.name);

describe('the phase model', () => {
  it('lets a beheerder rename, describe, add and reorder phases, each change audited', () => {
    updatePhase(admin, { phaseId: 'samenkomst', name: 'Fysieke samenkomst', description: 'Mensen komen bijeen.' });
    const added = createPhase(admin, { name: 'Opschaling GRIP', description: 'De veiligheidsregio schaalt op.', position: 5 });
    expect(added.map((phase) => phase.id)).toEqual([
      'voedingsbodem',
      'online-signaal',
      'verspreiding',
      'samenkomst',
      'opschaling-grip',
      'ordeverstoring',
      'nafase',
    ]);
    expect(added.map((phase) => phase.ordinal)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(added[3]).toMatchObject({ name: 'Fysieke samenkomst', description: 'Mensen komen bijeen.' });

    const reordered = reorderPhases(admin, { phaseIds: [...added.map((phase) => phase.id)].reverse() });
    expect(reordered[0]!.id).toBe('nafase');
    expect(names(editor)[0]).toBe('Nafase');

    // A second phase of the same name gets its own id.
    expect(createPhase(admin, { name: 'Opschaling GRIP' }).at(-1)!.id).toBe('opschaling-grip-2');

    for (const action of ['phase.update', 'phase.create', 'phase.reorder']) {
      expect(auditOf(action)[0]).toMatchObject({ result: 'ok', actorId: admin.user.id });
    }
    expect(auditOf('phase.update')[0]!.object).toBe('phase:samenkomst');
  });

  it('refuses a reorder that leaves out or repeats a phase', () => {
    const ids = listPhases(admin).map((phase) => phase.id);
    expect(failure(() => reorderPhases(admin, { phaseIds: ids.slice(1) })).code).toBe('INVALID_INPUT');
    expect(failure(() => reorderPhases(admin, { phaseIds: [...ids.slice(1), ids[1]!] })).code).toBe('INVALID_INPUT');
    expect(listPhases(admin).map((phase) => phase.id)).toEqual(ids);
  });

  it('refuses a redacteur every change and audits the refusal', () => {
    const before = names(admin);
    const writes = [
      () => createPhase(editor, { name: 'Eigen fase' }),
      () => updatePhase(editor, { phaseId: 'nafase', name: 'Nazorg' }),
      () => reorderPhases(editor, { phaseIds: listPhases(editor).map((phase) => phase.id).reverse() }),
      () => removePhase(editor, { phaseId: 'nafase' }),
    ];
    for (const write of writes) expect(failure(write).code).toBe('FORBIDDEN');
    expect(names(admin)).toEqual(before);
    for (const [action, object] of [
      ['phase.create', 'phase-model'],
      ['phase.update', 'phase:nafase'],
      ['phase.reorder', 'phase-model'],
      ['phase.remove', 'phase:nafase'],
    ] as const) {
      expect(auditOf(action)).toEqual([{ object, result: 'geweigerd', actorId: editor.user.id }]);
    }
  });

  it('never removes a phase in use, and removes one nothing refers to', () => {
    const kase = createCase(admin, { title: 'Stationschallenge' });
    changePhase(admin, { caseId: kase.id, phaseId: 'verspreiding', reason: 'Oproep wordt massaal gedeeld.' });

    // The case's current phase, a phase of its history, and a phase the intervention catalogue uses.
    for (const phaseId of ['verspreiding', 'online-signaal', 'nafase']) {
      expect(failure(() => removePhase(admin, { phaseId }))).toEqual({ code: 'CONFLICT', detail: 'De fase is in gebruik.' });
    }
    expect(auditOf('phase.remove').map((line) => line.result)).toEqual(['fout', 'fout', 'fout']);

    const unused = createPhase(admin, { name: 'Tijdelijk', position: 1 })[0]!;
    const after = removePhase(admin, { phaseId: unused.id });
    expect(after.map((phase) => phase.id)).not.toContain(unused.id);
    expect(after.map((phase) => phase.ordinal)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(failure(() => removePhase(admin, { phaseId: unused.id })).code).toBe('NOT_FOUND');
  });
});
