/**
 * The cross-product fix: a rule that lists several peers and several ports allows every peer on
 * every port. Splitting it writes one rule per peer. For an egress rule the peers are the
 * destinations, so each new rule keeps only the rule's ports that the peer's pods declare (db1 on
 * 1111, db2 on 2222); a peer whose pods declare none of them, and every peer of an ingress rule
 * (whose ports belong to the policy's own pods), keeps all of the rule's ports.
 */
import { rulePortSet } from '../evaluate/evaluate';
import { namespaceLabels } from '../model/conventions';
import { selects } from '../model/selector';
import type { Cluster, Direction, Endpoint, Peer, PolicyPort } from '../model/types';
import { cidrContains, parseCidr, parseIp } from '../util/cidr';
import {
  formatPorts,
  intersectPorts,
  isEmptyPorts,
  portSetOf,
  unionPorts,
  EMPTY_PORTS,
} from '../util/port-set';
import { isRecord, type RawRecord } from '../util/raw';
import type { SplitRuleIntent } from './intents';
import type { IntentOutcome } from './outcome';
import { EditError, type EditPlan } from './plan';
import { PEERS_KEY, portsOf, rulesOf, setRules } from './policy-spec';
import { cloneValue } from './values';

const NO_SOURCE = {
  file: '',
  line: 0,
  column: 0,
  endLine: 0,
  endColumn: 0,
  documentIndex: 0,
  objectPath: [],
};

/** The pods of the workspace one peer of a rule matches (pods with a known IP for an ipBlock). */
function podsOfPeer(cluster: Cluster, peer: Peer, policyNamespace: string): Endpoint[] {
  if (peer.kind === 'ipBlock') {
    const block = parseCidr(peer.ipBlock.cidr);
    const excepts = peer.ipBlock.except.map(parseCidr);
    return cluster.endpoints.filter((endpoint) =>
      endpoint.ips.some((text) => {
        const ip = parseIp(text);
        return (
          ip !== null &&
          block !== null &&
          cidrContains(block, ip) &&
          !excepts.some((except) => except !== null && cidrContains(except, ip))
        );
      }),
    );
  }
  return cluster.endpoints.filter(
    (pod) =>
      !pod.hostNetwork &&
      (peer.namespaceSelector
        ? selects(peer.namespaceSelector, namespaceLabels(cluster, pod.namespace))
        : pod.namespace === policyNamespace) &&
      (!peer.podSelector || selects(peer.podSelector, pod.labels)),
  );
}

/** The ports a pod declares, as a set. */
function declaredPorts(endpoint: Endpoint) {
  return endpoint.ports.reduce(
    (set, { port, protocol }) => unionPorts(set, portSetOf(protocol, port, port)),
    EMPTY_PORTS,
  );
}

/** Indexes of the port entries that reach a port some of `pods` declares. */
function servedEntries(entries: readonly PolicyPort[], pods: readonly Endpoint[]): number[] {
  return entries.flatMap((entry, index) => {
    const served = pods.some((pod) => {
      const allowed = rulePortSet({ index: 0, peers: null, ports: [entry], source: NO_SOURCE }, pod);
      return !isEmptyPorts(intersectPorts(allowed, declaredPorts(pod)));
    });
    return served ? [index] : [];
  });
}

function describePeer(raw: unknown): string {
  if (!isRecord(raw)) return 'a peer';
  if (isRecord(raw.ipBlock)) return `ipBlock ${String(raw.ipBlock.cidr ?? '')}`;
  const parts: string[] = [];
  for (const key of ['namespaceSelector', 'podSelector'] as const) {
    const selector = raw[key];
    if (!isRecord(selector)) continue;
    const labels = isRecord(selector.matchLabels)
      ? Object.entries(selector.matchLabels).map(([k, v]) => `${k}=${String(v)}`)
      : [];
    const expressions =
      Array.isArray(selector.matchExpressions) && selector.matchExpressions.length ? ['…'] : [];
    const what = [...labels, ...expressions].join(',') || 'all';
    parts.push(`${key === 'podSelector' ? 'pods' : 'namespaces'} ${what}`);
  }
  return parts.join(' in ') || 'a peer';
}

export function splitRule(plan: EditPlan, intent: SplitRuleIntent): IntentOutcome {
  const direction: Direction = intent.direction === 'ingress' ? 'Ingress' : 'Egress';
  const draft = plan.policy(intent.policyId);
  const rules = rulesOf(draft.value, direction).map((rule) => cloneValue(rule));
  const rule = rules[intent.index];
  const ruleName = `${intent.direction} rule ${intent.index + 1} of ${draft.id}`;
  if (!rule) throw new EditError(`${draft.id} has no ${ruleName.split(' of ')[0]}.`);
  const peersKey = PEERS_KEY[direction];
  const peers = Array.isArray(rule[peersKey]) ? (rule[peersKey] as unknown[]) : [];
  if (peers.length < 2)
    throw new EditError(
      `${ruleName} has ${peers.length === 0 ? 'no peers' : 'one peer'}, so there is nothing to split.`,
    );
  const rawPorts = portsOf(rule);

  // The rule as the engine read it, to find which pods each peer means and which ports they serve.
  const typed = plan.cluster.policies.find((policy) => policy.id === draft.id)?.[intent.direction][
    intent.index
  ];
  const pairable =
    direction === 'Egress' &&
    typed?.peers?.length === peers.length &&
    typed.ports?.length === rawPorts.length;

  const notes: string[] = [];
  const split: RawRecord[] = peers.map((peer, index) => {
    const next: RawRecord = { ...rule, [peersKey]: [peer] };
    if (!pairable || rawPorts.length === 0) return next;
    const pods = podsOfPeer(plan.cluster, typed!.peers![index]!, draft.namespace);
    const kept = servedEntries(typed!.ports!, pods);
    if (kept.length === 0 || kept.length === rawPorts.length) return next;
    next.ports = kept.map((at) => rawPorts[at]);
    const ports = kept.reduce(
      (set, at) =>
        unionPorts(
          set,
          rulePortSet(
            { index: 0, peers: null, ports: [typed!.ports![at]!], source: NO_SOURCE },
            pods[0] ?? null,
          ),
        ),
      EMPTY_PORTS,
    );
    notes.push(
      `The peer ${describePeer(peer)} keeps only ${formatPorts(ports)}, the port${kept.length === 1 ? '' : 's'} its pods declare.`,
    );
    return next;
  });
  rules.splice(intent.index, 1, ...split);
  setRules(draft.value, direction, rules);
  const head = `Split ${ruleName} into ${split.length} rules, one per peer.`;
  if (notes.length === 0) {
    notes.push(
      direction === 'Egress'
        ? 'Each new rule keeps every port of the old one (no peer’s pods declare a narrower set); remove the ports a peer should not get.'
        : 'Each new rule keeps every port of the old one; remove the ports a peer should not get.',
    );
  }
  return { notes: [head, ...notes] };
}
