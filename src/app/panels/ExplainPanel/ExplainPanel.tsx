import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { PROTOCOLS, type Protocol } from '../../../engine';
import { addProbe, applyPreview, explainQuery, previewAllow, type EditPreview } from '../../insight/commands';
import type { Explanation as ExplanationData, FlowQuery } from '../../model/insight';
import { isDenied } from '../../model/verdicts';
import { useAppStore, useShallow, type AppState } from '../../store';
import { queryOf } from '../../store/insight-slice';
import { selectDisplayed } from '../../store/selectors';
import { EditDiff } from '../EditPreview/EditPreview';
import { Explanation } from '../Explanation/Explanation';
import { Autocomplete, type Suggestion } from './Autocomplete';
import './ExplainPanel.css';

/** Endpoints by id and outside ranges by the address that stands for them, for the From/To fields. */
const selectEnds = (s: AppState) => selectDisplayed(s);

function endOptions(model: ReturnType<typeof selectDisplayed>): Suggestion[] {
  if (!model) return [];
  return [
    ...model.endpoints.map((e) => ({
      value: e.id,
      hint: `${e.kind}${e.ips.length ? ` · ${e.ips.join(', ')}` : ''}`,
    })),
    ...model.externals
      .filter((x) => !x.group)
      .map((x) => ({
        value: x.sample,
        hint: x.internet ? 'an internet address' : `an address in ${x.cidr}`,
      })),
  ];
}

const flowKey = (q: FlowQuery) => `${q.from}|${q.to}|${q.port}|${q.protocol}`;

/** A preview of the edits that would allow the flow: the engine's summary and the lines it writes. */
function PreviewBox({
  preview,
  onApply,
  onCancel,
  busy,
}: {
  preview: EditPreview;
  onApply(): void;
  onCancel(): void;
  busy: boolean;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // Scroll the panel's own body only (scrollIntoView would also move the drawer's clipped box).
    const box = ref.current;
    const body = box?.closest('.explain-panel__body');
    if (box && body) body.scrollTop += box.getBoundingClientRect().top - body.getBoundingClientRect().top - 8;
  }, [preview]);
  if (!preview.result.ok) {
    return (
      <div ref={ref} className="fix-preview fix-preview--error" data-testid="fix-preview" role="alert">
        <p>{preview.result.message}</p>
        <button type="button" className="mini-button" onClick={onCancel}>
          Close
        </button>
      </div>
    );
  }
  return (
    <div ref={ref} className="fix-preview" data-testid="fix-preview">
      <p className="fix-preview__summary">{preview.result.summary}</p>
      <div className="fix-preview__actions">
        <button type="button" className="button button--primary" onClick={onApply} disabled={busy}>
          Apply
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
        <span className="explanation__muted">One undo step (Ctrl+Z).</span>
      </div>
      <EditDiff preview={preview} />
    </div>
  );
}

/** Actions on an explained flow: allow it (denied only), pin it with a test, show it on the canvas. */
function FlowActions({
  explanation,
  onAllow,
  busy,
}: {
  explanation: Extract<ExplanationData, { ok: true }>;
  onAllow(): void;
  busy: boolean;
}) {
  const [message, setMessage] = useState<string | null>(null);
  const probe = async (expect: 'allow' | 'deny') => {
    const outcome = await addProbe(explanation.query, expect);
    setMessage(outcome.ok ? outcome.summary : outcome.message);
  };
  return (
    <>
      {isDenied(explanation.verdict) && (
        <button
          type="button"
          className="mini-button mini-button--primary"
          onClick={onAllow}
          disabled={busy}
          data-testid="allow-flow"
        >
          Allow this flow…
        </button>
      )}
      <button
        type="button"
        className="mini-button"
        onClick={() => void probe('allow')}
        title="Write a ConnectivityTest probe that expects this flow to be allowed"
      >
        + Test: expect allow
      </button>
      <button
        type="button"
        className="mini-button"
        onClick={() => void probe('deny')}
        title="Write a ConnectivityTest probe that expects this flow to be denied"
      >
        + Test: expect deny
      </button>
      {explanation.edgeId && (
        <button
          type="button"
          className="mini-button"
          onClick={() => useAppStore.getState().select({ kind: 'edge', id: explanation.edgeId! })}
        >
          Show on canvas
        </button>
      )}
      {message && (
        <span className="explain-panel__message" role="status">
          {message}
        </span>
      )}
    </>
  );
}

/** "Can A reach B on port P?": the query box, and the engine's answer laid out side by side. */
export function ExplainPanel() {
  const draft = useAppStore(useShallow((s: AppState) => s.queryDraft));
  const { explanation, explaining } = useAppStore(
    useShallow((s: AppState) => ({ explanation: s.explanation, explaining: s.explaining })),
  );
  const model = useAppStore(selectEnds);
  const seq = useAppStore((s) => s.current?.seq);
  const [problem, setProblem] = useState<string | null>(null);
  // Both belong to the flow they were made for, and disappear when another flow is explained.
  const [previewFor, setPreviewFor] = useState<{ key: string; preview: EditPreview } | null>(null);
  const [busy, setBusy] = useState(false);
  const [appliedFor, setAppliedFor] = useState<{ key: string; message: string } | null>(null);
  const key = explanation ? flowKey(explanation.query) : '';
  const preview = previewFor?.key === key ? previewFor.preview : null;
  const applied = appliedFor?.key === key ? appliedFor.message : null;
  const setPreview = (next: EditPreview | null) => setPreviewFor(next ? { key, preview: next } : null);
  const setApplied = (message: string | null) => setAppliedFor(message ? { key, message } : null);
  const ends = useMemo(() => endOptions(model), [model]);
  const ports = useMemo(() => {
    const to = model?.endpoints.find((e) => e.id === draft.to.trim());
    return to
      ? to.ports.map((p) => ({
          value: String(p.port),
          hint: `${p.protocol}${p.name ? ` (${p.name})` : ''}`,
          protocol: p.protocol,
        }))
      : [];
  }, [model, draft.to]);
  const { setQueryDraft } = useAppStore.getState();

  // Live: a new evaluation of the text asks the same question again.
  useEffect(() => {
    const query = useAppStore.getState().explanation?.query;
    if (query && seq !== undefined) void explainQuery(query);
  }, [seq]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const query = queryOf(draft);
    if (typeof query === 'string') {
      setProblem(query);
      return;
    }
    setProblem(null);
    setPreview(null);
    setApplied(null);
    void explainQuery(query);
  };

  const allow = async () => {
    if (!explanation?.ok) return;
    setBusy(true);
    setApplied(null);
    setPreview(await previewAllow(explanation.query));
    setBusy(false);
  };
  const apply = async () => {
    if (!preview) return;
    setBusy(true);
    const outcome = await applyPreview(preview);
    setBusy(false);
    setPreview(null);
    setApplied(outcome.ok ? `Done. ${outcome.summary}` : outcome.message);
  };

  const swap = () => setQueryDraft({ from: draft.to, to: draft.from });

  return (
    <div className="explain-panel">
      <form
        className="explain-query"
        data-testid="explain-query"
        onSubmit={submit}
        aria-label="Can one end reach another?"
      >
        <span className="explain-query__word">Can</span>
        <Autocomplete
          label="From"
          placeholder="namespace/name or IP"
          value={draft.from}
          suggestions={ends}
          onChange={(from) => setQueryDraft({ from })}
        />
        <button
          type="button"
          className="explain-query__swap"
          onClick={swap}
          title="Swap From and To"
          aria-label="Swap From and To"
        >
          ⇄
        </button>
        <span className="explain-query__word">reach</span>
        <Autocomplete
          label="To"
          placeholder="namespace/name or IP"
          value={draft.to}
          suggestions={ends}
          onChange={(to) => setQueryDraft({ to })}
        />
        <span className="explain-query__word">on port</span>
        <Autocomplete
          label="Port"
          className="explain-query__port"
          placeholder="8080"
          value={draft.port}
          suggestions={ports}
          onChange={(port) =>
            setQueryDraft({
              port,
              ...(ports.find((p) => p.value === port)
                ? { protocol: ports.find((p) => p.value === port)!.protocol }
                : {}),
            })
          }
        />
        <select
          aria-label="Protocol"
          value={draft.protocol}
          onChange={(event) => setQueryDraft({ protocol: event.target.value as Protocol })}
        >
          {PROTOCOLS.map((p) => (
            <option key={p}>{p}</option>
          ))}
        </select>
        <span className="explain-query__word">?</span>
        <button type="submit" className="button button--primary explain-query__ask">
          Explain
        </button>
      </form>
      <div className="explain-panel__body" aria-live="polite" aria-busy={explaining}>
        {problem && (
          <p className="explain-panel__problem" role="alert">
            {problem}
          </p>
        )}
        {!problem && !explanation && (
          <p className="drawer-empty">
            Ask about any connection: pick two ends (workloads, pods or outside addresses) and a port. Or use{' '}
            <strong>Explain</strong> on a flow in the Flows table or the inspector.
          </p>
        )}
        {!problem && explanation && (
          <Explanation
            explanation={explanation}
            actions={
              explanation.ok ? (
                <FlowActions explanation={explanation} onAllow={() => void allow()} busy={busy} />
              ) : undefined
            }
            notice={
              <>
                {preview && (
                  <PreviewBox
                    preview={preview}
                    onApply={() => void apply()}
                    onCancel={() => setPreview(null)}
                    busy={busy}
                  />
                )}
                {applied && (
                  <p
                    className="explain-panel__message explain-panel__applied"
                    role="status"
                    data-testid="fix-applied"
                  >
                    {applied}
                  </p>
                )}
              </>
            }
          />
        )}
      </div>
    </div>
  );
}
