import type { IpBlock } from '../model/types';
import { cidrContains, parseCidr, type Cidr, type IpAddress } from '../util/cidr';

/**
 * An ipBlock peer compiled for repeated tests. IPv4 tests run on plain numbers: the matrix tests
 * every endpoint address against every distinct block, and BigInt arithmetic would dominate that.
 * Parsing is util/cidr's, so the meaning is the evaluator's: an unparsable `cidr` matches nothing
 * and an unparsable `except` carves nothing out.
 */
export interface BlockMatcher {
  key: string;
  matches(address: Address): boolean;
}

/** An address with its IPv4 value as a number, converted once. */
export interface Address {
  ip: IpAddress;
  v4: number;
}

export function addressOf(ip: IpAddress): Address {
  return { ip, v4: ip.family === 4 ? Number(ip.value) : 0 };
}

/** Two blocks with the same key match exactly the same addresses. */
export function ipBlockKey(block: IpBlock): string {
  return `${block.cidr} except ${block.except.join(' ')}`;
}

function compileCidr(cidr: Cidr): (address: Address) => boolean {
  if (cidr.family === 6) return (address) => cidrContains(cidr, address.ip);
  const network = Number(cidr.network);
  const shift = 32 - cidr.prefix;
  // `>>> 32` would shift by 0 in JavaScript, so /0 is its own case.
  if (shift === 32) return (address) => address.ip.family === 4;
  return (address) => address.ip.family === 4 && (address.v4 ^ network) >>> shift === 0;
}

export function compileIpBlock(block: IpBlock): BlockMatcher {
  const key = ipBlockKey(block);
  const cidr = parseCidr(block.cidr);
  if (!cidr) return { key, matches: () => false };
  const inside = compileCidr(cidr);
  const excepts = block.except
    .map(parseCidr)
    .filter((except): except is Cidr => except !== null)
    .map(compileCidr);
  return { key, matches: (address) => inside(address) && !excepts.some((carved) => carved(address)) };
}
