import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { FieldValues, UseFormReturn } from 'react-hook-form';
import type { ChannelInput, ChannelOutput, RequestId, WriteChannel } from '../../../shared/contract';
import type { Failure, Result } from '../../../shared/result';
import { useApi } from './api';

/** A write's own input; the request id is added by `useWrite`. */
export type WriteInput<C extends WriteChannel> = Omit<ChannelInput<C>, 'requestId'>;

export interface Write<C extends WriteChannel> {
  /**
   * Carries out the write for one intent (`key` tells intents apart, e.g. one per task when a screen has a button
   * per task). The same intent keeps its request id until it succeeds, so a double click or a retry sends the same
   * id and the main process records it once. After a success every active query is refreshed. `sent` hears the
   * request id as it goes out: a long write is a job by that id, whose progress and cancel use it. A cancelled
   * write is over too: trying again is a new intent.
   */
  (input: WriteInput<C>, key?: string, sent?: (requestId: RequestId) => void): Promise<Result<ChannelOutput<C>>>;
  /** The user changed what they ask for: the next attempt is a new intent with a new request id. */
  changed(key?: string): void;
}

/** Request ids by intent: one is made when an intent is first sent and forgotten once it is carried out. */
function createIntents() {
  const ids = new Map<string, RequestId>();
  return {
    requestIdFor(key: string): RequestId {
      let id = ids.get(key);
      if (!id) {
        id = crypto.randomUUID();
        ids.set(key, id);
      }
      return id;
    },
    forget(key: string): void {
      ids.delete(key);
    },
  };
}

export function useWrite<C extends WriteChannel>(channel: C): Write<C> {
  const api = useApi();
  const client = useQueryClient();
  const [intents] = useState(createIntents);
  return useMemo(() => {
    const write = async (input: WriteInput<C>, key = '', sent?: (requestId: RequestId) => void): Promise<Result<ChannelOutput<C>>> => {
      const call = api[channel] as unknown as (input: unknown) => Promise<Result<ChannelOutput<C>>>;
      const requestId = intents.requestIdFor(key);
      sent?.(requestId);
      const result = await call({ ...input, requestId });
      if (!result.ok && result.error.code === 'CANCELLED') intents.forget(key);
      if (result.ok) {
        // Forgotten only once the screens show the result: a second click on the old screen meanwhile is the
        // same intent, and gets the same answer.
        await client.invalidateQueries();
        intents.forget(key);
      }
      return result;
    };
    return Object.assign(write, { changed: (key = '') => intents.forget(key) });
  }, [api, client, channel, intents]);
}

/** Calls `listener` whenever the user changes a value of the form (not on render). */
export function useFormChange<V extends FieldValues, O>(form: UseFormReturn<V, unknown, O>, listener: () => void): void {
  const { watch } = form;
  useEffect(() => {
    const subscription = watch(() => listener());
    return () => subscription.unsubscribe();
  }, [watch, listener]);
}

const formWriteListeners = new WeakMap<object, Set<() => void>>();

/** Calls `listener` each time a write of this form succeeds (its draft is then done with); returns the unsubscribe. */
export function onFormWritten(form: object, listener: () => void): () => void {
  const listeners = formWriteListeners.get(form) ?? new Set();
  formWriteListeners.set(form, listeners);
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** `useWrite` for a form: every edit of its values makes the next submit a new intent. */
export function useFormWrite<C extends WriteChannel, V extends FieldValues, O>(form: UseFormReturn<V, unknown, O>, channel: C): Write<C> {
  const write = useWrite(channel);
  useFormChange(form, write.changed);
  return useMemo(() => {
    const written = async (input: WriteInput<C>, key?: string, sent?: (requestId: RequestId) => void): Promise<Result<ChannelOutput<C>>> => {
      const result = await write(input, key, sent);
      if (result.ok) for (const listener of formWriteListeners.get(form) ?? []) listener();
      return result;
    };
    return Object.assign(written, { changed: write.changed });
  }, [write, form]);
}

/**
 * What the last write of a screen came to: a confirmation or a failure, never both, so an old "saved" does not
 * stand next to a new error.
 */
export function useOutcome() {
  const [state, setState] = useState<{ message: string; error: Failure | string | null }>({ message: '', error: null });
  const succeeded = useCallback((message: string) => setState({ message, error: null }), []);
  const failed = useCallback((error: Failure | string) => setState({ message: '', error }), []);
  const clear = useCallback(() => setState({ message: '', error: null }), []);
  /** A write elsewhere in the section failed: its confirmation no longer stands. */
  const clearMessage = useCallback(() => setState((current) => ({ ...current, message: '' })), []);
  return { ...state, succeeded, failed, clear, clearMessage };
}
