import type { PolicyRule } from '../model/types';
import { cidrContains, networkOf, parseCidr, type Cidr, type IpAddress, type IpFamily } from '../util/cidr';

/** An ipBlock peer of a rule: its parsed `except`s (unparsable ones carve nothing out, as in peerMatches). */
interface Entry {
  rule: number;
  excepts: readonly Cidr[];
}

/**
 * The rules of one policy direction, with their ipBlock peers indexed by network. Deciding an
 * address against thousands of ipBlocks scanned them all, for every outside range the app shows
 * (10,000 blocks: minutes); here it costs one map lookup per distinct prefix length.
 */
export interface RuleIndex {
  /** Positions of rules that must be checked peer by peer: no peers (everyone) or a selector peer. */
  readonly scanned: readonly number[];
  /** Positions, ascending, of the ipBlock-only rules with a peer that matches `address`. */
  blockRules(address: IpAddress): number[];
}

interface FamilyIndex {
  /** Distinct prefix lengths, each with its blocks by network address. */
  byPrefix: Map<number, Map<bigint, Entry[]>>;
}

/** A rule with no peers (everyone) or a selector peer: the index cannot answer it alone. */
export function isScanned(rule: PolicyRule): boolean {
  return rule.peers === null || rule.peers.some((peer) => peer.kind !== 'ipBlock');
}

function buildIndex(rules: readonly PolicyRule[]): RuleIndex {
  const scanned: number[] = [];
  const families: Record<IpFamily, FamilyIndex> = { 4: { byPrefix: new Map() }, 6: { byPrefix: new Map() } };
  rules.forEach((rule, position) => {
    if (isScanned(rule)) {
      scanned.push(position);
      return;
    }
    for (const peer of rule.peers!) {
      if (peer.kind !== 'ipBlock') continue;
      const cidr = parseCidr(peer.ipBlock.cidr);
      if (!cidr) continue;
      const excepts = peer.ipBlock.except.map(parseCidr).filter((except): except is Cidr => except !== null);
      const { byPrefix } = families[cidr.family];
      let byNetwork = byPrefix.get(cidr.prefix);
      if (!byNetwork) byPrefix.set(cidr.prefix, (byNetwork = new Map()));
      const entries = byNetwork.get(cidr.network);
      if (entries) entries.push({ rule: position, excepts });
      else byNetwork.set(cidr.network, [{ rule: position, excepts }]);
    }
  });
  return {
    scanned,
    blockRules(address) {
      const found: number[] = [];
      for (const [prefix, byNetwork] of families[address.family].byPrefix) {
        for (const { rule, excepts } of byNetwork.get(networkOf(address, prefix)) ?? []) {
          if (!excepts.some((except) => cidrContains(except, address))) found.push(rule);
        }
      }
      found.sort((a, b) => a - b);
      return found.filter((rule, i) => i === 0 || found[i - 1] !== rule);
    },
  };
}

/** Rule lists are never modified once built, so an index stays valid as long as its list lives. */
const indexes = new WeakMap<readonly PolicyRule[], RuleIndex>();

export function ruleIndex(rules: readonly PolicyRule[]): RuleIndex {
  let index = indexes.get(rules);
  if (!index) indexes.set(rules, (index = buildIndex(rules)));
  return index;
}
