import { memo } from 'react';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { ConnectHandles } from '../ConnectHandles/ConnectHandles';
import { useAppStore } from '../../store';
import { OUTSIDE_GROUP_ID } from '../../model/ids';
import type { ExternalNodeType } from '../build-elements';
import './ExternalNode.css';

function Cloud() {
  return (
    <svg className="external-node__cloud" viewBox="0 0 184 64" preserveAspectRatio="none" aria-hidden="true">
      <path d="M34 58 H150 C168 58 180 47 180 34 C180 21 169 12 156 13 C151 5 141 2 131 5 C122 -1 106 0 98 9 C90 3 76 4 69 12 C60 7 46 9 41 19 C24 18 6 26 6 39 C6 51 18 58 34 58 Z" />
    </svg>
  );
}

function ExternalNodeView({ id, data, selected }: NodeProps<ExternalNodeType>) {
  const { external, involved } = data;
  if (external.group) {
    const { expanded, shown } = external.group;
    return (
      <div
        className={[
          'external-node',
          'external-node--group',
          selected && 'is-selected',
          involved && 'is-involved',
        ]
          .filter(Boolean)
          .join(' ')}
        title="Outside ranges too many to draw one by one: select to list them, expand to draw some"
      >
        <Cloud />
        <div className="external-node__text">
          <span className="external-node__name" data-testid="outside-group-count">
            {external.cidr}
          </span>
          <button
            type="button"
            className="external-node__toggle nodrag"
            onClick={(event) => {
              event.stopPropagation();
              useAppStore.getState().toggleNamespace(OUTSIDE_GROUP_ID);
            }}
          >
            {expanded ? `Hide the ${shown} drawn` : 'Draw the first 100'}
          </button>
        </div>
        {/* Its counted edges need handles to attach to; no flow is allowed to or from a group. */}
        <Handle
          type="target"
          position={Position.Left}
          isConnectable={false}
          className="external-node__anchor"
        />
        <Handle
          type="source"
          position={Position.Right}
          isConnectable={false}
          className="external-node__anchor"
        />
      </div>
    );
  }
  const title = external.internet
    ? `Anywhere outside the cluster that no ipBlock names (evaluated as ${external.sample})`
    : `Addresses in ${external.cidr}${external.except.length ? ` except ${external.except.join(', ')}` : ''} (evaluated as ${external.sample})`;
  const classes = ['external-node', selected && 'is-selected', involved && 'is-involved']
    .filter(Boolean)
    .join(' ');
  return (
    <div className={classes} title={title}>
      <Cloud />
      <div className="external-node__text">
        <span className="external-node__name">{external.internet ? 'Internet' : external.cidr}</span>
        <span className="external-node__sub">
          {external.internet
            ? external.cidr
            : external.except.length
              ? `except ${external.except.join(', ')}`
              : 'ipBlock'}
        </span>
      </div>
      <ConnectHandles nodeId={id} name={external.internet ? 'the internet' : external.cidr} />
    </div>
  );
}

export const ExternalNode = memo(ExternalNodeView);
