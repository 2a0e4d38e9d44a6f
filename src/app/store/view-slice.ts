import type { StateCreator } from 'zustand';
import type { AppState, Middlewares } from './types';

export type Selection = { kind: 'node' | 'edge'; id: string } | null;
/** `auto` shows denied flows unless the canvas is busy. */
export type VerdictFilter = 'auto' | 'all' | 'allowed' | 'denied';
export type DrawerTab =
  'flows' | 'observed' | 'problems' | 'tests' | 'explain' | 'changes' | 'compare' | 'lessons' | 'tiers';
export type ThemeChoice = 'system' | 'light' | 'dark';
export type Dialog = 'shortcuts' | 'paste' | 'export' | null;

export interface Point {
  x: number;
  y: number;
}

export interface ViewSlice {
  selection: Selection;
  hovered: Selection;
  verdictFilter: VerdictFilter;
  /** `8080/TCP`, or '' for every port. */
  portFilter: string;
  drawerTab: DrawerTab;
  drawerOpen: boolean;
  drawerHeight: number;
  /** Share of the width the canvas takes, 0..1. */
  splitRatio: number;
  theme: ThemeChoice;
  dialog: Dialog;
  /** Node positions (children relative to their namespace), kept across edits so nothing jumps. */
  positions: Record<string, Point>;
  /** Bumped to ask for a fresh automatic layout of everything. */
  layoutRequest: number;
  /** Namespaces shown open in a big (summarized) workspace; the rest are drawn as boxes. */
  expanded: string[];
  toggleNamespace(name: string): void;
  setExpanded(names: string[]): void;
  select(selection: Selection): void;
  hover(selection: Selection): void;
  setVerdictFilter(filter: VerdictFilter): void;
  setPortFilter(port: string): void;
  openDrawer(tab: DrawerTab): void;
  toggleDrawer(): void;
  setDrawerHeight(height: number): void;
  setSplitRatio(ratio: number): void;
  setTheme(theme: ThemeChoice): void;
  setDialog(dialog: Dialog): void;
  revealLine(line: number, endLine?: number, column?: number, endColumn?: number): void;
  setPositions(positions: Record<string, Point>): void;
  moveNodes(moves: Record<string, Point>): void;
  requestLayout(): void;
}

/**
 * The view of a new workspace: nothing selected, open or placed, a new layout. Set with the new
 * text in one change: set alone, the new `expanded` would have the old text evaluated again
 * (and, the text arriving at the worker meanwhile, a 30 MB import evaluated twice).
 */
export const viewReset = (state: Pick<ViewSlice, 'layoutRequest'>): Partial<ViewSlice> => ({
  selection: null,
  hovered: null,
  positions: {},
  expanded: [],
  layoutRequest: state.layoutRequest + 1,
});

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

export const createViewSlice: StateCreator<AppState, Middlewares, [], ViewSlice> = (set, get) => ({
  selection: null,
  hovered: null,
  verdictFilter: 'auto',
  portFilter: '',
  drawerTab: 'flows',
  drawerOpen: true,
  drawerHeight: 240,
  splitRatio: 0.6,
  theme: 'system',
  dialog: null,
  positions: {},
  layoutRequest: 0,
  expanded: [],
  toggleNamespace: (name) =>
    set((state) => ({
      expanded: state.expanded.includes(name)
        ? state.expanded.filter((n) => n !== name)
        : [...state.expanded, name].sort(),
    })),
  setExpanded: (names) => set({ expanded: [...names].sort() }),
  select: (selection) => set({ selection }),
  hover: (hovered) => set({ hovered }),
  setVerdictFilter: (verdictFilter) => set({ verdictFilter }),
  setPortFilter: (portFilter) => set({ portFilter }),
  openDrawer: (drawerTab) => set({ drawerTab, drawerOpen: true }),
  toggleDrawer: () => set((state) => ({ drawerOpen: !state.drawerOpen })),
  setDrawerHeight: (height) => set({ drawerHeight: clamp(Math.round(height), 120, 640) }),
  setSplitRatio: (ratio) => set({ splitRatio: clamp(ratio, 0.25, 0.8) }),
  setTheme: (theme) => set({ theme }),
  setDialog: (dialog) => set({ dialog }),
  revealLine(line, endLine, column, endColumn) {
    get().editorEvents.emit('reveal', { line, endLine, column, endColumn });
  },
  setPositions: (positions) => set({ positions }),
  moveNodes: (moves) => set((state) => ({ positions: { ...state.positions, ...moves } })),
  requestLayout: () => set((state) => ({ positions: {}, layoutRequest: state.layoutRequest + 1 })),
});
