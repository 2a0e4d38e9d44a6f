import type { FieldPath } from '../diagnostics';
import type { ConnectivityTest, Probe, SourceRef } from '../model/types';
import { DOMAIN_NAME } from '../evaluate/resolve';
import { parseIp } from '../util/cidr';
import { arrayAt, isRecord, recordAt, type RawRecord } from '../util/raw';

export interface TestReadContext {
  sourceAt(path: FieldPath): SourceRef;
  report(path: FieldPath, code: string, message: string): void;
}

const PROBE_FIELDS = ['from', 'to', 'port', 'protocol', 'expect'];

function isEndpointRef(value: string): boolean {
  return (
    parseIp(value) !== null || DOMAIN_NAME.test(value) || /^[^/\s]+\/(?:[A-Za-z]+\/)?[^/\s]+$/.test(value)
  );
}

/** Reads a ConnectivityTest document; each malformed probe is reported and skipped, never guessed. */
export function readConnectivityTest(raw: RawRecord, context: TestReadContext): ConnectivityTest {
  const probes: Probe[] = [];
  if (!Array.isArray(raw.tests))
    context.report(['tests'], 'test-shape', 'A ConnectivityTest needs a `tests:` list of probes.');
  arrayAt(raw, 'tests').forEach((entry, index) => {
    const at = (field?: string): FieldPath => (field ? ['tests', index, field] : ['tests', index]);
    if (!isRecord(entry)) {
      context.report(
        at(),
        'test-shape',
        `Probe ${index + 1} must be a mapping with from, to, port and expect.`,
      );
      return;
    }
    let valid = true;
    const fail = (field: string, message: string) => {
      context.report(at(field), 'test-field', `Probe ${index + 1}: ${message}`);
      valid = false;
    };
    for (const key of Object.keys(entry)) {
      if (!PROBE_FIELDS.includes(key))
        fail(key, `unknown field \`${key}\` (expected ${PROBE_FIELDS.join(', ')}).`);
    }
    for (const field of ['from', 'to'] as const) {
      const value = entry[field];
      if (typeof value !== 'string' || !isEndpointRef(value)) {
        fail(
          field,
          `\`${field}\` must be namespace/name (a Pod or workload), namespace/Kind/name, an IP address or a domain name, not ${JSON.stringify(value ?? null)}.`,
        );
      }
    }
    const port = entry.port;
    const portOk =
      (typeof port === 'number' && Number.isInteger(port) && port >= 1 && port <= 65535) ||
      (typeof port === 'string' && /[a-z]/.test(port) && port.length <= 15);
    if (!portOk)
      fail(
        'port',
        `\`port\` must be a number from 1 to 65535 or a port name, not ${JSON.stringify(port ?? null)}.`,
      );
    const protocol = entry.protocol ?? 'TCP';
    if (protocol !== 'TCP' && protocol !== 'UDP' && protocol !== 'SCTP') {
      fail(
        'protocol',
        `\`protocol\` must be TCP, UDP or SCTP (case-sensitive), not ${JSON.stringify(protocol)}.`,
      );
    }
    if (entry.expect !== 'allow' && entry.expect !== 'deny') {
      fail('expect', `\`expect\` must be allow or deny, not ${JSON.stringify(entry.expect ?? null)}.`);
    }
    if (!valid) return;
    probes.push({
      from: entry.from as string,
      to: entry.to as string,
      port: port as number | string,
      protocol: protocol as Probe['protocol'],
      expect: entry.expect as Probe['expect'],
      source: context.sourceAt(at()),
    });
  });
  const name =
    typeof recordAt(raw, 'metadata')?.name === 'string'
      ? String(recordAt(raw, 'metadata')!.name)
      : '(unnamed)';
  return { name, probes, source: context.sourceAt([]) };
}
