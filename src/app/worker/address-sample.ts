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
  taken: readonly (ParsedAddress | null)[] = [],
): string | null {
  const range = parseRange(cidr);
  if (!range) return null;
  const avoidRanges = avoid.map((text) => (text.includes('/') ? parseRange(text) : null));
  const takenValues = new Set<bigint>();
  for (const a of [...avoid.map((text) => (text.includes('/') ? null : parseAddress(text))), ...taken])
    if (a && a.bits === range.bits) takenValues.add(a.value);
  const free = (value: bigint) =>
    avoidRanges.every((r) => !r || !contains(r, range.bits, value)) && !takenValues.has(value);
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
