import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import type { ResumePoint, SavedDraft } from '../../../shared/drafts';
import { api } from '../api';
import { createDraftStore, type DraftStore, type DraftTransport } from './store';

interface Drafts {
  store: DraftStore;
  /** Whether this form is where the user was typing when the vault locked (before `takeResume` took it). */
  resumes(key: string): boolean;
  /** The field to return to in this form, once: only the first form to ask after an unlock gets it. */
  takeResume(key: string): { field: string | null } | null;
}

const DraftsContext = createContext<Drafts | null>(null);

/**
 * The raw API, not the signed-in screens' `useApi()`: a save that meets a vault locked by the idle timer must not
 * send the app to the unlock screen a second time (and wipe the reason it shows); the lock event does that.
 */
const transport: DraftTransport = {
  save: (key, value) => api['drafts.save']({ key, value }),
  discard: (key) => api['drafts.discard']({ key }),
  setResume: (resume) => api['drafts.setResume'](resume),
};

/** The store of the signed-in session in this window, for the lock to flush. */
let active: DraftStore | null = null;

/**
 * Saves every open draft now: the lock calls this before it asks main to drop the key. Bounded, so a main process
 * that does not answer can delay a lock by at most `maxWaitMs`, never prevent it.
 */
export async function flushDrafts(maxWaitMs = 2_000): Promise<void> {
  const store = active;
  if (!store) return;
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([store.flush(), new Promise((resolve) => (timer = setTimeout(resolve, maxWaitMs)))]);
  clearTimeout(timer);
}

/**
 * The signed-in user's drafts (loaded with the session), for `useFormDraft`. Lives inside the signed-in tree, so a
 * lock drops it with every other piece of case data; another user who unlocks gets a new one with their own.
 * Besides the pause after typing, drafts are saved when focus leaves a field and when the window is hidden.
 */
export function DraftsProvider({ saved, resume, children }: { saved: readonly SavedDraft[]; resume: ResumePoint | null; children: ReactNode }) {
  const [drafts] = useState<Drafts>(() => {
    const store = createDraftStore({ saved, resume, transport });
    let resumeForm = resume?.form ? { key: resume.form, field: resume.field } : null;
    return {
      store,
      resumes: (key) => resumeForm?.key === key,
      takeResume(key) {
        if (resumeForm?.key !== key) return null;
        const { field } = resumeForm;
        resumeForm = null;
        return { field };
      },
    };
  });

  useEffect(() => {
    const { store } = drafts;
    store.start();
    active = store;
    const flush = (): void => void store.flush();
    const whenHidden = (): void => {
      if (document.visibilityState === 'hidden') flush();
    };
    document.addEventListener('focusout', flush);
    document.addEventListener('visibilitychange', whenHidden);
    window.addEventListener('pagehide', flush);
    return () => {
      document.removeEventListener('focusout', flush);
      document.removeEventListener('visibilitychange', whenHidden);
      window.removeEventListener('pagehide', flush);
      if (active === store) active = null;
      store.stop();
    };
  }, [drafts]);

  return <DraftsContext.Provider value={drafts}>{children}</DraftsContext.Provider>;
}

export function useDrafts(): Drafts {
  const drafts = useContext(DraftsContext);
  if (!drafts) throw new Error('useDrafts outside DraftsProvider');
  return drafts;
}
