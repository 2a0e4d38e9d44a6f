/** What the graph shows, for the SVG and PNG export, read from React Flow where it lays nodes out. */
import { useEffect } from 'react';
import { useReactFlow } from '@xyflow/react';
import type { CanvasEdge, CanvasNode, FlowEdgeData } from '../canvas/build-elements';
import type { GraphSnapshot, SnapshotEdge, SnapshotNode } from './graph-svg';

let source: (() => GraphSnapshot) | null = null;

function describe(node: CanvasNode): Pick<SnapshotNode, 'kind' | 'label' | 'detail'> {
  switch (node.type) {
    case 'namespace': {
      const ns = node.data.namespace;
      return { kind: 'namespace', label: ns.name, detail: `namespace · ${ns.endpointCount} workloads` };
    }
    case 'endpoint':
      return { kind: 'endpoint', label: node.data.endpoint.name, detail: node.data.endpoint.kind };
    default:
      return {
        kind: 'external',
        label: node.data.external.cidr,
        detail: `outside · ${node.data.external.sample}`,
      };
  }
}

/** Makes the mounted canvas the one takeGraphSnapshot reads. */
export function useGraphSnapshotSource(): void {
  const flow = useReactFlow<CanvasNode, CanvasEdge>();
  useEffect(() => {
    const take = (): GraphSnapshot => ({
      nodes: flow.getNodes().map((node) => {
        const at = flow.getInternalNode(node.id)?.internals.positionAbsolute ?? node.position;
        return {
          id: node.id,
          ...describe(node),
          x: at.x,
          y: at.y,
          width: node.measured?.width ?? node.width ?? 0,
          height: node.measured?.height ?? node.height ?? 0,
        };
      }),
      edges: flow
        .getEdges()
        .filter((edge) => !edge.hidden)
        .map((edge): SnapshotEdge =>
          edge.type === 'aggregate'
            ? {
                source: edge.source,
                target: edge.target,
                verdict:
                  edge.data!.look === 'mixed'
                    ? null
                    : edge.data!.look === 'denied'
                      ? 'deny-both'
                      : edge.data!.look,
                label: edge.data!.label,
              }
            : {
                source: edge.source,
                target: edge.target,
                verdict: (edge.data as FlowEdgeData).verdict,
                label: (edge.data as FlowEdgeData).label,
              },
        ),
    });
    source = take;
    return () => {
      if (source === take) source = null;
    };
  }, [flow]);
}

/** The graph as it is on the canvas now; null when no canvas is mounted. */
export function takeGraphSnapshot(): GraphSnapshot | null {
  return source ? source() : null;
}
