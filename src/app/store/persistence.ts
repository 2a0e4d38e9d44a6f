/**
 * Saves the user's work (text, namespace, whether it was edited) to localStorage without ever
 * getting in the way: writes are debounced (a burst of keystrokes is one write, at most
 * SAVE_DEBOUNCE_MS after the last change), flushed at once when the page is hidden or closed, and
 * a storage that is full or unavailable never throws into the app — it is reported through
 * `storageStatus`, which the storage banner shows.
 */
import type { PersistStorage, StorageValue } from 'zustand/middleware';
import { isBlank } from '../model/text';

/** The longest a change waits before it is written. */
export const SAVE_DEBOUNCE_MS = 300;

export interface PersistedWorkspace {
  text: string;
  namespace: string;
  modified: boolean;
}

/** Why the work is not being saved: the browser refused the write, or has no storage at all. */
export type StorageProblem = 'full' | 'unavailable' | null;

type Listener = () => void;

/** A tiny external store (for useSyncExternalStore) holding the newest save outcome. */
function createStatus() {
  let problem: StorageProblem = null;
  const listeners = new Set<Listener>();
  return {
    get: (): StorageProblem => problem,
    set(next: StorageProblem) {
      if (next === problem) return;
      problem = next;
      listeners.forEach((listener) => listener());
    },
    subscribe(listener: Listener): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export const storageStatus = createStatus();

/** QuotaExceededError (any browser's spelling) means full; everything else means unavailable. */
export function classifyStorageError(error: unknown): Exclude<StorageProblem, null> {
  const name =
    error instanceof Error || (typeof error === 'object' && error !== null && 'name' in error)
      ? String((error as { name: unknown }).name)
      : '';
  const code =
    typeof error === 'object' && error !== null && 'code' in error
      ? (error as { code: unknown }).code
      : undefined;
  return name === 'QuotaExceededError' ||
    name === 'NS_ERROR_DOM_QUOTA_REACHED' ||
    code === 22 ||
    code === 1014
    ? 'full'
    : 'unavailable';
}

export interface WorkspaceStorage extends PersistStorage<PersistedWorkspace> {
  /** Writes a pending change now (page hidden or closing, or the UI crashed). */
  flush(): void;
  /** Checks once that the storage accepts writes, so a broken one is reported before any edit. */
  probe(): void;
}

/**
 * Browsers keep about 5 million characters per site; a bigger workspace is not even tried (the
 * attempt costs a copy of the whole text and fails anyway), it is reported as not fitting.
 */
export const STORAGE_CHAR_LIMIT = 5 * 1024 * 1024;

/**
 * A PersistStorage for zustand's persist middleware. The middleware calls setItem on every state
 * change (hover, selection...); only a change of the persisted fields schedules a write.
 */
export function createWorkspaceStorage(
  getStorage: () => Storage,
  delay = SAVE_DEBOUNCE_MS,
): WorkspaceStorage {
  let last: PersistedWorkspace | null = null;
  let pending: { name: string; value: StorageValue<PersistedWorkspace> } | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const storage = (): Storage | null => {
    try {
      return getStorage();
    } catch (error) {
      storageStatus.set(classifyStorageError(error));
      return null;
    }
  };

  const write = () => {
    clearTimeout(timer);
    timer = undefined;
    if (!pending) return;
    const { name, value } = pending;
    pending = null;
    if (value.state.text.length > STORAGE_CHAR_LIMIT) {
      storageStatus.set('full');
      return;
    }
    try {
      const target = storage();
      if (!target) return;
      target.setItem(name, JSON.stringify(value));
      storageStatus.set(null);
    } catch (error) {
      storageStatus.set(classifyStorageError(error));
    }
  };

  return {
    getItem(name) {
      try {
        const raw = storage()?.getItem(name) ?? null;
        if (raw === null) {
          // Nothing saved: the store starts empty, and an empty workspace is not worth a write.
          last = { text: '', namespace: 'default', modified: false };
          return null;
        }
        const value = JSON.parse(raw) as StorageValue<Partial<PersistedWorkspace>>;
        const state = value?.state;
        if (!state || typeof state.text !== 'string') return null;
        const restored: PersistedWorkspace = {
          text: state.text,
          namespace: typeof state.namespace === 'string' && state.namespace ? state.namespace : 'default',
          // Saves from before `modified` was kept: any text may hold the user's edits.
          modified: typeof state.modified === 'boolean' ? state.modified : !isBlank(state.text),
        };
        last = restored;
        return { state: restored, version: value.version };
      } catch (error) {
        if (!(error instanceof SyntaxError)) storageStatus.set(classifyStorageError(error));
        return null;
      }
    },
    setItem(name, value) {
      const { text, namespace, modified } = value.state;
      if (last && last.text === text && last.namespace === namespace && last.modified === modified) return;
      last = { text, namespace, modified };
      pending = { name, value: { state: last, version: value.version } };
      clearTimeout(timer);
      timer = setTimeout(write, delay);
    },
    removeItem(name) {
      pending = null;
      clearTimeout(timer);
      try {
        storage()?.removeItem(name);
      } catch {
        // Nothing to remove from a storage that does not work.
      }
    },
    flush: write,
    probe() {
      const key = 'netpol-canvas:probe';
      try {
        const target = storage();
        if (!target) return;
        target.setItem(key, '1');
        target.removeItem(key);
      } catch (error) {
        storageStatus.set(classifyStorageError(error));
      }
    },
  };
}
