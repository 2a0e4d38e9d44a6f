import { useEffect, useState, type ReactNode } from 'react';
import type { EditIntent, FlowStop } from '../../../engine';
import { Dialog } from '../../chrome/Dialog/Dialog';
import { diffOfEdits } from '../../editing/edit-diff';
import { applyPreview, previewIntent, type EditPreview } from '../../editing/edit-commands';
import './EditPreview.css';

/** The lines an edit removes and adds, numbered, as a unified diff. */
export function EditDiff({ preview }: { preview: EditPreview }) {
  if (!preview.result.ok) return null;
  const hunks = diffOfEdits(preview.baseText, preview.result.edits);
  if (hunks.length === 0) return <p className="form-hint">The text stays as it is.</p>;
  return (
    <div className="edit-diff" data-testid="edit-preview-diff" aria-label="Changes to the YAML">
      {hunks.map((hunk, i) => (
        <pre key={i} className="edit-diff__hunk">
          {hunk.lines.map((line, j) => (
            <div key={j} className={`edit-diff__line edit-diff__line--${line.kind}`}>
              <span className="edit-diff__number" aria-hidden="true">
                {line.line}
              </span>
              <span className="edit-diff__sign" aria-label={line.kind === 'add' ? 'added' : 'removed'}>
                {line.kind === 'add' ? '+' : '−'}
              </span>
              <span className="edit-diff__text">{line.text || ' '}</span>
            </div>
          ))}
        </pre>
      ))}
    </div>
  );
}

/** Every flow an edit would turn from allowed to denied, before the user accepts it. */
export function FlowStops({ stops }: { stops: readonly FlowStop[] }) {
  if (stops.length === 0) return null;
  return (
    <div className="flow-stops" role="group" aria-label="Flows this denies" data-testid="flow-stops">
      <p className="flow-stops__title">
        {stops.length === 1 ? 'This turns 1 flow' : `This turns ${stops.length} flows`} from allowed to
        denied:
      </p>
      <ul className="flow-stops__list">
        {stops.map((stop) => (
          <li key={`${stop.from} ${stop.to}`} data-testid="flow-stop" data-from={stop.from} data-to={stop.to}>
            <code>{stop.from}</code> → <code>{stop.to}</code> on {stop.ports}
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * Shows what an intent would do (the engine's summary and the YAML it would write) and applies it
 * only when the user accepts: the engine's result serves as the preview.
 */
export function EditPreviewDialog({
  intent,
  title,
  subject,
  acceptLabel = 'Accept',
  onClose,
}: {
  intent: EditIntent;
  title: string;
  subject?: ReactNode;
  acceptLabel?: string;
  onClose(): void;
}) {
  const [preview, setPreview] = useState<EditPreview | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    void previewIntent(intent).then((result) => {
      if (live) setPreview(result);
    });
    return () => {
      live = false;
    };
  }, [intent]);

  const accept = async () => {
    if (!preview) return;
    setBusy(true);
    const outcome = await applyPreview(preview);
    setBusy(false);
    if (outcome.ok) onClose();
    else setError(outcome.message);
  };

  const changes = preview?.result.ok && preview.result.edits.length > 0;
  return (
    <Dialog
      title={title}
      wide
      testId="edit-preview"
      onClose={onClose}
      actions={
        <>
          <button type="button" className="button" onClick={onClose} data-testid="edit-preview-cancel">
            Cancel
          </button>
          <button
            type="button"
            className="button button--primary"
            onClick={() => void accept()}
            disabled={!changes || busy}
            data-testid="edit-preview-accept"
          >
            {busy ? 'Applying…' : acceptLabel}
          </button>
        </>
      }
    >
      {subject && <div className="edit-preview__subject">{subject}</div>}
      {!preview ? (
        <p className="form-hint" role="status">
          Working out the changes…
        </p>
      ) : preview.result.ok ? (
        <>
          <p className="edit-summary-text" data-testid="edit-preview-summary">
            {preview.result.summary}
          </p>
          <FlowStops stops={preview.result.stops} />
          <EditDiff preview={preview} />
        </>
      ) : (
        <p className="field-error" role="alert" data-testid="edit-preview-summary">
          {preview.result.message}
        </p>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </Dialog>
  );
}
