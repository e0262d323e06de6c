import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';

/**
 * Durable file replacement: after a crash or power loss the file holds either the old or the new content,
 * never a mix, and a completed write survives.
 */

/** Makes a rename or a new directory entry durable. Windows cannot open a directory for fsync; NTFS
 * journals the rename itself, so there it is skipped. */
export function fsyncDirectory(dir: string): void {
  if (process.platform === 'win32') return;
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Writes `data` to a new file and fsyncs it. Fails if the file exists: callers own fresh names. */
export function writeFileDurable(file: string, data: Buffer | string): void {
  const fd = openSync(file, 'wx', 0o600);
  try {
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    let written = 0;
    while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** A fresh temporary name in the same directory, so the final rename never crosses file systems. */
export function siblingTempPath(file: string, purpose = 'tmp'): string {
  return join(dirname(file), `.${basename(file)}.${purpose}-${randomBytes(6).toString('hex')}`);
}

/** Temp file in the same directory, fsync, rename over the target, fsync the directory. */
export function writeFileAtomic(file: string, data: Buffer | string): void {
  const temp = siblingTempPath(file);
  try {
    writeFileDurable(temp, data);
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
  fsyncDirectory(dirname(file));
}

/**
 * A set of renames that must all happen (restore swaps a database and its key slots): the plan is written
 * durably first, then carried out; after a crash `resumeRenamePlan` finishes it. A rename runs only while its
 * source exists and its target does not, so re-running half-done renames never moves a file twice; the
 * removals only start once the plan file says the renames are complete.
 */
export interface RenamePlan {
  renames: { from: string; to: string }[];
  /** Removed once every rename is done (the replaced files, kept until then as the way back). */
  removeAfter: string[];
}

const renamePlanSchema = z.object({
  renames: z.array(z.object({ from: z.string().min(1), to: z.string().min(1) })),
  removeAfter: z.array(z.string().min(1)),
});

export function runRenamePlan(planFile: string, plan: RenamePlan): void {
  writeFileAtomic(planFile, JSON.stringify(plan));
  carryOut(planFile, plan);
}

/** Finishes a plan left by a crash; returns whether there was one. */
export function resumeRenamePlan(planFile: string): boolean {
  if (!existsSync(planFile)) return false;
  const plan = renamePlanSchema.parse(JSON.parse(readFileSync(planFile, 'utf8')));
  carryOut(planFile, plan);
  return true;
}

function carryOut(planFile: string, plan: RenamePlan): void {
  if (plan.renames.length > 0) {
    const dirs = new Set<string>();
    for (const { from, to } of plan.renames) {
      if (existsSync(from) && !existsSync(to)) renameSync(from, to);
      dirs.add(dirname(from)).add(dirname(to));
    }
    for (const dir of dirs) fsyncDirectory(dir);
    // Record that the renames are done before removing anything: re-running them once a replaced file is
    // gone would move the new file onto the free name, and the removal would then delete it.
    writeFileAtomic(planFile, JSON.stringify({ renames: [], removeAfter: plan.removeAfter }));
  }
  for (const file of plan.removeAfter) rmSync(file, { force: true });
  rmSync(planFile, { force: true });
  fsyncDirectory(dirname(planFile));
}
