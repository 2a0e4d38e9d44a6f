import type { Cluster, Endpoint } from '../model/types';
import { parseIp, type IpAddress } from '../util/cidr';

/** One end of a connection: a known endpoint, or an address outside the modelled pods. */
export type FlowEnd =
  | { kind: 'endpoint'; endpoint: Endpoint; /** the address the probe named, if it named one */ ip?: string }
  | {
      kind: 'ip';
      ip: string;
      /** the address is a node's (a pod's status.hostIP) */ node: boolean;
      /** a domain name the probe named instead of an address; `ip` is then that name */ domain?: string;
    };

export type ResolveResult = { ok: true; end: FlowEnd } | { ok: false; message: string };

/** Lookup tables for resolving probe references; build once per cluster. */
export interface EndpointIndex {
  byName: ReadonlyMap<string, Endpoint>;
  /** `namespace/kind/name` with the kind in lower case, for every endpoint. */
  byQualified: ReadonlyMap<string, Endpoint>;
  /** `namespace/name` that only workloads of different kinds share (no Pod): their qualified ids. */
  ambiguous: ReadonlyMap<string, string[]>;
  byIp: ReadonlyMap<string, Endpoint>;
  nodeIps: ReadonlySet<string>;
}

function canonicalIp(ip: IpAddress): string {
  return `${ip.family}:${ip.value.toString(16)}`;
}

export function indexEndpoints(cluster: Cluster): EndpointIndex {
  const byName = new Map<string, Endpoint>();
  const byQualified = new Map<string, Endpoint>();
  const ambiguous = new Map<string, string[]>();
  const byIp = new Map<string, Endpoint>();
  const nodeIps = new Set<string>();
  for (const endpoint of cluster.endpoints) {
    for (const alias of endpoint.aliases) if (!byName.has(alias)) byName.set(alias, endpoint);
    for (const ip of endpoint.ips) {
      const parsed = parseIp(ip);
      // A hostNetwork pod's IP is its node's; the address means the node, not that pod.
      if (parsed && !endpoint.hostNetwork) byIp.set(canonicalIp(parsed), endpoint);
    }
    const host = endpoint.hostIP ? parseIp(endpoint.hostIP) : null;
    if (host) nodeIps.add(canonicalIp(host));
  }
  for (const endpoint of cluster.endpoints) {
    byName.set(endpoint.id, endpoint);
    byQualified.set(qualifiedKey(endpoint.namespace, endpoint.kind, endpoint.name), endpoint);
  }
  for (const endpoint of cluster.endpoints) {
    const plain = `${endpoint.namespace}/${endpoint.name}`;
    if (endpoint.id === plain || byName.has(plain)) continue;
    const same = ambiguous.get(plain);
    if (same) same.push(endpoint.id);
    else ambiguous.set(plain, [endpoint.id]);
  }
  return { byName, byQualified, ambiguous, byIp, nodeIps };
}

function qualifiedKey(namespace: string, kind: string, name: string): string {
  return `${namespace}/${kind.toLowerCase()}/${name}`;
}

/** At least two dot-separated DNS labels, an optional final dot: `api.example.com`. */
export const DOMAIN_NAME = /^(?:[a-z0-9](?:[-a-z0-9_]*[a-z0-9])?\.)+[a-z0-9](?:[-a-z0-9]*[a-z0-9])?\.?$/i;

/**
 * Resolves `namespace/name` (a pod, a workload, or a pod folded into its workload) or an IP address.
 * An IP that belongs to a known pod means that pod. A name that exists nowhere is an error, never
 * a silent deny. `namespace/Kind/name` names an endpoint of one kind (any case: `a/deployment/web`),
 * which is how a workload that shares its name with a Pod or another workload is named. With
 * `domains`, a domain name (`api.example.com`) is an outside end that only `domainNames` peers
 * match: probes and explain accept it, edits and flow logs (which need an address) do not.
 */
export function resolveRef(
  index: EndpointIndex,
  ref: string,
  options: { domains?: boolean } = {},
): ResolveResult {
  const ip = parseIp(ref);
  if (ip) {
    const endpoint = index.byIp.get(canonicalIp(ip));
    if (endpoint) return { ok: true, end: { kind: 'endpoint', endpoint, ip: ref } };
    return { ok: true, end: { kind: 'ip', ip: ref, node: index.nodeIps.has(canonicalIp(ip)) } };
  }
  const parts = ref.split('/');
  const endpoint =
    index.byName.get(ref) ??
    (parts.length === 3 ? index.byQualified.get(qualifiedKey(parts[0]!, parts[1]!, parts[2]!)) : undefined);
  if (endpoint) return { ok: true, end: { kind: 'endpoint', endpoint } };
  const candidates = index.ambiguous.get(ref);
  if (candidates)
    return {
      ok: false,
      message: `${ref} is ambiguous: workloads of different kinds share that name; name one of ${candidates.join(', ')}`,
    };
  if (!ref.includes('/') && options.domains && DOMAIN_NAME.test(ref))
    return { ok: true, end: { kind: 'ip', ip: ref, node: false, domain: ref } };
  if (!ref.includes('/'))
    return {
      ok: false,
      message: `"${ref}" is neither namespace/name nor an IP address${options.domains ? ' nor a domain name' : ''}`,
    };
  return { ok: false, message: `no Pod or workload named ${ref} in the workspace` };
}

export function endLabel(end: FlowEnd): string {
  return end.kind === 'endpoint' ? end.endpoint.id : end.ip;
}
