/** Runs ELK in its own worker, started with the first layout; answers are matched by request id. */
import type { ElkNode } from 'elkjs/lib/elk-api';
import type { LayoutResponse } from './layout-protocol';

let worker: Worker | null = null;
let nextId = 0;
const pending = new Map<number, { resolve(laid: ElkNode): void; reject(error: Error): void }>();

function layoutWorker(): Worker {
  if (worker) return worker;
  worker = new Worker(new URL('./layout.worker.ts', import.meta.url), {
    type: 'module',
    name: 'netpol-layout',
  });
  worker.onmessage = (event: MessageEvent<LayoutResponse>) => {
    const answer = event.data;
    const waiting = pending.get(answer.id);
    if (!waiting) return;
    pending.delete(answer.id);
    if ('error' in answer) waiting.reject(new Error(answer.error));
    else waiting.resolve(answer.laid);
  };
  return worker;
}

/**
 * Starts the worker and has ELK lay out nothing, while the engine evaluates the first workspace:
 * loading ELK and its first run (the JIT warming up) take longer than the layout itself.
 */
export function warmUpLayout(): void {
  if (!worker) void runElk({ id: 'root', layoutOptions: { 'elk.algorithm': 'rectpacking' }, children: [] });
}

export function runElk(graph: ElkNode): Promise<ElkNode> {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    layoutWorker().postMessage({ id, graph });
  });
}
