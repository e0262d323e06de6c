import { useEffect, useEffectEvent } from 'react';

export interface LockOptions {
  /** A shift change: the unlock screen asks for a name, and the next person continues at the same place. */
  switchUser?: boolean;
}

/** Ctrl+L (Cmd+L on a Mac) locks; Ctrl+Shift+L (Cmd+Shift+L) switches user. */
export function lockShortcut(event: KeyboardEvent): LockOptions | null {
  if (!(event.ctrlKey || event.metaKey) || event.altKey || event.key.toLowerCase() !== 'l') return null;
  return { switchUser: event.shiftKey };
}

export const lockKeys = { lock: 'Control+L Meta+L', switchUser: 'Control+Shift+L Meta+Shift+L' } as const;

/**
 * The lock shortcuts from anywhere while signed in: in a field, a dialog or a menu. Caught before the page's own
 * handlers see the key, so nothing can swallow it, and a key held down locks once.
 */
export function useLockKeys(active: boolean, lock: (options: LockOptions) => void): void {
  const onLock = useEffectEvent(lock);
  useEffect(() => {
    if (!active) return undefined;
    const onKey = (event: KeyboardEvent): void => {
      const options = lockShortcut(event);
      if (!options) return;
      event.preventDefault();
      if (!event.repeat) onLock(options);
    };
    window.addEventListener('keydown', onKey, { capture: true });
    return () => window.removeEventListener('keydown', onKey, { capture: true });
  }, [active]);
}
