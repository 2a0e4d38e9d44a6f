import { useCallback, useEffect, useState } from 'react';
import type { Protocol } from '../../../engine';
import { AllowFlowPopover } from '../../canvas/AllowFlowPopover/AllowFlowPopover';
import { endOfNode, type CanvasEnd as FlowEditEnd } from '../../canvas/AllowFlowPopover/flow-ends';
import { applyPreview, previewIntent, type EditPreview } from '../../editing/edit-commands';
import { isDenied } from '../../model/verdicts';
import type { EdgeView, ViewModel } from '../../model/view-model';
import { useAppStore, type AppState } from '../../store';
import { EditDiff, FlowStops } from '../EditPreview/EditPreview';
import './EditActions.css';

/**
 * The inspector's actions for a flow edge: allow it (the same popover as a drawn connection), or
 * remove it after a preview of what else that stops (the engine's summary). Delete and the edge's
 * context menu start the same preview.
 */
export function FlowActions({
  model,
  edge,
  ends,
}: {
  model: ViewModel;
  edge: EdgeView;
  /** The ends when the view model does not hold them (a matrix cell in a collapsed namespace). */
  ends?: { from: FlowEditEnd; to: FlowEditEnd };
}) {
  const [scope, setScope] = useState('');
  const [preview, setPreview] = useState<EditPreview | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [allowAt, setAllowAt] = useState<{ x: number; y: number } | null>(null);
  const from = endOfNode(model, edge.source) ?? ends?.from ?? null;
  const to = endOfNode(model, edge.target) ?? ends?.to ?? null;
  const ports = model.flows.filter(
    (row) => row.edgeId === edge.id && row.port !== null && !isDenied(row.verdict),
  );
  const denied = isDenied(edge.verdict);

  const fromRef = from?.ref;
  const toRef = to?.ref;
  const startPreview = useCallback(
    async (portKey: string) => {
      if (!fromRef || !toRef) return;
      const [port, protocol] = portKey ? portKey.split('/') : [];
      setBusy(true);
      setError(null);
      const result = await previewIntent({
        kind: 'remove-flow',
        from: fromRef,
        to: toRef,
        ...(port ? { port: Number(port), protocol: protocol as Protocol } : {}),
      });
      setBusy(false);
      setPreview(result);
    },
    [fromRef, toRef],
  );

  // A removal asked for from the canvas (Delete key, context menu) opens the preview here, also
  // when it was asked for just before this inspector opened.
  useEffect(() => {
    const check = (state: AppState) => {
      if (state.flowRemoval?.edgeId !== edge.id) return;
      state.requestFlowRemoval(null);
      void startPreview('');
    };
    void Promise.resolve().then(() => check(useAppStore.getState()));
    return useAppStore.subscribe(check);
  }, [edge.id, startPreview]);

  const confirm = async () => {
    if (!preview) return;
    setBusy(true);
    const outcome = await applyPreview(preview);
    setBusy(false);
    if (outcome.ok) setPreview(null);
    else setError(outcome.message);
  };

  if (!from || !to) return null;
  const closeAllow = () => setAllowAt(null);
  return (
    <section className="inspector__section edit-actions" aria-label="Change this flow">
      <h3>Change</h3>
      {!preview && (
        <div className="edit-actions__row">
          {!denied && (
            <>
              <select
                className="select-input"
                value={scope}
                onChange={(event) => setScope(event.target.value)}
                aria-label="Which part of the flow to remove"
                data-testid="remove-flow-scope"
              >
                <option value="">All ports</option>
                {ports.map((row) => (
                  <option key={row.key} value={`${row.port}/${row.protocol}`}>
                    {row.protocol} {row.port}
                  </option>
                ))}
              </select>
              <button
                type="button"
                className="button button--small"
                onClick={() => void startPreview(scope)}
                disabled={busy}
                data-testid="remove-flow"
              >
                Remove flow…
              </button>
            </>
          )}
          <button
            type="button"
            className="button button--small"
            onClick={(event) => {
              const box = event.currentTarget.getBoundingClientRect();
              setAllowAt({ x: box.left - 200, y: box.bottom });
            }}
            data-testid="allow-flow-edge"
          >
            {denied ? 'Allow this flow…' : 'Allow more…'}
          </button>
        </div>
      )}
      {preview && (
        <div
          className="edit-actions__preview"
          role="group"
          aria-label="Remove this flow?"
          data-testid="remove-flow-preview"
        >
          {preview.result.ok ? (
            <>
              <p className="edit-summary-text" data-testid="remove-flow-summary">
                {preview.result.summary}
              </p>
              <FlowStops stops={preview.result.stops} />
              <details className="edit-actions__diff">
                <summary>YAML changes</summary>
                <EditDiff preview={preview} />
              </details>
            </>
          ) : (
            <p className="field-error" role="alert" data-testid="remove-flow-summary">
              {preview.result.message}
            </p>
          )}
          {error && (
            <p className="field-error" role="alert">
              {error}
            </p>
          )}
          <div className="edit-actions__row edit-actions__row--end">
            <button type="button" className="button button--small" onClick={() => setPreview(null)}>
              Cancel
            </button>
            {preview.result.ok && preview.result.edits.length > 0 && (
              <button
                type="button"
                className="button button--small button--danger"
                onClick={() => void confirm()}
                disabled={busy}
                data-testid="remove-flow-confirm"
                autoFocus
              >
                Remove
              </button>
            )}
          </div>
        </div>
      )}
      {allowAt && (
        <AllowFlowPopover request={{ from, to, anchor: allowAt }} model={model} onClose={closeAllow} />
      )}
    </section>
  );
}
