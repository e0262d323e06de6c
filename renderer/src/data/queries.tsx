import { QueryClient, QueryClientProvider, useQuery, type QueryKey } from '@tanstack/react-query';
import { useEffect, useState, type ReactNode } from 'react';
import type { Failure, Result } from '../../../shared/result';

/**
 * Server state of the signed-in app. One query client per unlock, created under the signed-in tree and emptied
 * when that tree unmounts (every lock), so no case data outlives the session in a cache.
 */
export function QueryScope({ children }: { children: ReactNode }) {
  const [client] = useState(
    () =>
      new QueryClient({
        defaultOptions: {
          // Results are typed answers, not flaky fetches: a failure is shown, never silently retried.
          queries: { retry: false, refetchOnWindowFocus: false, refetchOnReconnect: false, staleTime: 0 },
          mutations: { retry: false },
        },
      }),
  );
  useEffect(() => () => client.clear(), [client]);
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}

/** A failed answer carried through react-query's error channel, so screens get the typed `Failure` back. */
export class ApiFailure extends Error {
  constructor(readonly failure: Failure) {
    super(failure.code);
    this.name = 'ApiFailure';
  }
}

/** Turns an answer into react-query's terms: the value, or a thrown `ApiFailure`. */
export async function valueOf<T>(answer: Promise<Result<T>>): Promise<T> {
  const result = await answer;
  if (!result.ok) throw new ApiFailure(result.error);
  return result.value;
}

/**
 * Keys of what the screens read. Everything of one case sits under `['case', id]`; a write invalidates all active
 * queries (see `useWrite`), so the header, the overview and the open section show what was just recorded.
 */
export const queryKeys = {
  cases: ['cases'] as const,
  ofCase: (caseId: string, what: string, ...rest: unknown[]) => ['case', caseId, what, ...rest] as const,
  catalogue: (what: string, ...rest: unknown[]) => ['catalogue', what, ...rest] as const,
};

/**
 * Loads what a screen shows; `error` is the typed failure of the answer, if it failed. `refetchInterval` reads it
 * again every so many milliseconds, for what changes with the clock rather than with a write.
 */
export function useApiQuery<T>(
  queryKey: QueryKey,
  load: () => Promise<Result<T>>,
  options: { enabled?: boolean; refetchInterval?: number } = {},
) {
  const query = useQuery({
    queryKey,
    queryFn: () => valueOf(load()),
    enabled: options.enabled ?? true,
    refetchInterval: options.refetchInterval ?? false,
  });
  const error = query.error instanceof ApiFailure ? query.error.failure : query.error ? unexpected : null;
  return { data: query.data, error, isPending: query.isPending };
}

const unexpected: Failure = { code: 'INTERNAL', message: '' };
