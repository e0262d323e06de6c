#!/usr/bin/env node
// The Electron security gate: runs Doyensec's electronegativity over the shell, the preload and the renderer (or the paths
// given with --input), writes its SARIF report, and fails when
//   - a finding of MEDIUM severity or higher remains (electronegativity itself exits 0 on findings), or
//   - an inline exclusion (`eng-disable CHECK_ID`) carries no justification, written as
//         /* eng-disable CHECK_ID -- why this is safe here, in words */
//   - a file could not be parsed (an unparsed file is an unscanned file).
// Electronegativity's SARIF has no severity (every result is "warning" or "note"), so the decision is made on
// the structured result its runner returns for the same scan; the SARIF is written beside it for CI viewers.
//
// Usage: node scripts/electronegativity-gate.js [--input <dir|file>]... [--out-dir <dir>]   (default dist/electronegativity)
import { createRequire, Module } from 'node:module';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const requireHere = createRequire(import.meta.url);
const engPackageJson = requireHere.resolve('@doyensec/electronegativity/package.json');
const engRequire = createRequire(engPackageJson);

export const defaultInputs = ['main/shell', 'main/preload', 'renderer'];
const severityOrder = ['INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH'];
const scannedExtensions = new Set(['.js', '.jsx', '.ts', '.tsx', '.html', '.htm']);
const minimumJustification = 20;

/**
 * Electronegativity fetches translations from a cloud bucket on every run. Build machines have no network and
 * the gate must not phone home, so its HTTP client answers "not found" at once and the bundled English is used.
 */
function keepOffline() {
  const gotPath = engRequire.resolve('got', { paths: [path.dirname(engRequire.resolve('./dist/locales/i18n.js'))] });
  const offline = new Module(gotPath);
  offline.filename = gotPath;
  offline.loaded = true;
  offline.exports = async () => ({ statusCode: 404, body: '' });
  Module._cache[gotPath] = offline;
  process.env.LANG = 'en-US';
}

function electronVersion() {
  return requireHere('electron/package.json').version;
}

function listFiles(input) {
  const stats = statSync(input);
  if (stats.isFile()) return [input];
  return readdirSync(input, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && scannedExtensions.has(path.extname(entry.name)))
    .map((entry) => path.join(entry.parentPath ?? entry.path, entry.name))
    .filter((file) => !file.split(path.sep).includes('node_modules'));
}

/** Every `eng-disable` comment in the scanned files, with whether it says why. */
export function findExclusions(files) {
  const exclusions = [];
  for (const file of files) {
    const lines = readFileSync(file, 'utf8').split(/\r?\n/);
    lines.forEach((line, index) => {
      const at = line.indexOf('eng-disable');
      if (at === -1) return;
      const match = /eng-disable[ \t]+([A-Z0-9_]+(?:[ \t]+[A-Z0-9_]+)*)[ \t]+--[ \t]+(.*?)(?:\*\/|-->|$)/.exec(line.slice(at));
      const justification = match?.[2]?.trim() ?? '';
      exclusions.push({
        file,
        line: index + 1,
        checks: match?.[1]?.split(/[ \t]+/) ?? [],
        justification,
        justified: justification.length >= minimumJustification,
      });
    });
  }
  return exclusions;
}

function severityName(issue) {
  return issue.severity?.name ?? 'INFORMATIONAL';
}

export function isBlocking(issue) {
  return severityOrder.indexOf(severityName(issue)) >= severityOrder.indexOf('MEDIUM');
}

function relative(file) {
  return path.isAbsolute(file) ? path.relative(repoRoot, file) : file;
}

/**
 * Copies the inputs, keeping their repository paths, into one folder, so electronegativity judges them as one
 * application: its global checks (navigation limits, permission handler, CSP) look across all files it sees.
 */
function stage(inputs, stagingDir) {
  rmSync(stagingDir, { recursive: true, force: true });
  for (const input of inputs) {
    const absolute = path.resolve(repoRoot, input);
    const inside = path.relative(repoRoot, absolute);
    const target = inside.startsWith('..') ? path.join(stagingDir, 'external', path.basename(absolute)) : path.join(stagingDir, inside);
    cpSync(absolute, target, { recursive: true, filter: (source) => !source.split(path.sep).includes('node_modules') });
  }
  return (stagedFile) => {
    const inside = path.relative(stagingDir, stagedFile);
    return inside.startsWith('external') ? stagedFile : path.join(repoRoot, inside);
  };
}

/** Scans the inputs as one application and returns what the gate decides on (no exit: tests call it too). */
export async function runGate({ inputs = defaultInputs, outDir = path.join(repoRoot, 'dist', 'electronegativity') } = {}) {
  keepOffline();
  const run = engRequire('./dist/runner.js');
  const stagingDir = path.join(outDir, 'scanned');
  const sarif = path.join(outDir, 'electronegativity.sarif');
  mkdirSync(outDir, { recursive: true });
  const started = performance.now();
  const original = stage(inputs, stagingDir);
  const result = await run({
    input: stagingDir,
    output: sarif,
    isSarif: true,
    isRelative: true,
    customScan: [],
    // It downloads Electron's release list from GitHub; offline it cannot judge. Staying on a supported
    // Electron is the pinned devDependency's job.
    excludeFromScan: ['AvailableSecurityFixesGlobalCheck'],
    electronVersionOverride: electronVersion(),
    parserPlugins: [],
  });
  const seconds = (performance.now() - started) / 1000;
  const files = listFiles(stagingDir);
  const findings = result.issues.map((issue) => ({
    ...issue,
    file: issue.file && issue.file !== 'N/A' ? original(path.resolve(stagingDir, issue.file)) : null,
  }));
  const exclusions = findExclusions(files).map((exclusion) => ({ ...exclusion, file: original(exclusion.file) }));
  return {
    seconds,
    files: files.length,
    sarif,
    findings,
    blocking: findings.filter(isBlocking),
    unjustified: exclusions.filter((exclusion) => !exclusion.justified),
    exclusions,
    parseErrors: result.errors.filter((error) => !error.tolerable).map((error) => ({ ...error, file: original(error.file) })),
  };
}

function describe(issue) {
  const where = issue.file ? `${relative(issue.file)}:${issue.location?.line ?? 0}` : '(whole application)';
  return `${severityName(issue).padEnd(13)} ${issue.id}  ${where}\n      ${issue.description}`;
}

async function main() {
  const args = process.argv.slice(2);
  const inputs = [];
  let outDir;
  for (let i = 0; i < args.length; i += 1) {
    if (args[i] === '--input' && args[i + 1]) inputs.push(args[(i += 1)]);
    else if (args[i] === '--out-dir' && args[i + 1]) outDir = path.resolve(args[(i += 1)]);
    else {
      console.error(`electronegativity-gate: unknown argument ${args[i]}`);
      process.exit(2);
    }
  }
  const report = await runGate({ inputs: inputs.length > 0 ? inputs : defaultInputs, ...(outDir ? { outDir } : {}) });
  const below = report.findings.filter((issue) => !isBlocking(issue));
  console.log(
    `electronegativity-gate: ${report.files} files, ${report.findings.length} findings ` +
      `(${report.blocking.length} medium or higher), ${report.exclusions.length} inline exclusions ` +
      `(${report.unjustified.length} without a reason), ` +
      `${report.seconds.toFixed(1)} s; SARIF: ${relative(report.sarif)}`,
  );
  for (const issue of below) console.log(`  note  ${describe(issue)}`);
  for (const exclusion of report.exclusions.filter((item) => item.justified)) {
    console.log(`  excluded ${exclusion.checks.join(' ')} at ${relative(exclusion.file)}:${exclusion.line}: ${exclusion.justification}`);
  }
  let failed = false;
  if (report.blocking.length > 0) {
    failed = true;
    console.error('FAIL: findings of medium severity or higher (fix them, or exclude one inline with a justification):');
    for (const issue of report.blocking) console.error(`  ${describe(issue)}`);
  }
  if (report.unjustified.length > 0) {
    failed = true;
    console.error(`FAIL: exclusions without a justification (write "eng-disable CHECK_ID -- why", at least ${minimumJustification} characters):`);
    for (const exclusion of report.unjustified) console.error(`  ${relative(exclusion.file)}:${exclusion.line}`);
  }
  if (report.parseErrors.length > 0) {
    failed = true;
    console.error('FAIL: files electronegativity could not parse (and so did not check):');
    for (const error of report.parseErrors) console.error(`  ${relative(error.file)}: ${error.message}`);
  }
  process.exitCode = failed ? 1 : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().catch((error) => {
    console.error(`electronegativity-gate: ${error instanceof Error ? error.stack : String(error)}`);
    process.exitCode = 1;
  });
}
