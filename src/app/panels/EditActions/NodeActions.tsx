import { useState } from 'react';
import type { Direction, EditIntent } from '../../../engine';
import { AllowFlowPopover } from '../../canvas/AllowFlowPopover/AllowFlowPopover';
import { endOfNode } from '../../canvas/AllowFlowPopover/flow-ends';
import { DefaultDenyToggles } from '../../canvas/DefaultDenyToggles/DefaultDenyToggles';
import { namespaceGuardrails } from '../../canvas/EditDialogs/tier-gestures';
import type { EndpointView, NamespaceView, ViewModel } from '../../model/view-model';
import { useAppStore } from '../../store';
import { EditPreviewDialog } from '../EditPreview/EditPreview';
import './EditActions.css';

/** Opens a policy in the rule editor. */
export function EditPolicyButton({ id }: { id: string }) {
  return (
    <button
      type="button"
      className="policy-edit-button"
      onClick={() => useAppStore.getState().openPolicyEditor(id)}
      title={`Edit ${id} in the rule editor`}
      data-testid="edit-policy"
      data-policy={id}
    >
      edit
    </button>
  );
}

export function NamespaceActions({ namespace }: { namespace: NamespaceView }) {
  return (
    <>
      <DefaultDenySection namespace={namespace} />
      <section className="inspector__section" aria-label="Guardrails for everyone">
        <h3>Guardrails for everyone</h3>
        <div className="edit-actions__column">
          {namespaceGuardrails(namespace.name).map((gesture) => (
            <button
              key={gesture.key}
              type="button"
              className="button button--small"
              onClick={gesture.run}
              title={gesture.description}
              data-testid={`inspector-${gesture.key}`}
            >
              {gesture.short ?? gesture.label}
            </button>
          ))}
        </div>
      </section>
    </>
  );
}

function DefaultDenySection({ namespace }: { namespace: NamespaceView }) {
  return (
    <section className="inspector__section" aria-label="Default deny">
      <h3>Default deny</h3>
      <div className="edit-actions__toggles">
        <DefaultDenyToggles namespace={namespace} variant="inspector" />
      </div>
      <button
        type="button"
        className="button button--small"
        onClick={() =>
          useAppStore.getState().setEditDialog({ kind: 'add-workload', namespace: namespace.name })
        }
        data-testid="add-workload-here"
      >
        Add a workload here…
      </button>
    </section>
  );
}

export function EndpointActions({ model, endpoint }: { model: ViewModel; endpoint: EndpointView }) {
  const [target, setTarget] = useState('');
  const [allowAt, setAllowAt] = useState<{ x: number; y: number } | null>(null);
  // Isolating it denies every flow no rule allows: the preview lists them before it is accepted.
  const [isolating, setIsolating] = useState<{ direction: Direction; intent: EditIntent } | null>(null);
  const from = endOfNode(model, endpoint.nodeId);
  const to = target ? endOfNode(model, target) : null;
  const others = [
    ...model.endpoints.filter((e) => e.nodeId !== endpoint.nodeId),
    ...model.externals.filter((x) => !x.group),
  ];
  return (
    <section className="inspector__section edit-actions" aria-label="Change">
      <h3>Change</h3>
      <div className="edit-actions__row">
        {(['Ingress', 'Egress'] as const).map((direction) =>
          endpoint[direction === 'Ingress' ? 'ingress' : 'egress'].isolated ? null : (
            <button
              key={direction}
              type="button"
              className="button button--small"
              onClick={() =>
                setIsolating({
                  direction,
                  intent: { kind: 'isolate-endpoint', endpoint: endpoint.id, direction },
                })
              }
              title={`Add a policy that selects only ${endpoint.name} for ${direction.toLowerCase()} and allows nothing yet`}
              data-testid={`isolate-${direction.toLowerCase()}`}
            >
              Deny its {direction.toLowerCase()}
            </button>
          ),
        )}
      </div>
      <div className="edit-actions__row" style={{ marginTop: 6 }}>
        <select
          className="select-input"
          value={target}
          onChange={(event) => setTarget(event.target.value)}
          aria-label="Allow a flow to"
          data-testid="allow-to-select"
        >
          <option value="">Allow a flow to…</option>
          {others.map((other) => (
            <option key={other.nodeId} value={other.nodeId}>
              {'id' in other ? other.id : other.internet ? `Internet (${other.cidr})` : other.cidr}
            </option>
          ))}
        </select>
        <button
          type="button"
          className="button button--small"
          disabled={!to}
          onClick={(event) => {
            const box = event.currentTarget.getBoundingClientRect();
            setAllowAt({ x: box.left - 200, y: box.bottom });
          }}
          data-testid="allow-to-open"
        >
          Allow…
        </button>
      </div>
      {isolating && (
        <EditPreviewDialog
          intent={isolating.intent}
          title={`Deny the ${isolating.direction.toLowerCase()} of ${endpoint.id}?`}
          acceptLabel={`Deny its ${isolating.direction.toLowerCase()}`}
          onClose={() => setIsolating(null)}
        />
      )}
      {allowAt && from && to && (
        <AllowFlowPopover
          request={{ from, to, anchor: allowAt }}
          model={model}
          onClose={() => {
            setAllowAt(null);
            setTarget('');
          }}
        />
      )}
    </section>
  );
}
