import { rulePortSet } from '../evaluate/evaluate';
import type { Endpoint, PolicyPort, PolicyRule } from '../model/types';
import { isEmptyPorts, subtractPorts, type PortSet } from '../util/port-set';
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

export function coversPorts(outer: PortSet, inner: PortSet): boolean {
  return isEmptyPorts(subtractPorts(inner, outer));
}
