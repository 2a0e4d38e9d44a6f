/** Node and edge components, declared once at module scope so React Flow never remounts them. */
import type { EdgeTypes, NodeTypes } from '@xyflow/react';
import { AggregateEdge } from './AggregateEdge/AggregateEdge';
import { EndpointNode } from './EndpointNode/EndpointNode';
import { ExternalNode } from './ExternalNode/ExternalNode';
import { FlowEdge } from './FlowEdge/FlowEdge';
import { NamespaceNode } from './NamespaceNode/NamespaceNode';

export const nodeTypes: NodeTypes = {
  namespace: NamespaceNode,
  endpoint: EndpointNode,
  external: ExternalNode,
};
export const edgeTypes: EdgeTypes = { flow: FlowEdge, aggregate: AggregateEdge };
