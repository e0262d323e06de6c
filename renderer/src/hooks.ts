import { useCallback, useEffect, useEffectEvent, useRef, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../shared/numbers';
import { api } from './api';
import { currentLanguage } from '../i18n';

/** Often enough for the shortest idle lock (1 minute), rare enough not to chatter. */
const touchIntervalMs = 15_000;
const activityEvents = ['keydown', 'pointerdown', 'pointermove', 'wheel'] as const;

/** Keys and pointer tell the main process someone is there; it owns the idle timer, not the page. */
export function useActivityTouch(active: boolean, onLocked: () => void): void {
  const lockedNotice = useEffectEvent(onLocked);
  useEffect(() => {
    if (!active) return undefined;
    let last = 0;
    const onActivity = (): void => {
      const now = Date.now();
      if (now - last < touchIntervalMs) return;
      last = now;
      void api['session.touch']().then((result) => {
        if (!result.ok && result.error.code === 'VAULT_LOCKED') lockedNotice();
      });
    };
    for (const name of activityEvents) window.addEventListener(name, onActivity, { passive: true });
    return () => {
      for (const name of activityEvents) window.removeEventListener(name, onActivity);
    };
  }, [active]);
}

/** A ticking count of whole seconds; `start(ms)` begins a new wait. */
export function useCountdown(): [secondsLeft: number, start: (ms: number) => void] {
  const [clock, setClock] = useState({ until: 0, now: 0 });
  useEffect(() => {
    if (clock.now >= clock.until) return undefined;
    const timer = window.setTimeout(() => setClock((current) => ({ ...current, now: Date.now() })), 250);
    return () => window.clearTimeout(timer);
  }, [clock]);
  const start = useCallback((ms: number) => {
    const now = Date.now();
    setClock({ until: now + ms, now });
  }, []);
  return [Math.max(0, Math.ceil((clock.until - clock.now) / 1000)), start];
}

/** Moves focus to a screen's heading when it appears, so keyboard and screen-reader users start there. */
export function useFocusOnMount<T extends HTMLElement>(): RefObject<T | null> {
  const ref = useRef<T>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return ref;
}

/**
 * Numbers as the UI language writes them ("100.002" in Dutch, "100,002" in English), never as the computer's
 * locale would: every count, entry number and size a screen shows goes through here or through i18n.
 */
export function useNumber(): (value: number) => string {
  const { i18n } = useTranslation();
  const language = currentLanguage(i18n.resolvedLanguage);
  return useCallback((value: number) => formatNumber(value, language), [language]);
}
