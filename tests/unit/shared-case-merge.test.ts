import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { verifyChains } from '../../db/chain';
import { createCase } from '../../main/services/cases';
import { appendEntry } from '../../main/services/entries';
import { listExports } from '../../main/services/export-register';
import { importBundle } from '../../main/services/sharing/bundles';
import { syncCase } from '../../main/services/sharing/replicas';
import { bundleFor, finalLogOf, introduce, party, provisionalIdsOf, type Party } from '../helpers/partners';

/*
 * Three vaults pass one case around in any order; whatever the order, once everyone has exchanged with the owner
 * they hold the same final log, with every entry anyone wrote in it exactly once.
 *
 * Every bundle sent writes one line in the sender's log (after sealing: the bundle does not carry it), and every
 * bundle read that brought something in writes one line in the reader's log. Those lines are entries too: the
 * total is counted from the schedule and every line is looked for.
 */

const names = ['Gemeente Lindedorp', 'Politie basisteam Lindedorp', 'Jongerenwerk Lindedorp'] as const;
const owner = 0;

type Step = { kind: 'append'; at: number; count: number } | { kind: 'send'; from: number; to: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('append' as const), at: fc.integer({ min: 0, max: 2 }), count: fc.integer({ min: 1, max: 3 }) }),
  fc
    .record({ kind: fc.constant('send' as const), from: fc.integer({ min: 0, max: 2 }), by: fc.integer({ min: 1, max: 2 }) })
    .map(({ from, by }) => ({ kind: 'send' as const, from, to: (from + by) % 3 })),
);

interface Run {
  parties: Party[];
  caseId: string;
  /** Every entry written anywhere, with the vault that wrote it. */
  written: number;
  appended: Set<string>;
  lastBundle: { to: number; bytes: Buffer } | null;
}

async function start(): Promise<Run> {
  const parties = [
    await party(names[0], 'OOV-adviseur Jansen'),
    await party(names[1], 'Wijkagent de Vries'),
    await party(names[2], 'Jongerenwerker Bakker'),
  ];
  introduce(parties[0]!, parties[1]!);
  introduce(parties[0]!, parties[2]!);
  introduce(parties[1]!, parties[2]!);
  const caseId = createCase(parties[owner]!.session, { title: 'Oproep tot rellen bij het station' }).id;
  const appended = new Set<string>();
  appended.add(appendEntry(parties[owner]!.session, { caseId, type: 'signaal', text: 'Oproep op TikTok' }).id);
  const run: Run = { parties, caseId, written: finalLogOf(parties[owner]!.test.vault, caseId).length, appended, lastBundle: null };
  await send(run, owner, 1);
  await send(run, owner, 2);
  return run;
}

async function send(run: Run, from: number, to: number): Promise<void> {
  const bytes = await bundleFor(run.parties[from]!, run.parties[to]!, run.caseId);
  run.written += 1;
  const result = await importBundle(run.parties[to]!.session, bytes, {});
  if (result.created || result.added > 0) run.written += 1;
  run.lastBundle = { to, bytes };
}

function append(run: Run, at: number, count: number): void {
  for (let n = 0; n < count; n += 1) {
    const entry = appendEntry(run.parties[at]!.session, { caseId: run.caseId, type: 'waarneming', text: `Waarneming ${at}-${run.written}` });
    run.appended.add(entry.id);
    run.written += 1;
  }
}

function finish(run: Run): void {
  for (const each of run.parties) each.test.cleanup();
}

describe('a case shared among three vaults', () => {
  it('ends with the same final log everywhere, whatever the order of appends and exchanges', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 6 }), async (schedule) => {
        const run = await start();
        try {
          for (const each of schedule) {
            if (each.kind === 'append') append(run, each.at, each.count);
            else await send(run, each.from, each.to);
          }
          // Everyone to the owner, the owner back to everyone.
          await send(run, 1, owner);
          await send(run, 2, owner);
          const atOwnerBeforeReturn = finalLogOf(run.parties[owner]!.test.vault, run.caseId).length;
          await send(run, owner, 1);
          await send(run, owner, 2);
          await syncCase(run.parties[owner]!.session, run.caseId);

          const { vault: ownerVault } = run.parties[owner]!.test;
          const ownerLog = finalLogOf(ownerVault, run.caseId);
          const logs = run.parties.map((each) => finalLogOf(each.test.vault, run.caseId));
          // The owner's two lines about the bundles it sent last were written after sealing them: the first
          // partner lacks both, the second the last one. Everything before is the same everywhere.
          expect(logs[1]).toEqual(ownerLog.slice(0, atOwnerBeforeReturn));
          expect(logs[2]).toEqual(ownerLog.slice(0, atOwnerBeforeReturn + 1));
          expect(ownerLog).toHaveLength(atOwnerBeforeReturn + 2);
          expect(ownerLog.slice(atOwnerBeforeReturn).map((row) => row.type)).toEqual(['systeem_export', 'systeem_export']);

          // Nothing anyone appended is missing or doubled anywhere.
          for (const log of logs) {
            const ids = log.map((row) => row.id);
            expect(new Set(ids).size).toBe(ids.length);
            for (const id of run.appended) expect(ids.filter((each) => each === id)).toHaveLength(1);
          }
          // What is still provisional at a partner is its own two lines of the last round (the bundle it sent,
          // the bundle it read), written after its last bundle left; every other line is final at the owner.
          const leftOver = run.parties.slice(1).map((each) => provisionalIdsOf(each.test.vault, run.caseId));
          for (const ids of leftOver) expect(ids).toHaveLength(2);
          expect(provisionalIdsOf(ownerVault, run.caseId)).toEqual([]);
          expect(ownerLog.length + leftOver.flat().length).toBe(run.written);

          for (const each of run.parties) expect(verifyChains(each.test.vault.database.sqlite)).toMatchObject({ ok: true });

          // The last bundle read again changes nothing.
          const last = run.lastBundle!;
          const reader = run.parties[last.to]!;
          const before = {
            log: finalLogOf(reader.test.vault, run.caseId),
            provisional: provisionalIdsOf(reader.test.vault, run.caseId),
            exports: listExports(reader.session, { caseId: run.caseId }),
          };
          await expect(importBundle(reader.session, last.bytes, {})).resolves.toMatchObject({ created: false, added: 0, provisional: 0, refused: 0 });
          expect({
            log: finalLogOf(reader.test.vault, run.caseId),
            provisional: provisionalIdsOf(reader.test.vault, run.caseId),
            exports: listExports(reader.session, { caseId: run.caseId }),
          }).toEqual(before);
        } finally {
          finish(run);
        }
      }),
      { numRuns: 8, seed: 1414, endOnFailure: true },
    );
  }, 240_000);
});
