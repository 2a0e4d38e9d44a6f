import type { Direction } from '../model/types';
import type { RawRecord } from '../util/raw';
import { PEERS_KEY, peersOf, portsOf, samePeer, samePort } from './policy-spec';
import { cloneValue } from './values';

/** What adding a rule did: nothing (an existing rule already says it), widened a rule, or appended one. */
export type MergeOutcome =
  { kind: 'present'; index: number } | { kind: 'merged'; index: number } | { kind: 'added'; index: number };

const containsAll = (
  list: readonly unknown[],
  wanted: readonly unknown[],
  same: (a: unknown, b: unknown) => boolean,
) => wanted.every((item) => list.some((entry) => same(entry, item)));

/** Every peer and port of `rule` is already in `existing` (an empty list there means "all"). */
function covers(existing: RawRecord, rule: RawRecord, direction: Direction): boolean {
  const peers = peersOf(existing, direction);
  const ports = portsOf(existing);
  const wantedPeers = peersOf(rule, direction);
  const wantedPorts = portsOf(rule);
  const peersCovered =
    peers.length === 0 || (wantedPeers.length > 0 && containsAll(peers, wantedPeers, samePeer));
  const portsCovered =
    ports.length === 0 || (wantedPorts.length > 0 && containsAll(ports, wantedPorts, samePort));
  return peersCovered && portsCovered;
}

/**
 * Adds `rule` (one peer, its ports) to a rule list the way a person would: not at all when a rule
 * already allows it; as more ports of a rule for the same single peer; as one more peer of a rule
 * with the same single port (never making a rule of several peers AND several ports, which allows
 * every pairing of them); otherwise as a rule of its own.
 */
export function mergeRule(rules: RawRecord[], rule: RawRecord, direction: Direction): MergeOutcome {
  const present = rules.findIndex((existing) => covers(existing, rule, direction));
  if (present >= 0) return { kind: 'present', index: present };
  const [peer, ...otherPeers] = peersOf(rule, direction);
  const ports = portsOf(rule);
  if (peer !== undefined && otherPeers.length === 0) {
    const samePeerRule = rules.findIndex((existing) => {
      const peers = peersOf(existing, direction);
      return peers.length === 1 && samePeer(peers[0], peer) && portsOf(existing).length > 0;
    });
    if (samePeerRule >= 0) {
      const widened = cloneValue(rules[samePeerRule]!);
      if (ports.length === 0) delete widened.ports;
      else
        widened.ports = [
          ...portsOf(widened),
          ...ports.filter((port) => !portsOf(widened).some((entry) => samePort(entry, port))),
        ];
      rules[samePeerRule] = widened;
      return { kind: 'merged', index: samePeerRule };
    }
    const samePortRule = rules.findIndex((existing) => {
      const existingPorts = portsOf(existing);
      return (
        peersOf(existing, direction).length > 0 &&
        existingPorts.length <= 1 &&
        existingPorts.length === ports.length &&
        containsAll(existingPorts, ports, samePort)
      );
    });
    if (samePortRule >= 0) {
      const widened = cloneValue(rules[samePortRule]!);
      widened[PEERS_KEY[direction]] = [...peersOf(widened, direction), peer];
      rules[samePortRule] = widened;
      return { kind: 'merged', index: samePortRule };
    }
  }
  rules.push(rule);
  return { kind: 'added', index: rules.length - 1 };
}
