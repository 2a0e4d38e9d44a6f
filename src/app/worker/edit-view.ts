/**
 * What the canvas's editing controls need to show besides verdicts: which policies are a
 * namespace's default-deny switch, and each policy's spec as written (for the rule editor).
 * Read from the engine's parsed objects; nothing here decides a verdict.
 */
import { isEmptySelector, type Direction, type Policy, type PolicyRule, type Workspace } from '../../engine';

/** A rule that opens nothing but DNS (port 53, or a port named for DNS), as the edit layer's default-deny toggle writes it. */
function isDnsRule(rule: PolicyRule): boolean {
  const ports = rule.ports ?? [];
  return (
    ports.length > 0 &&
    ports.every(
      (entry) => entry.port === 53 || (typeof entry.port === 'string' && entry.port.startsWith('dns')),
    )
  );
}

/** The policy selects every pod of its namespace for `direction` and allows nothing there (for egress: nothing but DNS). */
function isDefaultDeny(policy: Policy, direction: Direction): boolean {
  if (!isEmptySelector(policy.podSelector) || !policy.policyTypes.includes(direction)) return false;
  return direction === 'Ingress' ? policy.ingress.length === 0 : policy.egress.every(isDnsRule);
}

export interface DefaultDeny {
  ingress: string[];
  egress: string[];
  egressDns: boolean;
}

/** Each namespace's default-deny policies (namespaces without policies are absent). */
export function defaultDenyByNamespace(workspace: Workspace): Map<string, DefaultDeny> {
  const byNamespace = new Map<string, DefaultDeny>();
  for (const policy of workspace.cluster.policies) {
    const ingress = isDefaultDeny(policy, 'Ingress');
    const egress = isDefaultDeny(policy, 'Egress');
    if (!ingress && !egress) continue;
    const entry = byNamespace.get(policy.namespace) ?? { ingress: [], egress: [], egressDns: false };
    if (ingress) entry.ingress.push(policy.id);
    if (egress) {
      entry.egress.push(policy.id);
      entry.egressDns ||= policy.egress.length > 0;
    }
    byNamespace.set(policy.namespace, entry);
  }
  return byNamespace;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Top-level values of the parsed documents by `file#documentIndex`; build once per evaluation. */
export function documentValues(workspace: Workspace): Map<string, unknown> {
  return new Map(
    workspace.parsed.objects.map((object) => [`${object.file}#${object.documentIndex}`, object.value]),
  );
}

/** The policy's `spec` exactly as the text holds it (inside a List too), or undefined. */
export function rawPolicySpec(
  values: ReadonlyMap<string, unknown>,
  policy: Policy,
): Record<string, unknown> | undefined {
  const { file, documentIndex, objectPath } = policy.source;
  let value: unknown = values.get(`${file}#${documentIndex}`);
  for (const step of objectPath) {
    if (Array.isArray(value) && typeof step === 'number') value = value[step];
    else if (isRecord(value) && typeof step === 'string') value = value[step];
    else return undefined;
  }
  if (!isRecord(value)) return undefined;
  const spec = value.spec;
  return isRecord(spec) ? (JSON.parse(JSON.stringify(spec)) as Record<string, unknown>) : undefined;
}
