/**
 * ELK off the main thread: a layout of a few hundred boxes takes long enough to drop frames, and
 * ELK (about 1.5 MB) loads only when the first layout is asked for.
 */
import ELK from 'elkjs/lib/elk.bundled.js';
import type { ElkNode } from 'elkjs/lib/elk-api';
import type { LayoutRequest, LayoutResponse } from './layout-protocol';

const elk = new ELK();

self.onmessage = (event: MessageEvent<LayoutRequest>) => {
  const { id, graph } = event.data;
  elk.layout(graph).then(
    (laid: ElkNode) => self.postMessage({ id, laid } satisfies LayoutResponse),
    (error: unknown) => self.postMessage({ id, error: String(error) } satisfies LayoutResponse),
  );
};
