/**
 * Ways to make one rule stop allowing a flow while it keeps allowing what else it can: without the
 * peers that match the flow's other end, without the ports of the flow, or not at all. Which peers
 * and ports match is asked of the engine, never re-derived here.
 */
import { decidePair } from '../evaluate/evaluate';
import type { FlowEnd } from '../evaluate/resolve';
import { readPolicy } from '../model/read-policy';
import { PROTOCOLS, type Cluster, type Direction, type Endpoint, type Policy } from '../model/types';
import { intersectPorts, isEmptyPorts, subtractPorts, type PortSet } from '../util/port-set';
import type { RawRecord } from '../util/raw';
import { PEERS_KEY, peersOf, portsOf, RULES_KEY } from './policy-spec';
import type { PortSpec } from './intents';
import { portSetOfSpecs } from './port-math';

/** A policy's raw value read the way the engine reads it, keeping the original's source for messages. */
function asPolicy(raw: RawRecord, like: Pick<Policy, 'namespace' | 'name' | 'source'>): Policy {
  return readPolicy(raw, like.namespace, like.name, like.source, () => like.source);
}

export function clusterWithPolicies(cluster: Cluster, replaced: ReadonlyMap<string, RawRecord>): Cluster {
  return {
    ...cluster,
    policies: cluster.policies.map((policy) =>
      replaced.has(policy.id) ? asPolicy(replaced.get(policy.id)!, policy) : policy,
    ),
  };
}

export interface FlowContext {
  cluster: Cluster;
  /** The policy the rule belongs to. */
  policy: Policy;
  direction: Direction;
  from: FlowEnd;
  to: FlowEnd;
  /** The ports to stop. */
  ports: PortSet;
}

/** What `rule` alone, in the policy, allows between the flow's ends. */
function allowedByRule(context: FlowContext, rule: RawRecord): PortSet {
  const { policy, direction } = context;
  const raw = { spec: { podSelector: {}, policyTypes: [direction], [RULES_KEY[direction]]: [rule] } };
  // The subject is selected by the real policy (that is how the rule matched); the probe keeps its selector.
  const probe = { ...asPolicy(raw, policy), podSelector: policy.podSelector };
  const pair = decidePair({ ...context.cluster, policies: [probe] }, context.from, context.to);
  return (direction === 'Ingress' ? pair.ingress : pair.egress).allowed;
}

function destinationOf(end: FlowEnd): Endpoint | null {
  return end.kind === 'endpoint' ? end.endpoint : null;
}

/** A port entry's own ports, named ports resolved on the destination. */
function entryPorts(entry: unknown, destination: Endpoint | null): PortSet {
  const { protocol = 'TCP', port, endPort } = entry as PortSpec;
  return portSetOfSpecs([{ protocol, port, endPort }], destination);
}

/** Numeric entries for what is left of a set: `{protocol, port, endPort}` per range. */
function entriesOf(set: PortSet): RawRecord[] {
  return PROTOCOLS.flatMap((protocol) =>
    set[protocol].map(([lo, hi]) =>
      lo === hi ? { protocol, port: lo } : { protocol, port: lo, endPort: hi },
    ),
  );
}

export type Narrowing = { kind: 'ports' | 'peers'; rule: RawRecord } | { kind: 'remove'; rule: null };

/** Candidates, most precise first: the flow's ports out of the rule, its peer out of the rule, the rule out. */
export function narrowings(context: FlowContext, rule: RawRecord): Narrowing[] {
  const candidates: Narrowing[] = [];
  const ports = portsOf(rule);
  const destination = destinationOf(context.to);
  if (ports.length) {
    let dropped = false;
    const kept = ports.flatMap((entry): unknown[] => {
      const own = entryPorts(entry, destination);
      if (isEmptyPorts(intersectPorts(own, context.ports))) return [entry];
      dropped = true;
      // A named port cannot be split; a number or range can.
      return typeof (entry as RawRecord).port === 'string'
        ? []
        : entriesOf(subtractPorts(own, context.ports));
    });
    if (dropped && kept.length) candidates.push({ kind: 'ports', rule: { ...rule, ports: kept } });
  }
  const peers = peersOf(rule, context.direction);
  if (peers.length) {
    const peersKey = PEERS_KEY[context.direction];
    const kept = peers.filter((peer) => isEmptyPorts(allowedByRule(context, { [peersKey]: [peer] })));
    if (kept.length && kept.length < peers.length)
      candidates.push({ kind: 'peers', rule: { ...rule, [peersKey]: kept } });
  }
  candidates.push({ kind: 'remove', rule: null });
  return candidates;
}
