import { readConnectivityTest } from '../connectivity-test/read-test';
import {
  describeSubject,
  formatPath,
  type Diagnostic,
  type DiagnosticSubject,
  type FieldPath,
  type Severity,
} from '../diagnostics';
import type { RawObject } from '../parse/parse-sources';
import { parseIp } from '../util/cidr';
import { arrayAt, isRecord, recordAt, stringAt, stringMap, type RawRecord } from '../util/raw';
import { validateNetworkPolicy, validateObjectMeta, type ValidationIssue } from '../validate/network-policy';
import { isTieredKind, TIERED_POLICY_KINDS, validateTieredPolicy } from '../validate/tiered-policy';
import { validatePodTemplateSpec } from '../validate/workload';
import { readPolicy } from './read-policy';
import { readTieredPolicy } from './read-tiered-policy';
import {
  controllerOf,
  readContainerPorts,
  readPodIps,
  readWorkloadShape,
  sameLabelsButHashes,
  templatePath,
} from './read-workload';
import type {
  Cluster,
  ConnectivityTest,
  ContainerPort,
  Endpoint,
  EndpointKind,
  IgnoredObject,
  Namespace,
  Node,
  Policy,
  Service,
  SourceRef,
  TieredKind,
  TieredPolicy,
} from './types';

export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';
export const DEFAULT_NAMESPACE = 'default';

/** Policy APIs other than networking.k8s.io/v1 that users paste in; kept but not evaluated. */
const OTHER_POLICY_KINDS = new Set([
  'CiliumNetworkPolicy',
  'CiliumClusterwideNetworkPolicy',
  'GlobalNetworkPolicy',
  'MultiNetworkPolicy',
  'AuthorizationPolicy',
]);

const EXPECTED_API_VERSION: Record<string, string[]> = {
  Namespace: ['v1'],
  Pod: ['v1'],
  Service: ['v1'],
  ReplicationController: ['v1'],
  Deployment: ['apps/v1'],
  StatefulSet: ['apps/v1'],
  DaemonSet: ['apps/v1'],
  ReplicaSet: ['apps/v1'],
  Job: ['batch/v1'],
  CronJob: ['batch/v1'],
  NetworkPolicy: ['networking.k8s.io/v1'],
  ConnectivityTest: ['netpol-canvas/v1'],
};

/** The kinds that live in a namespace: an object of these without metadata.namespace is placed in the workspace's. */
export function isNamespacedKind(kind: string): boolean {
  return kind in EXPECTED_API_VERSION && kind !== 'Namespace' && kind !== 'ConnectivityTest';
}

/** The apiVersion the engine reads a kind as (whatever the object says), when it evaluates the kind. */
export function servedApiVersion(kind: string): string | undefined {
  return EXPECTED_API_VERSION[kind]?.[0];
}

/** One entry of a List document: its object (absent when the entry is no mapping) and its kind. */
export interface ListItem {
  path: FieldPath;
  raw?: RawRecord;
  kind?: string;
  apiVersion: string;
}

/**
 * The entries of a List (or a typed list such as NetworkPolicyList, whose items may omit their
 * kind), or undefined when the value is not a List. `items:` with nothing is an empty List.
 */
export function listItems(value: RawRecord): ListItem[] | undefined {
  const kind = stringAt(value, 'kind');
  if (
    !kind?.endsWith('List') ||
    !(Array.isArray(value.items) || (Object.hasOwn(value, 'items') && value.items === null))
  )
    return undefined;
  if (!Array.isArray(value.items)) return [];
  const itemKind = kind === 'List' ? undefined : kind.slice(0, -'List'.length);
  return value.items.flatMap((entry, index): ListItem[] => {
    const path = ['items', index];
    if (!isRecord(entry)) return [{ path, apiVersion: '' }];
    // Files nest Lists (the API never does): a nested List's items are read as if they stood here.
    const nested = listItems(entry);
    if (nested) return nested.map((item) => ({ ...item, path: [...path, ...item.path] }));
    const apiVersion = stringAt(entry, 'apiVersion') ?? stringAt(value, 'apiVersion') ?? '';
    return [{ path, raw: entry, kind: stringAt(entry, 'kind') ?? itemKind, apiVersion }];
  });
}

/** Problems that leave part of the input out of the evaluation. */
const BLOCKING_CODES = new Set(['not-an-object', 'no-kind', 'no-name', 'test-shape', 'test-field']);

/**
 * An invalid metadata.namespace (or a Namespace's invalid name): no cluster has that namespace, so
 * a picture that places objects there (a pod in `shop oops`, half-typed) is not one to show or keep.
 */
const placesInNamespace = (path: FieldPath) =>
  path.length === 2 && path[0] === 'metadata' && path[1] === 'namespace';

export interface BuildOptions {
  /** Namespace for objects that name none, as `kubectl apply -n` would use. */
  namespace?: string;
}

export interface BuildResult {
  cluster: Cluster;
  diagnostics: Diagnostic[];
}

/** One Kubernetes object found in a document (a List's items are objects of their own). */
interface Item {
  raw: RawRecord;
  kind: string;
  apiVersion: string;
  from: RawObject;
  /** Path of the item inside its document. */
  path: FieldPath;
}

/**
 * An endpoint while the documents are read. A pod's ports and every source range are read only
 * for the endpoints left after folding (build): most pods of a dump fold into their workload,
 * and drafts that live until then and die are what a 100,000-pod model spent its time collecting.
 */
interface EndpointDraft extends Omit<Endpoint, 'ports' | 'aliases' | 'source'> {
  /** endpointKey of the draft. */
  key: string;
  item: Item;
  ports: readonly ContainerPort[] | null;
  ips: string[];
  /** Made when something folds into this draft. */
  aliases: string[] | null;
  /** The controlling owner, used to fold replicas into the workload that stands for them. */
  owner?: { kind: string; name: string };
}

class Builder {
  readonly diagnostics: Diagnostic[] = [];
  private readonly namespaces = new Map<string, Namespace>();
  /** By endpointKey: kind, namespace and name. */
  private readonly endpoints = new Map<string, EndpointDraft>();
  private readonly pods: EndpointDraft[] = [];
  private readonly policies = new Map<string, Policy>();
  private readonly services: Service[] = [];
  private readonly tests: ConnectivityTest[] = [];
  private readonly ignored: IgnoredObject[] = [];
  private readonly tieredPolicies = new Map<string, TieredPolicy>();
  private readonly nodes = new Map<string, Node>();

  constructor(private readonly workspaceNamespace: string) {}

  report(
    item: Pick<Item, 'from' | 'path'>,
    path: FieldPath,
    severity: Severity,
    code: string,
    message: string,
    subject?: DiagnosticSubject,
  ): void {
    const location = item.from.locate([...item.path, ...path]);
    const diagnostic: Diagnostic = { ...location, severity, code, message };
    if (BLOCKING_CODES.has(code) || (severity === 'error' && placesInNamespace(path)))
      diagnostic.blocking = true;
    if (path.length) diagnostic.path = formatPath(path);
    if (subject) {
      diagnostic.subject = subject;
      diagnostic.object = describeSubject(subject);
    }
    this.diagnostics.push(diagnostic);
  }

  sourceOf(item: Pick<Item, 'from' | 'path'>, path: FieldPath = []): SourceRef {
    const fullPath = [...item.path, ...path];
    return { ...item.from.locate(fullPath), documentIndex: item.from.documentIndex, objectPath: item.path };
  }

  add(object: RawObject): void {
    this.addValue(object.value, object, []);
  }

  /** A document, or an item of a List: files nest Lists (the API never does), so their items are read too. */
  private addValue(value: unknown, from: RawObject, path: FieldPath): void {
    const top = { from, path };
    if (!isRecord(value)) {
      this.report(top, [], 'error', 'not-an-object', notAnObjectMessage(value));
      return;
    }
    const kind = stringAt(value, 'kind');
    if (!kind) {
      const written = value.kind === undefined || value.kind === null ? undefined : value.kind;
      this.report(
        top,
        written === undefined ? [] : ['kind'],
        'error',
        'no-kind',
        written === undefined
          ? 'This document has no `kind`, so it cannot be read.'
          : `\`kind\` must be a name such as Pod or NetworkPolicy, not ${describeRaw(written)}, so this document cannot be read.`,
      );
      return;
    }
    if (kind.endsWith('List') && Object.hasOwn(value, 'items')) this.addList(value, kind, from, path);
    else this.addItem({ raw: value, kind, apiVersion: stringAt(value, 'apiVersion') ?? '', from, path });
  }

  private addList(value: RawRecord, kind: string, from: RawObject, listPath: FieldPath): void {
    if (value.items === null) return; // `items:` with nothing: an empty list
    if (!Array.isArray(value.items)) {
      this.report(
        { from, path: listPath },
        ['items'],
        'error',
        'not-an-object',
        `The items of this ${kind} must be a list, not ${describeRaw(value.items)}.`,
      );
      return;
    }
    for (const [index, entry] of (listItems(value) ?? []).entries()) {
      const at = { from, path: [...listPath, ...entry.path] };
      if (!entry.raw) {
        this.report(at, [], 'error', 'not-an-object', `Item ${index + 1} of this ${kind} is not an object.`);
      } else if (!entry.kind) {
        this.report(at, [], 'error', 'no-kind', `Item ${index + 1} of this List has no \`kind\`.`);
      } else {
        this.addItem({ raw: entry.raw, kind: entry.kind, apiVersion: entry.apiVersion, from, path: at.path });
      }
    }
  }

  private namespaceOf(item: Item): string {
    return stringAt(recordAt(item.raw, 'metadata'), 'namespace') || this.workspaceNamespace;
  }

  private nameOf(item: Item): string {
    return stringAt(recordAt(item.raw, 'metadata'), 'name') ?? '';
  }

  private addItem(item: Item): void {
    const { kind, apiVersion } = item;
    const name = this.nameOf(item);
    if (
      OTHER_POLICY_KINDS.has(kind) ||
      (kind === 'NetworkPolicy' && apiVersion.includes('projectcalico.org'))
    ) {
      this.ignore(
        item,
        `${kind} (${apiVersion || 'no apiVersion'}) is kept in the text but not evaluated: only networking.k8s.io/v1 NetworkPolicy is.`,
      );
      return;
    }
    // Cluster-scoped kinds: no namespace, and their own apiVersions.
    const expected = isTieredKind(kind)
      ? [TIERED_POLICY_KINDS[kind].apiVersion]
      : kind === 'Node'
        ? ['v1']
        : EXPECTED_API_VERSION[kind];
    if (!expected) {
      this.ignore(item, `${kind} is not a kind Netpol Canvas evaluates; it is kept in the text and ignored.`);
      return;
    }
    if (!expected.includes(apiVersion)) {
      this.report(
        item,
        ['apiVersion'],
        'warning',
        'api-version',
        `${kind} should have apiVersion ${expected.join(' or ')}, not ${JSON.stringify(apiVersion || null)}; it is read as ${expected[0]}.`,
        this.subjectOf(item, name),
      );
    }
    if (!name && kind !== 'ConnectivityTest') {
      const written = recordAt(item.raw, 'metadata')?.name;
      if (written !== undefined && written !== null && written !== '') {
        this.report(
          item,
          ['metadata', 'name'],
          'error',
          'no-name',
          `metadata.name must be text, not ${describeRaw(written)}; quote it, so this ${kind} can be read.`,
        );
      } else
        this.report(
          item,
          ['metadata'],
          'error',
          'no-name',
          `This ${kind} has no metadata.name, so it cannot be read.`,
        );
      return;
    }
    if (kind === 'Namespace') this.addNamespace(item, name);
    else if (kind === 'NetworkPolicy') this.addPolicy(item, name);
    else if (kind === 'Service') this.addService(item, name);
    else if (kind === 'ConnectivityTest') this.addTest(item);
    else if (kind === 'Pod') this.addPod(item, name);
    else if (kind === 'Node') this.addNode(item, name);
    else if (isTieredKind(kind)) this.addTieredPolicy(item, kind, name);
    else this.addWorkload(item, name, kind as EndpointKind);
  }

  /** Ignored kinds are not known to be namespaced, so their subject has no namespace. */
  private ignore(item: Item, reason: string): void {
    const name = this.nameOf(item);
    this.ignored.push({
      kind: item.kind,
      apiVersion: item.apiVersion,
      name: name || '(unnamed)',
      reason,
      source: this.sourceOf(item),
    });
    this.report(item, [], 'info', 'ignored-kind', reason, { kind: item.kind, name });
  }

  private subjectOf(item: Item, name: string): DiagnosticSubject {
    return isNamespacedKind(item.kind)
      ? { kind: item.kind, namespace: this.namespaceOf(item), name }
      : { kind: item.kind, name };
  }

  private addNamespace(item: Item, name: string): void {
    const meta = recordAt(item.raw, 'metadata');
    const reported = this.diagnostics.length;
    this.reportValidation(
      item,
      validateObjectMeta(meta, ['metadata'], { nameRule: 'label' }),
      this.subjectOf(item, name),
    );
    for (const diagnostic of this.diagnostics.slice(reported))
      if (diagnostic.severity === 'error' && diagnostic.path === 'metadata.name') diagnostic.blocking = true;
    // The API server sets this label on every namespace and overwrites any other value.
    const labels = { ...stringMap(meta?.labels), [NAMESPACE_NAME_LABEL]: name };
    if (this.namespaces.get(name)?.declared) this.duplicate(item, this.subjectOf(item, name));
    this.namespaces.set(name, { name, labels, declared: true, source: this.sourceOf(item) });
  }

  private duplicate(item: Item, subject: DiagnosticSubject): void {
    this.report(
      item,
      ['metadata', 'name'],
      'warning',
      'duplicate',
      `${describeSubject(subject)} is defined more than once; like kubectl apply, the last definition wins.`,
      subject,
    );
  }

  private reportValidation(
    item: Item,
    issues: ReturnType<typeof validateNetworkPolicy>,
    subject: DiagnosticSubject,
  ): void {
    for (const issue of issues)
      this.report(item, issue.path, issue.severity, `invalid-${issue.code}`, issue.message, subject);
  }

  /**
   * Reports a policy's validation issues. Errors outside metadata leave its meaning undefined (the
   * API server would reject it), so it is left out rather than half-applied: those are blocking,
   * and the result is false. Metadata errors don't change what it means, except `rejectsMetadata`.
   */
  private reportPolicyValidation(
    item: Item,
    issues: ValidationIssue[],
    subject: DiagnosticSubject,
    rejectsMetadata: (issue: ValidationIssue) => boolean = () => false,
  ): boolean {
    const rejecting = issues.filter(
      (issue) => issue.severity === 'error' && (issue.path[0] !== 'metadata' || rejectsMetadata(issue)),
    );
    const rejected = new Set(rejecting); // a Set: a policy may carry 100,000 issues
    this.reportValidation(
      item,
      issues.filter((issue) => !rejected.has(issue)),
      subject,
    );
    for (const issue of rejecting) {
      this.report(
        item,
        issue.path,
        'error',
        `invalid-${issue.code}`,
        `${issue.message} (${describeSubject(subject)} is not evaluated: kubectl apply would reject it)`,
        subject,
      );
      this.diagnostics[this.diagnostics.length - 1]!.blocking = true;
    }
    return rejecting.length === 0;
  }

  /**
   * Validates a ClusterNetworkPolicy, AdminNetworkPolicy or BaselineAdminNetworkPolicy as the
   * CRDs do; false when the API server would reject it, so that it is not evaluated. The
   * BaselineAdminNetworkPolicy name rule (C11) is a CEL rule of the object: it rejects.
   */
  private checkTieredPolicy(item: Item, kind: TieredKind, name: string): boolean {
    return this.reportPolicyValidation(
      item,
      validateTieredPolicy(item.raw, kind),
      { kind, name },
      (issue) => issue.code === 'C11',
    );
  }

  private addPolicy(item: Item, name: string): void {
    const namespace = this.namespaceOf(item);
    const id = `${namespace}/${name}`;
    const subject = { kind: 'NetworkPolicy', namespace, name };
    if (!this.reportPolicyValidation(item, validateNetworkPolicy(item.raw), subject)) return;
    if (!stringAt(recordAt(item.raw, 'metadata'), 'namespace')) {
      this.report(
        item,
        ['metadata'],
        'info',
        'namespace-defaulted',
        `NetworkPolicy ${name} names no namespace; it is placed in the workspace namespace "${namespace}", as kubectl apply -n ${namespace} would.`,
        subject,
      );
    }
    if (this.policies.has(id)) this.duplicate(item, subject);
    this.policies.delete(id);
    this.policies.set(
      id,
      readPolicy(item.raw, namespace, name, this.sourceOf(item), (direction, index) =>
        this.sourceOf(item, ['spec', direction, index]),
      ),
    );
    this.ensureNamespace(namespace);
  }

  private addNode(item: Item, name: string): void {
    const addresses = arrayAt(recordAt(item.raw, 'status'), 'addresses')
      .map((entry) => stringAt(entry, 'address'))
      .filter((address): address is string => address !== undefined && parseIp(address) !== null);
    if (this.nodes.has(name)) this.duplicate(item, { kind: 'Node', name });
    this.nodes.set(name, {
      name,
      labels: stringMap(recordAt(item.raw, 'metadata')?.labels),
      addresses,
      source: this.sourceOf(item),
    });
  }

  /**
   * What the reader cannot read leaves the object's meaning unknown: like an invalid
   * NetworkPolicy, it is reported (blocking) and not evaluated at all.
   */
  private addTieredPolicy(item: Item, kind: TieredKind, name: string): void {
    if (!this.checkTieredPolicy(item, kind, name)) return;
    const read = readTieredPolicy(item.raw, kind, name, this.sourceOf(item), (direction, index) =>
      this.sourceOf(item, ['spec', direction, index]),
    );
    const subject = { kind, name };
    if (!read.ok) {
      for (const problem of read.problems) {
        this.report(
          item,
          problem.path,
          'error',
          'invalid-tiered-policy',
          `${problem.message} (${describeSubject(subject)} is not evaluated: kubectl apply would reject it)`,
          subject,
        );
        this.diagnostics[this.diagnostics.length - 1]!.blocking = true;
      }
      return;
    }
    if (this.tieredPolicies.has(read.policy.id)) this.duplicate(item, subject);
    this.tieredPolicies.delete(read.policy.id);
    this.tieredPolicies.set(read.policy.id, read.policy);
  }

  private addService(item: Item, name: string): void {
    const namespace = this.namespaceOf(item);
    const spec = recordAt(item.raw, 'spec');
    const ports: Service['ports'][number][] = [];
    for (const port of Array.isArray(spec?.ports) ? spec.ports : []) {
      if (!isRecord(port) || typeof port.port !== 'number') continue;
      const protocol = port.protocol === 'UDP' || port.protocol === 'SCTP' ? port.protocol : 'TCP';
      const entry: Service['ports'][number] = { port: port.port, protocol };
      if (typeof port.name === 'string') entry.name = port.name;
      if (typeof port.targetPort === 'number' || typeof port.targetPort === 'string')
        entry.targetPort = port.targetPort;
      ports.push(entry);
    }
    const selector = isRecord(spec?.selector) ? stringMap(spec.selector) : null;
    this.services.push({
      id: `${namespace}/${name}`,
      namespace,
      name,
      selector,
      ports,
      source: this.sourceOf(item),
    });
    this.ensureNamespace(namespace);
  }

  private addTest(item: Item): void {
    this.tests.push(
      readConnectivityTest(item.raw, {
        sourceAt: (path) => this.sourceOf(item, path),
        report: (path, code, message) =>
          this.report(item, path, 'error', code, message, {
            kind: 'ConnectivityTest',
            name: this.nameOf(item),
          }),
      }),
    );
  }

  private addEndpoint(draft: EndpointDraft): void {
    const { key } = draft;
    if (this.endpoints.has(key)) this.duplicate(draft.item, endpointSubject(draft));
    this.endpoints.delete(key);
    this.endpoints.set(key, draft);
    this.ensureNamespace(draft.namespace);
  }

  private addPod(item: Item, name: string): void {
    const namespace = this.namespaceOf(item);
    const id = `${namespace}/${name}`;
    const phase = stringAt(recordAt(item.raw, 'status'), 'phase');
    this.reportValidation(
      item,
      [
        ...validateObjectMeta(recordAt(item.raw, 'metadata'), ['metadata']),
        ...validatePodTemplateSpec(recordAt(item.raw, 'spec'), ['spec']),
      ],
      { kind: 'Pod', namespace, name },
    );
    if (phase === 'Succeeded' || phase === 'Failed') {
      this.report(
        item,
        ['status', 'phase'],
        'info',
        'terminated-pod',
        `Pod ${id} has finished (phase ${phase}); it is no live endpoint and is left out.`,
        { kind: 'Pod', namespace, name },
      );
      return;
    }
    const hostIP = stringAt(recordAt(item.raw, 'status'), 'hostIP');
    const draft: EndpointDraft = {
      id,
      // Keyed by kind too: a Pod and a Deployment may share a name, and both are endpoints.
      key: endpointKey('Pod', namespace, name),
      item,
      namespace,
      name,
      kind: 'Pod',
      labels: stringMap(recordAt(item.raw, 'metadata')?.labels),
      ports: null,
      hostNetwork: recordAt(item.raw, 'spec')?.hostNetwork === true,
      ips: readPodIps(item.raw),
      aliases: null,
    };
    if (hostIP) draft.hostIP = hostIP;
    const owner = controllerOf(item.raw);
    if (owner) draft.owner = owner;
    this.pods.push(draft);
    this.addEndpoint(draft);
  }

  private addWorkload(item: Item, name: string, kind: EndpointKind): void {
    const namespace = this.namespaceOf(item);
    const id = `${namespace}/${name}`;
    this.reportValidation(
      item,
      [
        ...validateObjectMeta(recordAt(item.raw, 'metadata'), ['metadata']),
        ...validatePodTemplateSpec(recordAt(item.raw, ...templatePath(kind), 'spec'), [
          ...templatePath(kind),
          'spec',
        ]),
      ],
      { kind, namespace, name },
    );
    const draft: EndpointDraft = {
      id,
      key: endpointKey(kind, namespace, name),
      item,
      namespace,
      name,
      kind,
      ...readWorkloadShape(item.raw, kind),
      ips: [],
      aliases: null,
    };
    const owner = controllerOf(item.raw);
    if (owner) draft.owner = owner;
    this.addEndpoint(draft);
  }

  private ensureNamespace(name: string): void {
    if (!this.namespaces.has(name))
      this.namespaces.set(name, { name, labels: { [NAMESPACE_NAME_LABEL]: name }, declared: false });
  }

  /**
   * A workload stands for its replicas: a ReplicaSet or Job whose controller is in the workspace,
   * and pods whose labels equal their workload's template, become aliases of that workload.
   */
  private foldOwned(): void {
    const topOwner = (draft: EndpointDraft): EndpointDraft | undefined => {
      let current: EndpointDraft | undefined;
      let owner = draft.owner;
      for (let depth = 0; owner && depth < 4; depth++) {
        const next = this.endpoints.get(endpointKey(owner.kind, draft.namespace, owner.name));
        if (!next) {
          // A pod's ReplicaSet is often missing from a dump while its Deployment is there.
          if (owner.kind === 'ReplicaSet' && draft.kind === 'Pod') {
            const hash = draft.labels['pod-template-hash'];
            const deployment =
              hash && owner.name.endsWith(`-${hash}`)
                ? this.endpoints.get(
                    endpointKey('Deployment', draft.namespace, owner.name.slice(0, -hash.length - 1)),
                  )
                : undefined;
            if (deployment) return deployment;
          }
          break;
        }
        current = next;
        owner = next.owner;
      }
      return current;
    };
    for (const [key, draft] of [...this.endpoints]) {
      if (draft.kind === 'Pod' || !draft.owner) continue;
      const owner = topOwner(draft);
      if (!owner) continue;
      (owner.aliases ??= []).push(draft.id, ...(draft.aliases ?? []));
      this.endpoints.delete(key);
    }
    // A workload of thousands of replicas would make includes() quadratic.
    const ipsOf = new Map<EndpointDraft, Set<string>>();
    for (const draft of this.pods) {
      const owner = topOwner(draft);
      if (!owner || !sameLabelsButHashes(draft.labels, owner.labels)) continue;
      let known = ipsOf.get(owner);
      if (!known) ipsOf.set(owner, (known = new Set(owner.ips)));
      for (const ip of draft.ips) {
        if (known.has(ip)) continue;
        known.add(ip);
        owner.ips.push(ip);
      }
      (owner.aliases ??= []).push(draft.id);
      this.endpoints.delete(draft.key);
    }
  }

  /**
   * Endpoints of different kinds that share a namespace/name get distinct ids: the Pod keeps
   * `namespace/name` (a pod is what runs under that name, as in `kubectl exec`), every other kind
   * becomes `namespace/Kind/name`. Decided after all documents are read, so order does not matter.
   */
  private qualifySharedNames(): void {
    const byId = new Map<string, EndpointDraft[]>();
    for (const draft of this.endpoints.values()) {
      const same = byId.get(draft.id);
      if (same) same.push(draft);
      else byId.set(draft.id, [draft]);
    }
    for (const [id, drafts] of byId) {
      if (drafts.length < 2) continue;
      const pod = drafts.find((draft) => draft.kind === 'Pod');
      for (const draft of drafts) if (draft !== pod) draft.id = qualifiedRef(draft);
      for (const draft of drafts) {
        if (draft === pod) continue;
        const others = drafts.filter((other) => other !== draft).map((other) => `${other.kind} ${other.id}`);
        this.report(
          draft.item,
          ['metadata', 'name'],
          'info',
          'shared-name',
          `${draft.kind} ${id} shares its namespace/name with ${others.join(', ')}; each is an endpoint of its own, and probes name this one ${draft.id}${pod ? ` (${id} is the Pod)` : ''}.`,
          endpointSubject(draft),
        );
      }
    }
  }

  build(): Cluster {
    this.foldOwned();
    this.qualifySharedNames();
    const endpoints = [...this.endpoints.values()].map((draft): Endpoint => {
      const { item } = draft;
      const endpoint: Endpoint = {
        id: draft.id,
        namespace: draft.namespace,
        name: draft.name,
        kind: draft.kind,
        labels: draft.labels,
        ports: draft.ports ?? readContainerPorts(recordAt(item.raw, 'spec')),
        hostNetwork: draft.hostNetwork,
        ips: draft.ips,
        aliases: draft.aliases ?? [],
        source: this.sourceOf(item),
      };
      if (draft.hostIP) endpoint.hostIP = draft.hostIP;
      const controller = draft.owner && controllerRef(endpoint, draft.owner);
      if (controller) endpoint.controller = controller;
      return endpoint;
    });
    return {
      workspaceNamespace: this.workspaceNamespace,
      namespaces: new Map([...this.namespaces].sort(([a], [b]) => a.localeCompare(b))),
      endpoints: endpoints.sort((a, b) => a.id.localeCompare(b.id)),
      policies: [...this.policies.values()].sort((a, b) => a.id.localeCompare(b.id)),
      services: this.services,
      tests: this.tests,
      ignored: this.ignored,
      tieredPolicies: [...this.tieredPolicies.values()],
      nodes: [...this.nodes.values()],
    };
  }
}

function controllerRef(endpoint: Endpoint, owner: { kind: string; name: string }): string {
  const hash = endpoint.labels['pod-template-hash'];
  if (owner.kind === 'ReplicaSet' && hash && owner.name.endsWith(`-${hash}`))
    return `${endpoint.namespace}/Deployment/${owner.name.slice(0, -hash.length - 1)}`;
  return `${endpoint.namespace}/${owner.kind}/${owner.name}`;
}

const endpointSubject = (draft: EndpointDraft): DiagnosticSubject => ({
  kind: draft.kind,
  namespace: draft.namespace,
  name: draft.name,
});

function endpointKey(kind: string, namespace: string, name: string): string {
  return `${kind}\u0000${namespace}/${name}`;
}

/** `namespace/Kind/name`: names an endpoint of one kind even where kinds share a name. */
export function qualifiedRef(endpoint: Pick<Endpoint, 'namespace' | 'kind' | 'name'>): string {
  return `${endpoint.namespace}/${endpoint.kind}/${endpoint.name}`;
}

/** A raw value in a sentence: `the number 42`, `a list`. */
function describeRaw(value: unknown): string {
  if (typeof value === 'string')
    return `the text ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (typeof value === 'number' || typeof value === 'boolean') return `the ${typeof value} ${String(value)}`;
  if (Array.isArray(value)) return 'a list';
  if (value instanceof Uint8Array) return 'binary data';
  return value === null || value === undefined ? 'empty' : 'a mapping';
}

function notAnObjectMessage(value: unknown): string {
  if (Array.isArray(value)) {
    return 'This document is a list, not a Kubernetes object: put each object in its own document (separated by --- lines), or wrap them in a List (apiVersion: v1, kind: List, items: [...]).';
  }
  return `This document is ${describeRaw(value)}, not a Kubernetes object (a mapping with apiVersion, kind and metadata). Is a colon missing?`;
}

/** Turns parsed objects into the cluster model, with every problem found on the way. */
export function buildCluster(objects: readonly RawObject[], options: BuildOptions = {}): BuildResult {
  const builder = new Builder(options.namespace || DEFAULT_NAMESPACE);
  for (const object of objects) builder.add(object);
  return { cluster: builder.build(), diagnostics: builder.diagnostics };
}
