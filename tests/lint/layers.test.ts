import { ESLint } from 'eslint';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const fixtures = path.join(repoRoot, 'tests', 'fixtures', 'lint');

interface Planted {
  name: string;
  code: string;
  lintAs: string;
}

function planted(folder: 'violations' | 'clean'): Planted[] {
  const dir = path.join(fixtures, folder);
  return readdirSync(dir)
    .sort()
    .map((name) => {
      const code = readFileSync(path.join(dir, name), 'utf8');
      const lintAs = /^\/\/ lint-as: (\S+)/.exec(code)?.[1];
      if (!lintAs) throw new Error(`${folder}/${name} has no "// lint-as: <path>" first line`);
      return { name, code, lintAs };
    });
}

// One ESLint for the whole file: it loads the repository's own eslint.config.js, as `npm run lint` does.
const eslint = new ESLint({ cwd: repoRoot });

async function lintAs(file: Planted) {
  const [result] = await eslint.lintText(file.code, { filePath: path.join(repoRoot, file.lintAs) });
  if (!result) throw new Error('ESLint returned no result');
  return result.messages;
}

describe('the layer rule (ordelog/layers) on planted files', () => {
  it.each(planted('violations').map((file) => [file.name, file] as const))('%s breaks the layer rule', async (_name, file) => {
    const messages = await lintAs(file);
    const layer = messages.filter((message) => message.ruleId === 'ordelog/layers');
    expect(layer, JSON.stringify(messages, null, 2)).not.toHaveLength(0);
    expect(layer.every((message) => message.severity === 2)).toBe(true);
    expect(layer[0]?.message).toMatch(/layer table in ARCHITECTURE\.md/);
  });

  it.each(planted('clean').map((file) => [file.name, file] as const))('%s passes every rule', async (_name, file) => {
    expect(await lintAs(file)).toEqual([]);
  });

  it('reports which folder a relative import reaches into, not only that it is wrong', async () => {
    const messages = await lintAs({
      name: 'inline',
      lintAs: 'renderer/src/inline.ts',
      code: "import { openDatabase } from '../../db/open';\nexport const open = openDatabase;\n",
    });
    expect(messages.map((message) => message.message)).toEqual([
      expect.stringContaining('renderer may import from shared, renderer (and types from preload), not from db'),
    ]);
  });

  it('does not mistake a renderer file named main for the main process', async () => {
    const messages = await lintAs({
      name: 'inline',
      lintAs: 'renderer/src/inline.ts',
      code: "export { mount } from './main';\n",
    });
    expect(messages).toEqual([]);
  });
});
