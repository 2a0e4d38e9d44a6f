/**
 * The plain, serializable picture the engine worker posts back after every evaluation. Everything
 * the canvas and the panels show is read from here; nothing in the UI derives a verdict itself.
 */
import type { EndpointId, NodeId, PolicyId } from './ids';
import type { QuickFix } from './insight';
import type { ObservedView } from './observed';
import type {
  Diagnostic,
  Direction,
  EndpointKind,
  PortSet,
  Protocol,
  TestResult,
  Verdict,
} from '../../engine';

/** Which policies select an endpoint for one direction (empty: not isolated in that direction). */
export interface IsolationView {
  isolated: boolean;
  policies: string[];
}

export interface NamespaceView {
  /** React Flow node id, `ns:<name>`. */
  nodeId: NodeId;
  name: string;
  labels: Record<string, string>;
  declared: boolean;
  line: number | null;
  endpointCount: number;
  /** How many of its endpoints are isolated per direction. */
  ingressIsolated: number;
  egressIsolated: number;
  /**
   * The namespace's default-deny policies per direction (every pod selected, nothing allowed; for
   * egress nothing but DNS), what the namespace's default-deny toggles show. `egressDns`: one of
   * the egress ones keeps DNS open.
   */
  defaultDeny?: { ingress: string[]; egress: string[]; egressDns: boolean };
  /** Ids of the Admin and Baseline policies whose subject is the whole namespace, in walk order. */
  guardrails?: string[];
  /** In a summarized workspace: drawn as one box (its endpoints are not in the view), with its inner flows counted. */
  collapsed?: boolean;
  within?: VerdictCounts;
}

/** How many endpoint pairs have each verdict. */
export type VerdictCounts = Partial<Record<Verdict, number>>;

/**
 * Flows between two boxes of a summarized canvas (a namespace and a namespace or an outside
 * range), counted per verdict over every endpoint pair they hold. Id: `flow:<source>-><target>`.
 */
export interface AggregateEdgeView {
  id: string;
  source: NodeId;
  target: NodeId;
  from: string;
  to: string;
  counts: VerdictCounts;
  total: number;
}

/**
 * A workspace too big to draw pair by pair: namespaces start collapsed, flows between them are
 * counted, and only expanded namespaces show their endpoints and endpoint-level edges.
 */
export interface SummaryView {
  endpointTotal: number;
  /** Names of the namespaces shown open. */
  expanded: string[];
  aggregates: AggregateEdgeView[];
  /** Endpoint-level edges between open namespaces: how many there are and how many are drawn. */
  endpointEdges: { total: number; drawn: number };
  /** The port the counts are for (`8080/TCP`), or '' when they are of whole pairs. */
  port: string;
  /** Rows of the whole flows table (every pair, per destination port); the worker serves them by window. */
  flowTotal: number;
}

export interface PortView {
  name?: string;
  port: number;
  protocol: Protocol;
}

export interface EndpointView {
  /** React Flow node id, `ep:<namespace>/<name>`. */
  nodeId: NodeId;
  /** `namespace/name`, as the CLI and probes name it. */
  id: EndpointId;
  namespace: string;
  name: string;
  kind: EndpointKind;
  labels: Record<string, string>;
  ports: PortView[];
  ips: string[];
  hostNetwork: boolean;
  /** Carries the conventional kube-dns label, so it answers cluster DNS. */
  dns: boolean;
  ingress: IsolationView;
  egress: IsolationView;
  /** Ids of the Admin and Baseline policies that select it, leaving out those that select its whole namespace. */
  guardrails?: string[];
  line: number;
}

export interface ExternalView {
  /** React Flow node id, `ext:<cidr>`. */
  nodeId: NodeId;
  cidr: string;
  except: string[];
  /** The catch-all node for addresses that no ipBlock names. */
  internet: boolean;
  /** The address the engine was asked about on behalf of this range. */
  sample: string;
  /**
   * Present on the one node that stands for the outside ranges not drawn one by one (too many to
   * read): `ext-group:outside`. Its edges carry the engine's counts, as between two namespaces.
   */
  group?: OutsideGroupView;
}

export interface OutsideGroupView {
  /** The CIDRs it stands for, in the order the policies name them. */
  cidrs: string[];
  /** Whether the user asked to see ranges one by one (then the first ones are drawn beside it). */
  expanded: boolean;
  /** Ranges drawn one by one beside it. */
  shown: number;
}

export interface RuleView {
  policy: string;
  direction: 'ingress' | 'egress';
  /** 0-based index into spec.ingress / spec.egress. */
  index: number;
  ports: string;
  line: number;
}

export interface SideView {
  direction: Direction;
  subject: string | null;
  note?: string;
  isolated: boolean;
  policies: string[];
  rules: RuleView[];
  allowed: string;
}

/** An Admin or Baseline rule that settled (part of) a verdict. */
export interface TierRuleView {
  policy: string;
  action: 'Accept' | 'Deny';
  /** The engine's name for it: `cnp/x ingress rule 1 "no-ops" (Admin, priority 10, line 14)`. */
  text: string;
  line: number;
}

/** A verdict the Admin or Baseline tier settled rather than NetworkPolicy or the default. */
export interface TierMarkView {
  tier: 'admin' | 'baseline';
  rules: TierRuleView[];
}

export interface EdgeView {
  /** React Flow edge id, `flow:<source node id>-><target node id>`. */
  id: string;
  source: NodeId;
  target: NodeId;
  from: string;
  to: string;
  verdict: Verdict;
  /** The ports the policies let through, when they restrict ports ("TCP 8080"); else null. */
  portLabel: string | null;
  allowed: PortSet;
  egress: SideView;
  ingress: SideView;
  tier?: TierMarkView;
}

export interface FlowRow {
  /** Stable key: `from|to|port|protocol`. */
  key: string;
  from: string;
  to: string;
  /** The edge this flow belongs to, when both ends are on the canvas. */
  edgeId: string | null;
  /** null: the destination declares no port and no probe names one, so the row is about any port. */
  port: number | null;
  protocol: Protocol | null;
  verdict: Verdict;
  reason: string;
  rules: RuleView[];
  /** A ConnectivityTest names this flow. */
  probed: boolean;
  tier?: TierMarkView;
}

/** One rule of a cluster-scoped policy, as the Tiers panel lists it. */
export interface TierPolicyRuleView {
  direction: 'ingress' | 'egress';
  /** 0-based index into spec.ingress / spec.egress. */
  index: number;
  name?: string;
  action: 'Accept' | 'Deny' | 'Pass';
  line: number;
}

/** An Admin or Baseline policy, for the Tiers panel and the guardrail badges. */
export interface TierPolicyView {
  id: string;
  kind: string;
  apiVersion: string;
  name: string;
  tier: 'Admin' | 'Baseline';
  /** null for a BaselineAdminNetworkPolicy, which has none. */
  priority: number | null;
  line: number;
  /** `namespaces team=web`, `pods app=db in namespaces (all)`. */
  subject: string;
  selectCount: number;
  rules: TierPolicyRuleView[];
  /** Keys of the flow rows one of its rules settles (the first 50), and how many there are; absent in a summarized workspace. */
  decides?: { count: number; flows: string[] };
}

export interface PolicyView {
  id: PolicyId;
  namespace: string;
  name: string;
  line: number;
  policyTypes: Direction[];
  ingressRules: number;
  egressRules: number;
  /** Endpoint ids the policy selects (for any of its directions); the first 50 in a big workspace. */
  selects: EndpointId[];
  /** How many endpoints it selects. */
  selectCount: number;
  /** The spec as written (plain data), for the rule editor; absent when it could not be found. */
  spec?: Record<string, unknown>;
}

export interface TestsView {
  results: TestResult[];
  passed: number;
  failed: number;
}

export interface ViewModel {
  /** Sequence number of the request this answers. */
  seq: number;
  workspaceNamespace: string;
  namespaces: NamespaceView[];
  endpoints: EndpointView[];
  externals: ExternalView[];
  edges: EdgeView[];
  flows: FlowRow[];
  /** Every `port/protocol` some endpoint declares (the engine's declaredPorts), for the port filter. */
  ports: string[];
  policies: PolicyView[];
  tests: TestsView;
  /** Engine diagnostics plus probes that could not run, sorted by line. */
  diagnostics: Diagnostic[];
  /** Something was left out of the evaluation (a syntax error, an unreadable object). */
  blocking: boolean;
  /** How many documents the text holds (0 for an empty workspace). */
  documentCount: number;
  /** Fixes the engine can make for some lint findings (matched by code, line and column). */
  quickFixes?: QuickFix[];
  /** Present for big workspaces, drawn collapsed (see SummaryView). */
  summary?: SummaryView;
  /** Lint findings are still being computed (big workspaces answer without them first). */
  lintPending?: boolean;
  /** The Admin policies, then the Baseline ones, each tier in walk order; absent when there are none. */
  tiers?: TierPolicyView[];
  /** The imported flow logs replayed against this text; absent when none is imported. */
  observed?: ObservedView;
}
