import { memo } from 'react';
import { EdgeLabelRenderer, useInternalNode, type EdgeProps } from '@xyflow/react';
import { VERDICT_STYLE } from '../../model/verdicts';
import type { FlowEdgeType } from '../build-elements';
import { boxOf, edgeGeometry } from './geometry';
import './FlowEdge.css';

function FlowEdgeView({ id, source, target, data, selected }: EdgeProps<FlowEdgeType>) {
  const sourceNode = useInternalNode(source);
  const targetNode = useInternalNode(target);
  if (!sourceNode || !targetNode || !data) return null;
  const geometry = edgeGeometry(boxOf(sourceNode), boxOf(targetNode), data.bend);
  const style = VERDICT_STYLE[data.verdict];
  const color = `var(${style.colorVar})`;
  const classes = [
    'flow-edge',
    `flow-edge--${data.verdict}`,
    `is-${data.emphasis}`,
    selected && 'is-selected',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <>
      <g className={classes} data-verdict={data.verdict}>
        <path className="flow-edge__hit" d={data.lifted ? geometry.middle : geometry.path} />
        {selected && <path className="flow-edge__halo" d={geometry.path} />}
        <path
          id={`${id}-path`}
          className="flow-edge__path"
          d={geometry.path}
          style={{ stroke: color, strokeWidth: style.width, strokeDasharray: style.dash }}
        />
        <path className="flow-edge__arrow" d={geometry.arrow} style={{ fill: color }} />
        <title>{`${data.edge.from} → ${data.edge.to}: ${style.label}${data.label ? ` (${data.label})` : ''}`}</title>
      </g>
      {data.label && (
        <EdgeLabelRenderer>
          <div
            className={`flow-edge__label flow-edge__label--${data.verdict} is-${data.emphasis}`}
            style={{
              transform: `translate(-50%, -50%) translate(${geometry.labelX}px, ${geometry.labelY}px)`,
            }}
          >
            {data.label}
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
}

export const FlowEdge = memo(FlowEdgeView);
