import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Planted screens, type-checked as renderer files with the web tsconfig, the way `npm run typecheck` does:
 * each uses `t()` once, with a key that exists or not.
 */
const planted: Record<string, string> = {
  rightKey: `t('caseView.overview')`,
  misspelledKey: `t('caseView.overvieuw')`,
  removedKey: `t('header.rol')`,
  pluralKey: `t('unlock.wait', { count: 3 })`,
  keyOverAnEnum: `(status: TaskStatus) => t(\`work.taskStatus.\${status}\`)`,
  keyOverAnyText: `(status: string) => t(\`work.taskStatus.\${status}\`)`,
  keyOverAWiderEnum: `(status: TaskStatus | 'gepauzeerd') => t(\`work.taskStatus.\${status}\`)`,
  tabLabel: `const label: StringKey = 'work.sections.tasks'; t(label)`,
  wrongTabLabel: `const label: StringKey = 'work.sections.taken'; t(label)`,
};

function source(body: string): string {
  return [
    "import { useTranslation } from 'react-i18next';",
    "import type { TaskStatus } from '../../shared/domain';",
    "import type { StringKey } from '../i18n/typed-keys';",
    'export function usePlanted() {',
    '  const { t } = useTranslation();',
    `  return ${body};`,
    '}',
    '',
  ].join('\n');
}

const fileOf = (name: string) => path.join(repoRoot, 'renderer', 'src', `planted-${name}.tsx`);

/** One program for all planted files, so the DOM, React and i18next types are read once. */
function typeErrors(): Map<string, string[]> {
  const config = ts.getParsedCommandLineOfConfigFile(path.join(repoRoot, 'tsconfig.web.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
  if (!config) throw new Error('tsconfig.web.json could not be read');
  const texts = new Map(Object.entries(planted).map(([name, body]) => [fileOf(name), source(body)]));
  const host = ts.createCompilerHost(config.options);
  const { getSourceFile, fileExists, readFile } = host;
  host.fileExists = (file) => texts.has(path.resolve(file)) || fileExists.call(host, file);
  host.readFile = (file) => texts.get(path.resolve(file)) ?? readFile.call(host, file);
  host.getSourceFile = (file, language, ...rest) => {
    const text = texts.get(path.resolve(file));
    return text === undefined ? getSourceFile.call(host, file, language, ...rest) : ts.createSourceFile(file, text, language);
  };
  const program = ts.createProgram({
    rootNames: [...texts.keys(), path.join(repoRoot, 'renderer', 'i18n', 'typed-keys.ts')],
    options: config.options,
    host,
  });
  return new Map(
    Object.keys(planted).map((name) => {
      const file = program.getSourceFile(fileOf(name));
      if (!file) throw new Error(`planted-${name}.tsx was not compiled`);
      return [name, program.getSemanticDiagnostics(file).map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'))];
    }),
  );
}

describe('t() keys are checked against the Dutch strings by the type check', () => {
  const errors = typeErrors();

  it.each(['rightKey', 'pluralKey', 'keyOverAnEnum', 'tabLabel'])('accepts %s', (name) => {
    expect(errors.get(name)).toEqual([]);
  });

  it.each(['misspelledKey', 'removedKey', 'keyOverAnyText', 'keyOverAWiderEnum', 'wrongTabLabel'])('refuses %s', (name) => {
    const found = errors.get(name) ?? [];
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/is not assignable to/);
  });
});
