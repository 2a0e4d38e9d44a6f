/** How observed traffic looks on edges and in the legend: a glyph and a bead pattern besides the colour. */
import { formatCount } from '../../model/format';
import type { ObservedMark } from '../../model/observed-match';

export const OBSERVED_LOOK: Record<
  ObservedMark,
  { glyph: string; legend: string; badge(count: number): string; words(count: number): string }
> = {
  'would-break': {
    glyph: '⚠',
    legend: 'Observed, would break',
    badge: (count) => `${formatCount(count)} would break`,
    words: (count) => `observed ${formatCount(count)}× but denied: it would break`,
  },
  allowed: {
    glyph: '◉',
    legend: 'Observed, allowed',
    badge: (count) => `${formatCount(count)} seen`,
    words: (count) => `observed ${formatCount(count)}× and allowed`,
  },
  'never-seen': {
    glyph: '∅',
    legend: 'Allowed, never seen',
    badge: () => 'never seen',
    words: () => 'allowed but never seen in the logs: a candidate for tightening',
  },
};
