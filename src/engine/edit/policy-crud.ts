/** The rule editor's operations on whole policies. */
import { isRecord, recordAt, type RawRecord } from '../util/raw';
import { CONTROLLER_HASH_LABELS } from '../model/read-workload';
import type {
  AddPoliciesIntent,
  AddPolicyIntent,
  DeletePolicyIntent,
  IsolateEndpointIntent,
  RenamePolicyIntent,
  UpdatePolicyIntent,
} from './intents';
import { labelSelector, networkPolicyManifest } from './manifests';
import type { IntentOutcome } from './outcome';
import { EditError, type EditPlan } from './plan';
import { effectivePolicyTypes } from './policy-spec';
import { cloneValue } from './values';

function requireFreeId(plan: EditPlan, namespace: string, name: string): void {
  if (plan.findPolicy(`${namespace}/${name}`))
    throw new EditError(`There is already a NetworkPolicy ${namespace}/${name}.`);
}

function specFrom(spec: unknown): RawRecord {
  if (!isRecord(spec))
    throw new EditError('The spec must be an object, such as {podSelector: {}, policyTypes: [Ingress]}.');
  return cloneValue(spec);
}

/** The spec as given, with policyTypes written out as the API server would default them. */
export function updatePolicy(plan: EditPlan, intent: UpdatePolicyIntent): IntentOutcome {
  const draft = plan.policy(intent.policyId);
  const spec = specFrom(intent.spec);
  if (!Array.isArray(spec.policyTypes) || spec.policyTypes.length === 0)
    spec.policyTypes = effectivePolicyTypes({ spec });
  draft.value = { ...draft.value, spec };
  return { notes: [`Updated the spec of ${draft.id}.`] };
}

export function renamePolicy(plan: EditPlan, intent: RenamePolicyIntent): IntentOutcome {
  const draft = plan.policy(intent.policyId);
  if (intent.name === draft.name) return { notes: [`${draft.id} already has that name.`] };
  requireFreeId(plan, draft.namespace, intent.name);
  draft.value = { ...draft.value, metadata: { ...recordAt(draft.value, 'metadata'), name: intent.name } };
  return { notes: [`Renamed ${intent.policyId} to ${draft.id}.`] };
}

export function deletePolicy(plan: EditPlan, intent: DeletePolicyIntent): IntentOutcome {
  const draft = plan.policy(intent.policyId);
  plan.remove(draft);
  return { notes: [`Deleted ${draft.id}.`] };
}

export function addPolicy(plan: EditPlan, intent: AddPolicyIntent): IntentOutcome {
  requireFreeId(plan, intent.namespace, intent.name);
  const draft = plan.create(
    plan.fileFor(intent.namespace),
    networkPolicyManifest(intent.namespace, intent.name, specFrom(intent.spec)),
  );
  return { notes: [`Added ${draft.id}.`] };
}

export function addPolicies(plan: EditPlan, intent: AddPoliciesIntent): IntentOutcome {
  if (intent.policies.length === 0) throw new EditError('There are no policies to add.');
  return {
    notes: intent.policies.flatMap((policy) => addPolicy(plan, { kind: 'add-policy', ...policy }).notes),
  };
}

export function isolateEndpoint(plan: EditPlan, intent: IsolateEndpointIntent): IntentOutcome {
  const endpoint = plan.workspace.cluster.endpoints.find((e) => e.id === intent.endpoint);
  if (!endpoint) throw new EditError(`There is no workload ${intent.endpoint} in the workspace.`);
  // A selector on a label the controller sets per rollout would match one rollout only.
  const labels = Object.fromEntries(
    Object.entries(endpoint.labels).filter(([key]) => !CONTROLLER_HASH_LABELS.includes(key)),
  );
  if (Object.keys(labels).length === 0)
    throw new EditError(
      `${endpoint.id} has no labels, so no policy can select it alone. Give it a label, or use the namespace's default deny.`,
    );
  const word = intent.direction.toLowerCase();
  const name = plan.freePolicyName(endpoint.namespace, `${endpoint.name}-${word}`);
  const spec = { podSelector: labelSelector(labels), policyTypes: [intent.direction] };
  const draft = plan.create(
    plan.fileFor(endpoint.namespace),
    networkPolicyManifest(endpoint.namespace, name, spec),
  );
  return { notes: [`Added ${draft.id}: ${endpoint.id} is now isolated for ${word}.`] };
}
