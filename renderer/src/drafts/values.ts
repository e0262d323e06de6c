/** A draft this old is offered, not put back by itself: after a day the situation it was written in has moved on. */
export const draftFreshForMs = 24 * 60 * 60_000;

export const isFresh = (savedAt: string, now: number): boolean => now - Date.parse(savedAt) < draftFreshForMs;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (!isRecord(value)) return value;
  return Object.fromEntries(
    Object.keys(value)
      .filter((key) => value[key] !== undefined)
      .sort()
      .map((key) => [key, canonical(value[key])]),
  );
}

/** JSON with keys sorted and `undefined` left out, so equal values give equal text whatever their key order. */
export const canonicalJson = (value: unknown): string => JSON.stringify(canonical(value));

const sameKind = (a: unknown, b: unknown): boolean =>
  Array.isArray(a) ? Array.isArray(b) : isRecord(a) ? isRecord(b) : typeof a === typeof b;

/**
 * A stored draft laid over the form's defaults: only the fields the form still has, each of the same kind, so a
 * draft saved by an older version of a form cannot put a wrong value into it. Null when nothing fits.
 */
export function mergeDraft<V extends Record<string, unknown>>(defaults: V, json: string): V | null {
  let stored: unknown;
  try {
    stored = JSON.parse(json);
  } catch {
    return null;
  }
  if (!isRecord(stored)) return null;
  const merged: Record<string, unknown> = { ...defaults };
  let fits = false;
  for (const key of Object.keys(defaults)) {
    if (Object.hasOwn(stored, key) && sameKind(defaults[key], stored[key])) {
      merged[key] = stored[key];
      fits = true;
    }
  }
  return fits ? (merged as V) : null;
}

/** The text of a field as typed: a text field's value, or what a date-time field holds (`{ text }`). */
function typed(value: unknown): string {
  if (typeof value === 'string') return value;
  if (isRecord(value) && typeof value.text === 'string') return value.text;
  return '';
}

/** Whether the user typed in one of `fields`: its text is not blank and not what the form started with. */
export function hasTypedText(values: Record<string, unknown>, defaults: Record<string, unknown>, fields: readonly string[]): boolean {
  return fields.some((field) => {
    const text = typed(values[field]);
    return text.trim() !== '' && text !== typed(defaults[field]);
  });
}
