import { useCallback, useEffect, useRef } from 'react';

/**
 * Calls `action` once, `delayMs` after the first call of a burst; calls during that wait join it. For
 * reloads after live events: a stream of events never postpones the reload, a burst causes one read,
 * and a call made after an event always leads to a read that started after that event. Nothing runs
 * after unmount.
 */
export function useCoalesced(action: () => void, delayMs: number): () => void {
  const pending = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(
    () => () => {
      clearTimeout(pending.current);
      pending.current = undefined;
    },
    [],
  );
  return useCallback(() => {
    if (pending.current !== undefined) return;
    pending.current = setTimeout(() => {
      pending.current = undefined;
      action();
    }, delayMs);
  }, [action, delayMs]);
}
