/**
 * React Flow nodes and edges for one view model, laid out by the kept positions and styled by the
 * view state (filters, selection, hover). Pure: the same inputs give the same elements.
 */
import type { Edge, Node } from '@xyflow/react';
import type { Verdict } from '../../engine';
import type { EdgeView, EndpointView, ExternalView, NamespaceView, ViewModel } from '../model/view-model';
import { isDenied } from '../model/verdicts';
import type { Selection, VerdictFilter } from '../store';
import { ENDPOINT_SIZE, EXTERNAL_SIZE, groupSize, type Positions } from './layout';

/** Above this many edges the canvas counts as busy and hides denied flows unless asked. */
export const BUSY_EDGE_COUNT = 40;

export type NamespaceNodeType = Node<{ namespace: NamespaceView }, 'namespace'>;
export type EndpointNodeType = Node<{ endpoint: EndpointView; involved: boolean; dimmed: boolean }, 'endpoint'>;
export type ExternalNodeType = Node<{ external: ExternalView; involved: boolean; dimmed: boolean }, 'external'>;
export type CanvasNode = NamespaceNodeType | EndpointNodeType | ExternalNodeType;

export interface FlowEdgeData extends Record<string, unknown> {
  edge: EdgeView;
  verdict: Verdict;
  label: string | null;
  emphasis: 'normal' | 'focus' | 'dimmed';
}
export type FlowEdgeType = Edge<FlowEdgeData, 'flow'>;

export interface ViewFilters {
  verdictFilter: VerdictFilter;
  portFilter: string;
}

/** Denied flows are hidden by default only when there are too many edges to read. */
export function showsDenied(filter: VerdictFilter, edgeCount: number): boolean {
  return filter === 'all' || filter === 'denied' || (filter === 'auto' && edgeCount <= BUSY_EDGE_COUNT);
}

function passesVerdict(verdict: Verdict, filter: VerdictFilter, edgeCount: number): boolean {
  if (filter === 'allowed') return !isDenied(verdict);
  if (filter === 'denied') return isDenied(verdict);
  return !isDenied(verdict) || showsDenied(filter, edgeCount);
}

/** Nodes at the ends of the selected or hovered element. */
function focusSet(model: ViewModel, focus: Selection): Set<string> | null {
  if (!focus) return null;
  if (focus.kind === 'edge') {
    const edge = model.edges.find((e) => e.id === focus.id);
    return edge ? new Set([edge.source, edge.target]) : null;
  }
  if (focus.id.startsWith('ns:')) return null;
  return new Set([focus.id]);
}

export function buildNodes(model: ViewModel, positions: Positions, selection: Selection, hovered: Selection): CanvasNode[] {
  const involved = focusSet(model, hovered ?? selection);
  const selectedId = selection?.kind === 'node' ? selection.id : null;
  const childIds = new Map<string, string[]>(model.namespaces.map((ns) => [ns.nodeId, []]));
  for (const endpoint of model.endpoints) childIds.get(`ns:${endpoint.namespace}`)?.push(endpoint.nodeId);
  const nodes: CanvasNode[] = [];
  for (const ns of model.namespaces) {
    const size = groupSize(childIds.get(ns.nodeId) ?? [], positions);
    nodes.push({
      id: ns.nodeId,
      type: 'namespace',
      position: positions[ns.nodeId] ?? { x: 0, y: 0 },
      data: { namespace: ns },
      width: size.width,
      height: size.height,
      selected: selectedId === ns.nodeId,
      ariaLabel: `Namespace ${ns.name}`,
      dragHandle: '.namespace-node__header',
    });
  }
  for (const endpoint of model.endpoints) {
    nodes.push({
      id: endpoint.nodeId,
      type: 'endpoint',
      parentId: `ns:${endpoint.namespace}`,
      position: positions[endpoint.nodeId] ?? { x: 0, y: 0 },
      data: { endpoint, involved: involved?.has(endpoint.nodeId) ?? false, dimmed: involved !== null && !involved.has(endpoint.nodeId) && selection?.kind === 'edge' },
      ...ENDPOINT_SIZE,
      selected: selectedId === endpoint.nodeId,
      ariaLabel: `${endpoint.kind} ${endpoint.id}`,
    });
  }
  for (const external of model.externals) {
    nodes.push({
      id: external.nodeId,
      type: 'external',
      position: positions[external.nodeId] ?? { x: 0, y: 0 },
      data: { external, involved: involved?.has(external.nodeId) ?? false, dimmed: involved !== null && !involved.has(external.nodeId) && selection?.kind === 'edge' },
      ...EXTERNAL_SIZE,
      selected: selectedId === external.nodeId,
      ariaLabel: external.internet ? 'The internet' : `Outside range ${external.cidr}`,
    });
  }
  return nodes;
}

/** `changes`: edges the last edit turned allowed or denied, marked with `data-change` for a few seconds. */
export function buildEdges(
  model: ViewModel,
  filters: ViewFilters,
  selection: Selection,
  hovered: Selection,
  changes?: Readonly<Record<string, 'allowed' | 'denied'>> | null,
): FlowEdgeType[] {
  const total = model.edges.length;
  // With a port chosen, each edge shows the verdict for that very port.
  const perPort = new Map<string, Verdict>();
  if (filters.portFilter) {
    for (const row of model.flows) {
      if (row.edgeId && row.port !== null && `${row.port}/${row.protocol}` === filters.portFilter) perPort.set(row.edgeId, row.verdict);
    }
  }
  const focus = hovered ?? selection;
  const focusNode = focus?.kind === 'node' && !focus.id.startsWith('ns:') ? focus.id : null;
  const focusEdge = focus?.kind === 'edge' ? focus.id : null;
  const edges: FlowEdgeType[] = [];
  for (const edge of model.edges) {
    const verdict = filters.portFilter ? perPort.get(edge.id) : edge.verdict;
    if (!verdict || !passesVerdict(verdict, filters.verdictFilter, total)) continue;
    const touchesFocus = focusNode !== null && (edge.source === focusNode || edge.target === focusNode);
    const emphasis = focusEdge === edge.id || touchesFocus ? 'focus' : focusNode || focusEdge ? 'dimmed' : 'normal';
    const label = filters.portFilter && !isDenied(verdict) ? filters.portFilter.replace(/^(\d+)\/(\w+)$/, '$2 $1') : edge.portLabel;
    edges.push({
      id: edge.id,
      type: 'flow',
      source: edge.source,
      target: edge.target,
      data: { edge, verdict, label: isDenied(verdict) ? null : label, emphasis },
      selected: selection?.kind === 'edge' && selection.id === edge.id,
      domAttributes: (changes?.[edge.id] ? { 'data-verdict': verdict, 'data-change': changes[edge.id] } : { 'data-verdict': verdict }) as never,
      ariaLabel: `${edge.from} to ${edge.to}: ${verdict}`,
      // React Flow lifts edges of nested nodes by their depth (+1). Open flows stay one level
      // lower, beneath the namespace groups, so that what the policies decide stands out.
      zIndex: emphasis === 'focus' ? 10 : verdict === 'allow-open' ? -1 : 1,
    });
  }
  return edges;
}

/** Every `port/protocol` that some flow row names, for the port filter. */
export function portOptions(model: ViewModel): string[] {
  const seen = new Map<string, { port: number; protocol: string }>();
  for (const row of model.flows) if (row.port !== null && row.protocol) seen.set(`${row.port}/${row.protocol}`, { port: row.port, protocol: row.protocol });
  return [...seen.entries()].sort(([, a], [, b]) => a.port - b.port || a.protocol.localeCompare(b.protocol)).map(([key]) => key);
}
