import { useEffect, useState } from 'react';

/**
 * Calls `dismiss` `ms` after `key` last changed, unless the pointer or the focus is in the toast
 * (the user is reading it or about to click it): then the wait starts again once they leave.
 */
export function useDismissAfter(key: unknown, ms: number | null, dismiss: () => void) {
  const [held, setHeld] = useState(false);
  useEffect(() => {
    if (key === null || key === undefined || ms === null || held) return;
    const timer = setTimeout(dismiss, ms);
    return () => clearTimeout(timer);
  }, [key, ms, held, dismiss]);
  return {
    onPointerEnter: () => setHeld(true),
    onPointerLeave: () => setHeld(false),
    onFocus: () => setHeld(true),
    onBlur: () => setHeld(false),
  };
}
