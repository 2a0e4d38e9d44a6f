import type { Cluster, IpBlock, Policy, PolicyRule } from '../model/types';
import { addBit, emptyBitset, fullBitset, orInto, type Bitset } from './bitset';
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
 * The classes each rule's peers match, as bitsets. A selector peer's set does not depend on who
 * asks; an ipBlock peer's does, through the subject's family context (which of the peer's
 * addresses the connection uses). Everything here depends only on the partition and the
 * namespaces, never on which policies exist, so it is shared across incremental updates.
 */
export class PeerSets {
  readonly selectors: ClassSelectors;
  readonly everyone: Bitset;
  private readonly matchers = new Map<string, BlockMatcher>();
  private readonly blockSets = new Map<string, Bitset>();

  constructor(
    cluster: Cluster,
    readonly partition: Partition,
  ) {
    this.selectors = new ClassSelectors(cluster, partition);
    this.everyone = fullBitset(partition.classes.length);
  }

  /** Subjects of a policy, whichever directions it isolates. */
  subjects(policy: Policy): Bitset {
    return this.selectors.policySubjects(policy);
  }

  /** Classes `rule` lets talk to (or from) a subject with family context `context`. */
  rulePeers(policy: Policy, rule: PolicyRule, context: FamilyContext): Bitset {
    if (rule.peers === null) return this.everyone;
    if (rule.peers.length === 1) return this.peerSet(policy, rule.peers[0]!, context);
    const set = emptyBitset(this.partition.classes.length);
    for (const peer of rule.peers) orInto(set, this.peerSet(policy, peer, context));
    return set;
  }

  private peerSet(
    policy: Policy,
    peer: NonNullable<PolicyRule['peers']>[number],
    context: FamilyContext,
  ): Bitset {
    if (peer.kind === 'selector') return this.selectors.peerClasses(peer, policy.namespace);
    return this.blockClasses(peer.ipBlock, context);
  }

  private blockClasses(block: IpBlock, context: FamilyContext): Bitset {
    const key = `${context}\u0000${ipBlockKey(block)}`;
    let set = this.blockSets.get(key);
    if (set) return set;
    let matcher = this.matchers.get(ipBlockKey(block));
    if (!matcher) this.matchers.set(ipBlockKey(block), (matcher = compileIpBlock(block)));
    set = emptyBitset(this.partition.classes.length);
    for (const cls of this.partition.classes) {
      const address = cls.addresses[context];
      if (address && matcher.matches(address)) addBit(set, cls.index);
    }
    this.blockSets.set(key, set);
    return set;
  }
}
