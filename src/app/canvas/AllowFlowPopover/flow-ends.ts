/** The two ends of a drawn connection, as the canvas knows them and as intents name them. */
import type { EndpointView, ExternalView, ViewModel } from '../../model/view-model';

export type CanvasEnd =
  | { kind: 'endpoint'; ref: string; nodeId: string; endpoint: EndpointView }
  | { kind: 'external'; ref: string; nodeId: string; external: ExternalView };

/** The end behind a React Flow node id (`ep:ns/name` or `ext:cidr`), or null (a namespace, a node gone). */
export function endOfNode(model: ViewModel, nodeId: string): CanvasEnd | null {
  const endpoint = model.endpoints.find((e) => e.nodeId === nodeId);
  if (endpoint) return { kind: 'endpoint', ref: endpoint.id, nodeId, endpoint };
  const external = model.externals.find((x) => x.nodeId === nodeId);
  if (external) return { kind: 'external', ref: external.cidr, nodeId, external };
  return null;
}

export function endName(end: CanvasEnd): string {
  return end.kind === 'endpoint'
    ? end.endpoint.id
    : end.external.internet
      ? `the internet (${end.external.cidr})`
      : end.external.cidr;
}

/** Labels as `app=web, tier=api`. */
export function labelText(labels: Record<string, string>): string {
  return Object.entries(labels)
    .map(([key, value]) => `${key}=${value}`)
    .join(', ');
}
