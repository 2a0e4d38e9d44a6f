/**
 * The flow logs imported into the open workspace, apart from the app store: their sources (files
 * are kept as Blobs, read again by the worker when it needs to), how far reading has got, and the
 * flows table's "allowed, never seen" toggle. Logs are saved with their workspace in localStorage
 * when they are small enough; a bigger one is remembered by name, and the Observed panel says on
 * reload that it must be imported again, so that none is ever lost without a word.
 */
import { create } from 'zustand';
import type { FlowLogSource, ObserveProgress } from '../model/observed';
import { currentWorkspaceKey } from './matrix-store';
import { useAppStore } from './index';

const STORAGE_KEY = 'netpol-canvas:flow-logs';
/** Logs up to this many characters together are saved with the workspace. */
export const MAX_SAVED_LOG_CHARS = 2 * 1024 * 1024;

interface SavedLog {
  name: string;
  size: number;
  /** Absent: too big to keep; the user must import it again. */
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
  /** Logs of this workspace that were too big to keep: they must be imported again. */
  missing: { name: string; size: number }[];
  /** Reading under way (null when idle). */
  progress: ObserveProgress | null;
  error: string | null;
  /** The flows table shows only flows the policies allow that no log has seen. */
  neverSeen: boolean;
  /** The paste dialog is open. */
  pasteOpen: boolean;
  setNeverSeen(on: boolean): void;
}

function savedFor(key: string): Pick<ObservedState, 'sources' | 'missing'> {
  const logs = readSaved()[key] ?? [];
  return {
    sources: logs.flatMap((log) => (log.text === undefined ? [] : [{ name: log.name, data: log.text }])),
    missing: logs.flatMap((log) => (log.text === undefined ? [{ name: log.name, size: log.size }] : [])),
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

/** Saves the logs with the workspace: their text when small enough, else their name only. */
export async function saveLogs(sources: readonly FlowLogSource[]): Promise<void> {
  const total = sources.reduce((sum, source) => sum + sizeOf(source), 0);
  const logs: SavedLog[] = [];
  for (const source of sources) {
    const entry: SavedLog = { name: source.name, size: sizeOf(source) };
    if (total <= MAX_SAVED_LOG_CHARS)
      entry.text = typeof source.data === 'string' ? source.data : await source.data.text();
    logs.push(entry);
  }
  const saved = readSaved();
  const key = currentWorkspaceKey();
  if (logs.length) saved[key] = logs;
  else delete saved[key];
  if (writeSaved(saved)) return;
  // Full: keep the names at least, so that a reload says what to import again.
  saved[key] = logs.map(({ name, size }) => ({ name, size }));
  writeSaved(saved);
}

// Another workspace: its own logs (usually none).
useAppStore.subscribe((state, previous) => {
  if (state.origin === previous.origin) return;
  // matrix-store's listener, registered first, has already moved the key on.
  useObservedStore.setState({ ...savedFor(currentWorkspaceKey()), progress: null, error: null });
});
