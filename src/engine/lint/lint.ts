import {
  subjectDiagnostic,
  type Diagnostic,
  type DiagnosticSubject,
  type FieldPath,
  type LintFix,
  type Severity,
} from '../diagnostics';
import { decidePair, policySelects } from '../evaluate/evaluate';
import { DNS_LABELS, DNS_NAMESPACE, isClusterDns, namespaceLabels } from '../model/conventions';
import { selects } from '../model/selector';
import type {
  Cluster,
  Direction,
  Endpoint,
  LabelSelector,
  Peer,
  Policy,
  PolicyRule,
  SourceRef,
} from '../model/types';
import { tieredObjects } from '../model/tiered-objects';
import type { RawObject } from '../parse/parse-sources';
import { hasPort } from '../util/port-set';
import { isRecord } from '../util/raw';
import { lintTieredPolicies, TIERED_LINT_CHECKS } from './tiered-lint';

/** Stable ids of the likely-mistake checks; docs and tests refer to them. */
export const LINT_CHECKS = {
  crossProduct: 'lint/cross-product',
  splitPeer: 'lint/split-peer',
  emptyAndPeer: 'lint/and-peer-matches-nothing',
  noDns: 'lint/no-dns',
  selectsNothing: 'lint/selects-nothing',
  unknownLabel: 'lint/unknown-label',
  ignoredRules: 'lint/rules-ignored-by-policy-types',
  emptyEgressList: 'lint/empty-egress-without-policy-types',
  undeclaredNamedPort: 'lint/undeclared-named-port',
  cniReminder: 'lint/cni-reminder',
  mixedPolicyApiVersions: 'lint/mixed-policy-api-versions',
  ...TIERED_LINT_CHECKS,
} as const;

/**
 * Findings about the workspace as a whole, reported once (on its first policy, so that the CLI
 * still names a file and line): no text is wrong, so editors list them without marking text.
 */
export const WORKSPACE_FINDINGS: ReadonlySet<string> = new Set([LINT_CHECKS.cniReminder]);

interface LintContext {
  cluster: Cluster;
  objects: readonly RawObject[];
  out: Diagnostic[];
}

function report(
  context: LintContext,
  policy: Policy,
  path: FieldPath,
  severity: Severity,
  code: string,
  message: string,
  fix?: LintFix,
): void {
  const raw = context.objects.find(
    (o) => o.file === policy.source.file && o.documentIndex === policy.source.documentIndex,
  );
  const location = raw ? raw.locate([...policy.source.objectPath, ...path]) : policy.source;
  const subject: DiagnosticSubject = {
    kind: 'NetworkPolicy',
    namespace: policy.namespace,
    name: policy.name,
  };
  const [spec, direction, index] = path;
  if (spec === 'spec' && (direction === 'ingress' || direction === 'egress') && typeof index === 'number')
    subject.rule = { direction, index };
  context.out.push(subjectDiagnostic(location, subject, { severity, code, message, fix }));
}

const podNetwork = (cluster: Cluster) => cluster.endpoints.filter((e) => !e.hostNetwork);

function peerPods(
  cluster: Cluster,
  peer: Extract<Peer, { kind: 'selector' }>,
  policyNamespace: string,
): Endpoint[] {
  return podNetwork(cluster).filter(
    (pod) =>
      (peer.namespaceSelector
        ? selects(peer.namespaceSelector, namespaceLabels(cluster, pod.namespace))
        : pod.namespace === policyNamespace) &&
      (!peer.podSelector || selects(peer.podSelector, pod.labels)),
  );
}

function forEachRule(
  policy: Policy,
  visit: (rule: PolicyRule, direction: 'ingress' | 'egress', peersKey: 'from' | 'to') => void,
): void {
  for (const rule of policy.ingress) visit(rule, 'ingress', 'from');
  for (const rule of policy.egress) visit(rule, 'egress', 'to');
}

function checkRuleShapes(context: LintContext, policy: Policy): void {
  forEachRule(policy, (rule, direction, peersKey) => {
    const at: FieldPath = ['spec', direction, rule.index];
    if (rule.peers && rule.peers.length > 1 && rule.ports && rule.ports.length > 1) {
      report(
        context,
        policy,
        at,
        'warning',
        LINT_CHECKS.crossProduct,
        `${direction} rule ${rule.index + 1} lists ${rule.peers.length} peers and ${rule.ports.length} ports: every peer is allowed on every port (peers are ORed, ports are ORed). If each peer should get only its own port, write one rule per peer.`,
        {
          title: 'Split into one rule per peer',
          intent: { kind: 'split-rule', policyId: policy.id, direction, index: rule.index },
        },
      );
    }
    const peers = rule.peers ?? [];
    const namespaceOnly = peers.findIndex(
      (p) => p.kind === 'selector' && p.namespaceSelector && !p.podSelector,
    );
    const podOnly = peers.findIndex((p) => p.kind === 'selector' && p.podSelector && !p.namespaceSelector);
    if (namespaceOnly >= 0 && podOnly >= 0) {
      report(
        context,
        policy,
        [...at, peersKey, Math.max(namespaceOnly, podOnly)],
        'warning',
        LINT_CHECKS.splitPeer,
        `${direction} rule ${rule.index + 1} has a namespaceSelector peer and a separate podSelector peer: they are ORed, so ALL pods of the selected namespaces match, plus the selected pods of ${policy.namespace}. To mean "these pods in those namespaces", put both selectors in one peer (one "-").`,
      );
    }
    peers.forEach((peer, index) => {
      if (peer.kind !== 'selector' || !peer.podSelector || !peer.namespaceSelector) return;
      if (peerPods(context.cluster, peer, policy.namespace).length > 0) return;
      const podsAnywhere = podNetwork(context.cluster).some((pod) => selects(peer.podSelector!, pod.labels));
      const namespacesExist = [...context.cluster.namespaces.values()].some((ns) =>
        selects(peer.namespaceSelector!, ns.labels),
      );
      if (podsAnywhere && namespacesExist) {
        report(
          context,
          policy,
          [...at, peersKey, index],
          'warning',
          LINT_CHECKS.emptyAndPeer,
          `This peer requires both selectors at once (AND) and matches no pod: the pods it names live outside the namespaces it names. If either should match on its own, make them two peers (two "-").`,
        );
      }
    });
  });
}

/** The policy's spec as written (before defaulting), to tell an explicit policyTypes from a default. */
function writtenSpec(context: LintContext, policy: Policy): Record<string, unknown> | undefined {
  const raw = context.objects.find(
    (o) => o.file === policy.source.file && o.documentIndex === policy.source.documentIndex,
  );
  let value: unknown = raw?.value;
  for (const key of [...policy.source.objectPath, 'spec'])
    value =
      isRecord(value) || Array.isArray(value) ? (value as Record<string | number, unknown>)[key] : undefined;
  return isRecord(value) ? value : undefined;
}

function withPolicyTypes(
  policy: Policy,
  spec: Record<string, unknown>,
  types: Direction[],
  title = `Set policyTypes: [${types.join(', ')}]`,
): LintFix {
  return {
    title,
    intent: { kind: 'update-policy', policyId: policy.id, spec: { ...spec, policyTypes: types } },
  };
}

function checkPolicyTypes(context: LintContext, policy: Policy): void {
  const spec = writtenSpec(context, policy);
  const explicit = Array.isArray(spec?.policyTypes) && spec.policyTypes.length > 0;
  const ignored = (['Ingress', 'Egress'] as const).filter(
    (direction) =>
      policy[direction === 'Ingress' ? 'ingress' : 'egress'].length > 0 &&
      !policy.policyTypes.includes(direction),
  );
  // One remedy for both findings: policyTypes with every direction whose rules it ignores.
  const addIgnored: LintFix | undefined =
    spec && ignored.length
      ? withPolicyTypes(
          policy,
          spec,
          [...policy.policyTypes, ...ignored],
          `Add ${ignored.join(' and ')} to policyTypes`,
        )
      : undefined;
  if (explicit && ignored.includes('Egress')) {
    report(
      context,
      policy,
      ['spec', 'policyTypes'],
      'warning',
      LINT_CHECKS.ignoredRules,
      `This policy has egress rules but policyTypes does not list Egress, so the egress rules are ignored. Add Egress to policyTypes to apply them.`,
      addIgnored,
    );
  }
  if (explicit && ignored.includes('Ingress')) {
    report(
      context,
      policy,
      ['spec', 'policyTypes'],
      'warning',
      LINT_CHECKS.ignoredRules,
      `This policy has ingress rules but policyTypes does not list Ingress, so the ingress rules are ignored. Add Ingress to policyTypes to apply them.`,
      addIgnored,
    );
  }
  if (spec && !explicit && Array.isArray(spec.egress) && spec.egress.length === 0) {
    const types: Direction[] =
      Array.isArray(spec.ingress) && spec.ingress.length > 0 ? ['Ingress', 'Egress'] : ['Egress'];
    report(
      context,
      policy,
      ['spec', 'egress'],
      'warning',
      LINT_CHECKS.emptyEgressList,
      '`egress: []` without policyTypes does not isolate egress: the defaults give policyTypes [Ingress], so this policy denies all ingress instead. To deny all egress, set policyTypes: [Egress].',
      withPolicyTypes(policy, spec, types),
    );
  }
}

function checkSelectors(context: LintContext, policy: Policy): void {
  const { cluster } = context;
  const inNamespace = podNetwork(cluster).filter((e) => e.namespace === policy.namespace);
  if (inNamespace.length > 0 && !inNamespace.some((e) => selects(policy.podSelector, e.labels))) {
    report(
      context,
      policy,
      ['spec', 'podSelector'],
      'warning',
      LINT_CHECKS.selectsNothing,
      `This policy selects no pod in namespace ${policy.namespace}, so it has no effect on the workloads in the workspace.`,
    );
  }
  const podLabels = podNetwork(cluster).map((e) => e.labels);
  const namespaceLabelSets = [...cluster.namespaces.values()].map((ns) => ns.labels);
  const unknown = (
    selector: LabelSelector,
    population: readonly Record<string, string>[],
    path: FieldPath,
    what: string,
  ) => {
    for (const [key, value] of Object.entries(selector.matchLabels)) {
      if (population.some((labels) => labels[key] === value)) continue;
      report(
        context,
        policy,
        [...path, 'matchLabels'],
        'warning',
        LINT_CHECKS.unknownLabel,
        `No ${what} in the workspace carries the label ${key}=${value}; check the spelling, or add the label.`,
      );
    }
  };
  unknown(policy.podSelector, podLabels, ['spec', 'podSelector'], 'pod');
  forEachRule(policy, (rule, direction, peersKey) => {
    rule.peers?.forEach((peer, index) => {
      if (peer.kind !== 'selector') return;
      const at: FieldPath = ['spec', direction, rule.index, peersKey, index];
      if (peer.podSelector) unknown(peer.podSelector, podLabels, [...at, 'podSelector'], 'pod');
      if (peer.namespaceSelector)
        unknown(peer.namespaceSelector, namespaceLabelSets, [...at, 'namespaceSelector'], 'namespace');
    });
  });
}

function checkNamedPorts(context: LintContext, policy: Policy): void {
  const { cluster } = context;
  forEachRule(policy, (rule, direction, _peersKey) => {
    // Named ports resolve on the destination: the policy's own pods for ingress, the peers for egress.
    const destinations =
      direction === 'ingress'
        ? podNetwork(cluster).filter((e) => policySelects(policy, 'Ingress', e))
        : rule.peers === null
          ? podNetwork(cluster)
          : rule.peers.flatMap((peer) =>
              peer.kind === 'selector' ? peerPods(cluster, peer, policy.namespace) : [],
            );
    rule.ports?.forEach((port, index) => {
      if (typeof port.port !== 'string') return;
      if (destinations.some((e) => e.ports.some((p) => p.name === port.port && p.protocol === port.protocol)))
        return;
      report(
        context,
        policy,
        ['spec', direction, rule.index, 'ports', index, 'port'],
        'warning',
        LINT_CHECKS.undeclaredNamedPort,
        `No ${direction === 'ingress' ? 'pod this policy selects' : 'pod this rule reaches'} declares a ${port.protocol} container port named "${port.port}", so this entry allows nothing.`,
      );
    });
  });
}

/** kube-dns pods of the workspace, or the usual CoreDNS pod when the workspace holds none. */
function dnsEndpoints(cluster: Cluster): Endpoint[] {
  const found = cluster.endpoints.filter(isClusterDns);
  if (found.length) return found;
  const source: SourceRef = {
    file: '',
    line: 0,
    column: 0,
    endLine: 0,
    endColumn: 0,
    documentIndex: 0,
    objectPath: [],
  };
  return [
    {
      id: `${DNS_NAMESPACE}/coredns`,
      namespace: DNS_NAMESPACE,
      name: 'coredns',
      kind: 'Deployment',
      labels: DNS_LABELS,
      ports: [
        { port: 53, protocol: 'UDP' },
        { port: 53, protocol: 'TCP' },
      ],
      ips: [],
      hostNetwork: false,
      aliases: [],
      source,
    },
  ];
}

/** Yields after each endpoint: with thousands of them this is the longest check. */
function* checkDns(context: LintContext): Generator<void, void, void> {
  const { cluster } = context;
  const dns = dnsEndpoints(cluster);
  const blamed = new Set<string>();
  for (const endpoint of podNetwork(cluster)) {
    yield;
    const isolating = cluster.policies.filter((p) => policySelects(p, 'Egress', endpoint));
    if (isolating.length === 0 || dns.includes(endpoint)) continue;
    const resolves = dns.some((server) => {
      const pair = decidePair(
        cluster,
        { kind: 'endpoint', endpoint },
        { kind: 'endpoint', endpoint: server },
      );
      const dnsPort = server.ports.find((p) => p.protocol === 'UDP')?.port ?? 53;
      return hasPort(pair.allowed, 'UDP', dnsPort);
    });
    if (resolves) continue;
    const policy = isolating[0]!;
    if (blamed.has(policy.id)) continue;
    blamed.add(policy.id);
    report(
      context,
      policy,
      ['spec', 'policyTypes'],
      'warning',
      LINT_CHECKS.noDns,
      `${endpoint.id} is isolated for egress by ${isolating.map((p) => p.id).join(', ')} and cannot reach kube-dns on UDP 53, so it cannot resolve names. Allow egress to pods labelled k8s-app=kube-dns in kube-system on UDP and TCP 53.`,
    );
  }
}

/**
 * v1alpha1 AdminNetworkPolicy / BaselineAdminNetworkPolicy next to v1alpha2 ClusterNetworkPolicies:
 * upstream defines no order between the two APIs' policies (tiered-policies.md 8.8), so the
 * remedy is converting the old ones.
 */
function checkMixedApiVersions(context: LintContext): void {
  const found = tieredObjects(context.objects);
  const current = found.filter((object) => object.kind === 'ClusterNetworkPolicy');
  if (current.length === 0) return;
  const named = current
    .slice(0, 3)
    .map((object) => object.name)
    .join(', ');
  const others = `ClusterNetworkPolicy ${named}${current.length > 3 ? ` and ${current.length - 3} more` : ''}`;
  for (const { kind, name, object, path } of found) {
    if (kind === 'ClusterNetworkPolicy') continue;
    context.out.push(
      subjectDiagnostic(
        object.locate([...path, 'kind']),
        { kind, name },
        {
          severity: 'warning',
          code: LINT_CHECKS.mixedPolicyApiVersions,
          message: `${kind} ${name} is v1alpha1, and this workspace also has the v1alpha2 ${others}: upstream defines no order between policies of the two versions, so what a cluster enforces with both is up to its implementation. Convert it to a ClusterNetworkPolicy (netpol-canvas convert).`,
          fix: {
            title: 'Convert to ClusterNetworkPolicy',
            intent: {
              kind: 'convert-tiered-policies',
              objects: [{ kind: kind as 'AdminNetworkPolicy' | 'BaselineAdminNetworkPolicy', name }],
            },
          },
        },
      ),
    );
  }
}

/** Runs a stepwise computation (lintClusterSteps, lintWorkspaceSteps) without giving way. */
export function runToEnd<T>(steps: Generator<void, T, void>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/**
 * Likely mistakes: things the API server accepts but that rarely mean what the author wanted.
 * `objects` are the parsed documents, used to point at the exact field. A step at a time: it
 * yields after each policy and each endpoint of the DNS check, so that a caller can give way
 * between steps (the app's worker, to a keystroke: the lint of a big workspace takes seconds)
 * and resume, or drop it; runToEnd runs it at once.
 */
export function* lintClusterSteps(
  cluster: Cluster,
  objects: readonly RawObject[],
): Generator<void, Diagnostic[], void> {
  const context: LintContext = { cluster, objects, out: [] };
  for (const policy of cluster.policies) {
    checkRuleShapes(context, policy);
    checkPolicyTypes(context, policy);
    checkSelectors(context, policy);
    checkNamedPorts(context, policy);
    yield;
  }
  yield* checkDns(context);
  checkMixedApiVersions(context);
  context.out.push(...lintTieredPolicies(cluster));
  const first = cluster.policies[0];
  if (first) {
    report(
      context,
      first,
      ['kind'],
      'info',
      LINT_CHECKS.cniReminder,
      'NetworkPolicies are enforced only when the cluster runs a network plugin that supports them (for example Calico, Cilium, Antrea or kube-router); with others they are accepted and silently ignored.',
    );
  }
  return context.out;
}
