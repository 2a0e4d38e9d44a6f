/** What the canvas and the rule editor ask the engine to change, and what they get back. */
import type { Direction, Protocol, TieredKind } from '../model/types';
import type { RawRecord } from '../util/raw';
import type { ContainerPortSpec } from './manifests';
import type { TextEdit } from './text-edits';

/** A flow, `namespace/name` to `namespace/name`, that an edit denies on `ports` (e.g. `TCP 8080`). */
export interface FlowStop {
  from: string;
  to: string;
  ports: string;
}

export type EditResult =
  | {
      ok: true;
      /** Splices of the user's text; documents not named here are left byte for byte. */
      edits: TextEdit[];
      /** What changes, in words, including flows that change as a side effect. */
      summary: string;
      /** Ids (`namespace/name`) of the policies created, changed or deleted. */
      touched: string[];
      /** Every flow between endpoints that the edit turns off as a side effect (the summary names the first few). */
      stops: FlowStop[];
    }
  | { ok: false; message: string };

/** A `ports` entry; no port means every port of the protocol, a string a named port. */
export interface PortSpec {
  port?: number | string;
  endPort?: number;
  protocol: Protocol;
}

/**
 * How a rule names the other end of a flow: `workload` by its own labels; `namespace-pods` as
 * every pod of its namespace (`podSelector: {}` there, a namespaceSelector elsewhere);
 * `namespace-label` as its namespace picked by `kubernetes.io/metadata.name`, even at home.
 */
export type PeerWidth = 'workload' | 'namespace-pods' | 'namespace-label';

/** Adds or removes the namespace's `default-deny-<direction>` (podSelector {}, no rules). */
export interface SetDefaultDenyIntent {
  kind: 'set-default-deny';
  namespace: string;
  direction: Direction;
  enabled: boolean;
  /** Egress only: true keeps DNS to kube-dns open, false closes it, absent leaves it as it is. */
  keepDns?: boolean;
}

/**
 * Lets `from` reach `to`: a rule on each side that refuses the flow (the source's egress when it is
 * isolated for egress, the destination's ingress when it is isolated for ingress). Nothing else is
 * isolated unless `isolate` asks for it.
 */
export interface AllowFlowIntent {
  kind: 'allow-flow';
  /** `namespace/name` of a pod or workload, an IP address or a CIDR. */
  from: string;
  to: string;
  /** Empty: every port. */
  ports: readonly PortSpec[];
  peerWidth: PeerWidth;
  /** Ranges carved out of the end that is a CIDR. */
  except?: readonly string[];
  /**
   * Sides to write a rule on even though they are open now, isolating them: `Egress` the source,
   * `Ingress` the destination. Every other peer of that side is then denied (the summary lists them).
   */
  isolate?: readonly Direction[];
}

/** Stops `from` reaching `to` (on one port, one protocol, or at all), narrowing rather than dropping rules. */
export interface RemoveFlowIntent {
  kind: 'remove-flow';
  from: string;
  to: string;
  port?: number | string;
  protocol?: Protocol;
}

export interface UpdatePolicyIntent {
  kind: 'update-policy';
  policyId: string;
  /** The whole new spec, as the rule editor holds it. */
  spec: RawRecord;
}

export interface RenamePolicyIntent {
  kind: 'rename-policy';
  policyId: string;
  name: string;
}

export interface DeletePolicyIntent {
  kind: 'delete-policy';
  policyId: string;
}

export interface AddPolicyIntent {
  kind: 'add-policy';
  namespace: string;
  name: string;
  spec: RawRecord;
}

/** Several new policies in one edit (one undo step): what "generate from observed traffic" adds. */
export interface AddPoliciesIntent {
  kind: 'add-policies';
  policies: readonly Omit<AddPolicyIntent, 'kind'>[];
}

/**
 * Isolates one workload (rather than its namespace) for a direction: a new policy that selects it
 * by its labels and allows nothing yet; flows drawn from or to it then add their rules to it.
 */
export interface IsolateEndpointIntent {
  kind: 'isolate-endpoint';
  /** `namespace/name` of the endpoint. */
  endpoint: string;
  direction: Direction;
}

/** The egress policies that the sources of an ingress policy (or of one of its rules) need. */
export interface GenerateComplementaryEgressIntent {
  kind: 'generate-complementary-egress';
  policyId: string;
  /** 0-based index into spec.ingress; absent: every ingress rule. */
  ruleIndex?: number;
}

/** Complementary egress for every ingress rule in the workspace. */
export interface GenerateAllComplementaryEgressIntent {
  kind: 'generate-all-complementary-egress';
}

/** A Deployment whose pods carry `labels` and serve `ports`. */
export interface AddWorkloadIntent {
  kind: 'add-workload';
  namespace: string;
  name: string;
  labels: Readonly<Record<string, string>>;
  ports: readonly ContainerPortSpec[];
  /** The container image; the workload's name when absent. */
  image?: string;
}

export interface AddNamespaceIntent {
  kind: 'add-namespace';
  name: string;
  labels: Readonly<Record<string, string>>;
}

/** Splits a rule with several peers into one rule per peer (the fix for lint/cross-product). */
export interface SplitRuleIntent {
  kind: 'split-rule';
  policyId: string;
  direction: 'ingress' | 'egress';
  /** 0-based index into spec.ingress / spec.egress. */
  index: number;
}

/** Writes a probe into the workspace's ConnectivityTest (a new one when there is none). */
export interface AddProbeIntent {
  kind: 'add-probe';
  /** `namespace/name` of a pod or workload, or an IP address. */
  from: string;
  to: string;
  port: number;
  protocol: Protocol;
  expect: 'allow' | 'deny';
}

/**
 * Rewrites v1alpha1 AdminNetworkPolicy / BaselineAdminNetworkPolicy objects as v1alpha2
 * ClusterNetworkPolicies (the fix for lint/mixed-policy-api-versions, and `netpol-canvas convert`).
 */
export interface ConvertTieredPoliciesIntent {
  kind: 'convert-tiered-policies';
  /** The objects to convert; absent: every v1alpha1 one in the workspace. */
  objects?: readonly { kind: 'AdminNetworkPolicy' | 'BaselineAdminNetworkPolicy'; name: string }[];
}

/** Removes one rule of a ClusterNetworkPolicy / AdminNetworkPolicy / BaselineAdminNetworkPolicy (the fix for lint/tiered-shadowed-rule). */
export interface RemoveTieredRuleIntent {
  kind: 'remove-tiered-rule';
  policy: { kind: TieredKind; name: string };
  direction: 'ingress' | 'egress';
  /** 0-based index into spec.ingress / spec.egress. */
  index: number;
}

/**
 * Admin-tier guardrail: pods of namespace `from` never reach those of `to`, whatever either
 * namespace's NetworkPolicies say (a new ClusterNetworkPolicy with an ingress Deny).
 */
export interface TierDenyNamespacesIntent {
  kind: 'tier-deny-namespaces';
  from: string;
  to: string;
}

/** Admin-tier Accept: every namespace's ingress accepts `namespace` (monitoring), on `ports` or all. */
export interface TierAllowFromNamespaceIntent {
  kind: 'tier-allow-from-namespace';
  namespace: string;
  ports?: readonly PortSpec[];
}

/** Baseline-tier Deny between namespaces: same-namespace traffic stays, NetworkPolicies may still allow. */
export interface TierBaselineDenyIntent {
  kind: 'tier-baseline-deny-between-namespaces';
}

/**
 * Admin-tier Pass: later Admin policies stop deciding `namespace`'s traffic (with `peer`, or with
 * every namespace); its NetworkPolicies decide, then Baseline.
 */
export interface TierDelegateIntent {
  kind: 'tier-delegate-namespace';
  namespace: string;
  peer?: string;
}

/**
 * Walks a cluster-scoped tier in a new order by rewriting the fewest `priority` values it can
 * (reorder-tiered.ts). A BaselineAdminNetworkPolicy has no priority and cannot be ordered.
 */
export interface ReorderTieredPoliciesIntent {
  kind: 'reorder-tiered-policies';
  tier: 'Admin' | 'Baseline';
  /** Ids (`cnp/name`, `anp/name`) of every policy of the tier, first walked first. */
  order: readonly string[];
}

export type EditIntent =
  | SetDefaultDenyIntent
  | AllowFlowIntent
  | RemoveFlowIntent
  | UpdatePolicyIntent
  | RenamePolicyIntent
  | DeletePolicyIntent
  | AddPolicyIntent
  | AddPoliciesIntent
  | IsolateEndpointIntent
  | GenerateComplementaryEgressIntent
  | GenerateAllComplementaryEgressIntent
  | AddWorkloadIntent
  | AddNamespaceIntent
  | SplitRuleIntent
  | AddProbeIntent
  | ConvertTieredPoliciesIntent
  | RemoveTieredRuleIntent
  | TierDenyNamespacesIntent
  | TierAllowFromNamespaceIntent
  | TierBaselineDenyIntent
  | TierDelegateIntent
  | ReorderTieredPoliciesIntent;
