/** The edit layer: canvas and rule-editor intents in, splices of the user's text out. */
export { applyIntent } from './apply-intent';
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
  RenamePolicyIntent,
  SetDefaultDenyIntent,
  SplitRuleIntent,
  UpdatePolicyIntent,
} from './intents';
export type { ContainerPortSpec } from './manifests';
