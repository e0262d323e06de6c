import { draftValueMaxLength, type Place, type ResumePoint, type SavedDraft } from '../../../shared/drafts';
import type { Result } from '../../../shared/result';

/** How the store reaches the main process: the `drafts.*` channels, without the signed-in screens' lock handling. */
export interface DraftTransport {
  save(key: string, value: string): Promise<Result<{ savedAt: string }>>;
  discard(key: string): Promise<Result<unknown>>;
  setResume(resume: ResumePoint): Promise<Result<unknown>>;
}

export interface DraftStoreOptions {
  /** What the vault held at sign-in. */
  saved: readonly SavedDraft[];
  resume?: ResumePoint | null;
  transport: DraftTransport;
  /** Quiet time after the last change before it is saved. */
  delayMs?: number;
  setTimer?: (run: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
}

export type DraftStore = ReturnType<typeof createDraftStore>;

/**
 * The signed-in user's drafts as the renderer keeps them: each form reports its values as JSON (or null when it
 * holds nothing worth keeping), and the store saves the latest of each in the vault once typing pauses, when
 * asked to flush (a blur, a lock), and when the form goes away. Calls for one form go one at a time and in order,
 * so an older value never lands after a newer one; a value equal to what the vault already has is not sent again.
 * A save that fails waits for the next flush. Plain TypeScript, so it is tested without a browser.
 */
export function createDraftStore(options: DraftStoreOptions) {
  const { transport } = options;
  const delayMs = options.delayMs ?? 1_000;
  const setTimer = options.setTimer ?? ((run, ms) => setTimeout(run, ms));
  const clearTimer = options.clearTimer ?? ((timer) => clearTimeout(timer as ReturnType<typeof setTimeout>));

  const saved = new Map(options.saved.map((draft) => [draft.key, draft]));
  /** What the vault holds once every call sent so far is answered (null: no draft). */
  const sent = new Map<string, string | null>();
  const pending = new Map<string, string | null>();
  const queues = new Map<string, Promise<void>>();
  let timer: unknown = null;
  let stopped = false;

  let place: Place = { kind: 'list' };
  let editing: { key: string; field: string | null } | null = null;
  let sentResume = options.resume ? JSON.stringify(options.resume) : '';
  let pendingResume: ResumePoint | null = null;

  const inVault = (key: string): string | null => (sent.has(key) ? (sent.get(key) ?? null) : (saved.get(key)?.value ?? null));

  function schedule(): void {
    if (stopped) return;
    if (timer !== null) clearTimer(timer);
    timer = setTimer(() => {
      timer = null;
      void flush();
    }, delayMs);
  }

  function enqueue(key: string, work: () => Promise<void>): Promise<void> {
    const next = (queues.get(key) ?? Promise.resolve()).then(work, work);
    queues.set(key, next);
    return next;
  }

  function send(key: string, value: string | null): Promise<void> {
    sent.set(key, value);
    return enqueue(key, async () => {
      // Queued behind a call that was answered after the lock: the vault may belong to another user by now.
      if (stopped) return;
      if (value === null) {
        const result = await transport.discard(key).catch(() => null);
        if (result?.ok) return void saved.delete(key);
      } else {
        const result = await transport.save(key, value).catch(() => null);
        if (result?.ok) return void saved.set(key, { key, value, savedAt: result.value.savedAt });
      }
      // Not stored: unless something newer is already on its way, the next flush tries again.
      if (sent.get(key) === value) {
        sent.delete(key);
        if (!pending.has(key) && value !== inVault(key)) pending.set(key, value);
      }
    });
  }

  function resumePoint(): ResumePoint {
    const form = editing && place.kind === 'case' ? editing : null;
    return { place, form: form?.key ?? null, field: form?.field ?? null };
  }

  function noteResume(): void {
    const point = resumePoint();
    if (JSON.stringify(point) === sentResume) {
      pendingResume = null;
      return;
    }
    pendingResume = point;
    schedule();
  }

  function sendResume(): Promise<void> {
    const point = pendingResume;
    if (point === null) return Promise.resolve();
    pendingResume = null;
    const text = JSON.stringify(point);
    sentResume = text;
    return enqueue('\u0000resume', async () => {
      if (stopped) return;
      const result = await transport.setResume(point).catch(() => null);
      if (!result?.ok && sentResume === text) {
        sentResume = '';
        pendingResume ??= point;
      }
    });
  }

  /** Sends everything waiting now; resolves once every call for every form has been answered. */
  function flush(): Promise<void> {
    if (timer !== null) clearTimer(timer);
    timer = null;
    if (stopped) return Promise.resolve();
    for (const [key, value] of pending) void send(key, value);
    pending.clear();
    void sendResume();
    return Promise.all(queues.values()).then(() => undefined);
  }

  function change(key: string, value: string | null, field?: string | null): void {
    // More than the vault takes (a paste far over every field's limit): the last draft that fitted stays.
    if (stopped || (value !== null && value.length > draftValueMaxLength)) return;
    if (value === inVault(key)) pending.delete(key);
    else pending.set(key, value);
    if (value === null) {
      if (editing?.key === key) editing = null;
      noteResume();
      void flush();
      return;
    }
    if (field !== undefined) editing = { key, field };
    noteResume();
    schedule();
  }

  return {
    /**
     * The draft of a form as the vault will hold it once every call made so far is answered: loaded at sign-in,
     * saved since, or changed or thrown away and still on its way (a form opened again right after its draft was
     * discarded must not get the old text back from an answer not yet in).
     */
    saved(key: string): SavedDraft | undefined {
      const latest = pending.has(key) ? pending.get(key) : sent.has(key) ? sent.get(key) : undefined;
      if (latest === undefined) return saved.get(key);
      if (latest === null) return undefined;
      const stored = saved.get(key);
      return stored?.value === latest ? stored : { key, value: latest, savedAt: new Date().toISOString() };
    },

    /**
     * A form's values changed: `value` is their JSON, or null when the form holds nothing worth keeping (its
     * defaults, e.g. just after it was recorded), which deletes the draft without waiting. `field` is the field
     * typed in, when the user typed (the place to return to).
     */
    change,

    /** Throws the draft away (discarded, or recorded while the form keeps showing what was typed). */
    discard: (key: string): void => change(key, null),

    /** The user took an old draft back: saved again as it is, so its day counts from now. */
    renew(key: string): void {
      const value = inVault(key);
      if (stopped || value === null || pending.has(key)) return;
      void send(key, value);
    },

    /** The user is back in this form and field (a draft restored after unlock). */
    editingIn(key: string, field: string | null): void {
      if (stopped) return;
      editing = { key, field };
      noteResume();
    },

    /** The form is gone from the screen (closed, another section): what it has waiting is sent now. */
    closed(key: string): void {
      if (stopped) return;
      if (editing?.key === key) {
        editing = null;
        noteResume();
      }
      const value = pending.get(key);
      if (value === undefined) return;
      pending.delete(key);
      void send(key, value);
    },

    /** The screen the user is on, kept with the form they are typing in as the place to return to. */
    at(next: Place): void {
      if (stopped) return;
      place = next;
      noteResume();
    },

    flush,

    /** Mounted with the signed-in screens (again, in React's strict mode). */
    start(): void {
      stopped = false;
    },

    /** After a lock: nothing more is sent, and timers are stopped. */
    stop(): void {
      if (timer !== null) clearTimer(timer);
      timer = null;
      stopped = true;
    },
  };
}
