/**
 * How a logged end maps to a workspace endpoint (flow-logs.md, "Ends"): the exact pod name, then
 * `workloads[0]`, then the controllers' pod-naming patterns, then the pod's IP. Reserved identities
 * are outside addresses; anything else is unknown, never guessed.
 */
import { resolveRef, type EndpointIndex } from '../evaluate/resolve';
import type { Endpoint, EndpointKind } from '../model/types';
import { formatIp, parseIp } from '../util/cidr';
import type { LoggedEnd } from './read-log';

export type ObservedEnd =
  | { kind: 'endpoint'; endpoint: Endpoint }
  | { kind: 'ip'; ip: string; node: boolean }
  | { kind: 'unknown'; ref: string; reason: string };

/** The characters Kubernetes uses for generated name parts (k8s.io/apimachinery rand.String). */
const ALPHABET = '[bcdfghjklmnpqrstvwxz2456789]';

/** Suffixes a controller appends to its own name for its pods, and which controllers do. */
const NAME_PATTERNS: readonly { suffix: RegExp; kinds: readonly EndpointKind[] }[] = [
  { suffix: new RegExp(`-${ALPHABET}{1,10}-${ALPHABET}{5}$`), kinds: ['Deployment'] },
  { suffix: new RegExp(`-${ALPHABET}{5}$`), kinds: ['ReplicaSet', 'DaemonSet', 'Job'] },
  { suffix: /-\d+$/, kinds: ['StatefulSet'] },
  { suffix: new RegExp(`-\\d+-${ALPHABET}{5}$`), kinds: ['CronJob'] },
];

/** The endpoint a pod `namespace/pod` is, or is a replica of; undefined when there is none. */
export function endpointForPod(
  index: EndpointIndex,
  namespace: string,
  pod: string,
  workload?: string,
): Endpoint | undefined {
  const exact = index.byName.get(`${namespace}/${pod}`);
  if (exact) return exact;
  if (workload) {
    const named = index.byName.get(`${namespace}/${workload}`);
    if (named) return named;
  }
  for (const { suffix, kinds } of NAME_PATTERNS) {
    const match = suffix.exec(pod);
    if (!match) continue;
    const key = `${namespace}/${pod.slice(0, match.index)}`;
    const owner = index.byName.get(key);
    // A hit through an alias is a ReplicaSet or Job folded into its controller: the same workload.
    if (owner && (kinds.includes(owner.kind) || owner.id !== key)) return owner;
  }
  return undefined;
}

function addressEnd(index: EndpointIndex, ip: string): ObservedEnd | null {
  const resolved = resolveRef(index, ip);
  if (!resolved.ok) return null;
  const { end } = resolved;
  if (end.kind === 'endpoint') return { kind: 'endpoint', endpoint: end.endpoint };
  return { kind: 'ip', ip: formatIp(parseIp(ip)!), node: end.node };
}

export function mapEnd(index: EndpointIndex, end: LoggedEnd): ObservedEnd {
  if (end.kind === 'ref') {
    const slash = end.ref.indexOf('/');
    if (slash > 0) {
      const endpoint = endpointForPod(index, end.ref.slice(0, slash), end.ref.slice(slash + 1));
      return endpoint
        ? { kind: 'endpoint', endpoint }
        : { kind: 'unknown', ref: end.ref, reason: `no Pod or workload for ${end.ref} in the workspace` };
    }
    // A CSV address carries no identity labels: like a probe's IP, it is a pod's or outside.
    return (
      addressEnd(index, end.ref) ?? {
        kind: 'unknown',
        ref: end.ref,
        reason: `"${end.ref}" is neither namespace/name nor an IP address`,
      }
    );
  }
  if (end.podName && end.namespace) {
    const endpoint = endpointForPod(index, end.namespace, end.podName, end.workload);
    const ref = `${end.namespace}/${end.podName}`;
    return endpoint
      ? { kind: 'endpoint', endpoint }
      : { kind: 'unknown', ref, reason: `no Pod or workload for ${ref} in the workspace` };
  }
  const address = addressEnd(index, end.ip);
  if (!address) return { kind: 'unknown', ref: end.ip, reason: `"${end.ip}" is not an IP address` };
  if (address.kind === 'endpoint' || end.notPod) return address;
  return {
    kind: 'unknown',
    ref: end.ip,
    reason: `${end.ip} has no pod name and no reserved identity, and no workspace pod has that address`,
  };
}

export function endName(end: ObservedEnd): string {
  switch (end.kind) {
    case 'endpoint':
      return end.endpoint.id;
    case 'ip':
      return end.ip;
    default:
      return end.ref;
  }
}
