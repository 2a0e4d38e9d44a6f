import { classTierParts } from '../evaluate/evaluate';
import { hasTieredPolicies, nodesAt, selectingPolicies } from '../evaluate/tiers';
import type { Cluster, Direction, Endpoint, IpBlock } from '../model/types';
import { namedPortsKey, type Partition } from './partition';
import type { PortSetTable } from './port-set-table';
import { ProfileRow, type Profile } from './profiles';

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

/** Per peer class, port-set ids of a tier walk's parts (see classTierParts). */
interface TierParts {
  admin: Uint32Array;
  afterAdmin: Uint32Array;
  open: Uint32Array;
}

/**
 * Replaces the profiles of the classes that Admin or Baseline policies select in `direction` by
 * rows of what the whole tier walk lets through. The walk itself (evaluate/tiers.ts on class
 * representatives) depends only on the selecting cluster policies, the family context and, for
 * ingress, where named ports resolve on the subject, its named ports: it is computed once per such
 * key and combined with each class's NetworkPolicy profile row by port-set ids.
 */
export function applyTierRows(
  cluster: Cluster,
  partition: Partition,
  table: PortSetTable,
  direction: Direction,
  profiles: (Profile | null)[],
): void {
  if (!hasTieredPolicies(cluster)) return;
  const walks = new Map<string, TierParts>();
  const rows = new Map<string, Profile>();
  const n = partition.classes.length;
  for (const cls of partition.classes) {
    if (cls.hostNetwork) continue;
    const subject = cls.representative;
    const tierIds = [
      ...selectingPolicies(cluster, 'Admin', direction, subject),
      ...selectingPolicies(cluster, 'Baseline', direction, subject),
    ].map((policy) => policy.id);
    if (tierIds.length === 0) continue;
    const named = direction === 'Ingress' ? namedPortsKey(subject) : '';
    const walkKey = `${direction}|${cls.context}|${named}|${tierIds.join('\u0000')}`;
    let parts = walks.get(walkKey);
    if (!parts) {
      parts = { admin: new Uint32Array(n), afterAdmin: new Uint32Array(n), open: new Uint32Array(n) };
      for (const peer of partition.classes) {
        const [from, to] =
          direction === 'Egress' ? [subject, peer.representative] : [peer.representative, subject];
        const { admin, afterAdmin, open } = classTierParts(cluster, direction, from, to);
        parts.admin[peer.index] = table.intern(admin);
        parts.afterAdmin[peer.index] = table.intern(afterAdmin);
        parts.open[peer.index] = table.intern(open);
      }
      walks.set(walkKey, parts);
    }
    const networkPolicy = profiles[cls.index];
    const key = `tiers|${walkKey}|${networkPolicy?.key ?? '-'}`;
    let profile = rows.get(key);
    if (!profile) {
      let row = parts.open;
      if (networkPolicy) {
        row = new Uint32Array(n);
        for (let d = 0; d < n; d++)
          row[d] = table.union(
            parts.admin[d]!,
            table.intersect(parts.afterAdmin[d]!, networkPolicy.row.at(d)),
          );
      }
      profile = {
        key,
        direction,
        policyIds: [...(networkPolicy?.policyIds ?? []), ...tierIds],
        row: ProfileRow.of(row),
      };
      rows.set(key, profile);
    }
    profiles[cls.index] = profile;
  }
}
