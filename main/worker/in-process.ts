import type { AppController } from '../app/controller';
import { createDispatcher, type DispatcherOptions } from '../ipc/dispatcher';
import type { VaultHost } from './vault-host';

/** The vault on the calling thread: the same dispatcher as in the worker, for tests that pass stand-ins. */
export function inProcessVaultHost(controller: AppController, options: DispatcherOptions): VaultHost {
  const dispatch = createDispatcher(controller, options);
  return {
    dispatch,
    lock: (reason) => controller.lock(reason),
    onEvent: (listener) => controller.onEvent(listener),
    close: async () => controller.lock('shutdown'),
  };
}
