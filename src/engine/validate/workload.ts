/**
 * The parts of a PodSpec that NetworkPolicy evaluation reads: container ports (named ports resolve
 * through them) and hostNetwork. Codes: W1 containerPort, W2 protocol, W3 port name grammar,
 * W4 duplicate port name; D1/D2 as for NetworkPolicy. The rest of the PodSpec is not checked.
 */
import { formatPath, type FieldPath } from '../diagnostics';
import { arrayAt, type RawRecord } from '../util/raw';
import { ianaSvcName } from './grammar';
import {
  checkField,
  checkFields,
  checkKind,
  invalidPortNameMessage,
  isPortNumber,
  itemRecord,
  PORT_PROTOCOLS,
  type FieldRule,
  type FieldTable,
  type ValidationIssue,
} from './field-checks';

const CONTAINER_PORT_FIELDS: FieldTable = {
  name: { kind: 'string', example: 'http' },
  containerPort: { kind: 'integer', example: '8080' },
  hostPort: { kind: 'integer', example: '8080' },
  protocol: { kind: 'string', example: 'TCP' },
  hostIP: 'string',
};

/** Port names seen so far in the pod, with where each was declared. */
type NameIndex = Map<string, FieldPath>;

export function validatePodTemplateSpec(spec: unknown, path: FieldPath): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  if (!checkKind(spec, 'object', path, out)) return out;
  const podSpec = spec as RawRecord;
  checkField(podSpec, 'hostNetwork', 'boolean', path, out);
  const names: NameIndex = new Map();
  for (const group of ['containers', 'initContainers']) {
    if (!checkField(podSpec, group, 'list', path, out)) continue;
    arrayAt(podSpec, group).forEach((item, c) => checkContainer(item, [...path, group, c], names, out));
  }
  return out;
}

const PORTS_RULE: FieldRule = { kind: 'list', example: '[{containerPort: 8080}]' };

function checkContainer(item: unknown, path: FieldPath, names: NameIndex, out: ValidationIssue[]): void {
  const container = itemRecord(item, path, out, '{name: app, image: nginx}');
  if (!container || !checkField(container, 'ports', PORTS_RULE, path, out)) return;
  arrayAt(container, 'ports').forEach((port, i) =>
    checkContainerPort(port, [...path, 'ports', i], names, out),
  );
}

function failField(out: ValidationIssue[], path: FieldPath, field: string, code: string, message: string) {
  out.push({ path: [...path, field], severity: 'error', code, message });
}

function checkContainerPort(item: unknown, path: FieldPath, names: NameIndex, out: ValidationIssue[]): void {
  const port = itemRecord(item, path, out, '{name: http, containerPort: 8080}');
  if (!port) return;
  checkFields(port, CONTAINER_PORT_FIELDS, path, out, 'a container port');

  const { containerPort, protocol, name } = port;
  if (containerPort === undefined || containerPort === null || containerPort === 0) {
    failField(
      out,
      path,
      'containerPort',
      'W1',
      'containerPort is required: the port number the container listens on, e.g. containerPort: 8080',
    );
  } else if (
    typeof containerPort === 'number' &&
    Number.isInteger(containerPort) &&
    !isPortNumber(containerPort)
  ) {
    failField(
      out,
      path,
      'containerPort',
      'W1',
      `containerPort ${containerPort} is out of range: must be between 1 and 65535, inclusive`,
    );
  }
  // An empty protocol is defaulted to TCP, like an absent one.
  if (typeof protocol === 'string' && protocol !== '' && !PORT_PROTOCOLS.includes(protocol)) {
    const meant = PORT_PROTOCOLS.find((known) => known === protocol.toUpperCase());
    const hint = meant ? `; values are case-sensitive, write "${meant}"` : '';
    failField(
      out,
      path,
      'protocol',
      'W2',
      `protocol ${JSON.stringify(protocol)} is not supported: supported values are "TCP", "UDP" and "SCTP"${hint}`,
    );
  }
  if (typeof name !== 'string' || name === '') return;
  const errors = ianaSvcName(name);
  const first = names.get(name);
  if (errors.length) failField(out, path, 'name', 'W3', invalidPortNameMessage(name, errors));
  else if (first) {
    failField(
      out,
      path,
      'name',
      'W4',
      `port name ${JSON.stringify(name)} is already used by ${formatPath(first)}: port names must be unique within a pod, so that a named port resolves to one number`,
    );
  } else names.set(name, path);
}
