import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const gate = path.join(repoRoot, 'scripts', 'electronegativity-gate.js');
const outDirs: string[] = [];

/** Runs the gate as CI does, as its own process, and reads its exit code and output. */
function runGate(inputs: string[]) {
  const outDir = mkdtempSync(path.join(tmpdir(), 'ordelog-eng-'));
  outDirs.push(outDir);
  const args = [gate, ...inputs.flatMap((input) => ['--input', input]), '--out-dir', outDir];
  const started = performance.now();
  const run = spawnSync(process.execPath, args, { cwd: repoRoot, encoding: 'utf8', timeout: 120_000 });
  return { status: run.status, output: `${run.stdout}\n${run.stderr}`, seconds: (performance.now() - started) / 1000 };
}

afterAll(() => {
  for (const dir of outDirs) rmSync(dir, { recursive: true, force: true });
});

describe('the electronegativity gate', () => {
  it('passes on the real shell, preload and renderer', () => {
    const run = runGate([]);
    console.log(`electronegativity gate on the app: ${run.seconds.toFixed(1)} s`);
    expect(run.output).not.toMatch(/FAIL/);
    expect(run.status, run.output).toBe(0);
    expect(run.output).toMatch(/0 medium or higher/);
  });

  it('fails on a window with node integration and without context isolation, listing the findings', () => {
    const run = runGate(['tests/fixtures/electronegativity/insecure']);
    expect(run.status, run.output).toBe(1);
    expect(run.output).toMatch(/FAIL: findings of medium severity or higher/);
    expect(run.output).toMatch(/HIGH +CONTEXT_ISOLATION_JS_CHECK +tests\/fixtures\/electronegativity\/insecure\/main\.js:\d+/);
    expect(run.output).toMatch(/NODE_INTEGRATION/);
    expect(run.output).toMatch(/OPEN_EXTERNAL_JS_CHECK/);
  });

  it('fails on an exclusion that does not say why', () => {
    const run = runGate(['tests/fixtures/electronegativity/unjustified']);
    expect(run.status, run.output).toBe(1);
    expect(run.output).toMatch(/FAIL: exclusions without a justification/);
    expect(run.output).toMatch(/tests\/fixtures\/electronegativity\/unjustified\/main\.js:12/);
    // The exclusion itself works; the missing reason alone fails the gate.
    expect(run.output).toMatch(/0 medium or higher/);
  });
});
