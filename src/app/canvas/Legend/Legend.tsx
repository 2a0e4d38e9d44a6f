import { VERDICTS } from '../../../engine';
import { VERDICT_STYLE } from '../../model/verdicts';
import { useAppStore, type AppState } from '../../store';
import { selectDisplayed } from '../../store/selectors';
import { useObservedStore } from '../../store/observed-store';
import { OBSERVED_LOOK } from '../FlowEdge/observed-look';
import { TIER_GLYPH } from '../Guardrails/Guardrails';
import './Legend.css';

const selectHasObserved = (s: AppState) => Boolean(selectDisplayed(s)?.observed);
const selectHasTiers = (s: AppState) => Boolean(selectDisplayed(s)?.tiers);

const DENIED = 'Denied: ';

/**
 * Verdict key in one row: colour, dash and glyph side by side, so colour is never the only signal.
 * The three denials share one "Denied:" so that the row fits a narrow canvas.
 */
export function Legend() {
  const hasObserved = useAppStore(selectHasObserved);
  const neverSeen = useObservedStore((s) => s.neverSeen);
  const hasTiers = useAppStore(selectHasTiers);
  const marks = hasObserved
    ? (['would-break', 'allowed', ...(neverSeen ? ['never-seen' as const] : [])] as const)
    : [];
  return (
    <ul className="legend" aria-label="Legend">
      {VERDICTS.map((verdict, i) => {
        const style = VERDICT_STYLE[verdict];
        const denied = style.short.startsWith(DENIED);
        const firstDenied = denied && !VERDICT_STYLE[VERDICTS[i - 1]!]?.short.startsWith(DENIED);
        return (
          <li key={verdict} title={style.description} className={denied ? 'legend__denied' : undefined}>
            {firstDenied && <span className="legend__group">Denied:</span>}
            <svg width="20" height="8" aria-hidden="true">
              <line
                x1="1"
                y1="4"
                x2="19"
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
            {denied ? style.short.slice(DENIED.length) : style.short}
          </li>
        );
      })}
      {marks.map((mark) => (
        <li
          key={mark}
          data-testid={`legend-observed-${mark}`}
          title={OBSERVED_LOOK[mark].words(0).replace(' 0×', '')}
        >
          <svg width="20" height="8" aria-hidden="true">
            <line
              x1="2"
              y1="4"
              x2="19"
              y2="4"
              className={`flow-edge__observed flow-edge__observed--${mark}`}
            />
          </svg>
          <span aria-hidden="true" className={`legend__glyph legend__glyph--${mark}`}>
            {OBSERVED_LOOK[mark].glyph}
          </span>
          {OBSERVED_LOOK[mark].legend}
        </li>
      ))}
      {hasTiers && (
        <li
          className="legend__badges"
          data-testid="legend-tier"
          title={`${TIER_GLYPH} on an edge: an Admin or Baseline rule decided its verdict, not a NetworkPolicy; on a namespace or workload: cluster policies select it`}
        >
          <span className="tier-chip tier-chip--admin">{TIER_GLYPH} Admin</span>
          <span className="tier-chip tier-chip--baseline">{TIER_GLYPH} Base</span>
          tier
        </li>
      )}
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
