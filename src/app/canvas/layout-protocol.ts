/** Messages between the canvas and the layout worker. */
import type { ElkNode } from 'elkjs/lib/elk-api';

export interface LayoutRequest {
  id: number;
  graph: ElkNode;
}

export type LayoutResponse = { id: number; laid: ElkNode } | { id: number; error: string };
