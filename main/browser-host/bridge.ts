import { channels } from '../../shared/contract';

export const bridgePath = '/ordelog-bridge.js';

/**
 * The browser's stand-in for the Electron preload: `window.ordelog` from the contract's keys over same-origin
 * fetch, and `window.ordelogEvents` over server-sent events. Served as a file (the CSP forbids inline
 * scripts); the token travels in the HttpOnly cookie, never in script-readable state.
 */
export function bridgeScript(): string {
  return `'use strict';
(() => {
  const channels = ${JSON.stringify(channels)};
  const offline = { ok: false, error: { code: 'INTERNAL', message: 'De verbinding met Ordelog is verbroken.' } };
  async function invoke(channel, input) {
    try {
      const response = await fetch('/api/' + channel, {
        method: 'POST',
        credentials: 'same-origin',
        cache: 'no-store',
        headers: { 'content-type': 'application/json' },
        body: input === undefined ? '' : JSON.stringify(input),
      });
      return await response.json();
    } catch {
      return offline;
    }
  }
  const api = Object.freeze(Object.fromEntries(channels.map((channel) => [channel, (input) => invoke(channel, input)])));
  const listeners = new Set();
  let source = null;
  const events = Object.freeze({
    subscribe(listener) {
      listeners.add(listener);
      if (source === null) {
        source = new EventSource('/api/events');
        source.addEventListener('ordelog', (message) => {
          let event;
          try {
            event = JSON.parse(message.data);
          } catch {
            return;
          }
          for (const each of listeners) each(event);
        });
      }
      return () => listeners.delete(listener);
    },
  });
  Object.defineProperty(window, 'ordelog', { value: api, enumerable: true });
  Object.defineProperty(window, 'ordelogEvents', { value: events, enumerable: true });
})();
`;
}

/** Puts the bridge before the renderer's own scripts: a classic script runs before deferred module scripts. */
export function withBridge(indexHtml: string): string {
  const tag = `<script src="${bridgePath}"></script>`;
  return indexHtml.includes('</head>') ? indexHtml.replace('</head>', `  ${tag}\n  </head>`) : tag + indexHtml;
}
