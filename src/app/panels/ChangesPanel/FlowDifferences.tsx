import { explainInDrawer } from '../../insight/commands';
import type { FlowDifference } from '../../model/insight';
import { VerdictChip } from '../VerdictChip/VerdictChip';
import './FlowDifferences.css';

const CHANGE_WORDS = { allowed: 'newly allowed', denied: 'newly denied' } as const;

function changeLabel(difference: FlowDifference): string {
  if (difference.change) return CHANGE_WORDS[difference.change];
  if (difference.before === null) return 'new flow';
  if (difference.after === null) return 'gone';
  return 'verdict changed';
}

/** Flows that two evaluations decide differently, before → after, each with a way to its explanation. */
export function FlowDifferences({
  differences,
  testId,
  highlight,
}: {
  differences: readonly FlowDifference[];
  testId: string;
  highlight?: boolean;
}) {
  return (
    <table className="flow-diffs" data-testid={testId}>
      <caption className="visually-hidden">Flows whose verdict changed</caption>
      <thead>
        <tr>
          <th scope="col">Change</th>
          <th scope="col">Flow</th>
          <th scope="col">Before</th>
          <th scope="col">Now</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {differences.map((d) => (
          <tr
            key={d.key}
            data-testid="flow-difference"
            data-from={d.from}
            data-to={d.to}
            data-port={d.port ?? 'any'}
            data-change={d.change ?? 'other'}
            className={highlight && d.change ? 'is-fresh' : undefined}
          >
            <td>
              <span className={`flow-diffs__change flow-diffs__change--${d.change ?? 'other'}`}>
                <span aria-hidden="true">
                  {d.change === 'allowed' ? '▲ ' : d.change === 'denied' ? '▼ ' : '• '}
                </span>
                {changeLabel(d)}
              </span>
            </td>
            <td className="mono">
              {d.from} → {d.to}{' '}
              <span className="flow-diffs__port">
                {d.port === null ? 'any port' : `${d.protocol} ${d.port}`}
              </span>
            </td>
            <td>
              {d.before ? <VerdictChip verdict={d.before} /> : <span className="flow-diffs__none">—</span>}
            </td>
            <td>
              {d.after ? <VerdictChip verdict={d.after} /> : <span className="flow-diffs__none">—</span>}
            </td>
            <td>
              {d.after && (
                <button type="button" className="mini-button" onClick={() => explainInDrawer(d)}>
                  Explain
                </button>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
