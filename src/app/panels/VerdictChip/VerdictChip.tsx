import type { Verdict } from '../../../engine';
import { VERDICT_STYLE } from '../../model/verdicts';
import './VerdictChip.css';

/** A verdict in words, with its glyph and colour (the same as the canvas edge). */
export function VerdictChip({ verdict }: { verdict: Verdict }) {
  const style = VERDICT_STYLE[verdict];
  return (
    <span className={`verdict-chip verdict-chip--${verdict}`} title={style.description}>
      <span aria-hidden="true">{style.glyph}</span> {style.label}
    </span>
  );
}
