import ipaddr from 'ipaddr.js';

export type IpFamily = 4 | 6;

export interface IpAddress {
  family: IpFamily;
  value: bigint;
}

/** Shared between callers (parseCidr keeps them): never modified. */
export interface Cidr {
  readonly family: IpFamily;
  /** Network address with host bits masked, as the API server's tolerant parser reads it. */
  readonly network: bigint;
  readonly prefix: number;
}

const FOUR_PART_DECIMAL = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

function bitsOf(family: IpFamily): number {
  return family === 4 ? 32 : 128;
}

function toBigInt(bytes: readonly number[]): bigint {
  let value = 0n;
  for (const byte of bytes) value = (value << 8n) | BigInt(byte);
  return value;
}

/**
 * Parses an IP address the way Go's legacy parser does: IPv4 only in four-part decimal, with
 * zero-padded octets read as decimal (`010.1.2.3` is 10.1.2.3); IPv6 without a zone.
 * ipaddr.js alone would also accept hex, octal and short forms, which Kubernetes rejects.
 */
export function parseIp(text: string): IpAddress | null {
  const v4 = FOUR_PART_DECIMAL.exec(text);
  if (v4) {
    const octets = v4.slice(1).map((part) => Number.parseInt(part, 10));
    if (octets.some((octet) => octet > 255)) return null;
    return { family: 4, value: toBigInt(octets) };
  }
  if (!text.includes(':') || text.includes('%') || !ipaddr.IPv6.isValid(text)) return null;
  return { family: 6, value: toBigInt(ipaddr.IPv6.parse(text).toByteArray()) };
}

/**
 * Parsed CIDRs by text: evaluating one ipBlock rule against thousands of addresses would
 * otherwise parse it (regular expressions, BigInt masks) for every one of them. Bounded, so that
 * a long session of distinct texts cannot grow it without end.
 */
const parsedCidrs = new Map<string, Cidr | null>();
const PARSED_CIDRS_KEPT = 100_000;

/** Parses `addr/len`, masking host bits (`10.0.0.1/24` is 10.0.0.0/24), or returns null. */
export function parseCidr(text: string): Cidr | null {
  let parsed = parsedCidrs.get(text);
  if (parsed !== undefined) return parsed;
  parsed = readCidr(text);
  if (parsedCidrs.size >= PARSED_CIDRS_KEPT) parsedCidrs.clear();
  parsedCidrs.set(text, parsed);
  return parsed;
}

function readCidr(text: string): Cidr | null {
  const slash = text.indexOf('/');
  if (slash < 0 || slash !== text.lastIndexOf('/')) return null;
  const address = parseIp(text.slice(0, slash));
  const prefixText = text.slice(slash + 1);
  if (!address || !/^\d{1,3}$/.test(prefixText)) return null;
  const prefix = Number.parseInt(prefixText, 10);
  const bits = bitsOf(address.family);
  if (prefix > bits) return null;
  return { family: address.family, network: address.value & maskOf(address.family, prefix), prefix };
}

function computeMask(family: IpFamily, prefix: number): bigint {
  const bits = BigInt(bitsOf(family));
  const all = (1n << bits) - 1n;
  return all ^ ((1n << (bits - BigInt(prefix))) - 1n);
}

/** Every mask, computed once: cidrContains runs for every address against every ipBlock. */
const MASKS: Record<IpFamily, readonly bigint[]> = {
  4: Array.from({ length: 33 }, (_, prefix) => computeMask(4, prefix)),
  6: Array.from({ length: 129 }, (_, prefix) => computeMask(6, prefix)),
};

function maskOf(family: IpFamily, prefix: number): bigint {
  return MASKS[family][prefix]!;
}

/** The network of `ip` at `prefix` (host bits cleared): what a CIDR of that prefix holding `ip` has. */
export function networkOf(ip: IpAddress, prefix: number): bigint {
  return ip.value & maskOf(ip.family, prefix);
}

export function cidrContains(cidr: Cidr, ip: IpAddress): boolean {
  return cidr.family === ip.family && (ip.value & maskOf(cidr.family, cidr.prefix)) === cidr.network;
}

/** True when `inner` is a strict sub-range of `outer` (the API server's rule for `except`). */
export function cidrStrictlyContains(outer: Cidr, inner: Cidr): boolean {
  return (
    outer.family === inner.family &&
    inner.prefix > outer.prefix &&
    (inner.network & maskOf(outer.family, outer.prefix)) === outer.network
  );
}

export function formatIp(ip: IpAddress): string {
  if (ip.family === 4) {
    const octets = [24n, 16n, 8n, 0n].map((shift) => Number((ip.value >> shift) & 255n));
    return octets.join('.');
  }
  const bytes: number[] = [];
  for (let shift = 120n; shift >= 0n; shift -= 8n) bytes.push(Number((ip.value >> shift) & 255n));
  return ipaddr.fromByteArray(bytes).toString();
}

export function formatCidr(cidr: Cidr): string {
  return `${formatIp({ family: cidr.family, value: cidr.network })}/${cidr.prefix}`;
}
