#!/usr/bin/env node
// Runs the admin CLI bundled by `npm run build` (scripts/build-main.js): no TypeScript tooling at run time.
import { existsSync } from 'node:fs';

const bundle = new URL('../dist/cli/ordelog-admin.mjs', import.meta.url);
if (existsSync(bundle)) {
  await import(bundle.href);
} else {
  process.stderr.write('Ordelog-beheer is niet gebouwd: voer eerst npm run build uit.\n');
  process.exitCode = 1;
}
