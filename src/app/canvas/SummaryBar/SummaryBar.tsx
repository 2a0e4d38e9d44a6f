import type { ViewModel } from '../../model/view-model';
import { useAppStore } from '../../store';
import './SummaryBar.css';
import { formatCount } from '../../model/format';

/** Says that a big workspace is drawn collapsed, what is left out, and how to see more. */
export function SummaryBar({ model }: { model: ViewModel }) {
  const summary = model.summary!;
  const { total, drawn } = summary.endpointEdges;
  return (
    <div className="summary-bar" role="status" data-testid="summary-bar">
      <span>
        <strong>{formatCount(summary.endpointTotal)}</strong> endpoints in{' '}
        <strong>{formatCount(model.namespaces.length)}</strong> namespaces; an edge counts the flows between
        two boxes.{' '}
        {summary.expanded.length === 0
          ? 'Expand one to see its workloads.'
          : `${summary.expanded.length} expanded.`}
      </span>
      {total > drawn && (
        <span data-testid="edges-left-out">
          Drawing {formatCount(drawn)} of {formatCount(total)} workload flows, those policies decide first.
        </span>
      )}
      {summary.expanded.length > 0 && (
        <button
          type="button"
          className="summary-bar__button"
          onClick={() => useAppStore.getState().setExpanded([])}
        >
          Collapse all
        </button>
      )}
    </div>
  );
}
