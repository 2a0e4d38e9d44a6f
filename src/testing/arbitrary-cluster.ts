import fc from 'fast-check';
import { stringify } from 'yaml';

/** Small pools so that random selectors actually hit random labels. */
const KEYS = ['app', 'tier', 'env'];
const VALUES = ['a', 'b', 'c'];
const NAMESPACES = ['ns1', 'ns2', 'ns3'];
const PORTS = [53, 80, 443, 8080];
const PROTOCOLS = ['TCP', 'UDP'];

type Json = Record<string, unknown>;

const labelsArb = fc.dictionary(fc.constantFrom(...KEYS), fc.constantFrom(...VALUES), { maxKeys: 2 });

const selectorArb: fc.Arbitrary<Json> = fc.record(
  {
    matchLabels: fc.dictionary(fc.constantFrom(...KEYS), fc.constantFrom(...VALUES), { maxKeys: 1 }),
    matchExpressions: fc.array(
      fc.oneof(
        fc.record({ key: fc.constantFrom(...KEYS), operator: fc.constantFrom('In', 'NotIn'), values: fc.subarray(VALUES, { minLength: 1 }) }),
        fc.record({ key: fc.constantFrom(...KEYS), operator: fc.constantFrom('Exists', 'DoesNotExist') }),
      ),
      { maxLength: 1 },
    ),
  },
  { requiredKeys: [] },
);

const peerArb: fc.Arbitrary<Json> = fc.oneof(
  fc.record({ podSelector: selectorArb }),
  fc.record({ namespaceSelector: selectorArb }),
  fc.record({ podSelector: selectorArb, namespaceSelector: selectorArb }),
  fc.record({ ipBlock: fc.constantFrom({ cidr: '10.0.0.0/8' }, { cidr: '10.0.0.0/16', except: ['10.0.1.0/24'] }, { cidr: '0.0.0.0/0' }) }),
);

const portArb: fc.Arbitrary<Json> = fc.oneof(
  fc.record({ protocol: fc.constantFrom(...PROTOCOLS), port: fc.constantFrom(...PORTS) }, { requiredKeys: ['port'] }),
  fc.record({ port: fc.constantFrom(80, 8000), endPort: fc.constantFrom(8080, 9000) }),
  fc.record({ port: fc.constantFrom('http', 'dns') }),
  fc.record({ protocol: fc.constantFrom(...PROTOCOLS) }),
);

function ruleArb(peersKey: 'from' | 'to'): fc.Arbitrary<Json> {
  return fc.record({ [peersKey]: fc.array(peerArb, { maxLength: 2 }), ports: fc.array(portArb, { maxLength: 2 }) }, { requiredKeys: [] });
}

export const policyArb: fc.Arbitrary<Json> = fc
  .record({
    namespace: fc.constantFrom(...NAMESPACES),
    podSelector: selectorArb,
    policyTypes: fc.option(fc.subarray(['Ingress', 'Egress'], { minLength: 1 }), { nil: undefined }),
    ingress: fc.option(fc.array(ruleArb('from'), { maxLength: 2 }), { nil: undefined }),
    egress: fc.option(fc.array(ruleArb('to'), { maxLength: 2 }), { nil: undefined }),
  })
  .map(({ namespace, ...spec }) => ({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: 'p', namespace },
    spec: Object.fromEntries(Object.entries(spec).filter(([, v]) => v !== undefined)),
  }));

const podArb = fc.record({
  namespace: fc.constantFrom(...NAMESPACES),
  labels: labelsArb,
  ports: fc.subarray(
    [
      { name: 'http', containerPort: 80 },
      { name: 'dns', containerPort: 53, protocol: 'UDP' },
      { containerPort: 8080 },
      { containerPort: 443 },
    ],
    { maxLength: 2 },
  ),
  withIp: fc.boolean(),
});

export interface ArbitraryCluster {
  /** Namespaces and pods. */
  base: Json[];
  policies: Json[];
}

/** A random cluster: labelled namespaces, 2–6 pods (some with IPs), 0–4 policies with unique names. */
export const clusterArb: fc.Arbitrary<ArbitraryCluster> = fc
  .record({
    namespaceLabels: fc.tuple(labelsArb, labelsArb, labelsArb),
    pods: fc.array(podArb, { minLength: 2, maxLength: 6 }),
    policies: fc.array(policyArb, { maxLength: 4 }),
  })
  .map(({ namespaceLabels, pods, policies }) => ({
    base: [
      ...NAMESPACES.map((name, i) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels: namespaceLabels[i] } })),
      ...pods.map((pod, i) => ({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: `pod${i}`, namespace: pod.namespace, labels: pod.labels },
        spec: { containers: [{ name: 'c', image: 'c', ports: pod.ports }] },
        ...(pod.withIp ? { status: { podIP: `10.0.${i}.1` } } : {}),
      })),
    ],
    policies: policies.map((policy, i) => ({ ...policy, metadata: { ...(policy.metadata as Json), name: `policy${i}` } })),
  }));

export function toYaml(objects: readonly Json[]): string {
  return objects.map((object) => stringify(object)).join('---\n');
}
