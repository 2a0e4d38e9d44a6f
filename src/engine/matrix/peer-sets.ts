import type { Cluster, IpBlock, Policy, PolicyRule } from '../model/types';
import { everyClass, type ClassSet } from './class-set';
import { ClassSelectors } from './class-selectors';
import { compileIpBlock, ipBlockKey, type BlockMatcher } from './ip-block-matcher';
import type { FamilyContext, Partition } from './partition';

/** Every distinct ipBlock of the policies (rules of both directions, used or not). */
export function ipBlocksOf(policies: readonly Policy[]): IpBlock[] {
  const found = new Map<string, IpBlock>();
  for (const policy of policies) {
    for (const rule of [...policy.ingress, ...policy.egress]) {
      for (const peer of rule.peers ?? [])
        if (peer.kind === 'ipBlock') found.set(ipBlockKey(peer.ipBlock), peer.ipBlock);
    }
  }
  return [...found.values()];
}

/**
 * The classes each rule's peers match, as class sets. A selector peer's set does not depend on who
 * asks; an ipBlock peer's does, through the subject's family context (which of the peer's
 * addresses the connection uses). Everything here depends only on the partition and the
 * namespaces, never on which policies exist, so it is shared across incremental updates.
 */
export class PeerSets {
  readonly selectors: ClassSelectors;
  readonly everyone: ClassSet;
  private readonly matchers = new Map<string, BlockMatcher>();
  private readonly blockSets = new Map<string, ClassSet>();
  /**
   * rulePeers' answers, per rule object and family context: each profile a rule's policy takes
   * part in asks again. A rule is read for its policy's namespace (a hand-made cluster could share
   * one rule object between policies, hence the check).
   */
  private readonly ruleSets = new WeakMap<
    PolicyRule,
    { namespace: string; byContext: (readonly ClassSet[] | undefined)[] }
  >();

  constructor(
    cluster: Cluster,
    readonly partition: Partition,
  ) {
    this.selectors = new ClassSelectors(cluster, partition);
    this.everyone = everyClass(partition.classes.length);
  }

  /** Subjects of a policy, whichever directions it isolates. */
  subjects(policy: Policy): ClassSet {
    return this.selectors.policySubjects(policy);
  }

  /**
   * Classes `rule` lets talk to (or from) a subject with family context `context`: the union of
   * these sets, one per peer (they may overlap).
   */
  rulePeers(policy: Policy, rule: PolicyRule, context: FamilyContext): readonly ClassSet[] {
    if (rule.peers === null) return [this.everyone];
    let known = this.ruleSets.get(rule);
    if (known?.namespace !== policy.namespace)
      this.ruleSets.set(rule, (known = { namespace: policy.namespace, byContext: [] }));
    return (known.byContext[context] ??= rule.peers.map((peer) => this.peerSet(policy, peer, context)));
  }

  private peerSet(
    policy: Policy,
    peer: NonNullable<PolicyRule['peers']>[number],
    context: FamilyContext,
  ): ClassSet {
    if (peer.kind === 'selector') return this.selectors.peerClasses(peer, policy.namespace);
    return this.blockClasses(peer.ipBlock, context);
  }

  private blockClasses(block: IpBlock, context: FamilyContext): ClassSet {
    const key = `${context}\u0000${ipBlockKey(block)}`;
    let set = this.blockSets.get(key);
    if (set) return set;
    let matcher = this.matchers.get(ipBlockKey(block));
    if (!matcher) this.matchers.set(ipBlockKey(block), (matcher = compileIpBlock(block)));
    const members: number[] = [];
    for (const cls of this.partition.classes) {
      const address = cls.addresses[context];
      if (address && matcher.matches(address)) members.push(cls.index);
    }
    set = Uint32Array.from(members);
    this.blockSets.set(key, set);
    return set;
  }
}
