/**
 * The flow logs imported into the open workspace, apart from the app store: their sources (files
 * are kept as Blobs, read again by the worker when it needs to), how far reading has got, and the
 * flows table's "allowed, never seen" toggle. Logs are saved with their workspace: in
 * localStorage when they are small enough, else by name there and whole in IndexedDB (log-db.ts),
 * restored from it after a reload. One the browser refuses to keep is named at once, and again on
 * reload as one to import again, so that none is ever lost without a word.
 */
import { create } from 'zustand';
import type { FlowLogSource, ObserveProgress } from '../model/observed';
import { formatMegabytes } from '../model/format';
import { loadLogs, storeLogs } from './log-db';
import { currentWorkspaceKey } from './matrix-store';
import { useAppStore } from './index';

const STORAGE_KEY = 'netpol-canvas:flow-logs';
/** Logs up to this many characters together are saved with the workspace. */
export const MAX_SAVED_LOG_CHARS = 2 * 1024 * 1024;

interface SavedLog {
  name: string;
  size: number;
  /** Absent: too big for localStorage; kept in IndexedDB, or, if it was refused there, lost. */
  text?: string;
}

type SavedLogs = Record<string, SavedLog[]>;

function readSaved(): SavedLogs {
  try {
    const parsed = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null') as SavedLogs | null;
    if (parsed && typeof parsed === 'object') return parsed;
  } catch {
    // Unreadable or unavailable storage: nothing was kept.
  }
  return {};
}

/** Writes the saved logs; false when the browser refused (full, unavailable). */
function writeSaved(saved: SavedLogs): boolean {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(saved));
    return true;
  } catch {
    return false;
  }
}

const sizeOf = ({ data }: FlowLogSource) => (typeof data === 'string' ? data.length : data.size);

interface ObservedState {
  sources: FlowLogSource[];
  /** Logs of this workspace saved by name only and not (or not yet) found in IndexedDB. */
  missing: { name: string; size: number }[];
  /** The missing logs are being looked for in IndexedDB. */
  restoring: boolean;
  /** Logs the browser refused to keep (storage full): gone after a reload. */
  unsaved: string[];
  /** Reading under way (null when idle). */
  progress: ObserveProgress | null;
  error: string | null;
  /** The flows table shows only flows the policies allow that no log has seen. */
  neverSeen: boolean;
  /** The paste dialog is open. */
  pasteOpen: boolean;
  setNeverSeen(on: boolean): void;
}

function savedFor(key: string): Pick<ObservedState, 'sources' | 'missing' | 'restoring' | 'unsaved'> {
  const logs = readSaved()[key] ?? [];
  const missing = logs.flatMap((log) => (log.text === undefined ? [{ name: log.name, size: log.size }] : []));
  return {
    sources: logs.flatMap((log) => (log.text === undefined ? [] : [{ name: log.name, data: log.text }])),
    missing,
    restoring: missing.length > 0,
    unsaved: [],
  };
}

export const useObservedStore = create<ObservedState>()((set) => ({
  ...savedFor(currentWorkspaceKey()),
  progress: null,
  error: null,
  neverSeen: false,
  pasteOpen: false,
  setNeverSeen: (neverSeen) => set({ neverSeen }),
}));

/**
 * Saves the logs with the workspace: their text in localStorage when small enough, else their
 * names there and the logs themselves in IndexedDB. What the browser refuses is named at once.
 */
export async function saveLogs(sources: readonly FlowLogSource[]): Promise<void> {
  const key = currentWorkspaceKey();
  const total = sources.reduce((sum, source) => sum + sizeOf(source), 0);
  const logs: SavedLog[] = [];
  for (const source of sources) {
    const entry: SavedLog = { name: source.name, size: sizeOf(source) };
    if (total <= MAX_SAVED_LOG_CHARS)
      entry.text = typeof source.data === 'string' ? source.data : await source.data.text();
    logs.push(entry);
  }
  const saved = readSaved();
  if (logs.length) saved[key] = logs;
  else delete saved[key];
  // No log at all is small too: its key is removed.
  const inLocalStorage = total <= MAX_SAVED_LOG_CHARS && writeSaved(saved);
  if (!inLocalStorage) {
    // The names at least, so that a reload knows what to look for (or to ask for again).
    saved[key] = logs.map(({ name, size }) => ({ name, size }));
    writeSaved(saved);
  }
  try {
    await storeLogs(key, inLocalStorage ? [] : sources);
    if (currentWorkspaceKey() === key) useObservedStore.setState({ unsaved: [] });
  } catch (error) {
    if (inLocalStorage) return;
    const reason = error instanceof Error ? error.message : String(error);
    const names = sources.map((source) => source.name);
    if (currentWorkspaceKey() === key) useObservedStore.setState({ unsaved: names });
    useAppStore
      .getState()
      .showNotice(
        'error',
        `The flow log${names.length === 1 ? '' : 's'} ${names.join(', ')} (${formatMegabytes(total)}) could not be kept in this browser (${reason}): after a reload, import ${names.length === 1 ? 'it' : 'them'} again.`,
      );
  }
}

/** Looks for the workspace's logs kept by name only in IndexedDB, and takes back those found. */
async function restoreKept(key: string): Promise<void> {
  if (!useObservedStore.getState().missing.length) return;
  const kept = await loadLogs(key);
  if (currentWorkspaceKey() !== key) return;
  const found = new Map(kept.map((log) => [log.name, log]));
  const { sources, missing } = useObservedStore.getState();
  const held = new Set(sources.map((source) => source.name));
  const back = missing.flatMap((log) => {
    const source = found.get(log.name);
    return source && !held.has(log.name) ? [source] : [];
  });
  useObservedStore.setState({
    ...(back.length && { sources: [...sources, ...back] }),
    missing: missing.filter((log) => !found.has(log.name)),
    restoring: false,
  });
}

void restoreKept(currentWorkspaceKey());

// Another workspace: its own logs (usually none).
useAppStore.subscribe((state, previous) => {
  if (state.origin === previous.origin) return;
  // matrix-store's listener, registered first, has already moved the key on.
  const key = currentWorkspaceKey();
  useObservedStore.setState({ ...savedFor(key), progress: null, error: null });
  void restoreKept(key);
});
