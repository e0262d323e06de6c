import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { draftValueMaxLength, type ResumePoint } from '../../shared/drafts';
import type { Result } from '../../shared/result';
import { createDraftStore, type DraftTransport } from '../../renderer/src/drafts/store';
import { canonicalJson, hasTypedText, isFresh, mergeDraft } from '../../renderer/src/drafts/values';

/**
 * The renderer's draft store decides what reaches the vault and when: the latest value of each form once typing
 * pauses, at once on a flush (blur, lock) or when the form is emptied, one call per form at a time and in order.
 */

type Call = { kind: 'save'; key: string; value: string } | { kind: 'discard'; key: string } | { kind: 'resume'; resume: ResumePoint };

const savedAt = '2026-11-28T20:00:00.000Z';

function transport(options: { fail?: () => boolean; hold?: boolean } = {}) {
  const calls: Call[] = [];
  const held: (() => void)[] = [];
  const answer = <T,>(call: Call, value: T): Promise<Result<T>> => {
    calls.push(call);
    const result: Result<T> = options.fail?.() ? { ok: false, error: { code: 'VAULT_LOCKED', message: '' } } : { ok: true, value };
    if (!options.hold) return Promise.resolve(result);
    return new Promise((resolve) => held.push(() => resolve(result)));
  };
  const api: DraftTransport = {
    save: (key, value) => answer({ kind: 'save', key, value }, { savedAt }),
    discard: (key) => answer({ kind: 'discard', key }, {}),
    setResume: (resume) => answer({ kind: 'resume', resume }, {}),
  };
  return { api, calls, release: () => held.splice(0).forEach((resolve) => resolve()) };
}

const drafts = (calls: Call[]) => calls.filter((call) => call.kind !== 'resume');
const settle = () => new Promise((resolve) => setImmediate(resolve));

beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] }));
afterEach(() => vi.useRealTimers());

describe('the draft store', () => {
  it('saves the latest value once typing has paused for a second', async () => {
    const { api, calls } = transport();
    const store = createDraftStore({ saved: [], transport: api });
    store.change('case/c1/phase-change', '{"reason":"G"}', 'reason');
    vi.advanceTimersByTime(600);
    store.change('case/c1/phase-change', '{"reason":"Groepen"}', 'reason');
    vi.advanceTimersByTime(999);
    await settle();
    expect(drafts(calls)).toEqual([]);
    vi.advanceTimersByTime(1);
    await settle();
    expect(drafts(calls)).toEqual([{ kind: 'save', key: 'case/c1/phase-change', value: '{"reason":"Groepen"}' }]);
  });

  it('sends nothing for a value the vault already has, and deletes at once when the form is emptied', async () => {
    const { api, calls } = transport();
    const store = createDraftStore({ saved: [{ key: 'k', value: '{"a":1}', savedAt }], transport: api });
    store.change('k', '{"a":1}');
    vi.advanceTimersByTime(5_000);
    await settle();
    expect(drafts(calls)).toEqual([]);
    store.change('k', null);
    await settle();
    expect(drafts(calls)).toEqual([{ kind: 'discard', key: 'k' }]);
    expect(store.saved('k')).toBeUndefined();
  });

  it('flushes everything waiting at once, and answers once the vault has it', async () => {
    const { api, calls, release } = transport({ hold: true });
    const store = createDraftStore({ saved: [], transport: api });
    store.change('a', '{"x":"1"}', 'x');
    store.change('b', '{"y":"2"}', 'y');
    let done = false;
    const flushed = store.flush().then(() => (done = true));
    await settle();
    expect(drafts(calls).map((call) => call.key)).toEqual(['a', 'b']);
    expect(done).toBe(false);
    release();
    await flushed;
    expect(store.saved('a')).toEqual({ key: 'a', value: '{"x":"1"}', savedAt });
  });

  it('answers for a draft thrown away or changed before the vault has answered', async () => {
    const { api, release } = transport({ hold: true });
    const store = createDraftStore({ saved: [{ key: 'k', value: '{"a":1}', savedAt }], transport: api });
    store.discard('k');
    // The form opened again at once finds nothing to put back, not the text just thrown away.
    expect(store.saved('k')).toBeUndefined();
    store.change('k', '{"a":2}', 'a');
    expect(store.saved('k')?.value).toBe('{"a":2}');
    void store.flush();
    for (let round = 0; round < 3; round += 1) {
      release();
      await settle();
    }
    expect(store.saved('k')).toEqual({ key: 'k', value: '{"a":2}', savedAt });
  });

  it('sends nothing queued behind a call in flight once a lock has stopped the store', async () => {
    const { api, calls, release } = transport({ hold: true });
    const store = createDraftStore({ saved: [], transport: api });
    store.change('a', '{"x":"1"}');
    void store.flush();
    store.change('a', '{"x":"12"}');
    void store.flush();
    await settle();
    store.stop();
    release();
    await settle();
    release();
    await settle();
    expect(drafts(calls)).toEqual([{ kind: 'save', key: 'a', value: '{"x":"1"}' }]);
  });

  it('sends one call per form at a time, so an older value never lands after a newer one', async () => {
    const { api, calls, release } = transport({ hold: true });
    const store = createDraftStore({ saved: [], transport: api });
    store.change('a', '{"x":"1"}');
    void store.flush();
    store.change('a', '{"x":"12"}');
    void store.flush();
    store.change('a', null);
    await settle();
    expect(drafts(calls)).toEqual([{ kind: 'save', key: 'a', value: '{"x":"1"}' }]);
    release();
    await settle();
    release();
    await settle();
    expect(drafts(calls).map((call) => (call.kind === 'save' ? call.value : 'discard'))).toEqual(['{"x":"1"}', '{"x":"12"}', 'discard']);
  });

  it('keeps the last draft that fitted when a paste makes the form larger than the vault takes', async () => {
    const { api, calls } = transport();
    const store = createDraftStore({ saved: [], transport: api });
    store.change('a', '{"x":"1"}');
    await store.flush();
    store.change('a', JSON.stringify({ x: 'x'.repeat(draftValueMaxLength) }));
    await store.flush();
    expect(drafts(calls)).toHaveLength(1);
    expect(store.saved('a')?.value).toBe('{"x":"1"}');
  });

  it('tries a save that failed again at the next flush', async () => {
    let failing = true;
    const { api, calls } = transport({ fail: () => failing });
    const store = createDraftStore({ saved: [], transport: api });
    store.change('a', '{"x":"1"}');
    await store.flush();
    failing = false;
    await store.flush();
    expect(drafts(calls)).toHaveLength(2);
    expect(store.saved('a')?.value).toBe('{"x":"1"}');
  });

  it('sends what a closed form had waiting, and nothing at all once stopped by a lock', async () => {
    const { api, calls } = transport();
    const store = createDraftStore({ saved: [], transport: api });
    store.change('a', '{"x":"1"}');
    store.closed('a');
    await settle();
    expect(drafts(calls)).toHaveLength(1);
    store.change('b', '{"y":"2"}');
    store.stop();
    vi.advanceTimersByTime(5_000);
    await store.flush();
    store.change('b', '{"y":"23"}');
    vi.advanceTimersByTime(5_000);
    await settle();
    expect(drafts(calls)).toHaveLength(1);
  });

  it('keeps the place and the form being typed in as the point to return to', async () => {
    const { api, calls } = transport();
    const store = createDraftStore({ saved: [], transport: api });
    const place = { kind: 'case', caseId: 'c1', section: 'fase' } as const;
    store.at(place);
    store.change('case/c1/phase-change', '{"reason":"G"}', 'reason');
    await store.flush();
    expect(calls.filter((call) => call.kind === 'resume').at(-1)).toEqual({
      kind: 'resume',
      resume: { place, form: 'case/c1/phase-change', field: 'reason' },
    });
    store.closed('case/c1/phase-change');
    store.at({ kind: 'list' });
    await store.flush();
    expect(calls.filter((call) => call.kind === 'resume').at(-1)).toEqual({ kind: 'resume', resume: { place: { kind: 'list' }, form: null, field: null } });
  });
});

describe('draft values', () => {
  it('compares values whatever their key order, without undefined fields', () => {
    expect(canonicalJson({ b: 1, a: { d: undefined, c: 'x' } })).toBe(canonicalJson({ a: { c: 'x' }, b: 1 }));
  });

  it('puts back only the fields the form still has, each of the same kind', () => {
    const defaults = { reason: '', at: { text: '' }, linked: [] as string[], personal: false };
    expect(mergeDraft(defaults, JSON.stringify({ reason: 'Groepen', at: 'gisteren', linked: ['e1'], removed: 'x' }))).toEqual({
      reason: 'Groepen',
      at: { text: '' },
      linked: ['e1'],
      personal: false,
    });
    expect(mergeDraft(defaults, 'not json')).toBeNull();
    expect(mergeDraft(defaults, JSON.stringify({ other: 1 }))).toBeNull();
  });

  it('counts typed text, not a pre-filled correction or a chosen option', () => {
    const defaults = { text: 'Oorspronkelijke tekst', type: 'signaal', at: { text: '' } };
    expect(hasTypedText({ ...defaults, type: 'notitie' }, defaults, ['text', 'at'])).toBe(false);
    expect(hasTypedText({ ...defaults, text: '  ' }, defaults, ['text', 'at'])).toBe(false);
    expect(hasTypedText({ ...defaults, text: 'Oorspronkelijke tekst, aangevuld' }, defaults, ['text', 'at'])).toBe(true);
    expect(hasTypedText({ ...defaults, at: { text: '21:40' } }, defaults, ['text', 'at'])).toBe(true);
  });

  it('puts a draft of the last day back by itself; an older one is offered', () => {
    const now = Date.parse('2026-11-29T20:00:00.000Z');
    expect(isFresh('2026-11-28T20:00:01.000Z', now)).toBe(true);
    expect(isFresh('2026-11-28T19:59:59.000Z', now)).toBe(false);
  });
});
