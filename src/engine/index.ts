/** The engine's one public surface: the app, the worker and the CLI import from here only. */
export * from './diagnostics';
export * from './model/types';
export {
  DEFAULT_NAMESPACE,
  NAMESPACE_NAME_LABEL,
  qualifiedRef,
  type BuildOptions,
} from './model/build-cluster';
export { selects, formatSelector, isEmptySelector } from './model/selector';
export { isClusterDns, namespaceLabels } from './model/conventions';
export {
  parseSources,
  MAX_SOURCE_BYTES,
  type SourceFile,
  type SourceDocument,
  type ParseResult,
} from './parse/parse-sources';
export {
  decidePair,
  decideFlow,
  isAllowed,
  policySelects,
  VERDICTS,
  type Verdict,
  type PairDecision,
  type FlowDecision,
  type FlowTiers,
  type SideDecision,
  type RuleMatch,
  isGoverned,
  tierStepName,
  pairTierDecision,
  flowTierDecision,
  type TierDecision,
} from './evaluate/evaluate';
export { tieredSubjects, type TierStep, type TierWalk, type TieredSubjects } from './evaluate/tiers';
export { nearMisses, type NearMiss } from './evaluate/near-miss';
export { resolveRef, endLabel, type FlowEnd, type EndpointIndex } from './evaluate/resolve';
export { buildClassMatrix, updatePolicy, type ClassMatrix, type PairSides } from './matrix/classes';
export {
  computeReach,
  forEachReachFlow,
  summarizeReach,
  reachGroups,
  reachGroupOf,
  declaredPorts,
  forEachPair,
  pairVerdict,
  isPortRestricted,
  type ReachMatrix,
  type ReachFlow,
  type ReachGroupBy,
  type ReachSummary,
  type ReachSummaryRow,
  type PortProtocol,
} from './matrix/reach';
export { type TestResult, type TestRun } from './connectivity-test/run-tests';
export { isRecord } from './util/raw';
export { dns1123Label, dns1123Subdomain, ianaSvcName, labelValue, qualifiedName } from './validate/grammar';
export {
  validateTieredPolicy,
  TIERED_POLICY_KINDS,
  TIERED_LIMITS,
  CNP_TIERS,
  CNP_PROTOCOL_KEYS,
  INGRESS_PEERS,
  EXPERIMENTAL_PEERS,
  DOMAIN_NAME_PATTERN,
  type TieredKind,
  type TieredKindRules,
  type PeerField,
  type CrdChannel,
} from './validate/tiered-policy';
export { decodeBytes, firstInvalidUtf8, type DecodedBytes } from './parse/decode-bytes';
export { escapeControlCharacters } from './util/control-chars';
export { toKubeYaml, needsQuotes, quoteAmbiguousStrings } from './util/kube-yaml';
export { parseCidr, parseIp, cidrContains, formatCidr, type Cidr, type IpAddress } from './util/cidr';
export { formatPorts, hasPort, isAllPorts, isEmptyPorts, type PortSet } from './util/port-set';
export {
  loadWorkspace,
  explain,
  runTests,
  lintWorkspace,
  lintWorkspaceSteps,
  type Workspace,
  type ExplainResult,
  type StageListener,
} from './workspace';
export { evaluateFiles, followEdits, type Evaluation, type TextChange } from './incremental';
export { LINT_CHECKS, WORKSPACE_FINDINGS, runToEnd } from './lint/lint';
export * from './edit';
export {
  flowReportRows,
  formatFlowCsv,
  reachCsv,
  pairDecider,
  isolatingOf,
  CSV_HEADER,
  type FlowReportRow,
} from './report/reach-report';
export {
  buildGrid,
  cellCounts,
  endpointGridSource,
  formatGridMarkdown,
  reachMarkdown,
  VERDICT_MARK,
  MARKDOWN_WORKLOAD_GRID_MAX,
  type Grid,
  type GridLine,
  type GridLeaf,
  type GridSource,
} from './report/grid';
export * from './flows';
// The report's CSV_HEADER takes the plain name; the flow log's header is this one.
export { CSV_HEADER as FLOW_LOG_CSV_HEADER } from './flows';
