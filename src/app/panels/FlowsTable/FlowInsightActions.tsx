import type { MouseEvent } from 'react';
import { addProbe, explainInDrawer } from '../../insight/commands';
import type { FlowRow } from '../../model/view-model';
import '../Explanation/Explanation.css';

/** Explain a flow, or pin its verdict with a ConnectivityTest probe (only for a flow on one port). */
export function FlowInsightActions({ row }: { row: Pick<FlowRow, 'from' | 'to' | 'port' | 'protocol'> }) {
  const stop = (event: MouseEvent) => event.stopPropagation();
  const { port, protocol } = row;
  return (
    <span className="flow-actions" onClick={stop}>
      <button
        type="button"
        className="mini-button"
        onClick={() => explainInDrawer(row)}
        title="Explain this flow, rule by rule"
      >
        Explain
      </button>
      {port !== null && protocol !== null && (
        <>
          <button
            type="button"
            className="mini-button"
            onClick={() => void addProbe({ from: row.from, to: row.to, port, protocol }, 'allow')}
            title="Add a ConnectivityTest probe that expects this flow to be allowed"
            aria-label="+ allow test: add a test expecting allow"
          >
            + allow test
          </button>
          <button
            type="button"
            className="mini-button"
            onClick={() => void addProbe({ from: row.from, to: row.to, port, protocol }, 'deny')}
            title="Add a ConnectivityTest probe that expects this flow to be denied"
            aria-label="+ deny test: add a test expecting deny"
          >
            + deny test
          </button>
        </>
      )}
    </span>
  );
}
