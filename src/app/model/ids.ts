/**
 * The app's ids, each a string of its own type, built here and nowhere else: a node id cannot be
 * passed where an endpoint id is meant (`ep:prod/db` against `prod/db`), which strings allowed.
 */
declare const brand: unique symbol;
type Brand<T extends string> = string & { readonly [brand]: T };

/** A React Flow node: `ns:<name>`, `ep:<namespace>/<name>` or `ext:<cidr>` (design.md's test ids). */
export type NodeId = Brand<'NodeId'>;
/** An endpoint as the engine, the CLI and probes name it: `namespace/name`. */
export type EndpointId = Brand<'EndpointId'>;
/** A NetworkPolicy as the engine names it: `namespace/name`. */
export type PolicyId = Brand<'PolicyId'>;

export const namespaceNodeId = (namespace: string) => `ns:${namespace}` as NodeId;
export const endpointNodeId = (endpointId: EndpointId) => `ep:${endpointId}` as NodeId;
export const externalNodeId = (cidr: string) => `ext:${cidr}` as NodeId;
/** The node standing for the outside ranges too many to draw; also its name in the expanded list. */
export const OUTSIDE_GROUP_ID = 'ext-group:outside' as NodeId;
export const flowEdgeId = (sourceNodeId: NodeId, targetNodeId: NodeId): string =>
  `flow:${sourceNodeId}->${targetNodeId}`;

/**
 * The parts of a node id, for what knows only the id (a selection in a collapsed namespace, whose
 * endpoints are not in the view model); whatever has the view model reads them there instead.
 */
export function parseNodeId(
  id: string,
):
  | { kind: 'namespace'; namespace: string }
  | { kind: 'endpoint'; namespace: string }
  | { kind: 'external' }
  | null {
  if (id.startsWith('ns:')) return { kind: 'namespace', namespace: id.slice(3) };
  if (id.startsWith('ext:')) return { kind: 'external' };
  // An endpoint id is `namespace/name` or `namespace/Kind/name`: no namespace holds a `/`.
  const slash = id.indexOf('/');
  if (id.startsWith('ep:') && slash > 3) return { kind: 'endpoint', namespace: id.slice(3, slash) };
  return null;
}
/** The engine's id of an endpoint (`Endpoint.id`, `namespace/name`). */
export const endpointId = (engineId: string) => engineId as EndpointId;
/** The engine's id of a policy (`namespace/name`). */
export const policyId = (engineId: string) => engineId as PolicyId;
