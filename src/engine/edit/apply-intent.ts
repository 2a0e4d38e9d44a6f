/**
 * The edit layer's entry point: an intent becomes changed objects (drafts), the drafts become text
 * splices of their own documents, and the spliced workspace is loaded again to check the intent's
 * flow and to tell, by evaluating before and after, which other flows change.
 */
import { decidePair } from '../evaluate/evaluate';
import { formatPorts, intersectPorts, isEmptyPorts } from '../util/port-set';
import { loadWorkspace, type Workspace } from '../workspace';
import { addNamespace, addWorkload } from './add-objects';
import { addProbe } from './add-probe';
import { allowFlow } from './allow-flow';
import { generateAllComplementaryEgress, generateComplementaryEgress } from './complementary-egress';
import { convertTieredPolicies } from './convert-tiered';
import { setDefaultDeny } from './default-deny';
import { recordAt, stringAt } from '../util/raw';
import { isTieredKind } from '../validate/tiered-policy';
import {
  compareFlows,
  describeFlowChanges,
  subjectsOf,
  tieredSubjectsOf,
  withoutTarget,
} from './flow-changes';
import { resolveIntentEnd } from './flow-ends';
import type { EditIntent, EditResult, FlowStop } from './intents';
import type { IntentOutcome, TargetFlow } from './outcome';
import { EditError, EditPlan } from './plan';
import {
  addPolicies,
  addPolicy,
  deletePolicy,
  isolateEndpoint,
  renamePolicy,
  updatePolicy,
} from './policy-crud';
import { coversPorts } from './port-math';
import { removeFlow } from './remove-flow';
import { removeTieredRule } from './remove-tiered-rule';
import { reorderTieredPolicies } from './reorder-tiered';
import { splitRule } from './split-rule';
import { EditVerificationError, renderChanges } from './render-changes';
import { applyEditsToFiles } from './text-edits';
import {
  tierAllowFromNamespace,
  tierBaselineDeny,
  tierDelegate,
  tierDenyNamespaces,
} from './tier-guardrails';
import { newErrors } from './validate-changes';

function handle(plan: EditPlan, intent: EditIntent): IntentOutcome {
  switch (intent.kind) {
    case 'set-default-deny':
      return setDefaultDeny(plan, intent);
    case 'allow-flow':
      return allowFlow(plan, intent);
    case 'remove-flow':
      return removeFlow(plan, intent);
    case 'update-policy':
      return updatePolicy(plan, intent);
    case 'rename-policy':
      return renamePolicy(plan, intent);
    case 'delete-policy':
      return deletePolicy(plan, intent);
    case 'add-policy':
      return addPolicy(plan, intent);
    case 'add-policies':
      return addPolicies(plan, intent);
    case 'isolate-endpoint':
      return isolateEndpoint(plan, intent);
    case 'generate-complementary-egress':
      return generateComplementaryEgress(plan, intent);
    case 'generate-all-complementary-egress':
      return generateAllComplementaryEgress(plan);
    case 'add-workload':
      return addWorkload(plan, intent);
    case 'add-namespace':
      return addNamespace(plan, intent);
    case 'split-rule':
      return splitRule(plan, intent);
    case 'add-probe':
      return addProbe(plan, intent);
    case 'convert-tiered-policies':
      return convertTieredPolicies(plan, intent);
    case 'remove-tiered-rule':
      return removeTieredRule(plan, intent);
    case 'tier-deny-namespaces':
      return tierDenyNamespaces(plan, intent);
    case 'tier-allow-from-namespace':
      return tierAllowFromNamespace(plan, intent);
    case 'tier-baseline-deny-between-namespaces':
      return tierBaselineDeny(plan);
    case 'tier-delegate-namespace':
      return tierDelegate(plan, intent);
    case 'reorder-tiered-policies':
      return reorderTieredPolicies(plan, intent);
  }
}

/**
 * Turns an intent into text edits of the workspace's files. Never throws: a refused intent, or an
 * edit that could not be written faithfully, comes back as `{ok: false, message}` and the text
 * stays as it was. The edits are a proposal; the caller applies them (and can undo with invertEdits).
 */
export function applyIntent(workspace: Workspace, intent: EditIntent): EditResult {
  try {
    const plan = new EditPlan(workspace);
    const outcome = handle(plan, intent);
    const problems = newErrors(plan.changedDrafts());
    if (problems.length) throw new EditError(`The result would not be valid: ${problems.join(' ')}`);
    const { edits, verify } = renderChanges(workspace.files, plan.changes());
    const after = loadWorkspace(applyEditsToFiles(workspace.files, edits), {
      namespace: workspace.cluster.workspaceNamespace,
    });
    verify(after.parsed);
    if (outcome.target?.checkable) checkTarget(after, outcome.target);
    const touched = plan.touchedPolicies();
    return { ok: true, edits, touched, ...summarize(workspace, after, outcome, touched, plan) };
  } catch (error) {
    if (error instanceof EditError) return { ok: false, message: error.message };
    if (error instanceof EditVerificationError) {
      return {
        ok: false,
        message: `This edit was not made: ${error.message}. The document may use YAML this editor cannot change in place; edit it in the YAML pane.`,
      };
    }
    return {
      ok: false,
      message: `This edit was not made because of a bug in Netpol Canvas (${String(error)}). Your text is unchanged.`,
    };
  }
}

function checkTarget(after: Workspace, target: TargetFlow): void {
  const from = resolveIntentEnd(after, target.from, 'from');
  const to = resolveIntentEnd(after, target.to, 'to');
  const allowed = decidePair(after.cluster, from.flow, to.flow).allowed;
  const holds =
    target.expect === 'allowed'
      ? coversPorts(allowed, target.ports)
      : isEmptyPorts(intersectPorts(allowed, target.ports));
  if (!holds) {
    const verb = target.expect === 'allowed' ? 'allow' : 'stop';
    throw new EditError(
      `These changes would not ${verb} ${target.from} -> ${target.to} on ${formatPorts(target.ports)}, so none were made.`,
    );
  }
}

function summarize(
  before: Workspace,
  after: Workspace,
  outcome: IntentOutcome,
  touched: readonly string[],
  plan: EditPlan,
): { summary: string; stops: FlowStop[] } {
  const clusters = [before.cluster, after.cluster];
  const subjects = subjectsOf(clusters, new Set(touched));
  for (const subject of outcome.subjects ?? []) subjects.add(subject);
  // Cluster-scoped policies changed (converted, a rule removed): what they select before and after.
  const tiered = plan.changedDrafts().flatMap((draft) =>
    [draft.original?.value, draft.value].flatMap((value) => {
      const kind = value && (stringAt(value, 'kind') ?? draft.kind);
      const name = value && stringAt(recordAt(value, 'metadata'), 'name');
      return kind && name && isTieredKind(kind) ? [{ kind, name }] : [];
    }),
  );
  for (const subject of tieredSubjectsOf(clusters, tiered)) subjects.add(subject);
  const { changes, complete } = compareFlows(before.cluster, after.cluster, subjects);
  const sideEffects = withoutTarget(changes, outcome.target);
  const sentences = describeFlowChanges(sideEffects, complete, outcome.target !== undefined);
  const stops = sideEffects
    .filter((change) => !isEmptyPorts(change.lost))
    .map(({ from, to, lost }) => ({ from, to, ports: formatPorts(lost) }));
  return { summary: [...outcome.notes, ...sentences].join(' '), stops };
}
