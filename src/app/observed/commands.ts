/**
 * Importing flow logs (file input, drop, paste) and keeping the worker's copy in step with the
 * observed store: whatever the store holds for the open workspace is what the worker replays.
 */
import { FLOW_LOG_CSV_HEADER } from '../../engine';
import type { FlowLogSource } from '../model/observed';
import { useAppStore } from '../store';
import { saveLogs, useObservedStore } from '../store/observed-store';
import { requestObserve } from '../worker/engine-bridge';

/** Enough of a file to see its first line. */
const SNIFF_BYTES = 64 * 1024;
const LOG_NAME = /\.(jsonl|ndjson|csv|log)$/i;

/** A Hubble line is one whole JSON object holding a flow; a manifest's first line is rarely whole. */
function looksLikeLog(head: string): boolean {
  const first = head
    .replace(/^\uFEFF/, '')
    .split('\n')
    .map((line) => line.trim())
    .find((line) => line !== '');
  if (first === undefined) return false;
  if (first === FLOW_LOG_CSV_HEADER) return true;
  try {
    const parsed: unknown = JSON.parse(first);
    return typeof parsed === 'object' && parsed !== null && ('flow' in parsed || 'l4' in parsed);
  } catch {
    return false;
  }
}

/** Whether a dropped file is a flow log (rather than manifests for the workspace). */
export async function isFlowLog(file: File): Promise<boolean> {
  if (LOG_NAME.test(file.name)) return true;
  try {
    return looksLikeLog(await file.slice(0, SNIFF_BYTES).text());
  } catch {
    return false;
  }
}

/** Adds logs to those of the open workspace; they are read (in the worker) together. */
export function importFlowLogs(sources: readonly FlowLogSource[]): void {
  if (sources.length === 0) return;
  const held = useObservedStore.getState().sources;
  // The same file imported again replaces itself, so that its connections are not counted twice.
  const names = new Set(sources.map((source) => source.name));
  const next = [...held.filter((source) => !names.has(source.name)), ...sources];
  useObservedStore.setState({ sources: next, missing: [], error: null });
  void saveLogs(next);
}

export function importPastedFlowLog(text: string): void {
  const pasted = useObservedStore.getState().sources.filter((source) => source.name.startsWith('pasted log'));
  importFlowLogs([{ name: `pasted log ${pasted.length + 1}`, data: text }]);
}

export function clearFlowLogs(): void {
  useObservedStore.setState({ sources: [], missing: [], error: null, progress: null });
  void saveLogs([]);
}

/** Hands the worker the store's logs now and whenever they change; returns the unsubscribe. */
export function watchObservedLogs(): () => void {
  let sent: FlowLogSource[] | null = null;
  const send = (sources: FlowLogSource[]) => {
    if (sources === sent) return;
    // No log before and none now: nothing for the worker to learn, and no evaluation to repeat.
    const nothing = sources.length === 0 && (sent === null || sent.length === 0);
    sent = sources;
    if (nothing) return;
    useObservedStore.setState({ progress: sources.length ? { bytes: 0, total: 0, lines: 0 } : null });
    requestObserve(sources, (progress) => {
      if (sent === sources) useObservedStore.setState({ progress });
    })
      .then(() => {
        if (sent === sources) useObservedStore.setState({ progress: null });
      })
      .catch((error: unknown) => {
        if (sent !== sources) return;
        const message = error instanceof Error ? error.message : String(error);
        useObservedStore.setState({ progress: null, error: `The flow logs could not be read: ${message}` });
        useAppStore.getState().showNotice('error', `The flow logs could not be read: ${message}`);
      });
  };
  send(useObservedStore.getState().sources);
  return useObservedStore.subscribe((state) => send(state.sources));
}
