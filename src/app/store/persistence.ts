/**
 * Saves the user's work (text, namespace, whether it was edited) to localStorage without ever
 * getting in the way: writes are debounced (a burst of keystrokes is one write, at most
 * SAVE_DEBOUNCE_MS after the last change), flushed at once when the page is hidden or closed, and
 * a storage that is full or unavailable never throws into the app — it is reported through
 * `storageStatus`, which the storage banner shows.
 *
 * It never destroys work it cannot read: a saved value of an unknown format or cut short is
 * copied under a backup key first (`recoveryStatus`, with a download), and while that copy cannot
 * be made nothing is written over it. When another tab saves the same workspace, this tab stops
 * saving until the user chooses between the two (`conflictStatus`).
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

/** The format written now. Version 2 added `savedAt` (ms since the epoch), for the two-tab notice. */
export const WORKSPACE_VERSION = 2;

/** Saved values that could not be read are kept under this prefix plus the time they were found. */
export const BACKUP_KEY_PREFIX = 'netpol-canvas:unreadable:';

export type SavedRead =
  { ok: true; workspace: PersistedWorkspace; savedAt: number | null } | { ok: false; reason: string };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function workspaceOf(state: Record<string, unknown>): PersistedWorkspace | null {
  const { text, namespace, modified } = state;
  if (typeof text !== 'string') return null;
  return {
    text,
    namespace: typeof namespace === 'string' && namespace ? namespace : 'default',
    // Version 1 saves from before `modified` was kept: any text may hold the user's edits.
    modified: typeof modified === 'boolean' ? modified : !isBlank(text),
  };
}

/** One reader per format the app has written; a format not listed here is never guessed at. */
const READERS: Record<number, (state: Record<string, unknown>) => SavedRead | null> = {
  1: (state) => {
    const workspace = workspaceOf(state);
    return workspace && { ok: true, workspace, savedAt: null };
  },
  2: (state) => {
    const workspace = workspaceOf(state);
    const savedAt =
      typeof state.savedAt === 'number' && Number.isFinite(state.savedAt) ? state.savedAt : null;
    return workspace && { ok: true, workspace, savedAt };
  },
};

/** Reads a saved value of any format the app has written, or says why it cannot. Never throws. */
export function readSavedWorkspace(raw: string): SavedRead {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return { ok: false, reason: 'it is not complete (it may have been cut short)' };
  }
  if (!isRecord(value) || !isRecord(value.state)) return { ok: false, reason: 'it holds no workspace' };
  const { version } = value;
  const reader =
    typeof version === 'number' && Object.hasOwn(READERS, version) ? READERS[version] : undefined;
  if (!reader)
    return {
      ok: false,
      reason:
        typeof version === 'number' && version > WORKSPACE_VERSION
          ? `it was saved by a newer version of Netpol Canvas (format ${version}; this one reads up to ${WORKSPACE_VERSION})`
          : `its format (${JSON.stringify(version) ?? 'none'}) is not one this app wrote`,
    };
  return reader(value.state) ?? { ok: false, reason: 'it holds no workspace text' };
}

/** Why the work is not being saved: the browser refused the write, or has no storage at all. */
export type StorageProblem = 'full' | 'unavailable' | null;

type Listener = () => void;

/** A tiny external store (for useSyncExternalStore) holding one value. */
function createStatus<T>(initial: T) {
  let value = initial;
  const listeners = new Set<Listener>();
  return {
    get: (): T => value,
    set(next: T) {
      if (next === value) return;
      value = next;
      listeners.forEach((listener) => listener());
    },
    subscribe(listener: Listener): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** The newest save outcome. */
export const storageStatus = createStatus<StorageProblem>(null);

/** A saved value that could not be read, exactly as it was stored. */
export interface Unreadable {
  reason: string;
  raw: string;
  /** Where the copy is kept, or null when it could not be made (then nothing is saved over it). */
  backupKey: string | null;
}
export const recoveryStatus = createStatus<Unreadable | null>(null);

/** Another tab saved this workspace after this tab read or saved it. */
export interface OtherTabSave {
  workspace: PersistedWorkspace;
  savedAt: number | null;
}
export const conflictStatus = createStatus<OtherTabSave | null>(null);

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
  /**
   * A `storage` event: another tab wrote `newValue` under `key`. A save of this workspace pauses
   * this tab's saving and is offered (conflictStatus), unless it holds what this tab has.
   */
  otherTabWrote(key: string | null, newValue: string | null): void;
  /** The user chose the other tab's save: it is what this tab holds now; saving resumes. */
  takeOtherTab(): PersistedWorkspace | null;
  /** The user chose this tab's work: it is written over the other tab's save; saving resumes. */
  keepThisTab(): void;
  /** The unreadable value could not be copied: the user has downloaded it, or given it up. */
  releaseUnreadable(): void;
  /** True when closing the page now would lose work the user edited. */
  hasUnsavedWork(modified: boolean): boolean;
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
  /** The key the workspace lives under (zustand names it in every call). */
  let key: string | null = null;
  /** Nothing is written while another tab's save waits for the user, or an unreadable value has no copy. */
  let paused = false;
  let guardingUnreadable = false;
  const same = (a: PersistedWorkspace | null, b: PersistedWorkspace) =>
    !!a && a.text === b.text && a.namespace === b.namespace && a.modified === b.modified;

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
    if (!pending || paused || guardingUnreadable) return;
    const { name, value } = pending;
    pending = null;
    if (value.state.text.length > STORAGE_CHAR_LIMIT) {
      storageStatus.set('full');
      return;
    }
    try {
      const target = storage();
      if (!target) return;
      target.setItem(
        name,
        JSON.stringify({ state: { ...value.state, savedAt: Date.now() }, version: WORKSPACE_VERSION }),
      );
      storageStatus.set(null);
    } catch (error) {
      storageStatus.set(classifyStorageError(error));
    }
  };

  const copyOf = (target: Storage, raw: string): string | null => {
    for (let i = 0; i < target.length; i++) {
      const name = target.key(i);
      if (name?.startsWith(BACKUP_KEY_PREFIX) && target.getItem(name) === raw) return name;
    }
    return null;
  };

  /** Copies what cannot be read under a backup key; without a copy, nothing is written over it. */
  const keepUnreadable = (raw: string, reason: string) => {
    try {
      const target = storage();
      // Found again on the next visit (nothing was saved over it meanwhile): one copy is enough.
      let backupKey = target ? copyOf(target, raw) : null;
      if (!backupKey) {
        backupKey = `${BACKUP_KEY_PREFIX}${new Date().toISOString()}`;
        target?.setItem(backupKey, raw);
      }
      recoveryStatus.set({ reason, raw, backupKey });
    } catch {
      guardingUnreadable = true;
      recoveryStatus.set({ reason, raw, backupKey: null });
    }
    last = { text: '', namespace: 'default', modified: false };
  };

  return {
    getItem(name) {
      key = name;
      let raw: string | null;
      try {
        raw = storage()?.getItem(name) ?? null;
      } catch (error) {
        storageStatus.set(classifyStorageError(error));
        return null;
      }
      if (raw === null) {
        // Nothing saved: the store starts empty, and an empty workspace is not worth a write.
        last = { text: '', namespace: 'default', modified: false };
        return null;
      }
      const read = readSavedWorkspace(raw);
      if (!read.ok) {
        keepUnreadable(raw, read.reason);
        return null;
      }
      last = read.workspace;
      return { state: read.workspace, version: WORKSPACE_VERSION };
    },
    setItem(name, value) {
      key = name;
      const { text, namespace, modified } = value.state;
      if (same(last, value.state)) return;
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
    otherTabWrote(changed, newValue) {
      if (changed === null || changed !== key) return;
      if (newValue === null) return;
      const read = readSavedWorkspace(newValue);
      // What another tab cannot read it keeps a copy of itself; this tab's work is not at stake.
      if (!read.ok || same(last, read.workspace)) return;
      paused = true;
      clearTimeout(timer);
      conflictStatus.set({ workspace: read.workspace, savedAt: read.savedAt });
    },
    takeOtherTab() {
      const other = conflictStatus.get();
      if (!other) return null;
      pending = null;
      last = other.workspace;
      paused = false;
      conflictStatus.set(null);
      return other.workspace;
    },
    keepThisTab() {
      paused = false;
      conflictStatus.set(null);
      if (!pending && last && key)
        pending = { name: key, value: { state: last, version: WORKSPACE_VERSION } };
      write();
    },
    releaseUnreadable() {
      guardingUnreadable = false;
      recoveryStatus.set(null);
      write();
    },
    hasUnsavedWork(modified) {
      return pending !== null || (modified && (paused || guardingUnreadable || storageStatus.get() !== null));
    },
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
