import type { Endpoint } from '../model/types';
import { parseIp, type IpAddress } from '../util/cidr';
import { addressOf, type Address, type BlockMatcher } from './ip-block-matcher';

/**
 * Which address families an end can use towards another: bit 1 IPv4, bit 2 IPv6. The evaluator
 * picks a peer's address among the families the *subject* has (both when it has no known IP),
 * so ipBlock matching depends on the pair (subject context, peer address).
 */
export type FamilyContext = 0 | 1 | 2 | 3;

/** Endpoints that no selector, rule or ipBlock of the policies can tell apart. */
export interface EndpointClass {
  index: number;
  /** Any member: all members behave the same in every policy decision. */
  representative: Endpoint;
  members: number[];
  hostNetwork: boolean;
  namespace: string;
  /** The families this class offers when it is the subject and the other end is the peer. */
  context: FamilyContext;
  /** The address this class is matched by as a peer, per subject context (null: none). */
  addresses: readonly (Address | null)[];
}

export interface Partition {
  classes: EndpointClass[];
  /** Class index per endpoint index. */
  classOf: Uint32Array;
  /** Per endpoint, the peer address per subject context. */
  endpointAddresses: readonly (readonly (Address | null)[])[];
}

/** What an endpoint's IPs mean to the evaluator: its family context and its peer addresses. */
interface Addressing {
  context: FamilyContext;
  /** Per subject context 0..3: the first of the endpoint's addresses of a family that context allows. */
  addresses: (Address | null)[];
}

/**
 * Mirrors evaluate.ts's addressOf: a subject offers the families of its IPs (both when it has no
 * IP at all), and a peer is matched by its address of a family the subject offers, IPv4 first. Parsing
 * stops once both families are known: workloads carry every replica's IP.
 */
function addressingOf(endpoint: Endpoint): Addressing {
  let v4: Address | null = null;
  let v6: Address | null = null;
  for (const text of endpoint.ips) {
    const ip: IpAddress | null = parseIp(text);
    if (!ip) continue;
    if (ip.family === 4 && !v4) v4 = addressOf(ip);
    else if (ip.family === 6 && !v6) v6 = addressOf(ip);
    if (v4 && v6) break;
  }
  const context = (endpoint.ips.length === 0 ? 3 : (v4 ? 1 : 0) | (v6 ? 2 : 0)) as FamilyContext;
  // A subject that offers both families talks IPv4 when the peer has it (evaluate.ts's rule).
  return { context, addresses: [null, v4, v6, v4 ?? v6] };
}

function blockSignature(address: Address | null, blocks: readonly BlockMatcher[]): string {
  if (!address) return '-';
  let signature = '';
  for (let b = 0; b < blocks.length; b++) if (blocks[b]!.matches(address)) signature += `${b},`;
  return signature;
}

/** Named ports as evaluate.ts resolves them: the first declared port with each name. */
export function namedPortsKey(endpoint: Endpoint): string {
  const named = new Map<string, string>();
  for (const { name, port, protocol } of endpoint.ports) {
    if (name !== undefined && !named.has(name)) named.set(name, `${port}/${protocol}`);
  }
  return JSON.stringify([...named].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function labelsKey(endpoint: Endpoint): string {
  return JSON.stringify(Object.entries(endpoint.labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/**
 * What tells endpoints apart. A hostNetwork endpoint is never a subject and never matches a
 * selector or a named port, so only its addresses count. Other endpoints differ by namespace,
 * labels, named ports, their family context and the blocks their addresses fall in. Unnamed
 * container ports and the endpoint kind never enter a policy decision.
 */
function classKey(
  endpoint: Endpoint,
  { context, addresses }: Addressing,
  blocks: readonly BlockMatcher[],
  nodeKey: ((endpoint: Endpoint) => string) | null,
): string {
  // addresses[3] is addresses[1] or addresses[2], so its family is enough to tell which.
  const ipPart = `${blockSignature(addresses[1]!, blocks)}/${blockSignature(addresses[2]!, blocks)}/${addresses[3]?.ip.family ?? 0}`;
  if (endpoint.hostNetwork)
    return nodeKey ? `H\u0000${ipPart}\u0000${nodeKey(endpoint)}` : `H\u0000${ipPart}`;
  return `P\u0000${endpoint.namespace}\u0000${labelsKey(endpoint)}\u0000${namedPortsKey(endpoint)}\u0000${context}\u0000${ipPart}`;
}

/**
 * Groups endpoints into classes, given every distinct ipBlock the policies use and, when `nodes`
 * peers can tell hostNetwork endpoints apart, which nodes each stands for (`nodeKey`).
 */
export function partitionEndpoints(
  endpoints: readonly Endpoint[],
  blocks: readonly BlockMatcher[],
  nodeKey: ((endpoint: Endpoint) => string) | null = null,
): Partition {
  const classes: EndpointClass[] = [];
  const classOf = new Uint32Array(endpoints.length);
  const byKey = new Map<string, EndpointClass>();
  const addressing = endpoints.map(addressingOf);
  const endpointAddresses = addressing.map((a) => a.addresses);
  endpoints.forEach((endpoint, e) => {
    const { context, addresses } = addressing[e]!;
    const key = classKey(endpoint, addressing[e]!, blocks, nodeKey);
    let found = byKey.get(key);
    if (!found) {
      found = {
        index: classes.length,
        representative: endpoint,
        members: [],
        hostNetwork: endpoint.hostNetwork,
        namespace: endpoint.namespace,
        context,
        addresses,
      };
      classes.push(found);
      byKey.set(key, found);
    }
    found.members.push(e);
    classOf[e] = found.index;
  });
  return { classes, classOf, endpointAddresses };
}

/** True when some block matches some members of a class but not others (the partition must be redone). */
export function blocksSplitAClass(partition: Partition, blocks: readonly BlockMatcher[]): boolean {
  for (const block of blocks) {
    for (const { members } of partition.classes) {
      if (members.length < 2) continue;
      for (let context = 1; context <= 3; context++) {
        const outcome = (e: number) => {
          const address = partition.endpointAddresses[e]![context];
          return address ? block.matches(address) : false;
        };
        const first = outcome(members[0]!);
        if (members.some((e) => outcome(e) !== first)) return true;
      }
    }
  }
  return false;
}
