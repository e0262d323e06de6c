import { useMemo } from 'react';
import { buildApi, type Channel, type OrdelogApi } from '../../../shared/contract';
import type { Result } from '../../../shared/result';
import { api as rawApi } from '../api';
import { useCaseWork } from '../cases/context';

/**
 * The API as the signed-in screens use it: a call answered VAULT_LOCKED sends the whole app to the unlock screen
 * (the shell's `settle`), every other result comes back as it is.
 */
export function useApi(): OrdelogApi {
  const { settle } = useCaseWork();
  return useMemo(
    () =>
      buildApi((channel: Channel, input: unknown) =>
        (rawApi[channel] as (input: unknown) => Promise<Result<unknown>>)(input).then((result) => settle(result)),
      ),
    [settle],
  );
}
