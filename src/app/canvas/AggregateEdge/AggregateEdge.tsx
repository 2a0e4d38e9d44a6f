import { memo } from 'react';
import { EdgeLabelRenderer, useInternalNode, type EdgeProps } from '@xyflow/react';
import type { AggregateEdgeType, AggregateLook } from '../build-elements';
import { boxOf, edgeGeometry } from '../FlowEdge/geometry';
import { OBSERVED_LOOK } from '../FlowEdge/observed-look';
import { ObservedBadge } from '../FlowEdge/EdgeTag';
import '../FlowEdge/FlowEdge.css';
import './AggregateEdge.css';

const LOOK_COLOR: Record<AggregateLook, string> = {
  allow: 'var(--verdict-allow)',
  mixed: 'var(--verdict-allow)',
  'allow-open': 'var(--verdict-open)',
  denied: 'var(--verdict-deny-both)',
};
/** A mix is dashed, so that "some allowed" never reads as "all allowed"; denied keeps the deny dash. */
const LOOK_DASH: Record<AggregateLook, string | undefined> = {
  allow: undefined,
  mixed: '8 4',
  'allow-open': undefined,
  denied: '10 3 2 3',
};

/** Thicker for more endpoint pairs, on a log scale: 1 pair is a hairline, 10,000 a thick band. */
function widthFor(total: number): number {
  return 1.25 + Math.min(5, Math.log10(total + 1) * 1.25);
}

/** Flows between two collapsed boxes, counted; the counts show on hover, focus and selection. */
function AggregateEdgeView({ id, source, target, data, selected }: EdgeProps<AggregateEdgeType>) {
  const sourceNode = useInternalNode(source);
  const targetNode = useInternalNode(target);
  if (!sourceNode || !targetNode || !data) return null;
  const geometry = edgeGeometry(boxOf(sourceNode), boxOf(targetNode), data.bend, data.labelAt);
  const color = LOOK_COLOR[data.look];
  const classes = [
    'flow-edge',
    'aggregate-edge',
    `aggregate-edge--${data.look}`,
    `is-${data.emphasis}`,
    selected && 'is-selected',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <>
      <g className={classes} data-look={data.look}>
        <path className="flow-edge__hit" d={data.lifted ? geometry.middle : geometry.path} />
        {selected && <path className="flow-edge__halo" d={geometry.path} />}
        <path
          id={`${id}-path`}
          className="flow-edge__path"
          d={geometry.path}
          style={{
            stroke: color,
            strokeWidth: widthFor(data.aggregate.total),
            strokeDasharray: LOOK_DASH[data.look],
          }}
        />
        {data.observed && (
          <path
            className={`flow-edge__observed flow-edge__observed--${data.observed.mark}`}
            d={geometry.path}
          />
        )}
        <path className="flow-edge__arrow" d={geometry.arrow} style={{ fill: color }} />
        {data.observed && (
          <ObservedBadge
            mark={data.observed.mark}
            count={data.observed.count}
            x={geometry.labelX}
            y={geometry.labelY + (selected || data.emphasis === 'focus' ? 20 : 0)}
          />
        )}
        <title>{`${data.aggregate.from} → ${data.aggregate.to}: ${data.label} (endpoint pairs)${data.observed ? `; ${OBSERVED_LOOK[data.observed.mark].words(data.observed.count)}` : ''}`}</title>
      </g>
      {(selected || data.emphasis === 'focus') && (
        <EdgeLabelRenderer>
          <div
            className="flow-edge__label aggregate-edge__label"
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

export const AggregateEdge = memo(AggregateEdgeView);
