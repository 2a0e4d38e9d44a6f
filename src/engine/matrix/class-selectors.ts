import { namespaceLabels } from '../model/conventions';
import { selects } from '../model/selector';
import type { Cluster, LabelSelector, Peer, Policy } from '../model/types';
import { addBit, emptyBitset, type Bitset } from './bitset';
import type { Partition } from './partition';

type SelectorPeer = Extract<Peer, { kind: 'selector' }>;

/**
 * Label selectors evaluated over equivalence classes instead of endpoints, with the same
 * semantics as evaluate.ts (model/selector's `selects` on a class representative). Only
 * pod-network classes are candidates: hostNetwork endpoints are never subjects and never match a
 * selector peer. Results are memoised per selector and scope, because real policy sets repeat the
 * same selectors many times.
 */
export class ClassSelectors {
  private readonly classesByNamespace = new Map<string, number[]>();
  /** label key -> value -> classes carrying it, to start from the rarest label of a selector. */
  private readonly postings = new Map<string, Map<string, number[]>>();
  private readonly namespaceSelections = new Map<string, readonly string[]>();
  private readonly podSelections = new Map<string, Bitset>();

  constructor(
    private readonly cluster: Cluster,
    private readonly partition: Partition,
  ) {
    for (const cls of partition.classes) {
      if (cls.hostNetwork) continue;
      let inNamespace = this.classesByNamespace.get(cls.namespace);
      if (!inNamespace) this.classesByNamespace.set(cls.namespace, (inNamespace = []));
      inNamespace.push(cls.index);
      for (const [key, value] of Object.entries(cls.representative.labels)) {
        let byValue = this.postings.get(key);
        if (!byValue) this.postings.set(key, (byValue = new Map()));
        let list = byValue.get(value);
        if (!list) byValue.set(value, (list = []));
        list.push(cls.index);
      }
    }
  }

  private get size(): number {
    return this.partition.classes.length;
  }

  /** Pod-network classes of the policy's namespace that its podSelector selects. */
  policySubjects(policy: Policy): Bitset {
    return this.podsMatching(policy.podSelector, [policy.namespace]);
  }

  /** Classes a selector peer matches: namespace-local without a namespaceSelector, as in evaluate.ts. */
  peerClasses(peer: SelectorPeer, policyNamespace: string): Bitset {
    const namespaces = peer.namespaceSelector
      ? this.namespacesMatching(peer.namespaceSelector)
      : [policyNamespace];
    return this.podsMatching(peer.podSelector ?? null, namespaces);
  }

  private namespacesMatching(selector: LabelSelector): readonly string[] {
    const key = JSON.stringify(selector);
    let found = this.namespaceSelections.get(key);
    if (!found) {
      found = [...this.classesByNamespace.keys()].filter((namespace) =>
        selects(selector, namespaceLabels(this.cluster, namespace)),
      );
      this.namespaceSelections.set(key, found);
    }
    return found;
  }

  /** `selector` null: every pod-network class of those namespaces. */
  private podsMatching(selector: LabelSelector | null, namespaces: readonly string[]): Bitset {
    const key = `${JSON.stringify(selector)}\u0000${namespaces.join('\u0000')}`;
    let found = this.podSelections.get(key);
    if (found) return found;
    found = emptyBitset(this.size);
    const inScope = namespaces.length === 1 ? null : new Set(namespaces);
    const fromLabels = selector ? this.rarestCandidates(selector) : null;
    const inNamespaceCount = namespaces.reduce(
      (sum, ns) => sum + (this.classesByNamespace.get(ns)?.length ?? 0),
      0,
    );
    const classes = this.partition.classes;
    if (fromLabels && fromLabels.length < inNamespaceCount) {
      for (const c of fromLabels) {
        const cls = classes[c]!;
        const namespaceOk = inScope ? inScope.has(cls.namespace) : cls.namespace === namespaces[0];
        if (namespaceOk && selects(selector!, cls.representative.labels)) addBit(found, c);
      }
    } else {
      for (const namespace of namespaces) {
        for (const c of this.classesByNamespace.get(namespace) ?? []) {
          if (!selector || selects(selector, classes[c]!.representative.labels)) addBit(found, c);
        }
      }
    }
    this.podSelections.set(key, found);
    return found;
  }

  /** The smallest class list that must contain every match: one required label's carriers. */
  private rarestCandidates(selector: LabelSelector): number[] | null {
    let best: number[] | null = null;
    const consider = (list: number[]) => {
      if (!best || list.length < best.length) best = list;
    };
    for (const [key, value] of Object.entries(selector.matchLabels))
      consider(this.postings.get(key)?.get(value) ?? []);
    for (const { key, operator, values } of selector.matchExpressions) {
      const byValue = this.postings.get(key);
      if (operator === 'In') consider(values.flatMap((value) => byValue?.get(value) ?? []));
      else if (operator === 'Exists') consider(byValue ? [...byValue.values()].flat() : []);
    }
    return best;
  }
}
