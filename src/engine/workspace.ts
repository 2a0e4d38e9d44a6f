import { runConnectivityTests, type TestRun } from './connectivity-test/run-tests';
import { compareDiagnostics, type Diagnostic } from './diagnostics';
import { decideFlow, decidePair, type FlowDecision, type PairDecision } from './evaluate/evaluate';
import { nearMisses, type NearMiss } from './evaluate/near-miss';
import { indexEndpoints, resolveRef, type EndpointIndex } from './evaluate/resolve';
import { lintClusterSteps, runToEnd } from './lint/lint';
import { buildCluster, type BuildOptions } from './model/build-cluster';
import type { Cluster, Protocol } from './model/types';
import { parseSources, type ParseResult, type SourceFile } from './parse/parse-sources';

/** Everything derived from the user's text: the model, its index and every diagnostic. */
export interface Workspace {
  files: readonly SourceFile[];
  parsed: ParseResult;
  cluster: Cluster;
  index: EndpointIndex;
  diagnostics: Diagnostic[];
}

/** A stage of a long evaluation beginning, for progress reports. */
export type StageListener = (stage: 'parse' | 'model' | 'reachability') => void;

/** Parses, validates and models the files. Never throws; problems are diagnostics. */
export function loadWorkspace(
  files: readonly SourceFile[],
  options: BuildOptions = {},
  onStage?: StageListener,
): Workspace {
  onStage?.('parse');
  const parsed = parseSources(files);
  onStage?.('model');
  const { cluster, diagnostics } = buildCluster(parsed.objects, options);
  return {
    files,
    parsed,
    cluster,
    index: indexEndpoints(cluster),
    diagnostics: [...parsed.diagnostics, ...diagnostics].sort(compareDiagnostics),
  };
}

export type ExplainResult =
  | {
      ok: true;
      pair: PairDecision;
      flow: FlowDecision;
      /** closest rules of each side that denies */ nearMisses: NearMiss[];
    }
  | { ok: false; message: string };

/** The verdict of one flow and why; `from`/`to` are `namespace/name` or IP addresses. */
export function explain(
  workspace: Workspace,
  from: string,
  to: string,
  port: number,
  protocol: Protocol,
): ExplainResult {
  const source = resolveRef(workspace.index, from, { domains: true });
  if (!source.ok) return { ok: false, message: `--from: ${source.message}` };
  const destination = resolveRef(workspace.index, to, { domains: true });
  if (!destination.ok) return { ok: false, message: `--to: ${destination.message}` };
  const pair = decidePair(workspace.cluster, source.end, destination.end);
  const flow = decideFlow(pair, port, protocol);
  const nearMissesOf = (direction: 'ingress' | 'egress', allows: boolean) =>
    allows ? [] : nearMisses(workspace.cluster, pair, direction, port, protocol);
  return {
    ok: true,
    pair,
    flow,
    nearMisses: [
      ...nearMissesOf('egress', flow.egressAllows),
      ...nearMissesOf('ingress', flow.ingressAllows),
    ],
  };
}

/** Validation and modelling diagnostics plus likely mistakes, sorted by file and line. */
export function lintWorkspace(workspace: Workspace): Diagnostic[] {
  return runToEnd(lintWorkspaceSteps(workspace));
}

/** lintWorkspace a step at a time (see lintClusterSteps): the same findings, with places to give way. */
export function* lintWorkspaceSteps(workspace: Workspace): Generator<void, Diagnostic[], void> {
  const found = yield* lintClusterSteps(workspace.cluster, workspace.parsed.objects);
  return [...workspace.diagnostics, ...found].sort(compareDiagnostics);
}

export function runTests(workspace: Workspace): TestRun {
  return runConnectivityTests(workspace.cluster, workspace.index);
}
