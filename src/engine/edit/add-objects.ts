/** New workloads and namespaces from the canvas. */
import { NAMESPACE_NAME_LABEL } from '../model/build-cluster';
import { selects } from '../model/selector';
import type { Direction } from '../model/types';
import type { AddNamespaceIntent, AddWorkloadIntent } from './intents';
import { deploymentManifest, namespaceManifest } from './manifests';
import type { IntentOutcome } from './outcome';
import { EditError, type EditPlan } from './plan';

export function addWorkload(plan: EditPlan, intent: AddWorkloadIntent): IntentOutcome {
  const { namespace, name } = intent;
  const id = `${namespace}/${name}`;
  if (plan.workspace.index.byName.has(id))
    throw new EditError(`There is already a pod or workload named ${id}.`);
  // A Deployment needs a selector, and a selector needs a label.
  const labels = Object.keys(intent.labels).length ? intent.labels : { app: name };
  plan.create(
    plan.fileFor(namespace),
    deploymentManifest(namespace, name, labels, intent.ports, intent.image ?? name),
  );
  const isolation = (direction: Direction) => {
    const by = plan.cluster.policies.filter(
      (policy) =>
        policy.namespace === namespace &&
        policy.policyTypes.includes(direction) &&
        selects(policy.podSelector, labels),
    );
    return `${direction}: ${by.length ? `isolated by ${by.map((policy) => policy.id).join(', ')}` : 'not isolated'}.`;
  };
  const shown = Object.entries(labels)
    .map(([key, value]) => `${key}=${value}`)
    .join(', ');
  return { notes: [`Added Deployment ${id} (${shown}).`, isolation('Ingress'), isolation('Egress')] };
}

export function addNamespace(plan: EditPlan, intent: AddNamespaceIntent): IntentOutcome {
  const { name } = intent;
  if (plan.cluster.namespaces.get(name)?.declared)
    throw new EditError(`Namespace ${name} is already declared.`);
  const { [NAMESPACE_NAME_LABEL]: nameLabel, ...labels } = intent.labels;
  if (nameLabel !== undefined && nameLabel !== name) {
    throw new EditError(
      `${NAMESPACE_NAME_LABEL} is always the namespace's own name (the API server sets it), so it cannot be ${nameLabel}.`,
    );
  }
  plan.create(plan.fileFor(name), namespaceManifest(name, labels));
  // Its labels may make namespaceSelectors pick (or stop picking) pods that already live in it.
  const subjects = plan.cluster.endpoints
    .filter((endpoint) => endpoint.namespace === name)
    .map((endpoint) => endpoint.id);
  return { notes: [`Added Namespace ${name}.`], subjects };
}
