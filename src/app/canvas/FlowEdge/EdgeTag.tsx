import type { ObservedMark } from '../../model/observed-match';
import { TIER_GLYPH } from '../Guardrails/Guardrails';
import { OBSERVED_LOOK } from './observed-look';

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

export function ObservedBadge({
  mark,
  count,
  x,
  y,
}: {
  mark: ObservedMark;
  count: number;
  x: number;
  y: number;
}) {
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
export function TierBadge({ tier, x, y }: { tier: 'admin' | 'baseline'; x: number; y: number }) {
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
