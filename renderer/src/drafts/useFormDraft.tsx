import { useEffect, useId, useState, type ReactNode } from 'react';
import type { FieldValues, Path, UseFormReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useDates } from '../cases/context';
import { onFormWritten } from '../data/writes';
import { useDrafts } from './DraftsProvider';
import { canonicalJson, hasTypedText, isFresh, mergeDraft } from './values';

const defaultsOf = <V extends FieldValues, O>(form: UseFormReturn<V, unknown, O>): V => form.control._defaultValues as unknown as V;

export interface FormDraft {
  /** The offer of a draft older than a day, to show at the top of the form; null when there is none. */
  offer: ReactNode;
  /** Throws the draft away: the user discarded what they typed. */
  discard(): void;
}

/**
 * Keeps what is typed in a react-hook-form form as a draft of the signed-in user, in the vault: saved a moment
 * after typing stops, when focus leaves a field and before a lock; deleted once a write of the form succeeds
 * (`useFormWrite`), the form is back at its defaults, or `discard` is called. When the form appears again (after
 * an unlock, or on coming back to the section) a draft of the last day is put back by itself, an older one is
 * offered. The form the user was typing in when the vault locked gets the focus back in that field.
 */
export function useFormDraft<V extends FieldValues, O>(key: string, form: UseFormReturn<V, unknown, O>): FormDraft {
  const { store, takeResume } = useDrafts();
  // A draft older than a day, as the vault had it when the form appeared.
  const [offered, setOffered] = useState(() => {
    const stored = store.saved(key);
    const values = stored && !isFresh(stored.savedAt, Date.now()) ? mergeDraft(defaultsOf(form), stored.value) : null;
    return stored && values ? { savedAt: stored.savedAt, values } : null;
  });

  useEffect(() => {
    const worthKeeping = (): string | null => {
      const json = canonicalJson(form.getValues());
      return json === canonicalJson(form.control._defaultValues) ? null : json;
    };
    const stored = store.saved(key);
    const values = stored && isFresh(stored.savedAt, Date.now()) ? mergeDraft(defaultsOf(form), stored.value) : null;
    if (values) {
      // The defaults stay, so emptying the form after it is recorded still means "nothing to keep".
      form.reset(values, { keepDefaultValues: true });
      const resume = takeResume(key);
      if (resume) {
        store.editingIn(key, resume.field);
        const field = resume.field ?? Object.keys(values)[0];
        // Once the restored values are on screen.
        if (field) requestAnimationFrame(() => form.setFocus(field as Path<V>));
      }
    }
    const subscription = form.watch((_values, { name, type }) => {
      store.change(key, worthKeeping(), type === 'change' ? (name ?? null) : undefined);
    });
    // Recorded: what was typed is in the log now, whether or not the form empties itself afterwards.
    const stopListening = onFormWritten(form, () => store.discard(key));
    return () => {
      subscription.unsubscribe();
      stopListening();
      store.closed(key);
    };
  }, [key, form, store, takeResume]);

  const restore = (): void => {
    if (!offered) return;
    form.reset(offered.values, { keepDefaultValues: true });
    setOffered(null);
    store.renew(key);
  };
  // What was typed since the offer appeared is the draft now; only an untouched form lets the old one go.
  const dismiss = (): void => {
    setOffered(null);
    if (canonicalJson(form.getValues()) === canonicalJson(form.control._defaultValues)) store.discard(key);
  };

  return {
    offer: offered && <DraftOffer savedAt={offered.savedAt} onRestore={restore} onDiscard={dismiss} />,
    discard: () => {
      setOffered(null);
      store.discard(key);
    },
  };
}

function DraftOffer({ savedAt, onRestore, onDiscard }: { savedAt: string; onRestore(): void; onDiscard(): void }) {
  const { t } = useTranslation();
  const date = useDates();
  const id = useId();
  return (
    <div className="notice draft-offer" role="group" aria-labelledby={id}>
      <p id={id}>{t('drafts.offer', { time: date(savedAt) })}</p>
      <div className="draft-offer-actions">
        <button type="button" onClick={onRestore}>
          {t('drafts.restore')}
        </button>
        <button type="button" onClick={onDiscard}>
          {t('drafts.discard')}
        </button>
      </div>
    </div>
  );
}

/** Whether the user typed in one of the form's `fields` (for a dialog's "Getypte tekst weggooien?"). */
export function formHasTypedText<V extends FieldValues, O>(form: UseFormReturn<V, unknown, O>, fields: readonly Path<V>[]): boolean {
  return hasTypedText(form.getValues(), defaultsOf(form), fields);
}
