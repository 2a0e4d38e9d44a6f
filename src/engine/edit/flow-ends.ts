/** The two ends of a flow an intent names, and the peers that describe them in a rule. */
import { resolveRef, type FlowEnd } from '../evaluate/resolve';
import { CONTROLLER_HASH_LABELS } from '../model/read-workload';
import type { Endpoint, Labels } from '../model/types';
import { formatCidr, formatIp, parseCidr, parseIp } from '../util/cidr';
import type { RawRecord } from '../util/raw';
import type { Workspace } from '../workspace';
import type { PeerWidth } from './intents';
import { exactLabelSelector, namespaceSelectorByName } from './manifests';
import { EditError } from './plan';

export type IntentEnd =
  | { kind: 'endpoint'; endpoint: Endpoint; flow: FlowEnd }
  | {
      kind: 'outside';
      cidr: string;
      /** The CIDR is one address, so a verdict for `flow` is the verdict for the whole range. */
      single: boolean;
      /** An address of the range, to evaluate with. */
      flow: FlowEnd;
    };

/** `namespace/name`, an IP address (a known pod's address means that pod) or a CIDR. */
export function resolveIntentEnd(workspace: Workspace, ref: string, role: 'from' | 'to'): IntentEnd {
  const cidr = parseCidr(ref);
  if (cidr) {
    const bits = cidr.family === 4 ? 32 : 128;
    const flow: FlowEnd = {
      kind: 'ip',
      ip: formatIp({ family: cidr.family, value: cidr.network }),
      node: false,
    };
    return { kind: 'outside', cidr: formatCidr(cidr), single: cidr.prefix === bits, flow };
  }
  const resolved = resolveRef(workspace.index, ref);
  if (!resolved.ok) throw new EditError(`${role}: ${resolved.message}`);
  const { end } = resolved;
  if (end.kind === 'ip') {
    const ip = parseIp(end.ip)!;
    return {
      kind: 'outside',
      cidr: `${formatIp(ip)}/${ip.family === 4 ? 32 : 128}`,
      single: true,
      flow: end,
    };
  }
  if (end.endpoint.hostNetwork) {
    throw new EditError(
      `${end.endpoint.id} uses the host network: NetworkPolicy sees it as its node's address, so a rule can only name it by an ipBlock of that address.`,
    );
  }
  return { kind: 'endpoint', endpoint: end.endpoint, flow: end };
}

/**
 * The podSelector that picks out this workload: its labels, without per-rollout hashes, and
 * `DoesNotExist` on a key of any `neighbour` (the namespace's other endpoints) that carries them all.
 */
export function workloadSelector(endpoint: Endpoint, neighbours: readonly Endpoint[] = []): RawRecord {
  const labels: Labels = Object.fromEntries(
    Object.entries(endpoint.labels).filter(([key]) => !CONTROLLER_HASH_LABELS.includes(key)),
  );
  if (Object.keys(labels).length === 0) {
    throw new EditError(
      `${endpoint.id} has no labels, so no podSelector can pick it out: give it a label (such as app: ${endpoint.name}), or allow its whole namespace.`,
    );
  }
  const others = neighbours
    .filter((other) => other !== endpoint && other.namespace === endpoint.namespace)
    .map((other) => other.labels);
  return exactLabelSelector(labels, others, CONTROLLER_HASH_LABELS);
}

/** The peer naming `end` in a rule of a policy that lives in `policyNamespace`. */
export function peerFor(
  end: IntentEnd,
  policyNamespace: string,
  width: PeerWidth,
  except: readonly string[] = [],
): RawRecord {
  if (end.kind === 'outside')
    return { ipBlock: except.length ? { cidr: end.cidr, except: [...except] } : { cidr: end.cidr } };
  const { namespace } = end.endpoint;
  const home = namespace === policyNamespace;
  if (width === 'namespace-label') return { namespaceSelector: namespaceSelectorByName(namespace) };
  if (width === 'namespace-pods')
    return home ? { podSelector: {} } : { namespaceSelector: namespaceSelectorByName(namespace) };
  const podSelector = workloadSelector(end.endpoint);
  // A podSelector alone only ever matches pods of the policy's own namespace.
  return home ? { podSelector } : { namespaceSelector: namespaceSelectorByName(namespace), podSelector };
}

/** Why none of the asked-for ports means anything at `to`: named ports live on pods. */
export function noSuchPorts(to: IntentEnd): EditError {
  return new EditError(
    to.kind === 'outside'
      ? `Only pods have named ports, and ${to.cidr} is outside the cluster: give the port by number.`
      : `${to.endpoint.id} declares none of the named ports asked for.`,
  );
}

export function endLabel(end: IntentEnd): string {
  return end.kind === 'endpoint' ? end.endpoint.id : end.cidr;
}
