/** The edit layer: canvas and rule-editor intents in, splices of the user's text out. */
export { applyIntent } from './apply-intent';
export {
  convertTieredPolicy,
  v1alpha1Policies,
  BASELINE_PRIORITY,
  V1ALPHA1_KINDS,
  type ConvertedPolicy,
  type V1alpha1Kind,
  type V1alpha1Policy,
} from './convert-tiered';
export { defaultDenyByNamespace, isDefaultDenyPolicy, type DefaultDeny } from './default-deny';
export { exportManifests, type ExportResult, type ExportScope } from './export-manifests';
export { applyEditsToFiles, applyTextEdits, invertEdits, type TextEdit } from './text-edits';
export type {
  AddNamespaceIntent,
  AddPoliciesIntent,
  AddPolicyIntent,
  AddProbeIntent,
  AddWorkloadIntent,
  AllowFlowIntent,
  ConvertTieredPoliciesIntent,
  DeletePolicyIntent,
  EditIntent,
  EditResult,
  FlowStop,
  GenerateAllComplementaryEgressIntent,
  GenerateComplementaryEgressIntent,
  IsolateEndpointIntent,
  PeerWidth,
  PortSpec,
  RemoveFlowIntent,
  RemoveTieredRuleIntent,
  ReorderTieredPoliciesIntent,
  RenamePolicyIntent,
  SetDefaultDenyIntent,
  SplitRuleIntent,
  TierAllowFromNamespaceIntent,
  TierBaselineDenyIntent,
  TierDelegateIntent,
  TierDenyNamespacesIntent,
  UpdatePolicyIntent,
} from './intents';
export type { ContainerPortSpec } from './manifests';
