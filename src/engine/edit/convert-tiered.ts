/**
 * Migration from v1alpha1 AdminNetworkPolicy / BaselineAdminNetworkPolicy to the v1alpha2
 * ClusterNetworkPolicy (tiered-policies.md section 7): tier from the kind, priority kept (the
 * Baseline one gets BASELINE_PRIORITY), Allow → Accept, ports → protocols, peers and subject as
 * they are. Only the converted objects' documents are spliced. Forms v1alpha2 cannot express (a
 * portRange with start > end, a protocol other than TCP/UDP/SCTP, more than 25 rules) refuse the
 * conversion rather than change what the policy means.
 */
import { tieredObjects, type TieredObject } from '../model/tiered-objects';
import type { RawObject } from '../parse/parse-sources';
import { recordAt, stringAt, type RawRecord } from '../util/raw';
import { TIERED_POLICY_KINDS, validateTieredPolicy } from '../validate/tiered-policy';
import type { ConvertTieredPoliciesIntent } from './intents';
import type { IntentOutcome } from './outcome';
import { EditError, type EditPlan } from './plan';
import { cloneValue } from './values';

export type V1alpha1Kind = 'AdminNetworkPolicy' | 'BaselineAdminNetworkPolicy';
export const V1ALPHA1_KINDS: ReadonlySet<string> = new Set<V1alpha1Kind>([
  'AdminNetworkPolicy',
  'BaselineAdminNetworkPolicy',
]);

/**
 * The converted BaselineAdminNetworkPolicy's priority: last in the Baseline tier, the catch-all
 * place it had in v1alpha1, so Baseline policies written later come before it unless they say otherwise.
 */
export const BASELINE_PRIORITY = 1000;

const CNP = TIERED_POLICY_KINDS.ClusterNetworkPolicy;

/** Written by the API server for the old object; applying them with the new one would be refused. */
const SERVER_FIELDS = [
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'managedFields',
  'selfLink',
];
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

export interface ConvertedPolicy {
  value: RawRecord;
  /** What the conversion did beyond the plain mapping, in sentences. */
  notes: string[];
}

/** One v1alpha1 object of the workspace: a document or an item of a List. */
export type V1alpha1Policy = TieredObject & { kind: V1alpha1Kind };

/** The v1alpha1 policies of the parsed documents, in text order. */
export function v1alpha1Policies(objects: readonly RawObject[]): V1alpha1Policy[] {
  return tieredObjects(objects).filter((found): found is V1alpha1Policy => V1ALPHA1_KINDS.has(found.kind));
}

/**
 * The ClusterNetworkPolicy that does what `value`, a valid v1alpha1 object of `kind`, does, named
 * `name`. Throws EditError for what v1alpha2 cannot say.
 */
export function convertTieredPolicy(value: RawRecord, kind: V1alpha1Kind, name: string): ConvertedPolicy {
  const what = `${kind} ${stringAt(recordAt(value, 'metadata'), 'name') ?? name}`;
  const errors = validateTieredPolicy(value, kind).filter((issue) => issue.severity === 'error');
  if (errors.length)
    throw new EditError(`${what} is not valid (${errors[0]!.message}); fix it before converting it.`);
  const notes: string[] = [];
  const out: RawRecord = {};
  for (const [key, field] of Object.entries(value)) {
    if (key === 'apiVersion') out.apiVersion = CNP.apiVersion;
    else if (key === 'kind') out.kind = 'ClusterNetworkPolicy';
    else if (key === 'metadata') out.metadata = convertMetadata(field as RawRecord, name, notes);
    else if (key === 'spec') out.spec = convertSpec(field as RawRecord, kind, what, notes);
    else if (key === 'status') notes.push(`its status is left out (the implementation writes the new one's)`);
    else out[key] = cloneValue(field);
  }
  // A List item may take its kind and apiVersion from the List; the converted one names its own.
  return { value: { apiVersion: CNP.apiVersion, kind: 'ClusterNetworkPolicy', ...out }, notes };
}

function convertMetadata(meta: RawRecord, name: string, notes: string[]): RawRecord {
  const out = cloneValue(meta);
  if (out.name !== name) {
    notes.push(`renamed to ${name}, as a ClusterNetworkPolicy ${String(out.name)} exists already`);
    out.name = name;
  }
  const dropped = SERVER_FIELDS.filter((field) => Object.hasOwn(out, field));
  for (const field of dropped) delete out[field];
  const annotations = recordAt(out, 'annotations');
  if (annotations && Object.hasOwn(annotations, LAST_APPLIED)) {
    delete annotations[LAST_APPLIED];
    dropped.push(LAST_APPLIED);
    if (Object.keys(annotations).length === 0) delete out.annotations;
  }
  if (dropped.length)
    notes.push(
      `the old object's server-written ${dropped.join(', ')} ${dropped.length > 1 ? 'are' : 'is'} left out`,
    );
  return out;
}

function convertSpec(spec: RawRecord, kind: V1alpha1Kind, what: string, notes: string[]): RawRecord {
  const tier = kind === 'AdminNetworkPolicy' ? 'Admin' : 'Baseline';
  const out: RawRecord = { tier };
  if (kind === 'BaselineAdminNetworkPolicy') {
    out.priority = BASELINE_PRIORITY;
    notes.push(`priority ${BASELINE_PRIORITY}, last in the Baseline tier`);
  }
  for (const [key, field] of Object.entries(spec)) {
    if (key === 'ingress' || key === 'egress') {
      const rules = (field as unknown[]).flatMap((rule, i) =>
        convertRule(rule as RawRecord, key, `${what} ${key} rule ${i + 1}`, notes),
      );
      if (rules.length > CNP.maxRules)
        throw new EditError(
          `${what} has ${rules.length} ${key} rules, and a ClusterNetworkPolicy may have at most ${CNP.maxRules}: split it into policies of consecutive priorities first.`,
        );
      out[key] = rules;
    } else out[key] = cloneValue(field);
  }
  return out;
}

function convertRule(
  rule: RawRecord,
  direction: 'ingress' | 'egress',
  where: string,
  notes: string[],
): RawRecord[] {
  const peersKey = direction === 'ingress' ? 'from' : 'to';
  const converted: RawRecord = {};
  for (const [key, field] of Object.entries(rule)) {
    if (key === 'action') converted.action = field === 'Allow' ? 'Accept' : field;
    else if (key === 'ports')
      converted.protocols = (field as unknown[]).map((entry, k) =>
        convertPort(entry as RawRecord, `${where}, port ${k + 1}`),
      );
    else converted[key] = cloneValue(field);
  }
  // v1alpha1 allows 100 peers and 100 ports per rule, v1alpha2 25. Peers and ports are ORed and
  // the rules share one action, so consecutive rules over the parts match what the one rule did.
  const peers = chunks(converted[peersKey] as unknown[], CNP.maxPeers);
  const ports =
    converted.protocols === undefined ? [undefined] : chunks(converted.protocols as unknown[], CNP.maxPorts);
  if (peers.length === 1 && ports.length === 1) return [converted];
  const parts: RawRecord[] = [];
  for (const peerPart of peers)
    for (const portPart of ports) {
      const part: RawRecord = { ...converted, [peersKey]: peerPart };
      if (portPart) part.protocols = portPart;
      if (typeof converted.name === 'string') {
        const suffix = ` (part ${parts.length + 1})`;
        part.name = `${[...converted.name].slice(0, 100 - suffix.length).join('')}${suffix}`;
      }
      parts.push(part);
    }
  notes.push(
    `${where} is split into ${parts.length} rules: v1alpha2 allows ${CNP.maxPeers} peers and ${CNP.maxPorts} ports per rule`,
  );
  return parts;
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function convertPort(entry: RawRecord, where: string): RawRecord {
  if (typeof entry.namedPort === 'string') return { destinationNamedPort: entry.namedPort };
  const number = recordAt(entry, 'portNumber');
  const range = recordAt(entry, 'portRange');
  const protocolOf = (from: RawRecord) => {
    // The v1alpha1 schema defaults the protocol to TCP.
    const protocol = stringAt(from, 'protocol') ?? 'TCP';
    const key = protocol.toLowerCase();
    if (!['TCP', 'UDP', 'SCTP'].includes(protocol))
      throw new EditError(
        `${where} has protocol ${JSON.stringify(protocol)}, which matches no traffic and has no v1alpha2 form: use TCP, UDP or SCTP, or remove the entry.`,
      );
    return key;
  };
  if (number) return { [protocolOf(number)]: { destinationPort: { number: number.port } } };
  const start = range!.start as number;
  const end = range!.end as number;
  const key = protocolOf(range!);
  if (start < end) return { [key]: { destinationPort: { range: { start, end } } } };
  // v1alpha2 requires start < end: one port is a number.
  if (start === end) return { [key]: { destinationPort: { number: start } } };
  throw new EditError(
    `${where} is the range ${start}-${end}, which matches no port, and v1alpha2 has no form for it: fix the range or remove the entry.`,
  );
}

/** The `convert-tiered-policies` intent: the chosen (or every) v1alpha1 object becomes a ClusterNetworkPolicy. */
export function convertTieredPolicies(plan: EditPlan, intent: ConvertTieredPoliciesIntent): IntentOutcome {
  const all = plan.adoptObjects(V1ALPHA1_KINDS);
  const chosen = intent.objects
    ? all.filter((draft) => intent.objects!.some((o) => o.kind === draft.kind && o.name === draft.name))
    : all;
  for (const wanted of intent.objects ?? [])
    if (!chosen.some((draft) => draft.kind === wanted.kind && draft.name === wanted.name))
      throw new EditError(`There is no ${wanted.kind} ${wanted.name} in the workspace.`);
  if (!chosen.length)
    throw new EditError('There is no AdminNetworkPolicy or BaselineAdminNetworkPolicy to convert.');
  const existing = plan.adoptObjects(new Set(['ClusterNetworkPolicy']));
  const taken = new Set(existing.map((draft) => draft.name));
  /** Existing ClusterNetworkPolicies that share a tier and priority (tiers.ts put the v1alpha1 kinds after them). */
  const tiesWith = (spec: RawRecord) =>
    existing
      .filter((draft) => {
        const other = recordAt(draft.value, 'spec');
        return other?.tier === spec.tier && other?.priority === spec.priority;
      })
      .map((draft) => draft.name);
  // An object defined twice (the last one wins) converts to one name.
  const named = new Map<string, string>();
  const notes = chosen.map((draft) => {
    const key = `${draft.kind}/${draft.name}`;
    let name = named.get(key);
    if (name === undefined) {
      name = freeName(draft.name, draft.kind === 'AdminNetworkPolicy' ? 'admin' : 'baseline', taken);
      named.set(key, name);
      taken.add(name);
    }
    const { value, notes: details } = convertTieredPolicy(draft.value, draft.kind as V1alpha1Kind, name);
    const spec = recordAt(value, 'spec')!;
    draft.value = value;
    const head = `${draft.kind} ${draft.name} becomes ClusterNetworkPolicy ${name} (tier ${String(spec.tier)}, priority ${String(spec.priority)})`;
    const ties = tiesWith(spec);
    if (ties.length)
      details.push(
        `it shares that priority with ClusterNetworkPolicy ${ties.join(', ')}, which came first while it was ${draft.kind === 'AdminNetworkPolicy' ? 'an' : 'a'} ${draft.kind}; now the names order them`,
      );
    return `${[head, ...details].join('; ')}.`;
  });
  return { notes };
}

function freeName(name: string, tier: string, taken: ReadonlySet<string>): string {
  if (!taken.has(name)) return name;
  const base = `${name}-${tier}`;
  if (!taken.has(base)) return base;
  let n = 2;
  while (taken.has(`${base}-${n}`)) n++;
  return `${base}-${n}`;
}
