import { namespaceLabels } from '../model/conventions';
import { selects } from '../model/selector';
import type { Cluster, LabelSelector, Peer, Policy } from '../model/types';
import { classSetOf, type ClassSet } from './class-set';
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
  /**
   * namespace -> label key -> value -> classes carrying it, to start from a selector's rarest
   * label in each namespace it applies to: a selector is then tested against the few classes
   * that could match, not against every class (or every class anywhere with a common label).
   */
  private readonly postings = new Map<string, Map<string, Map<string, number[]>>>();
  private readonly namespaceSelections = new Map<string, readonly string[]>();
  private readonly podSelections = new Map<string, ClassSet>();

  constructor(
    private readonly cluster: Cluster,
    private readonly partition: Partition,
  ) {
    for (const cls of partition.classes) {
      if (cls.hostNetwork) continue;
      let inNamespace = this.classesByNamespace.get(cls.namespace);
      if (!inNamespace) this.classesByNamespace.set(cls.namespace, (inNamespace = []));
      inNamespace.push(cls.index);
      let byKey = this.postings.get(cls.namespace);
      if (!byKey) this.postings.set(cls.namespace, (byKey = new Map()));
      for (const [key, value] of Object.entries(cls.representative.labels)) {
        let byValue = byKey.get(key);
        if (!byValue) byKey.set(key, (byValue = new Map()));
        let list = byValue.get(value);
        if (!list) byValue.set(value, (list = []));
        list.push(cls.index);
      }
    }
  }

  /** Pod-network classes of the policy's namespace that its podSelector selects. */
  policySubjects(policy: Policy): ClassSet {
    return this.podsMatching(policy.podSelector, [policy.namespace]);
  }

  /** Classes a selector peer matches: namespace-local without a namespaceSelector, as in evaluate.ts. */
  peerClasses(peer: SelectorPeer, policyNamespace: string): ClassSet {
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
  private podsMatching(selector: LabelSelector | null, namespaces: readonly string[]): ClassSet {
    const key = `${JSON.stringify(selector)}\u0000${namespaces.join('\u0000')}`;
    let found = this.podSelections.get(key);
    if (found) return found;
    const members: number[] = [];
    const classes = this.partition.classes;
    for (const namespace of namespaces) {
      const inNamespace = this.classesByNamespace.get(namespace) ?? [];
      if (!selector) {
        for (const c of inNamespace) members.push(c);
        continue;
      }
      const candidates = this.rarestCandidates(selector, namespace) ?? [inNamespace];
      for (const list of candidates)
        for (const c of list) if (selects(selector, classes[c]!.representative.labels)) members.push(c);
    }
    found = classSetOf(members);
    this.podSelections.set(key, found);
    return found;
  }

  /**
   * The fewest classes of `namespace` that must contain every match, as lists (disjoint): the
   * carriers of one label the selector requires. Null when it requires none.
   */
  private rarestCandidates(selector: LabelSelector, namespace: string): number[][] | null {
    const byKey = this.postings.get(namespace);
    let best: number[][] | null = null;
    let bestSize = Infinity;
    const consider = (lists: number[][]) => {
      const size = lists.reduce((sum, list) => sum + list.length, 0);
      if (size < bestSize) [best, bestSize] = [lists, size];
    };
    for (const [key, value] of Object.entries(selector.matchLabels)) {
      const list = byKey?.get(key)?.get(value);
      consider(list ? [list] : []);
    }
    for (const { key, operator, values } of selector.matchExpressions) {
      const byValue = byKey?.get(key);
      // (A value listed twice gives its list twice: harmless, matches go into a set.)
      if (operator === 'In') consider(values.map((value) => byValue?.get(value) ?? []));
      else if (operator === 'Exists') consider(byValue ? [...byValue.values()] : []);
    }
    return best;
  }
}
