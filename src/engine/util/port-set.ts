import { PROTOCOLS, type Protocol } from '../model/types';

export const MIN_PORT = 1;
export const MAX_PORT = 65535;

/** Sorted, disjoint, non-adjacent inclusive ranges. */
export type Ranges = readonly (readonly [number, number])[];

/** A set of (protocol, port) pairs, kept as ranges per protocol. */
export type PortSet = Readonly<Record<Protocol, Ranges>>;

export const EMPTY_PORTS: PortSet = { TCP: [], UDP: [], SCTP: [] };
export const ALL_PORTS: PortSet = {
  TCP: [[MIN_PORT, MAX_PORT]],
  UDP: [[MIN_PORT, MAX_PORT]],
  SCTP: [[MIN_PORT, MAX_PORT]],
};

function normalize(ranges: (readonly [number, number])[]): Ranges {
  const sorted = ranges.filter(([lo, hi]) => lo <= hi).sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const [lo, hi] of sorted) {
    const last = out[out.length - 1];
    if (last && lo <= last[1] + 1) last[1] = Math.max(last[1], hi);
    else out.push([lo, hi]);
  }
  return out;
}

function intersectRanges(a: Ranges, b: Ranges): Ranges {
  const out: [number, number][] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const [alo, ahi] = a[i]!;
    const [blo, bhi] = b[j]!;
    const lo = Math.max(alo, blo);
    const hi = Math.min(ahi, bhi);
    if (lo <= hi) out.push([lo, hi]);
    if (ahi < bhi) i++;
    else j++;
  }
  return out;
}

export function portSetOf(protocol: Protocol, lo: number, hi: number): PortSet {
  return { ...EMPTY_PORTS, [protocol]: [[lo, hi]] };
}

export function unionPorts(a: PortSet, b: PortSet): PortSet {
  return {
    TCP: normalize([...a.TCP, ...b.TCP]),
    UDP: normalize([...a.UDP, ...b.UDP]),
    SCTP: normalize([...a.SCTP, ...b.SCTP]),
  };
}

export function intersectPorts(a: PortSet, b: PortSet): PortSet {
  return {
    TCP: intersectRanges(a.TCP, b.TCP),
    UDP: intersectRanges(a.UDP, b.UDP),
    SCTP: intersectRanges(a.SCTP, b.SCTP),
  };
}

function subtractRanges(from: Ranges, remove: Ranges): Ranges {
  const out: [number, number][] = [];
  for (const [lo, hi] of from) {
    let start = lo;
    for (const [rlo, rhi] of remove) {
      if (rhi < start || rlo > hi) continue;
      if (rlo > start) out.push([start, rlo - 1]);
      start = Math.max(start, rhi + 1);
    }
    if (start <= hi) out.push([start, hi]);
  }
  return out;
}

export function subtractPorts(from: PortSet, remove: PortSet): PortSet {
  const out = { ...EMPTY_PORTS };
  for (const protocol of PROTOCOLS) out[protocol] = subtractRanges(from[protocol], remove[protocol]);
  return out;
}

export function isEmptyPorts(set: PortSet): boolean {
  return PROTOCOLS.every((protocol) => set[protocol].length === 0);
}

export function isAllPorts(set: PortSet): boolean {
  return PROTOCOLS.every((protocol) => {
    const ranges = set[protocol];
    return ranges.length === 1 && ranges[0]![0] === MIN_PORT && ranges[0]![1] === MAX_PORT;
  });
}

export function hasPort(set: PortSet, protocol: Protocol, port: number): boolean {
  return set[protocol].some(([lo, hi]) => lo <= port && port <= hi);
}

/** `TCP 80,8000-8080, UDP 53`, or `all ports` / `no ports`. */
export function formatPorts(set: PortSet): string {
  if (isAllPorts(set)) return 'all ports';
  const groups = PROTOCOLS.filter((protocol) => set[protocol].length > 0).map((protocol) => {
    const ranges = set[protocol];
    if (ranges.length === 1 && ranges[0]![0] === MIN_PORT && ranges[0]![1] === MAX_PORT)
      return `${protocol} (all)`;
    return `${protocol} ${ranges.map(([lo, hi]) => (lo === hi ? `${lo}` : `${lo}-${hi}`)).join(',')}`;
  });
  return groups.length ? groups.join(', ') : 'no ports';
}
