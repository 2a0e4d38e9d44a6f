/** React Flow ids, as design.md's test-id contract spells them. */
export const namespaceNodeId = (namespace: string): string => `ns:${namespace}`;
export const endpointNodeId = (endpointId: string): string => `ep:${endpointId}`;
export const externalNodeId = (cidr: string): string => `ext:${cidr}`;
export const flowEdgeId = (sourceNodeId: string, targetNodeId: string): string =>
  `flow:${sourceNodeId}->${targetNodeId}`;
