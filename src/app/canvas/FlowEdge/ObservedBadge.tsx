import type { ObservedMark } from '../../model/observed-match';
import { OBSERVED_LOOK } from './observed-look';

/**
 * What the logs saw, drawn in the edge's own SVG so that it lies above the beads and the
 * namespace box, and moves with the edge.
 */
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
  const text = `${look.glyph} ${look.badge(count)}`;
  // System UI at 10.5px: about 6.2px a character, enough to hold the text whatever the font.
  const width = Math.ceil(text.length * 6.2) + 12;
  return (
    <g
      className={`flow-edge__seen flow-edge__seen--${mark}`}
      data-testid="observed-badge"
      data-observed={mark}
      transform={`translate(${x} ${y})`}
    >
      <rect x={-width / 2} y={-8} width={width} height={16} rx={8} />
      <text textAnchor="middle" y={3.5}>
        {text}
      </text>
    </g>
  );
}
