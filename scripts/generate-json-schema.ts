/**
 * Writes docs/case-format.schema.json from the case file's zod schema (shared/case-format.ts).
 * Run: npx tsx scripts/generate-json-schema.ts — tests/unit/case-format.test.ts fails when the file is stale.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderCaseFormatJsonSchema } from '../shared/case-format';

const target = fileURLToPath(new URL('../docs/case-format.schema.json', import.meta.url));
writeFileSync(target, renderCaseFormatJsonSchema());
console.log(`Geschreven: ${target}`);
