/**
 * Which flows between endpoints an edit changes, found by evaluating before and after: the honest
 * way to say "this also stops x -> y", whatever rule or policy caused it.
 */
import { decidePair } from '../evaluate/evaluate';
import { tierSelects } from '../evaluate/tiers';
import { selects } from '../model/selector';
import type { Cluster, Endpoint } from '../model/types';
import {
  ALL_PORTS,
  EMPTY_PORTS,
  formatPorts,
  intersectPorts,
  isEmptyPorts,
  portSetOf,
  subtractPorts,
  unionPorts,
  type PortSet,
} from '../util/port-set';
import type { TargetFlow } from './outcome';

export interface FlowChange {
  from: string;
  to: string;
  lost: PortSet;
  gained: PortSet;
}

/** Beyond this many endpoint pairs, only the first ones are compared (and the summary says so). */
const MAX_COMPARED_PAIRS = 20_000;

/** Endpoints selected by any of these policies, in either cluster: the only ones whose flows can change. */
export function subjectsOf(clusters: readonly Cluster[], policyIds: ReadonlySet<string>): Set<string> {
  const subjects = new Set<string>();
  for (const cluster of clusters) {
    for (const policy of cluster.policies) {
      if (!policyIds.has(policy.id)) continue;
      for (const endpoint of cluster.endpoints) {
        if (endpoint.namespace === policy.namespace && selects(policy.podSelector, endpoint.labels))
          subjects.add(endpoint.id);
      }
    }
  }
  return subjects;
}

/** Endpoints a cluster-scoped policy named by kind and name selects, in either cluster. */
export function tieredSubjectsOf(
  clusters: readonly Cluster[],
  objects: readonly { kind: string; name: string }[],
): Set<string> {
  const subjects = new Set<string>();
  for (const cluster of clusters)
    for (const policy of cluster.tieredPolicies ?? []) {
      if (!objects.some((object) => object.kind === policy.kind && object.name === policy.name)) continue;
      for (const endpoint of cluster.endpoints)
        if (tierSelects(cluster, policy, endpoint)) subjects.add(endpoint.id);
    }
  return subjects;
}

/** The ports worth reporting towards an endpoint: those it declares, or all when it declares none. */
function portsOfInterest(endpoint: Endpoint): PortSet {
  if (endpoint.ports.length === 0) return ALL_PORTS;
  return endpoint.ports.reduce(
    (set, { port, protocol }) => unionPorts(set, portSetOf(protocol, port, port)),
    EMPTY_PORTS,
  );
}

export function compareFlows(
  before: Cluster,
  after: Cluster,
  subjects: ReadonlySet<string>,
): { changes: FlowChange[]; complete: boolean } {
  const beforeById = new Map(before.endpoints.map((endpoint) => [endpoint.id, endpoint]));
  const pairs: [Endpoint, Endpoint][] = [];
  for (const from of after.endpoints) {
    for (const to of after.endpoints)
      if (subjects.has(from.id) || subjects.has(to.id)) pairs.push([from, to]);
  }
  const changes: FlowChange[] = [];
  for (const [from, to] of pairs.slice(0, MAX_COMPARED_PAIRS)) {
    const oldFrom = beforeById.get(from.id);
    const oldTo = beforeById.get(to.id);
    if (!oldFrom || !oldTo) continue; // new endpoints have no "before"
    const interest = portsOfInterest(to);
    const was = intersectPorts(
      decidePair(before, { kind: 'endpoint', endpoint: oldFrom }, { kind: 'endpoint', endpoint: oldTo })
        .allowed,
      interest,
    );
    const now = intersectPorts(
      decidePair(after, { kind: 'endpoint', endpoint: from }, { kind: 'endpoint', endpoint: to }).allowed,
      interest,
    );
    const lost = subtractPorts(was, now);
    const gained = subtractPorts(now, was);
    if (!isEmptyPorts(lost) || !isEmptyPorts(gained))
      changes.push({ from: from.id, to: to.id, lost, gained });
  }
  return { changes, complete: pairs.length <= MAX_COMPARED_PAIRS };
}

/** Leaves the target flow's own ports out, so that what remains is a side effect. */
export function withoutTarget(changes: readonly FlowChange[], target: TargetFlow | undefined): FlowChange[] {
  return changes
    .map((change) =>
      target && change.from === target.from && change.to === target.to
        ? {
            ...change,
            lost: subtractPorts(change.lost, target.ports),
            gained: subtractPorts(change.gained, target.ports),
          }
        : change,
    )
    .filter((change) => !isEmptyPorts(change.lost) || !isEmptyPorts(change.gained));
}

const LISTED = 5;

function listFlows(changes: readonly FlowChange[], ports: (change: FlowChange) => PortSet): string {
  const shown = changes
    .slice(0, LISTED)
    .map((change) => `${change.from} -> ${change.to} on ${formatPorts(ports(change))}`);
  const more = changes.length > LISTED ? ` and ${changes.length - LISTED} more` : '';
  return `${shown.join('; ')}${more}`;
}

/** "Also stops a -> b on TCP 80." and "Also allows …", for a summary. */
export function describeFlowChanges(
  changes: readonly FlowChange[],
  complete: boolean,
  also: boolean,
): string[] {
  const stopped = changes.filter((change) => !isEmptyPorts(change.lost));
  const opened = changes.filter((change) => !isEmptyPorts(change.gained));
  const verb = (word: string) => (also ? `Also ${word}` : `${word[0]!.toUpperCase()}${word.slice(1)}`);
  const sentences: string[] = [];
  if (stopped.length) sentences.push(`${verb('stops')} ${listFlows(stopped, (change) => change.lost)}.`);
  if (opened.length) sentences.push(`${verb('allows')} ${listFlows(opened, (change) => change.gained)}.`);
  if (!complete) sentences.push('(Only part of the workspace was compared: it has too many endpoints.)');
  return sentences;
}
