/**
 * Picks one concrete address to stand for a whole range on the canvas. The engine decides flows
 * between addresses, not ranges, so an outside node is evaluated through a sample address that
 * lies in its range, outside its excepts and outside any narrower range that has a node of its own.
 */
import ipaddr from 'ipaddr.js';

interface Range {
  bits: number;
  network: bigint;
  prefix: number;
}

function toBigInt(bytes: readonly number[]): bigint {
  let value = 0n;
  for (const byte of bytes) value = (value << 8n) | BigInt(byte);
  return value;
}

function parseRange(text: string): Range | null {
  try {
    const [address, prefix] = ipaddr.parseCIDR(text);
    const bits = address.kind() === 'ipv4' ? 32 : 128;
    const host = BigInt(bits - prefix);
    const network = (toBigInt(address.toByteArray()) >> host) << host;
    return { bits, network, prefix };
  } catch {
    return null;
  }
}

export interface ParsedAddress {
  bits: number;
  value: bigint;
}

export function parseAddress(text: string): ParsedAddress | null {
  if (!ipaddr.isValid(text)) return null;
  const address = ipaddr.parse(text);
  return { bits: address.kind() === 'ipv4' ? 32 : 128, value: toBigInt(address.toByteArray()) };
}

function contains(range: Range, bits: number, value: bigint): boolean {
  if (range.bits !== bits) return false;
  const host = BigInt(bits - range.prefix);
  return value >> host === range.network >> host;
}

function format(bits: number, value: bigint): string {
  const bytes: number[] = [];
  for (let i = bits / 8 - 1; i >= 0; i--) bytes.push(Number((value >> BigInt(i * 8)) & 0xffn));
  return ipaddr.fromByteArray(bytes).toString();
}

/** Addresses already used by pods, per address size (32 or 128 bits): built once for many ranges. */
export type TakenAddresses = ReadonlyMap<number, ReadonlySet<bigint>>;

export function takenAddresses(addresses: readonly string[]): TakenAddresses {
  const taken = new Map<number, Set<bigint>>();
  for (const text of addresses) {
    const address = parseAddress(text);
    if (!address) continue;
    let set = taken.get(address.bits);
    if (!set) taken.set(address.bits, (set = new Set()));
    set.add(address.value);
  }
  return taken;
}

/**
 * For each CIDR of `cidrs`, the narrower ones of the list that lie inside it, found by a search
 * in the ranges sorted by network instead of a scan of the whole list per CIDR: with thousands of
 * ipBlocks the scan was quadratic (10,000 blocks took a minute). CIDRs nest or are disjoint, so
 * a narrower range that is not inside another cannot hold an address of it.
 */
export function narrowerInside(cidrs: readonly string[]): string[][] {
  const parsed = cidrs.map((text, index) => ({ text, index, range: parseRange(text) }));
  const sorted = parsed
    .filter((p): p is typeof p & { range: Range } => p.range !== null)
    .sort((a, b) =>
      a.range.bits !== b.range.bits
        ? a.range.bits - b.range.bits
        : a.range.network < b.range.network
          ? -1
          : a.range.network > b.range.network
            ? 1
            : a.range.prefix - b.range.prefix,
    );
  const before = (bits: number, network: bigint) => {
    let low = 0;
    let high = sorted.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      const r = sorted[mid]!.range;
      if (r.bits < bits || (r.bits === bits && r.network < network)) low = mid + 1;
      else high = mid;
    }
    return low;
  };
  return parsed.map(({ range }) => {
    if (!range) return [];
    const end = range.network + (1n << BigInt(range.bits - range.prefix));
    const inside: string[] = [];
    for (let i = before(range.bits, range.network); i < sorted.length; i++) {
      const other = sorted[i]!.range;
      if (other.bits !== range.bits || other.network >= end) break;
      if (other.prefix > range.prefix) inside.push(sorted[i]!.text);
    }
    return inside;
  });
}

/** Addresses tried for the catch-all "internet" node, documentation ranges first. */
const PUBLIC_CANDIDATES = [
  '203.0.113.80',
  '198.51.100.7',
  '192.0.2.10',
  '8.8.8.8',
  '1.1.1.1',
  '9.9.9.9',
  '100.100.100.100',
];

/**
 * An address inside `cidr` that is in none of `avoid` (excepts, narrower ranges, pod IPs) nor
 * `taken` (addresses parsed once for many ranges), or the first host address when every
 * candidate is taken.
 */
export function sampleAddress(
  cidr: string,
  avoid: readonly string[],
  taken: TakenAddresses = new Map(),
): string | null {
  const range = parseRange(cidr);
  if (!range) return null;
  const avoidRanges = avoid.map((text) => (text.includes('/') ? parseRange(text) : null));
  const avoidValues = new Set<bigint>();
  for (const text of avoid) {
    const a = text.includes('/') ? null : parseAddress(text);
    if (a && a.bits === range.bits) avoidValues.add(a.value);
  }
  const takenValues = taken.get(range.bits);
  const free = (value: bigint) =>
    avoidRanges.every((r) => !r || !contains(r, range.bits, value)) &&
    !avoidValues.has(value) &&
    !takenValues?.has(value);
  const size = 1n << BigInt(range.bits - range.prefix);
  const candidates: bigint[] = [];
  if (range.prefix === 0 && range.bits === 32) {
    for (const text of PUBLIC_CANDIDATES) candidates.push(parseAddress(text)!.value);
  }
  const offsets = size > 2n ? [1n, size / 2n + 1n, size - 2n, 10n, 100n] : [0n, size - 1n];
  for (const offset of offsets) if (offset < size) candidates.push(range.network + offset);
  // Walk the range in coarse steps so that a range mostly covered by excepts still finds a hole.
  const step = size > 256n ? size / 256n : 1n;
  for (let offset = 0n; offset < size && candidates.length < 300; offset += step)
    candidates.push(range.network + offset);
  const chosen = candidates.find(free) ?? range.network + (size > 2n ? 1n : 0n);
  return format(range.bits, chosen);
}
