// ESLint flat config. The part that matters most is `ordelog/layers`: who may import whom, the table in
// ARCHITECTURE.md as data, checked on resolved paths (the way VS Code's code-layering rule and Signal's
// restricted-paths rule do it), so a relative import cannot hide which folder it reaches into.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import tseslint from 'typescript-eslint';

const repoRoot = path.dirname(fileURLToPath(import.meta.url));

/** Which layer a repository path belongs to: `tests` may import anything and be imported by nothing; scripts,
 * bin and root files (null) are unrestricted. */
function layerOf(relativePath) {
  const [top, second] = relativePath.split(/[\\/]/);
  if (top === 'shared' || top === 'db' || top === 'renderer') return top;
  if (top === 'main') {
    if (second === 'shell') return 'shell';
    if (second === 'preload') return 'preload';
    return 'services';
  }
  if (top === 'tests') return 'tests';
  return null;
}

const nodeBuiltins = new Set(builtinModules.filter((name) => !name.startsWith('_')));
const storagePackages = ['better-sqlite3', 'drizzle-orm', 'drizzle-kit'];

/**
 * The table. `folders`: layers whose files it may import; `typeOnly`: layers it may import types from only;
 * `packages`: packages it may not import, with the reason shown in the error.
 */
const layerTable = {
  shared: {
    folders: ['shared'],
    packages: { node: 'shared is pure TypeScript', electron: 'shared is pure TypeScript', storage: 'shared is pure TypeScript' },
  },
  db: { folders: ['shared', 'db'], packages: { electron: 'db never imports electron' } },
  services: {
    folders: ['shared', 'db', 'services'],
    packages: { electron: 'only main/shell and the preload import electron' },
  },
  shell: { folders: ['shared', 'db', 'services', 'shell', 'preload'], packages: {} },
  preload: { folders: ['shared', 'db', 'services', 'preload'], packages: {} },
  renderer: {
    folders: ['shared', 'renderer'],
    typeOnly: ['preload'],
    packages: {
      node: 'the renderer talks to the main process only through window.ordelog',
      electron: 'the renderer talks to the main process only through window.ordelog',
      storage: 'the renderer never touches the database',
    },
  },
};

/** Banned everywhere: the remote module undoes context isolation. */
const bannedEverywhere = { '@electron/remote': 'the remote module undoes context isolation' };

function packageName(source) {
  if (source.startsWith('node:')) return source;
  const parts = source.split('/');
  return source.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

function packageKind(name) {
  if (name.startsWith('node:') || nodeBuiltins.has(name)) return 'node';
  if (name === 'electron') return 'electron';
  if (storagePackages.includes(name)) return 'storage';
  return null;
}

/** Why `fromLayer` may not import `source` (as written in `filename`), or null when it may. */
function layerViolation(filename, source, typeOnly) {
  const fromLayer = layerOf(path.relative(repoRoot, filename));
  const rules = fromLayer ? layerTable[fromLayer] : undefined;
  const isPath = source.startsWith('.') || path.isAbsolute(source);
  if (!isPath) {
    const name = packageName(source);
    if (bannedEverywhere[name]) return bannedEverywhere[name];
    const kind = packageKind(name);
    return rules && kind ? (rules.packages[kind] ?? null) : null;
  }
  if (!rules) return null;
  const target = path.relative(repoRoot, path.resolve(path.dirname(filename), source));
  if (target.startsWith('..')) return 'it reaches outside the repository';
  const toLayer = layerOf(target);
  if (toLayer === null || rules.folders.includes(toLayer)) return null;
  if (typeOnly && rules.typeOnly?.includes(toLayer)) return null;
  return `${fromLayer} may import from ${rules.folders.join(', ')}${rules.typeOnly ? ` (and types from ${rules.typeOnly.join(', ')})` : ''}, not from ${toLayer}`;
}

const layersRule = {
  meta: {
    type: 'problem',
    docs: { description: 'Enforce the import layers of ARCHITECTURE.md' },
    schema: [],
    messages: { layer: "'{{source}}' may not be imported here: {{reason}} (layer table in ARCHITECTURE.md)." },
  },
  create(context) {
    const filename = context.filename;
    function check(node, sourceNode, typeOnly) {
      if (!sourceNode || sourceNode.type !== 'Literal' || typeof sourceNode.value !== 'string') return;
      const reason = layerViolation(filename, sourceNode.value, typeOnly);
      if (reason) context.report({ node, messageId: 'layer', data: { source: sourceNode.value, reason } });
    }
    return {
      // `import { type X }` keeps a runtime import under verbatimModuleSyntax; only `import type` is type-only.
      ImportDeclaration: (node) => check(node, node.source, node.importKind === 'type'),
      ExportNamedDeclaration: (node) => check(node, node.source, node.exportKind === 'type'),
      ExportAllDeclaration: (node) => check(node, node.source, node.exportKind === 'type'),
      ImportExpression: (node) => check(node, node.source, false),
      TSImportType: (node) => check(node, node.argument?.literal ?? node.argument, true),
      TSExternalModuleReference: (node) => check(node, node.expression, false),
      CallExpression: (node) => {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require') check(node, node.arguments[0], false);
      },
    };
  },
};

const ordelogPlugin = { meta: { name: 'ordelog' }, rules: { layers: layersRule } };

const sourceFiles = ['**/*.{ts,tsx,mts,cts,js,mjs,cjs}'];

export default defineConfig(
  globalIgnores(['dist/**', 'release/**', 'node_modules/**', 'coverage/**', 'tests/fixtures/**']),
  { files: sourceFiles, extends: [js.configs.recommended, tseslint.configs.recommended] },
  {
    files: sourceFiles,
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    plugins: { ordelog: ordelogPlugin },
    rules: {
      'ordelog/layers': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
      // No log data may become a URL handed to the OS: there is no reason to open anything externally.
      'no-restricted-properties': [
        'error',
        { object: 'shell', property: 'openExternal', message: 'Ordelog opens nothing outside itself.' },
      ],
      eqeqeq: ['error', 'always'],
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
    },
  },
  {
    // Everything but the page runs in Node.
    files: sourceFiles,
    ignores: ['renderer/**'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  { files: ['renderer/**/*.{ts,tsx}'], extends: [reactHooks.configs.flat.recommended] },
  {
    // Production code logs through stderr with care (no case data); only errors and warnings reach a console.
    files: ['shared/**', 'db/**', 'main/**', 'renderer/**'],
    ignores: ['main/cli/**', 'main/browser-host/cli.ts'],
    rules: { 'no-console': ['error', { allow: ['error', 'warn'] }] },
  },
);
