/**
 * The matrix view's own state, apart from the app store: which view the canvas shows (kept per
 * workspace in localStorage), the groups open in the matrix, and the cell shown in the inspector.
 */
import { create } from 'zustand';
import { useAppStore, type WorkspaceOrigin } from './index';
import type { MatrixPair } from '../model/matrix';

export type CanvasMode = 'graph' | 'matrix';

const STORAGE_KEY = 'netpol-canvas:canvas-view';

interface SavedModes {
  /** The workspace open last: a reloaded page restores that one. */
  last: string;
  modes: Record<string, CanvasMode>;
}

/** Which workspace this is, as far as the view choice goes. */
function workspaceKey(origin: WorkspaceOrigin, saved: SavedModes): string {
  switch (origin.kind) {
    case 'example':
      return `example:${origin.id}`;
    case 'import':
      return `import:${origin.name}`;
    case 'restored':
      return saved.last;
    default:
      return origin.kind;
  }
}

function readSaved(): SavedModes {
  try {
    const parsed = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null') as SavedModes | null;
    if (parsed && typeof parsed.last === 'string' && typeof parsed.modes === 'object') return parsed;
  } catch {
    // Unreadable or unavailable storage: the choice is simply not remembered.
  }
  return { last: 'scratch', modes: {} };
}

function writeSaved(saved: SavedModes): void {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(saved));
  } catch {
    // Full or unavailable: the workspace banner already says so; a view choice is not worth another.
  }
}

interface MatrixState {
  mode: CanvasMode;
  /** Groups open in the matrix; null until the user opens or closes one (small workspaces open all). */
  expanded: string[] | null;
  /** The cell of two leaves the inspector explains, when the canvas has no such edge. */
  pair: MatrixPair | null;
  setMode(mode: CanvasMode): void;
  setExpanded(expanded: string[]): void;
  setPair(pair: MatrixPair | null): void;
}

let currentKey = workspaceKey(useAppStore.getState().origin, readSaved());

/** Which workspace is open, as the view choice (and the flow logs kept with it) name it. */
export const currentWorkspaceKey = (): string => currentKey;

export const useMatrixStore = create<MatrixState>()((set) => ({
  mode: readSaved().modes[currentKey] ?? 'graph',
  expanded: null,
  pair: null,
  setMode(mode) {
    const saved = readSaved();
    writeSaved({ last: currentKey, modes: { ...saved.modes, [currentKey]: mode } });
    set({ mode });
  },
  setExpanded: (expanded) => set({ expanded: [...expanded].sort() }),
  setPair: (pair) => set({ pair }),
}));

// Another workspace: its own view choice, and the matrix opens as it does for a new one.
useAppStore.subscribe((state, previous) => {
  if (state.origin === previous.origin) return;
  const saved = readSaved();
  currentKey = workspaceKey(state.origin, saved);
  if (saved.last !== currentKey) writeSaved({ ...saved, last: currentKey });
  useMatrixStore.setState({ mode: saved.modes[currentKey] ?? 'graph', expanded: null, pair: null });
});
