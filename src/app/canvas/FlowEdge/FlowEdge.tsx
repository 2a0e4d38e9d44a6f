import { memo } from 'react';
import { EdgeLabelRenderer, useInternalNode, type EdgeProps } from '@xyflow/react';
import { VERDICT_STYLE } from '../../model/verdicts';
import type { FlowEdgeType } from '../build-elements';
import { boxOf, edgeGeometry } from './geometry';
import type { ObservedMark } from '../../model/observed-match';
import { OBSERVED_LOOK } from './observed-look';
import { TIER_GLYPH } from '../Guardrails/Guardrails';
import './FlowEdge.css';

/**
 * A tag drawn in the edge's own SVG, so that it lies above the beads and the namespace box and
 * moves with the edge: what the logs saw, or the tier that decided.
 */
function EdgeTag({
  text,
  x,
  y,
  round,
  ...attributes
}: {
  text: string;
  x: number;
  y: number;
  round: boolean;
  className: string;
  'data-testid': string;
  'data-observed'?: string;
}) {
  // System UI at 10.5px: about 6.2px a character, enough to hold the text whatever the font.
  const width = Math.ceil(text.length * 6.2) + 12;
  return (
    <g {...attributes} transform={`translate(${x} ${y})`}>
      <rect x={-width / 2} y={-8} width={width} height={16} rx={round ? 8 : 3} />
      <text textAnchor="middle" y={3.5}>
        {text}
      </text>
    </g>
  );
}

function ObservedBadge({ mark, count, x, y }: { mark: ObservedMark; count: number; x: number; y: number }) {
  const look = OBSERVED_LOOK[mark];
  return (
    <EdgeTag
      text={`${look.glyph} ${look.badge(count)}`}
      x={x}
      y={y}
      round
      className={`flow-edge__seen flow-edge__seen--${mark}`}
      data-testid="observed-badge"
      data-observed={mark}
    />
  );
}

/** "◈ Admin" on an edge whose verdict an Admin or Baseline rule settled, so the mark is not colour alone. */
function TierBadge({ tier, x, y }: { tier: 'admin' | 'baseline'; x: number; y: number }) {
  return (
    <EdgeTag
      text={`${TIER_GLYPH} ${tier === 'admin' ? 'Admin' : 'Baseline'}`}
      x={x}
      y={y}
      round={false}
      className={`flow-edge__tier flow-edge__tier--${tier}`}
      data-testid="tier-badge"
    />
  );
}

function FlowEdgeView({ id, source, target, data, selected }: EdgeProps<FlowEdgeType>) {
  const sourceNode = useInternalNode(source);
  const targetNode = useInternalNode(target);
  if (!sourceNode || !targetNode || !data) return null;
  const geometry = edgeGeometry(boxOf(sourceNode), boxOf(targetNode), data.bend);
  const style = VERDICT_STYLE[data.verdict];
  const color = `var(${style.colorVar})`;
  const tier = data.edge.tier?.tier;
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
      <g className={classes} data-verdict={data.verdict} data-tier={tier}>
        <path className="flow-edge__hit" d={data.lifted ? geometry.middle : geometry.path} />
        {selected && <path className="flow-edge__halo" d={geometry.path} />}
        <path
          id={`${id}-path`}
          className="flow-edge__path"
          d={geometry.path}
          style={{ stroke: color, strokeWidth: style.width, strokeDasharray: style.dash }}
        />
        {data.observed && (
          // Beads along the curve: a pattern as well as a colour, so that "seen" never rests on colour alone.
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
            y={geometry.labelY + (data.label ? 20 : 0)}
          />
        )}
        {tier && (
          <TierBadge
            tier={tier}
            x={geometry.labelX}
            y={geometry.labelY - (data.label || data.observed ? 20 : 0)}
          />
        )}
        <title>{`${data.edge.from} → ${data.edge.to}: ${style.label}${data.label ? ` (${data.label})` : ''}${data.observed ? `; ${OBSERVED_LOOK[data.observed.mark].words(data.observed.count)}` : ''}${tier ? `; decided by the ${tier === 'admin' ? 'Admin' : 'Baseline'} tier (${data.edge.tier!.rules.map((r) => r.policy).join(', ')})` : ''}`}</title>
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
