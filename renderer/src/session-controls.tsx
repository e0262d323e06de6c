import { createContext, useContext } from 'react';

/** What a signed-in screen may ask of the app shell (App.tsx) about the session itself. */
export interface SessionControls {
  /** Locks for a shift change: the unlock screen asks for a name, and whoever signs in continues at this place. */
  switchUser(): void;
  /** The signed-in account changed (its role): the shell reads the status again. */
  statusChanged(): void;
}

export const SessionControlsContext = createContext<SessionControls | null>(null);

export function useSessionControls(): SessionControls {
  const value = useContext(SessionControlsContext);
  if (!value) throw new Error('useSessionControls outside the signed-in app');
  return value;
}
