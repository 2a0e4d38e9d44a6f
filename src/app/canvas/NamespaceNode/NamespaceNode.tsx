import { memo } from 'react';
import type { NodeProps } from '@xyflow/react';
import type { NamespaceNodeType } from '../build-elements';
import { DefaultDenyToggles } from '../DefaultDenyToggles/DefaultDenyToggles';
import { NamespaceBadges } from '../IsolationBadges/IsolationBadges';
import './NamespaceNode.css';

/** The label every namespace carries; showing it as a chip would only repeat the name. */
const NAME_LABEL = 'kubernetes.io/metadata.name';
const MAX_CHIPS = 2;

function NamespaceNodeView({ data, selected }: NodeProps<NamespaceNodeType>) {
  const ns = data.namespace;
  const labels = Object.entries(ns.labels).filter(([key]) => key !== NAME_LABEL);
  const shown = labels.slice(0, MAX_CHIPS);
  const allLabels = labels.map(([k, v]) => `${k}=${v}`).join('\n');
  return (
    <div className={`namespace-node${selected ? ' is-selected' : ''}`}>
      <div className="namespace-node__header" title={allLabels ? `Labels:\n${allLabels}` : 'No labels besides its name'}>
        <span className="namespace-node__tag">ns</span>
        <span className="namespace-node__name">{ns.name}</span>
        {!ns.declared && (
          <span className="namespace-node__implicit" title="No Namespace object declares it; it exists because something lives in it">
            implicit
          </span>
        )}
        <span className="namespace-node__chips">
          {shown.map(([key, value]) => (
            <span key={key} className="chip">
              {key}={value}
            </span>
          ))}
          {labels.length > MAX_CHIPS && <span className="chip chip--more">+{labels.length - MAX_CHIPS}</span>}
        </span>
        <DefaultDenyToggles namespace={ns} variant="node" />
        <NamespaceBadges ingress={ns.ingressIsolated} egress={ns.egressIsolated} total={ns.endpointCount} />
      </div>
      {ns.endpointCount === 0 && <div className="namespace-node__empty">No workloads</div>}
    </div>
  );
}

export const NamespaceNode = memo(NamespaceNodeView);
