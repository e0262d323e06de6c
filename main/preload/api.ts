import type { OrdelogApi, OrdelogEvents } from '../../shared/contract';

/**
 * What the preload puts on `window`, and all it puts there. The renderer imports these types (type-only,
 * allowed by the layer rule); the browser host's bridge provides the same two objects over HTTP.
 */
export interface OrdelogWindowApi {
  ordelog: OrdelogApi;
  ordelogEvents: OrdelogEvents;
}

export type { OrdelogApi, OrdelogEvents };

/** The names under which the preload exposes them (`contextBridge.exposeInMainWorld`). */
export const exposedGlobals = ['ordelog', 'ordelogEvents'] as const satisfies readonly (keyof OrdelogWindowApi)[];
