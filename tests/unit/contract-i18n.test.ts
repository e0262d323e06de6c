import { describe, expect, it } from 'vitest';
import { stringFiles, strings } from '../../renderer/i18n/strings';
import { lockReasons } from '../../shared/contract';
import { caseStatuses, userRoles } from '../../shared/domain';
import { errorCodes, errorMessages } from '../../shared/errors';

function keys(tree: object, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'object' && value !== null ? keys(value as object, `${prefix}${key}.`) : [`${prefix}${key}`],
  );
}

function lookup(tree: object, path: string): unknown {
  return path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], tree);
}

const { nl, en } = strings;

describe('the UI strings', () => {
  it('never defines one top-level key in two files of a language', () => {
    for (const files of [stringFiles.nl, stringFiles.en]) {
      const all = files.flatMap((file) => Object.keys(file));
      expect(all.length).toBe(new Set(all).size);
    }
  });

  it('has the same keys in Dutch and English, none empty', () => {
    expect(keys(en).sort()).toEqual(keys(nl).sort());
    for (const key of keys(nl)) {
      expect(String(lookup(nl, key)).trim(), `nl ${key}`).not.toBe('');
      expect(String(lookup(en, key)).trim(), `en ${key}`).not.toBe('');
    }
  });

  it('keeps each English file to the keys of its Dutch file: every Dutch key in English and no English key more', () => {
    stringFiles.nl.forEach((dutch, index) => {
      const english = stringFiles.en[index] ?? {};
      const nlKeys = new Set(keys(dutch));
      const enKeys = new Set(keys(english));
      expect([...nlKeys].filter((key) => !enKeys.has(key)), 'Dutch keys without English').toEqual([]);
      expect([...enKeys].filter((key) => !nlKeys.has(key)), 'English keys without Dutch').toEqual([]);
    });
  });

  it('uses the same {{values}} in a Dutch string and its English one', () => {
    const values = (text: unknown) => [...String(text).matchAll(/\{\{\s*(\w+)/g)].map((match) => match[1]).sort();
    for (const key of keys(nl)) expect(values(lookup(en, key)), key).toEqual(values(lookup(nl, key)));
  });

  it('names every lock reason, role and case status the contract can send', () => {
    for (const strings of [nl, en]) {
      for (const reason of lockReasons) expect(lookup(strings, `unlock.locked.${reason}`), reason).toBeTypeOf('string');
      for (const role of userRoles) expect(lookup(strings, `roles.${role}`), role).toBeTypeOf('string');
      for (const status of caseStatuses) expect(lookup(strings, `cases.status.${status}`), status).toBeTypeOf('string');
    }
  });

  it('has a Dutch and an English message for every error code', () => {
    for (const code of errorCodes) {
      expect(errorMessages[code].nl).not.toBe('');
      expect(errorMessages[code].en).not.toBe('');
    }
  });
});
