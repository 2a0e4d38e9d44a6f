/**
 * Watches the store for what the insight panels need: after every evaluation of an edited text,
 * which flows changed verdict (marked on the canvas and in the flows for a few seconds, listed in
 * the Changes tab); and which text was last opened or exported, as a baseline on offer.
 */
import { changedEdges, diffFlows } from '../model/flow-diff';
import { explainQuery } from './commands';
import { useAppStore, type AppState } from '../store';
import './changes.css';
import { isBlank } from '../model/text';

/** How long changed flows stay marked. */
export const CHANGE_HIGHLIGHT_MS = 4000;

function originLabel(origin: AppState['origin']): string {
  switch (origin.kind) {
    case 'example':
      return origin.title;
    case 'import':
      return origin.name;
    case 'shared':
      return 'the shared workspace';
    case 'restored':
      return 'the workspace as restored';
    default:
      return 'the new workspace';
  }
}

export function watchInsights(): () => void {
  const initial = useAppStore.getState();
  if (!isBlank(initial.text) && !initial.loadedBaseline)
    initial.setLoadedBaseline({ label: originLabel(initial.origin), text: initial.text });
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const unsubscribe = useAppStore.subscribe((state, previous) => {
    if (state.origin !== previous.origin) {
      state.setLoadedBaseline({ label: originLabel(state.origin), text: state.text });
      // Another workspace: the last edit's changes and the last explanation belong to the old one.
      if (state.recentChanges || state.explanation)
        useAppStore.setState({ recentChanges: null, explanation: null });
    } else if (state.travels !== previous.travels && state.explanation) {
      // Undo or redo: the shown explanation was about another text; ask again about this one.
      void explainQuery(state.explanation.query);
    } else if (previous.modified && !state.modified && state.lesson?.origin !== state.origin) {
      state.setLoadedBaseline({ label: 'the text last exported', text: state.text });
    }
    // A replaced workspace starts with no "last good" picture, so only edits of the same one compare.
    if (state.lastGood === previous.lastGood || !state.lastGood || !previous.lastGood) return;
    const flows = diffFlows(previous.lastGood.flows, state.lastGood.flows);
    const edges = changedEdges(previous.lastGood, state.lastGood, flows);
    if (flows.length === 0 && Object.keys(edges).length === 0) return;
    state.setRecentChanges({ flows, edges });
    const nonce = useAppStore.getState().recentChanges!.nonce;
    const timer = setTimeout(() => {
      timers.delete(timer);
      useAppStore.getState().endChangeHighlight(nonce);
    }, CHANGE_HIGHLIGHT_MS);
    timers.add(timer);
  });
  return () => {
    unsubscribe();
    for (const timer of timers) clearTimeout(timer);
  };
}
