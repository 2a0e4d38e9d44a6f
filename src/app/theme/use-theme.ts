import { useSyncExternalStore } from 'react';
import { useAppStore } from '../store';
import { selectTheme } from '../store/selectors';

const query = typeof window !== 'undefined' ? window.matchMedia('(prefers-color-scheme: dark)') : null;

function subscribe(onChange: () => void): () => void {
  query?.addEventListener('change', onChange);
  return () => query?.removeEventListener('change', onChange);
}

const systemPrefersDark = () => query?.matches ?? false;

/** Dark when the user chose dark, or chose nothing and the system prefers dark. */
export function useIsDark(): boolean {
  const choice = useAppStore(selectTheme);
  const systemDark = useSyncExternalStore(subscribe, systemPrefersDark, () => false);
  return choice === 'dark' || (choice === 'system' && systemDark);
}
