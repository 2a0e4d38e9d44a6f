import { useState, type ChangeEvent } from 'react';
import type { AllowFlowIntent } from '../../../engine';
import { Dialog } from '../../chrome/Dialog/Dialog';
import { applyPreview } from '../../editing/edit-commands';
import { formatCount, formatMegabytes } from '../../model/format';
import type { EndpointView, NamespaceView } from '../../model/view-model';
import type { GeneratePreview, GenerateScope, ObservedFlowView, ObservedView } from '../../model/observed';
import { verdictPhrase } from '../../model/verdicts';
import { clearFlowLogs, importFlowLogs, importPastedFlowLog } from '../../observed/commands';
import { useAppStore, useShallow, type AppState } from '../../store';
import { selectDisplayed } from '../../store/selectors';
import { useObservedStore } from '../../store/observed-store';
import { requestGenerate } from '../../worker/engine-bridge';
import { FlowDifferences } from '../ChangesPanel/FlowDifferences';
import { EditPreviewDialog } from '../EditPreview/EditPreview';
import { VerdictChip } from '../VerdictChip/VerdictChip';
import '../ProblemsList/ProblemsList.css';
import './ObservedPanel.css';

export const FLOW_LOG_INPUT_ID = 'import-flows-input';

const selectObserved = (s: AppState) => selectDisplayed(s)?.observed ?? null;
const NO_NAMESPACES: NamespaceView[] = [];
const NO_ENDPOINTS: EndpointView[] = [];
const selectNamespaces = (s: AppState) => selectDisplayed(s)?.namespaces ?? NO_NAMESPACES;
const selectEndpoints = (s: AppState) => selectDisplayed(s)?.endpoints ?? NO_ENDPOINTS;

const plural = (n: number, word: string) => `${formatCount(n)} ${word}${n === 1 ? '' : 's'}`;
function onLogFiles(event: ChangeEvent<HTMLInputElement>) {
  const input = event.currentTarget;
  const files = [...(input.files ?? [])];
  importFlowLogs(files.map((file) => ({ name: file.name, data: file })));
  // Picking the same file again must fire a change too.
  input.value = '';
}

/** The hidden input of flow log files; the panel's button and the Import menu open it. */
export function FlowLogInput() {
  return (
    <input
      id={FLOW_LOG_INPUT_ID}
      data-testid="import-flows-file"
      type="file"
      multiple
      accept=".jsonl,.ndjson,.json,.csv,.log,text/csv,application/x-ndjson"
      className="visually-hidden"
      tabIndex={-1}
      aria-label="Import flow logs (Hubble JSON lines or CSV)"
      onChange={onLogFiles}
    />
  );
}

export function openFlowLogPicker(): void {
  document.getElementById(FLOW_LOG_INPUT_ID)?.click();
}

/** Paste a flow log (Hubble JSON lines or `from,to,port,protocol` CSV). */
export function PasteFlowLogDialog() {
  const open = useObservedStore((s) => s.pasteOpen);
  const [text, setText] = useState('');
  if (!open) return null;
  const close = () => {
    setText('');
    useObservedStore.setState({ pasteOpen: false });
  };
  const submit = () => {
    const pasted = text;
    close();
    if (pasted.trim()) importPastedFlowLog(pasted);
  };
  return (
    <Dialog
      title="Paste a flow log"
      wide
      testId="paste-flow-log"
      onClose={close}
      actions={
        <>
          <button type="button" className="button" onClick={close}>
            Cancel
          </button>
          <button
            type="button"
            className="button button--primary"
            onClick={submit}
            disabled={!text.trim()}
            data-testid="paste-flow-log-read"
          >
            Read log
          </button>
        </>
      }
    >
      <textarea
        className="paste-area"
        aria-label="Flow log to read"
        placeholder={'hubble observe -o json output, or\nfrom,to,port,protocol\nshop/web,shop/api,8080,TCP'}
        value={text}
        autoFocus
        spellCheck={false}
        onChange={(event) => setText(event.target.value)}
      />
    </Dialog>
  );
}

/** Observed flows the current text would deny, each with "Allow what was observed" (also in the inspector of a counted edge). */
export function WouldBreak({ flows }: { flows: ObservedFlowView[] }) {
  const [allowing, setAllowing] = useState<AllowFlowIntent | null>(null);
  if (flows.length === 0)
    return (
      <p className="observed__ok" data-testid="would-break-none">
        <span aria-hidden="true">✓</span> Nothing observed would break under the current text.
      </p>
    );
  return (
    <>
      <ul
        className="observed__list"
        data-testid="would-break-list"
        aria-label="Observed flows that would break"
      >
        {flows.map((flow) => (
          <li
            key={flow.key}
            data-testid="would-break-flow"
            data-from={flow.from}
            data-to={flow.to}
            data-port={flow.port}
            data-protocol={flow.protocol}
            data-count={flow.count}
            className="observed__flow observed__flow--break"
          >
            <span className="observed__glyph" aria-label="would break">
              ⚠
            </span>
            <span className="mono">
              {flow.from} → {flow.to} {flow.port}/{flow.protocol}
            </span>
            <span className="observed__count">×{formatCount(flow.count)}</span>
            <VerdictChip verdict={flow.verdict} />
            <span className="observed__why">{verdictPhrase(flow.verdict, flow.from, flow.to)}</span>
            <button
              type="button"
              className="button button--small"
              data-testid="allow-observed"
              onClick={() =>
                setAllowing({
                  kind: 'allow-flow',
                  from: flow.from,
                  to: flow.to,
                  ports: [{ port: flow.port, protocol: flow.protocol }],
                  peerWidth: 'workload',
                })
              }
            >
              Allow what was observed
            </button>
          </li>
        ))}
      </ul>
      {allowing && (
        <EditPreviewDialog
          intent={allowing}
          title="Allow what was observed"
          subject={
            <code>
              {allowing.from} → {allowing.to} {allowing.ports[0]?.port}/{allowing.ports[0]?.protocol}
            </code>
          }
          acceptLabel="Allow"
          onClose={() => setAllowing(null)}
        />
      )}
    </>
  );
}

function scopeOf(value: string): GenerateScope {
  if (value.startsWith('ns:')) return { kind: 'namespace', namespace: value.slice(3) };
  if (value.startsWith('ep:')) return { kind: 'workload', endpoint: value.slice(3) };
  return { kind: 'all' };
}

function GeneratePreviewDialog({
  preview,
  baseText,
  onClose,
}: {
  preview: GeneratePreview;
  baseText: string;
  onClose(): void;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const accept = async () => {
    if (!preview.ok) return;
    setBusy(true);
    const outcome = await applyPreview({
      intent: { kind: 'add-policies', policies: preview.policies },
      baseText,
      result: preview.edit,
    });
    setBusy(false);
    if (outcome.ok) onClose();
    else setError(outcome.message);
  };
  return (
    <Dialog
      title="Generate policies from observed traffic"
      wide
      testId="generate-preview"
      onClose={onClose}
      actions={
        <>
          <button type="button" className="button" onClick={onClose} data-autofocus>
            Cancel
          </button>
          <button
            type="button"
            className="button button--primary"
            onClick={() => void accept()}
            disabled={!preview.ok || busy}
            data-testid="generate-apply"
          >
            {busy
              ? 'Applying…'
              : preview.ok && preview.policies.length === 1
                ? 'Add 1 policy'
                : `Add ${preview.ok ? preview.policies.length : ''} policies`}
          </button>
        </>
      }
    >
      {!preview.ok ? (
        <p className="field-error" role="alert">
          {preview.message}
        </p>
      ) : (
        <>
          <p data-testid="generate-summary">{preview.edit.summary}</p>
          {preview.notes.length > 0 && (
            <ul className="observed__notes">
              {preview.notes.map((note) => (
                <li key={note}>{note}</li>
              ))}
            </ul>
          )}
          <h3 className="observed__heading">Flows they change</h3>
          {preview.changes.ok ? (
            preview.changes.differences.length ? (
              <div className="observed__changes">
                <FlowDifferences differences={preview.changes.differences} testId="generate-changes" />
              </div>
            ) : (
              <p className="form-hint">No flow between endpoints changes.</p>
            )
          ) : (
            <p className="form-hint">{preview.changes.message}</p>
          )}
          <h3 className="observed__heading">New documents</h3>
          <pre className="observed__yaml" data-testid="generate-yaml">
            {preview.yaml}
          </pre>
        </>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </Dialog>
  );
}

function Generate() {
  const namespaces = useAppStore(selectNamespaces);
  const endpoints = useAppStore(selectEndpoints);
  const [scope, setScope] = useState('all');
  const [asking, setAsking] = useState(false);
  const [preview, setPreview] = useState<{ preview: GeneratePreview; baseText: string } | null>(null);
  const ask = async () => {
    setAsking(true);
    const baseText = useAppStore.getState().text;
    try {
      setPreview({ preview: await requestGenerate(scopeOf(scope)), baseText });
    } catch (error) {
      setPreview({
        preview: { ok: false, message: error instanceof Error ? error.message : String(error) },
        baseText,
      });
    }
    setAsking(false);
  };
  return (
    <div className="observed__generate">
      <select
        aria-label="Generate policies for"
        value={scope}
        onChange={(e) => setScope(e.target.value)}
        data-testid="generate-scope"
      >
        <option value="all">Whole workspace</option>
        <optgroup label="One namespace">
          {namespaces.map(({ name }) => (
            <option key={name} value={`ns:${name}`}>
              {name}
            </option>
          ))}
        </optgroup>
        <optgroup label="One workload">
          {endpoints.map(({ id }) => (
            <option key={id} value={`ep:${id}`}>
              {id}
            </option>
          ))}
        </optgroup>
      </select>
      <button
        type="button"
        className="button button--primary"
        data-testid="generate-observed"
        disabled={asking}
        onClick={() => void ask()}
      >
        {asking ? 'Generating…' : 'Generate policies from observed traffic'}
      </button>
      {preview && (
        <GeneratePreviewDialog
          preview={preview.preview}
          baseText={preview.baseText}
          onClose={() => setPreview(null)}
        />
      )}
    </div>
  );
}

function Summary({ view }: { view: ObservedView }) {
  const breaking = view.flows.filter((flow) => flow.actual === 'deny');
  return (
    <p
      className="observed__summary"
      data-testid="observed-summary"
      data-observed={view.observed}
      data-would-break={view.denied}
      data-unknown={view.unknownCount}
    >
      {plural(view.observed, 'connection')} in {plural(view.flows.length, 'flow')} from{' '}
      {view.logs.map((log) => `${log.name} (${plural(log.lines, 'line')})`).join(', ')}
      {': '}
      <strong className={view.denied ? 'observed__breaks' : 'observed__fine'} data-testid="would-break-count">
        {view.denied
          ? `⚠ ${plural(view.denied, 'connection')} in ${plural(breaking.length, 'flow')} would break`
          : '✓ none would break'}
      </strong>
      {view.unknownCount > 0 && `; ${plural(view.unknownCount, 'connection')} with an unknown end`}
      {view.problemCount > 0 && `; ${plural(view.problemCount, 'bad line')}`}.
    </p>
  );
}

function BadLines({ view }: { view: ObservedView }) {
  if (view.problemCount === 0) return null;
  const more = view.problemCount - view.problems.length;
  return (
    <>
      <h3 className="observed__heading">Bad lines (the rest was read)</h3>
      <ul
        className="problems observed__problems"
        data-testid="flow-log-problems"
        aria-label="Bad lines in the flow logs"
      >
        {view.problems.map((problem, i) => (
          <li
            key={`${problem.file}:${problem.line}:${i}`}
            data-testid="flow-log-problem"
            data-line={problem.line}
          >
            <div className="problem problem--error">
              <span className="problem__severity">error</span>
              <span className="problem__message">{problem.message}</span>
              <span className="problem__object">{problem.file}</span>
              <span className="problem__where">line {problem.line}</span>
            </div>
          </li>
        ))}
        {more > 0 && <li className="form-hint">… and {plural(more, 'more bad line')}</li>}
      </ul>
    </>
  );
}

function Unknown({ view }: { view: ObservedView }) {
  if (view.unknown.length === 0) return null;
  return (
    <details className="observed__unknown" data-testid="observed-unknown">
      <summary>
        {plural(view.unknown.length, 'flow')} with an end the workspace does not know (not evaluated, never
        guessed)
      </summary>
      <ul className="observed__list">
        {view.unknown.map((flow) => (
          <li key={`${flow.from}|${flow.to}|${flow.port}|${flow.protocol}`} data-testid="unknown-flow">
            <span className="mono">
              {flow.from} → {flow.to} {flow.port}/{flow.protocol}
            </span>{' '}
            <span className="observed__count">×{formatCount(flow.count)}</span> — {flow.reason}
          </li>
        ))}
      </ul>
    </details>
  );
}

/**
 * The drawer's Observed tab: import a flow log, see what the current text would break (replayed
 * on every evaluation), allow it flow by flow or generate least-privilege policies from it.
 */
export function ObservedPanel() {
  const view = useAppStore(selectObserved);
  const { sources, missing, restoring, unsaved, progress, error } = useObservedStore(
    useShallow((s) => ({
      sources: s.sources,
      missing: s.missing,
      restoring: s.restoring,
      unsaved: s.unsaved,
      progress: s.progress,
      error: s.error,
    })),
  );
  return (
    <div className="observed" data-testid="observed-panel">
      <div className="observed__toolbar">
        <button type="button" className="button" onClick={openFlowLogPicker} data-testid="import-flows">
          Import flow log…
        </button>
        <button
          type="button"
          className="button"
          onClick={() => useObservedStore.setState({ pasteOpen: true })}
          data-testid="paste-flows"
        >
          Paste log…
        </button>
        {sources.length > 0 && (
          <button type="button" className="button" onClick={clearFlowLogs} data-testid="clear-flows">
            Forget logs
          </button>
        )}
        {view && view.flows.length > 0 && <Generate />}
      </div>
      {unsaved.length > 0 && (
        <p className="observed__missing" role="alert" data-testid="flow-log-unsaved">
          {unsaved.join(', ')} could not be kept in this browser (its storage is full or unavailable): after a
          reload, import {unsaved.length === 1 ? 'it' : 'them'} again.
        </p>
      )}
      {missing.length > 0 && !restoring && (
        <p className="observed__missing" role="alert" data-testid="flow-log-missing">
          {missing.map((log) => `${log.name} (${formatMegabytes(log.size)})`).join(', ')}{' '}
          {missing.length === 1 ? 'was' : 'were'} too big to keep in this browser: import{' '}
          {missing.length === 1 ? 'it' : 'them'} again to see the observed traffic.
        </p>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {progress && (
        <p className="observed__progress" role="status" data-testid="flow-log-progress">
          Reading flow logs… {plural(progress.lines, 'line')}
          {progress.total > 0 && ` (${Math.round((100 * progress.bytes) / progress.total)}%)`}
        </p>
      )}
      {!view && !progress && missing.length === 0 && (
        <p className="drawer-empty">
          Import a flow log (<code>hubble observe -o json</code>, or a CSV <code>from,to,port,protocol</code>)
          — pick a file, drop it on the window or paste it — to see which real connections the policies allow,
          which they would break, and to generate least-privilege policies from them.
        </p>
      )}
      {view && (
        <>
          <Summary view={view} />
          <WouldBreak flows={view.flows.filter((flow) => flow.actual === 'deny')} />
          <Unknown view={view} />
          <BadLines view={view} />
        </>
      )}
    </div>
  );
}
