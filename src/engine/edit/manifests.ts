/**
 * New objects as an expert writes them: block style, apiVersion/kind/metadata/spec in that order,
 * an explicit namespace and explicit policyTypes, and nothing that means the same as leaving it out.
 */
import { NAMESPACE_NAME_LABEL } from '../model/build-cluster';
import { DNS_LABELS, DNS_NAMESPACE } from '../model/conventions';
import type { Protocol } from '../model/types';
import { isRecord, type RawRecord } from '../util/raw';
import { canonicalSelector, effectivePolicyTypes } from './policy-spec';

export function labelSelector(labels: Readonly<Record<string, string>>): RawRecord {
  return Object.keys(labels).length ? { matchLabels: { ...labels } } : {};
}

/**
 * A selector for pods labelled `labels` and for no pod of `others`: a pod carrying all of `labels`
 * and more is left out by `DoesNotExist` on one of its extra keys (never a per-rollout hash key,
 * which the selected pods may carry too). A pod with exactly these labels cannot be told apart.
 */
export function exactLabelSelector(
  labels: Readonly<Record<string, string>>,
  others: Iterable<Readonly<Record<string, string>>>,
  ignoredKeys: readonly string[] = [],
): RawRecord {
  const excluded = new Set<string>();
  for (const other of others) {
    if (!Object.entries(labels).every(([key, value]) => other[key] === value)) continue;
    const extra = Object.keys(other).find((key) => !(key in labels) && !ignoredKeys.includes(key));
    if (extra) excluded.add(extra);
  }
  const selector = labelSelector(labels);
  if (excluded.size)
    selector.matchExpressions = [...excluded].sort().map((key) => ({ key, operator: 'DoesNotExist' }));
  return selector;
}

/** The supported way to pick a namespace by name: the label the API server sets on every namespace. */
export function namespaceSelectorByName(namespace: string): RawRecord {
  return { matchLabels: { [NAMESPACE_NAME_LABEL]: namespace } };
}

/** Names resolve through kube-dns in kube-system, over UDP and (for large answers) TCP. */
export function dnsEgressRule(): RawRecord {
  return {
    to: [
      {
        namespaceSelector: namespaceSelectorByName(DNS_NAMESPACE),
        podSelector: labelSelector(DNS_LABELS),
      },
    ],
    ports: [
      { protocol: 'UDP', port: 53 },
      { protocol: 'TCP', port: 53 },
    ],
  };
}

/**
 * `raw` with the `known` keys first, in that order, each passed through `tidy` (which may drop it by
 * returning undefined); other keys follow untouched, so that validation still sees them.
 */
function ordered(
  raw: RawRecord,
  known: readonly string[],
  tidy: (key: string, value: unknown) => unknown,
): RawRecord {
  const out: RawRecord = {};
  for (const key of known) {
    const value = raw[key] === undefined ? undefined : tidy(key, raw[key]);
    if (value !== undefined) out[key] = value;
  }
  for (const [key, value] of Object.entries(raw)) if (!known.includes(key)) out[key] = value;
  return out;
}

/** Empty lists mean the same as no list; they are left out. */
const nonEmpty = (value: unknown): unknown =>
  Array.isArray(value) && value.length === 0 ? undefined : value;

function tidyPeer(raw: unknown): unknown {
  if (!isRecord(raw)) return raw;
  return ordered(raw, ['namespaceSelector', 'podSelector', 'ipBlock'], (key, value) => {
    if (key !== 'ipBlock') return canonicalSelector(value);
    return isRecord(value) ? ordered(value, ['cidr', 'except'], (_key, entry) => nonEmpty(entry)) : value;
  });
}

function tidyRule(raw: unknown, peersKey: 'from' | 'to'): unknown {
  if (!isRecord(raw)) return raw;
  return ordered(raw, [peersKey, 'ports'], (key, value) => {
    const list = nonEmpty(value);
    if (!Array.isArray(list)) return list;
    if (key === peersKey) return list.map(tidyPeer);
    return list.map((port) =>
      isRecord(port) ? ordered(port, ['protocol', 'port', 'endPort'], (_key, entry) => entry) : port,
    );
  });
}

/**
 * A spec in canonical form: podSelector and policyTypes explicit (policyTypes as the API server
 * defaults them), empty lists and empty selector parts left out, keys in the usual order.
 */
function canonicalSpec(spec: RawRecord): RawRecord {
  const explicitTypes = Array.isArray(spec.policyTypes) && spec.policyTypes.length > 0;
  const filled = {
    ...spec,
    podSelector: spec.podSelector ?? {},
    policyTypes: explicitTypes ? spec.policyTypes : effectivePolicyTypes({ spec }),
  };
  return ordered(filled, ['podSelector', 'policyTypes', 'ingress', 'egress'], (key, value) => {
    if (key === 'podSelector') return canonicalSelector(value);
    if (key === 'policyTypes') return value;
    const rules = nonEmpty(value);
    return Array.isArray(rules)
      ? rules.map((rule) => tidyRule(rule, key === 'ingress' ? 'from' : 'to'))
      : rules;
  });
}

export function networkPolicyManifest(namespace: string, name: string, spec: RawRecord): RawRecord {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name, namespace },
    spec: canonicalSpec(spec),
  };
}

export function namespaceManifest(name: string, labels: Readonly<Record<string, string>>): RawRecord {
  const metadata: RawRecord = { name };
  if (Object.keys(labels).length) metadata.labels = { ...labels };
  return { apiVersion: 'v1', kind: 'Namespace', metadata };
}

export interface ContainerPortSpec {
  name?: string;
  containerPort: number;
  protocol?: Protocol;
}

export function deploymentManifest(
  namespace: string,
  name: string,
  labels: Readonly<Record<string, string>>,
  ports: readonly ContainerPortSpec[],
  image: string,
): RawRecord {
  const container: RawRecord = { name, image };
  if (ports.length) {
    container.ports = ports.map(({ name: portName, containerPort, protocol }) => ({
      ...(portName ? { name: portName } : {}),
      containerPort,
      // TCP is the default; an expert leaves it out.
      ...(protocol && protocol !== 'TCP' ? { protocol } : {}),
    }));
  }
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace, labels: { ...labels } },
    spec: {
      selector: { matchLabels: { ...labels } },
      template: { metadata: { labels: { ...labels } }, spec: { containers: [container] } },
    },
  };
}
