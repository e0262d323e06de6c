import type { z } from 'zod';
import type { AppController } from '../app/controller';
import { listCases } from '../services/cases';
import type { Channel, ChannelArgs, Contract } from '../../shared/contract';

/** A handler gets parsed input and returns what the output schema accepts; the dispatcher checks it again. */
export type Handler<C extends Channel> = (
  input: ChannelArgs<C>,
) => Promise<z.input<Contract[C]['output']>> | z.input<Contract[C]['output']>;
export type Handlers = { [C in Channel]: Handler<C> };

export function createHandlers(controller: AppController): Handlers {
  return {
    'app.status': () => controller.status(),
    'vault.create': (input) => controller.createVault(input),
    'vault.unlock': ({ userName, passphrase }) => controller.unlock(userName, passphrase),
    'vault.lock': () => {
      controller.lock('user');
      return controller.status();
    },
    'session.touch': () => controller.touch(),
    'settings.setIdleLock': ({ minutes }) => controller.setIdleLockMinutes(minutes),
    'cases.list': (input) => ({ cases: listCases(controller.session(), input) }),
  };
}
