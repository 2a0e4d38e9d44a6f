import { classTierAllowed } from '../evaluate/evaluate';
import { hasTieredPolicies, nodesAt, selectingPolicies } from '../evaluate/tiers';
import type { Cluster, Direction, Endpoint, IpBlock } from '../model/types';
import { namedPortsKey, type Partition } from './partition';
import type { PortSetTable } from './port-set-table';
import type { Profile } from './profiles';

/** The `networks` CIDRs of the cluster-scoped policies, as blocks the partition must keep uniform. */
export function tierNetworkBlocks(cluster: Cluster): IpBlock[] {
  const cidrs = new Set<string>();
  for (const policy of cluster.tieredPolicies ?? [])
    for (const rule of [...policy.ingress, ...policy.egress])
      for (const peer of rule.peers)
        if (peer.kind === 'networks') for (const cidr of peer.cidrs) cidrs.add(cidr);
  return [...cidrs].map((cidr) => ({ cidr, except: [] }));
}

/**
 * What else tells hostNetwork endpoints apart once `nodes` peers exist: the nodes they are. Null
 * when the workspace has no cluster-scoped policy, so that partitions stay as they were.
 */
export function tierNodeKey(cluster: Cluster): ((endpoint: Endpoint) => string) | null {
  if (!hasTieredPolicies(cluster)) return null;
  return (endpoint) =>
    endpoint.hostNetwork
      ? nodesAt(cluster, [...(endpoint.hostIP ? [endpoint.hostIP] : []), ...endpoint.ips])
          .map((node) => node.name)
          .sort()
          .join('\u0000')
      : '';
}

/**
 * Replaces the profiles of the classes that Admin or Baseline policies select in `direction` by
 * rows of what the whole tier walk lets through (evaluate/tiers.ts on class representatives, fed
 * the NetworkPolicy profile's row where one isolates the class). Classes
 * with the same NetworkPolicy profile, the same selecting cluster policies, family context and
 * (for ingress, where named ports resolve on the subject) named ports share one row.
 */
export function applyTierRows(
  cluster: Cluster,
  partition: Partition,
  table: PortSetTable,
  direction: Direction,
  profiles: (Profile | null)[],
): void {
  if (!hasTieredPolicies(cluster)) return;
  const rows = new Map<string, Profile>();
  for (const cls of partition.classes) {
    if (cls.hostNetwork) continue;
    const subject = cls.representative;
    const tierIds = [
      ...selectingPolicies(cluster, 'Admin', direction, subject),
      ...selectingPolicies(cluster, 'Baseline', direction, subject),
    ].map((policy) => policy.id);
    if (tierIds.length === 0) continue;
    const networkPolicy = profiles[cls.index];
    const named = direction === 'Ingress' ? namedPortsKey(subject) : '';
    const key = `tiers|${direction}|${cls.context}|${named}|${networkPolicy?.key ?? '-'}|${tierIds.join('\u0000')}`;
    let profile = rows.get(key);
    if (!profile) {
      const row = new Uint32Array(partition.classes.length);
      for (const peer of partition.classes) {
        const [from, to] =
          direction === 'Egress' ? [subject, peer.representative] : [peer.representative, subject];
        const networkPolicyRow = networkPolicy ? table.get(networkPolicy.row[peer.index]!) : null;
        row[peer.index] = table.intern(classTierAllowed(cluster, direction, from, to, networkPolicyRow));
      }
      profile = { key, direction, policyIds: [...(networkPolicy?.policyIds ?? []), ...tierIds], row };
      rows.set(key, profile);
    }
    profiles[cls.index] = profile;
  }
}
