import { describe, expect, it } from 'vitest';
import type { JobProgress, OrdelogEvent } from '../../shared/contract';
import { nextProgress, progressBar, progressOf } from '../../renderer/src/data/job-progress';

const ours = '5f0c6a52-2d55-4c55-9f43-3a1c1f0d6a01';
const other = '9b2e1a77-0c3d-4b8e-8a51-6d2f4e7c9b02';
const progress = (requestId: string, done: number, total = 100_000): JobProgress => ({ requestId, kind: 'export-log-pdf', phase: 'reading', done, total });
const report = (requestId: string, done: number, total?: number): OrdelogEvent => ({ type: 'job', progress: progress(requestId, done, total) });

describe("a job's progress on screen", () => {
  it('follows the reports of its own request id', () => {
    const first = nextProgress(null, ours, report(ours, 12_000));
    expect(first).toEqual(progress(ours, 12_000));
    expect(nextProgress(first, ours, report(ours, 24_000))?.done).toBe(24_000);
  });

  it("ignores another job's reports and the lock event", () => {
    const shown = nextProgress(null, ours, report(ours, 12_000));
    expect(nextProgress(shown, ours, report(other, 99_000))).toBe(shown);
    expect(nextProgress(null, ours, report(other, 99_000))).toBeNull();
    expect(nextProgress(shown, ours, { type: 'locked', reason: 'idle' })).toBe(shown);
    expect(nextProgress(null, null, report(ours, 1))).toBeNull();
  });

  it('shows nothing of a job that ended, nor of an earlier job once a new one started', () => {
    const latest = nextProgress(null, ours, report(ours, 12_000));
    expect(progressOf(latest, ours)?.done).toBe(12_000);
    expect(progressOf(latest, null)).toBeNull();
    expect(progressOf(latest, other)).toBeNull();
  });

  it('fills the bar to done of total, and leaves it busy without a value before a report or without a total', () => {
    expect(progressBar(progress(ours, 12_000))).toEqual({ value: 12_000, max: 100_000 });
    expect(progressBar(null)).toBeNull();
    expect(progressBar(progress(ours, 0, 0))).toBeNull();
    expect(progressBar(progress(ours, 7, 5))).toEqual({ value: 5, max: 5 });
  });
});
