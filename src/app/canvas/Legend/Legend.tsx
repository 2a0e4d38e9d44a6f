import { VERDICTS } from '../../../engine';
import { VERDICT_STYLE } from '../../model/verdicts';
import './Legend.css';

/** Verdict key in one row: colour, dash and glyph side by side, so colour is never the only signal. */
export function Legend() {
  return (
    <ul className="legend" aria-label="Legend">
      {VERDICTS.map((verdict) => {
        const style = VERDICT_STYLE[verdict];
        return (
          <li key={verdict} title={style.description}>
            <svg width="26" height="8" aria-hidden="true">
              <line
                x1="1"
                y1="4"
                x2="25"
                y2="4"
                style={{
                  stroke: `var(${style.colorVar})`,
                  strokeWidth: Math.max(1.5, style.width),
                  strokeDasharray: style.dash,
                }}
              />
            </svg>
            <span className="legend__glyph" aria-hidden="true" style={{ color: `var(${style.colorVar})` }}>
              {style.glyph}
            </span>
            {style.short}
          </li>
        );
      })}
      <li
        className="legend__badges"
        title="Badges on workloads and namespaces light up when policies isolate that direction"
      >
        <span className="iso-badge iso-badge--on">⇥ in</span>
        <span className="iso-badge iso-badge--on">↦ out</span>
        isolated
      </li>
    </ul>
  );
}
