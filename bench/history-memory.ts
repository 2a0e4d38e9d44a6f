/**
 * Memory of the undo history: a 16 MB workspace, 200 separate typed edits, heap before and after
 * (`npm run bench:history`: the collector must be reachable to measure what stays).
 */
import { TYPING_GROUP_MS } from '../src/app/store/history-slice';
import { documentStore } from '../src/app/store/slice-store';

export function historyMemory(): { mb: number; steps: number } {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with node --expose-gc');
  let now = 1_000_000;
  const realNow = Date.now;
  Date.now = () => now;
  try {
    const line = 'key: value-0123456789\n';
    // Built from parts, as an editor's getValue() builds each text afresh.
    const store = documentStore(Array.from({ length: Math.ceil(16e6 / line.length) }, () => line).join(''));
    gc();
    const before = process.memoryUsage().heapUsed;
    for (let i = 0; i < 200; i++) {
      now += TYPING_GROUP_MS + 1;
      const { text } = store.getState();
      const at = (i * 7919) % text.length;
      store.getState().editText([{ file: 'workspace.yaml', start: at, end: at + 1, text: 'x' }]);
    }
    gc();
    const after = process.memoryUsage().heapUsed;
    return { mb: Math.round(((after - before) / 1e6) * 10) / 10, steps: store.getState().past.length };
  } finally {
    Date.now = realNow;
  }
}

if (process.argv[1]?.endsWith('history-memory.ts')) console.log(historyMemory());
