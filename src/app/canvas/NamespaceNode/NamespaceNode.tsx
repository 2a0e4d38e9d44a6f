import { memo } from 'react';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import type { NamespaceView } from '../../model/view-model';
import { useAppStore } from '../../store';
import type { InsideMark, NamespaceNodeType } from '../build-elements';
import { DefaultDenyToggles } from '../DefaultDenyToggles/DefaultDenyToggles';
import { NamespaceBadges } from '../IsolationBadges/IsolationBadges';
import { GuardrailBadge } from '../Guardrails/Guardrails';
import './NamespaceNode.css';
import { formatCount } from '../../model/format';
import { MiddleEllipsis } from '../../chrome/MiddleEllipsis/MiddleEllipsis';

/** The label every namespace carries; showing it as a chip would only repeat the name. */
const NAME_LABEL = 'kubernetes.io/metadata.name';
const MAX_CHIPS = 2;

const count = (n: number | undefined) => formatCount(n ?? 0);

/** Open or close a namespace of a big workspace; only summarized workspaces have the choice. */
function ExpandButton({ ns }: { ns: NamespaceView }) {
  if (ns.collapsed === undefined || ns.endpointCount === 0) return null;
  return (
    <button
      type="button"
      className="namespace-node__expand nodrag"
      aria-expanded={!ns.collapsed}
      aria-label={`${ns.collapsed ? 'Expand' : 'Collapse'} namespace ${ns.name}`}
      data-testid="namespace-expand"
      onClick={(event) => {
        event.stopPropagation();
        useAppStore.getState().toggleNamespace(ns.name);
      }}
    >
      {ns.collapsed
        ? `▸ Expand ${count(ns.endpointCount)} workload${ns.endpointCount === 1 ? '' : 's'}`
        : '▾ Collapse'}
    </button>
  );
}

/** A collapsed namespace: what is inside, and how its own workloads reach each other. */
function CollapsedBody({ ns }: { ns: NamespaceView }) {
  const within = ns.within ?? {};
  const denied = (within['deny-egress'] ?? 0) + (within['deny-ingress'] ?? 0) + (within['deny-both'] ?? 0);
  return (
    <div className="namespace-node__summary">
      <div>
        {count(ns.ingressIsolated)} isolated for ingress · {count(ns.egressIsolated)} for egress
      </div>
      <div
        className="namespace-node__within"
        title="Flows between workloads of this namespace (endpoint pairs)"
      >
        Inside: {count(within.allow)} allowed · {count(within['allow-open'])} open · {count(denied)} denied
      </div>
      <div className="namespace-node__actions">
        <ExpandButton ns={ns} />
        <DefaultDenyToggles namespace={ns} variant="node" />
      </div>
    </div>
  );
}

/** One mark for traffic allowed among all workloads of the namespace (see allowedInside). */
function InsideMarkView({ ns, mark }: { ns: NamespaceView; mark: InsideMark }) {
  const how = mark.open === 0 ? 'allowed by policy' : mark.allowed === 0 ? 'open' : 'allowed';
  const ports = mark.ports ?? 'any port';
  return (
    <span
      className="namespace-node__inside"
      data-testid="inside-mark"
      title={`Every workload of ${ns.name} may reach every other one: ${formatCount(mark.pairs)} pairs, ${how}, ${ports} (${formatCount(mark.allowed)} allowed by policy, ${formatCount(mark.open)} open). Their edges are not drawn; the Flows tab lists them.`}
    >
      ⟲ all {formatCount(mark.pairs)} {mark.open === 0 ? 'allowed' : 'open'}
    </span>
  );
}

function NamespaceNodeView({ data, selected }: NodeProps<NamespaceNodeType>) {
  const ns = data.namespace;
  const labels = Object.entries(ns.labels).filter(([key]) => key !== NAME_LABEL);
  const shown = labels.slice(0, MAX_CHIPS);
  const allLabels = labels.map(([k, v]) => `${k}=${v}`).join('\n');
  return (
    <div
      className={`namespace-node${selected ? ' is-selected' : ''}${ns.collapsed ? ' is-collapsed' : ns.collapsed === false ? ' is-open' : ''}`}
      onDoubleClick={() => ns.collapsed && useAppStore.getState().toggleNamespace(ns.name)}
    >
      <div
        className="namespace-node__header"
        title={allLabels ? `Labels:\n${allLabels}` : 'No labels besides its name'}
      >
        <span className="namespace-node__tag">ns</span>
        {ns.collapsed ? (
          <MiddleEllipsis className="namespace-node__name" text={ns.name} />
        ) : (
          <span className="namespace-node__name">{ns.name}</span>
        )}
        {!ns.declared && (
          <span
            className="namespace-node__implicit"
            title="No Namespace object declares it; it exists because something lives in it"
          >
            implicit
          </span>
        )}
        {!ns.collapsed && (
          <span className="namespace-node__chips">
            {shown.map(([key, value]) => (
              <span key={key} className="chip">
                {key}={value}
              </span>
            ))}
            {labels.length > MAX_CHIPS && (
              <span className="chip chip--more">+{labels.length - MAX_CHIPS}</span>
            )}
          </span>
        )}
        {data.inside && <InsideMarkView ns={ns} mark={data.inside} />}
        {/* A collapsed box has no room for them beside its name: they sit under its counts. */}
        {!ns.collapsed && <DefaultDenyToggles namespace={ns} variant="node" />}
        <GuardrailBadge ids={ns.guardrails} subject={`Namespace ${ns.name}`} />
        <NamespaceBadges ingress={ns.ingressIsolated} egress={ns.egressIsolated} total={ns.endpointCount} />
        {!ns.collapsed && <ExpandButton ns={ns} />}
      </div>
      {ns.endpointCount === 0 && <div className="namespace-node__empty">No workloads</div>}
      {ns.collapsed && ns.endpointCount > 0 && <CollapsedBody ns={ns} />}
      {/* Anchors for the counted edges of a big workspace; nothing is drawn from a namespace by hand. */}
      <Handle
        type="target"
        position={Position.Left}
        isConnectable={false}
        className="namespace-node__anchor"
      />
      <Handle
        type="source"
        position={Position.Right}
        isConnectable={false}
        className="namespace-node__anchor"
      />
    </div>
  );
}

export const NamespaceNode = memo(NamespaceNodeView);
