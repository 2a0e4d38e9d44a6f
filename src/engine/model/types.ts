import type { SourceLocation } from '../diagnostics';

export type Protocol = 'TCP' | 'UDP' | 'SCTP';
export const PROTOCOLS: readonly Protocol[] = ['TCP', 'UDP', 'SCTP'];

export type Labels = Readonly<Record<string, string>>;

export type SelectorOperator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';

export interface LabelSelectorRequirement {
  key: string;
  operator: SelectorOperator;
  values: readonly string[];
}

/** A metav1.LabelSelector after validation. An empty selector matches everything. */
export interface LabelSelector {
  matchLabels: Labels;
  matchExpressions: readonly LabelSelectorRequirement[];
}

/** Points back at the text an object came from, so every message can name its line. */
export interface SourceRef extends SourceLocation {
  /** Index of the document in its file (0-based). */
  documentIndex: number;
  /** Path of the object inside its document: `[]`, or `['items', 3]` inside a List. */
  objectPath: readonly (string | number)[];
}

export interface Namespace {
  name: string;
  /** Always includes `kubernetes.io/metadata.name`, as the API server sets it. */
  labels: Labels;
  /** False when no Namespace object declares it and it exists only because something lives in it. */
  declared: boolean;
  source?: SourceRef;
}

export interface ContainerPort {
  name?: string;
  port: number;
  protocol: Protocol;
}

export type EndpointKind =
  | 'Pod'
  | 'Deployment'
  | 'StatefulSet'
  | 'DaemonSet'
  | 'ReplicaSet'
  | 'ReplicationController'
  | 'Job'
  | 'CronJob';

/** A pod, or a workload standing for all its replicas (they share labels and ports). */
export interface Endpoint {
  /** `namespace/name` */
  id: string;
  namespace: string;
  name: string;
  kind: EndpointKind;
  labels: Labels;
  ports: readonly ContainerPort[];
  /** Pod IPs from status.podIP(s); empty for workloads and pods without a known IP. */
  ips: readonly string[];
  /** The node's IP (status.hostIP), when known. */
  hostIP?: string;
  /**
   * hostNetwork pods share their node's address. Under the default "node" model they are
   * never policy subjects and never match selector peers; only ipBlock can match them.
   */
  hostNetwork: boolean;
  /**
   * The workload that controls this pod or ReplicaSet, as `namespace/Kind/name`, read from its
   * controller reference even when that object is not in the workspace (a ReplicaSet `name-hash`
   * means Deployment `name`). Absent when nothing controls it.
   */
  controller?: string;
  /** Other names a probe may use for this endpoint (pods folded into their workload). */
  aliases: readonly string[];
  source: SourceRef;
}

export interface IpBlock {
  cidr: string;
  except: readonly string[];
}

export type Peer =
  | { kind: 'selector'; podSelector?: LabelSelector; namespaceSelector?: LabelSelector }
  | { kind: 'ipBlock'; ipBlock: IpBlock };

export interface PolicyPort {
  protocol: Protocol;
  /** Absent: every port of `protocol`. A string is a named port, resolved on the destination pod. */
  port?: number | string;
  endPort?: number;
}

export interface PolicyRule {
  index: number;
  /** `null`: the rule has no `from`/`to` (or an empty one), so every peer matches. */
  peers: readonly Peer[] | null;
  /** `null`: no `ports` (or empty), so every port of every protocol matches. */
  ports: readonly PolicyPort[] | null;
  source: SourceRef;
}

export type Direction = 'Ingress' | 'Egress';

export interface Policy {
  /** `namespace/name` */
  id: string;
  namespace: string;
  name: string;
  podSelector: LabelSelector;
  /** After API-server defaulting. */
  policyTypes: readonly Direction[];
  ingress: readonly PolicyRule[];
  egress: readonly PolicyRule[];
  source: SourceRef;
}

/** A Node: the labels `nodes` peers select, and the addresses that stand for it. */
export interface Node {
  name: string;
  labels: Labels;
  /** status.addresses that are IPs; a hostNetwork pod on the node uses one of them. */
  addresses: readonly string[];
  source?: SourceRef;
}

/** The cluster-scoped tiers around NetworkPolicy (docs/tiered-policies.md). */
export type Tier = 'Admin' | 'Baseline';
/** v1alpha1's `Allow` is read as `Accept`. */
export type TierAction = 'Accept' | 'Deny' | 'Pass';
export type TieredKind = 'ClusterNetworkPolicy' | 'AdminNetworkPolicy' | 'BaselineAdminNetworkPolicy';

/** Pods of matching namespaces whose labels match; a `namespaces` peer or subject has `podSelector` {}. */
export interface PodsSelection {
  namespaceSelector: LabelSelector;
  podSelector: LabelSelector;
}

export type TieredPeer =
  | ({ kind: 'pods' } & PodsSelection)
  | { kind: 'networks'; cidrs: readonly string[] }
  | { kind: 'nodes'; nodeSelector: LabelSelector }
  | { kind: 'domainNames'; domains: readonly string[] }
  /** No field this reader knows (written for a newer API): fails closed (tiered-policies.md 8.11). */
  | { kind: 'unknown' };

/** A port entry of either version: a protocol's inclusive range, or a destination's named port. */
export type TieredPort = { protocol: Protocol; start: number; end: number } | { named: string };

export interface TieredRule {
  /** 0-based index into spec.ingress / spec.egress. */
  index: number;
  name?: string;
  action: TierAction;
  peers: readonly TieredPeer[];
  /** `null`: no ports/protocols, so every port of every protocol matches. */
  ports: readonly TieredPort[] | null;
  source: SourceRef;
}

/** A ClusterNetworkPolicy, or a v1alpha1 AdminNetworkPolicy / BaselineAdminNetworkPolicy mapped onto it. */
export interface TieredPolicy {
  /** `cnp/name`, `anp/name` or `banp/name` (kubectl's short names): the kinds share no namespace. */
  id: string;
  kind: TieredKind;
  name: string;
  tier: Tier;
  /** A BANP has none; it is read as 1000, after every Baseline CNP (docs/engine.md). */
  priority: number;
  subject: PodsSelection;
  ingress: readonly TieredRule[];
  egress: readonly TieredRule[];
  source: SourceRef;
}

export interface Service {
  id: string;
  namespace: string;
  name: string;
  /** `null` when the Service has no selector (its endpoints are managed by hand). */
  selector: Labels | null;
  ports: readonly { name?: string; port: number; targetPort?: number | string; protocol: Protocol }[];
  source: SourceRef;
}

export type Expectation = 'allow' | 'deny';

export interface Probe {
  from: string;
  to: string;
  /** A number, or a named port resolved on the destination pod. */
  port: number | string;
  protocol: Protocol;
  expect: Expectation;
  source: SourceRef;
}

export interface ConnectivityTest {
  name: string;
  probes: readonly Probe[];
  source: SourceRef;
}

/** An object that was read but is not evaluated (unknown kind, or another policy API). */
export interface IgnoredObject {
  kind: string;
  apiVersion: string;
  name: string;
  reason: string;
  source: SourceRef;
}

export interface Cluster {
  /** Namespace for objects that name none (`default`, or what the user sets with `-n`). */
  workspaceNamespace: string;
  namespaces: ReadonlyMap<string, Namespace>;
  endpoints: readonly Endpoint[];
  policies: readonly Policy[];
  services: readonly Service[];
  tests: readonly ConnectivityTest[];
  ignored: readonly IgnoredObject[];
  /** Admin and Baseline tier policies, in no particular order (evaluate sorts them). */
  tieredPolicies?: readonly TieredPolicy[];
  /** Node objects of the workspace. */
  nodes?: readonly Node[];
}
