import { rulePortSet } from '../evaluate/evaluate';
import { PROTOCOLS, type Endpoint, type PolicyPort, type PolicyRule } from '../model/types';
import { EMPTY_PORTS, isEmptyPorts, type PortSet, type Ranges } from '../util/port-set';
import type { PortSpec } from './intents';

/** Only explanations read a rule's source; these rules never reach one. */
const NO_SOURCE: PolicyRule['source'] = {
  file: '',
  line: 0,
  column: 0,
  endLine: 0,
  endColumn: 0,
  documentIndex: 0,
  objectPath: [],
};

/** The ports `specs` mean towards `destination` (named ports resolve on it); none given means all. */
export function portSetOfSpecs(specs: readonly PortSpec[], destination: Endpoint | null): PortSet {
  const ports: PolicyPort[] = specs.map(({ port, endPort, protocol }) => ({
    protocol,
    ...(port !== undefined ? { port } : {}),
    ...(endPort !== undefined && typeof port === 'number' ? { endPort } : {}),
  }));
  return rulePortSet(
    { index: 0, peers: null, ports: ports.length ? ports : null, source: NO_SOURCE },
    destination,
  );
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

export function coversPorts(outer: PortSet, inner: PortSet): boolean {
  return isEmptyPorts(subtractPorts(inner, outer));
}
