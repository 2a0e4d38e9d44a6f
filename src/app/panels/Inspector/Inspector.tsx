import { useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import type {
  AggregateEdgeView,
  EdgeView,
  EndpointView,
  ExternalView,
  FlowRow,
  NamespaceView,
  RuleView,
  SideView,
  ViewModel,
} from '../../model/view-model';
import { VERDICTS } from '../../../engine';
import { verdictPhrase } from '../../model/verdicts';
import { useAppStore } from '../../store';
import { useMatrixStore } from '../../store/matrix-store';
import type { MatrixPair } from '../../model/matrix';
import { selectDisplayed, selectSelection } from '../../store/selectors';
import { EditPolicyButton, EndpointActions, NamespaceActions } from '../EditActions/NodeActions';
import { FlowActions } from '../EditActions/FlowActions';
import { LineLink } from '../LineLink/LineLink';
import { FlowInsightActions } from '../FlowsTable/FlowInsightActions';
import { VerdictChip } from '../VerdictChip/VerdictChip';
import { GuardrailList, TierChip, TierDecidedBy } from '../../canvas/Guardrails/Guardrails';
import { WouldBreak } from '../ObservedPanel/ObservedPanel';
import './Inspector.css';
import { formatCount } from '../../model/format';

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="inspector__section">
      <h3>{title}</h3>
      {children}
    </section>
  );
}

function Labels({ labels }: { labels: Record<string, string> }) {
  const entries = Object.entries(labels);
  if (!entries.length) return <p className="inspector__muted">No labels</p>;
  return (
    <ul className="inspector__chips">
      {entries.map(([key, value]) => (
        <li key={key} className="chip">
          {key}={value}
        </li>
      ))}
    </ul>
  );
}

function PolicyLink({ model, id }: { model: ViewModel; id: string }) {
  const policy = model.policies.find((p) => p.id === id);
  return (
    <span className="inspector__policy">
      <code>{id}</code> {policy && <LineLink line={policy.line} />}
      {policy && <EditPolicyButton id={id} />}
    </span>
  );
}

function Isolation({
  model,
  endpoint,
  direction,
}: {
  model: ViewModel;
  endpoint: EndpointView;
  direction: 'ingress' | 'egress';
}) {
  const view = endpoint[direction];
  if (!view.isolated) {
    return (
      <p>
        <strong>Not isolated</strong> for {direction}: no policy selects it, so all {direction} is allowed.
      </p>
    );
  }
  return (
    <div>
      <p>
        <strong>Isolated</strong> for {direction} by:
      </p>
      <ul className="inspector__list">
        {view.policies.map((id) => (
          <li key={id}>
            <PolicyLink model={model} id={id} />
          </li>
        ))}
      </ul>
    </div>
  );
}

function EndpointDetails({ model, endpoint }: { model: ViewModel; endpoint: EndpointView }) {
  return (
    <>
      <header className="inspector__head">
        <span className="inspector__kind">{endpoint.kind}</span>
        <h2>{endpoint.id}</h2>
        <LineLink line={endpoint.line} />
      </header>
      {endpoint.hostNetwork && (
        <p className="inspector__note">
          Uses the host network: its traffic is node traffic, which NetworkPolicy neither isolates nor matches
          by selector.
        </p>
      )}
      {endpoint.dns && (
        <p className="inspector__note">
          Cluster DNS (kube-dns): pods isolated for egress need a rule that reaches it on port 53.
        </p>
      )}
      <Section title="Labels">
        <Labels labels={endpoint.labels} />
      </Section>
      <Section title="Ports">
        {endpoint.ports.length ? (
          <ul className="inspector__list">
            {endpoint.ports.map((p) => (
              <li key={`${p.port}/${p.protocol}`}>
                <code>
                  {p.port}/{p.protocol}
                </code>
                {p.name && <span className="inspector__muted"> ({p.name})</span>}
              </li>
            ))}
          </ul>
        ) : (
          <p className="inspector__muted">No container ports declared.</p>
        )}
      </Section>
      {endpoint.ips.length > 0 && (
        <Section title="Addresses">
          <p>
            <code>{endpoint.ips.join(', ')}</code>
          </p>
        </Section>
      )}
      <Section title="Ingress">
        <Isolation model={model} endpoint={endpoint} direction="ingress" />
      </Section>
      <Section title="Egress">
        <Isolation model={model} endpoint={endpoint} direction="egress" />
      </Section>
      {endpoint.guardrails && (
        <Section title="Cluster policies selecting it">
          <GuardrailList ids={endpoint.guardrails} />
        </Section>
      )}
      <EndpointActions model={model} endpoint={endpoint} />
    </>
  );
}

function NamespaceDetails({ model, namespace }: { model: ViewModel; namespace: NamespaceView }) {
  const policies = model.policies.filter((p) => p.namespace === namespace.name);
  return (
    <>
      <header className="inspector__head">
        <span className="inspector__kind">Namespace</span>
        <h2>{namespace.name}</h2>
        {namespace.line !== null && <LineLink line={namespace.line} />}
      </header>
      {!namespace.declared && (
        <p className="inspector__note">
          No Namespace object declares it; it exists because something lives in it.
        </p>
      )}
      <Section title="Labels">
        <Labels labels={namespace.labels} />
      </Section>
      <NamespaceActions namespace={namespace} />
      <Section title="Isolation">
        <p>
          {namespace.ingressIsolated} of {namespace.endpointCount} workloads isolated for ingress,{' '}
          {namespace.egressIsolated} for egress.
        </p>
      </Section>
      <Section title="Policies">
        {policies.length ? (
          <ul className="inspector__list">
            {policies.map((p) => (
              <li key={p.id}>
                <PolicyLink model={model} id={p.id} />{' '}
                <span className="inspector__muted">{p.policyTypes.join(' + ')}</span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="inspector__muted">No NetworkPolicy in this namespace.</p>
        )}
      </Section>
      {namespace.guardrails && (
        <Section title="Cluster policies taking it whole">
          <GuardrailList ids={namespace.guardrails} />
        </Section>
      )}
    </>
  );
}

/** Matches listed at most: the search narrows the rest. */
const LISTED_RANGES = 200;

function OutsideGroupDetails({ external }: { external: ExternalView }) {
  const [query, setQuery] = useState('');
  const { cidrs, expanded, shown } = external.group!;
  const matches = query ? cidrs.filter((cidr) => cidr.includes(query.trim())) : cidrs;
  return (
    <>
      <header className="inspector__head">
        <span className="inspector__kind">Outside ranges</span>
        <h2>{external.cidr}</h2>
      </header>
      <p>
        More ipBlock ranges than the canvas can show one by one: their edges count the flows of all of them.
        The flows table lists every flow of every range.
      </p>
      <button type="button" onClick={() => useAppStore.getState().toggleNamespace(external.nodeId)}>
        {expanded ? `Hide the ${shown} ranges drawn` : 'Draw the first 100 ranges'}
      </button>
      <Section title="Ranges">
        <input
          type="search"
          aria-label="Search ranges by CIDR"
          placeholder="Search by CIDR"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
        />
        <p className="inspector__muted" data-testid="outside-group-matches">
          {formatCount(matches.length)} of {formatCount(cidrs.length)}
          {matches.length > LISTED_RANGES ? `, the first ${LISTED_RANGES} listed` : ''}
        </p>
        <ul data-testid="outside-group-ranges">
          {matches.slice(0, LISTED_RANGES).map((cidr) => (
            <li key={cidr}>
              <code>{cidr}</code>
            </li>
          ))}
        </ul>
      </Section>
    </>
  );
}

function ExternalDetails({ external }: { external: ExternalView }) {
  if (external.group) return <OutsideGroupDetails external={external} />;
  return (
    <>
      <header className="inspector__head">
        <span className="inspector__kind">{external.internet ? 'Internet' : 'ipBlock range'}</span>
        <h2>{external.cidr}</h2>
      </header>
      <p>
        {external.internet
          ? 'Addresses outside the cluster that no ipBlock of a policy names.'
          : 'An address range that a policy names in an ipBlock peer.'}{' '}
        NetworkPolicy does not govern outside addresses; only the pods’ own policies decide.
      </p>
      {external.except.length > 0 && (
        <Section title="Except">
          <p>
            <code>{external.except.join(', ')}</code>
          </p>
        </Section>
      )}
      <Section title="Evaluated as">
        <p>
          <code>{external.sample}</code>{' '}
          <span className="inspector__muted">(one address of the range stands for it)</span>
        </p>
      </Section>
    </>
  );
}

function Rule({ rule }: { rule: RuleView }) {
  return (
    <li>
      <code>{rule.policy}</code> {rule.direction} rule {rule.index + 1}{' '}
      <span className="inspector__muted">({rule.ports})</span> <LineLink line={rule.line} />
    </li>
  );
}

function Side({ model, side }: { model: ViewModel; side: SideView }) {
  const word = side.direction === 'Egress' ? 'egress' : 'ingress';
  if (!side.subject) return <p>{side.note ?? `${word} is not governed`}</p>;
  if (!side.isolated) {
    return (
      <p>
        <code>{side.subject}</code> is not isolated for {word}: everything passes this side.
      </p>
    );
  }
  return (
    <div>
      <p>
        <code>{side.subject}</code> is isolated for {word} by{' '}
        {side.policies.map((id, i) => (
          <span key={id}>
            {i > 0 && ', '}
            <PolicyLink model={model} id={id} />
          </span>
        ))}
        .
      </p>
      {side.note && <p className="inspector__note">{side.note}</p>}
      {side.rules.length ? (
        <>
          <p>Rules that match this peer ({side.allowed}):</p>
          <ul className="inspector__list">
            {side.rules.map((rule) => (
              <Rule key={`${rule.policy}-${rule.direction}-${rule.index}`} rule={rule} />
            ))}
          </ul>
        </>
      ) : (
        <p>No {word} rule matches this peer, so this side refuses every port.</p>
      )}
    </div>
  );
}

function FlowItem({ row }: { row: FlowRow }) {
  return (
    <li className="inspector__flow">
      <div className="inspector__flow-head">
        <code>{row.port === null ? 'any port' : `${row.protocol} ${row.port}`}</code>
        <VerdictChip verdict={row.verdict} />
        {row.tier && <TierChip mark={row.tier} />}
        {row.probed && (
          <span className="chip" title="A ConnectivityTest probes this flow">
            tested
          </span>
        )}
      </div>
      <p className="inspector__reason">{row.reason}</p>
      <div className="inspector__flow-actions" data-testid="flow-item-actions">
        <FlowInsightActions row={row} />
      </div>
      {row.rules.length > 0 && (
        <ul className="inspector__list">
          {row.rules.map((rule) => (
            <Rule key={`${rule.policy}-${rule.direction}-${rule.index}`} rule={rule} />
          ))}
        </ul>
      )}
    </li>
  );
}

function EdgeDetails({
  model,
  edge,
  rows,
  ends,
}: {
  model: ViewModel;
  edge: EdgeView;
  rows: FlowRow[];
  ends?: MatrixPair;
}) {
  return (
    <>
      <header className="inspector__head">
        <span className="inspector__kind">Flow</span>
        <h2>
          {edge.from} <span aria-label="to">→</span> {edge.to}
        </h2>
      </header>
      <p className="inspector__verdict">
        <VerdictChip verdict={edge.verdict} /> {verdictPhrase(edge.verdict, edge.from, edge.to)}
        {edge.portLabel && (
          <>
            {' '}
            on <code>{edge.portLabel}</code>
          </>
        )}
      </p>
      {edge.tier && <TierDecidedBy mark={edge.tier} />}
      <FlowActions key={edge.id} model={model} edge={edge} ends={ends} />
      <Section title={`Per port (${rows.length})`}>
        <ul className="inspector__flows">
          {rows.map((row) => (
            <FlowItem key={row.key} row={row} />
          ))}
        </ul>
      </Section>
      <Section title={`Egress of ${edge.from}`}>
        <Side model={model} side={edge.egress} />
      </Section>
      <Section title={`Ingress of ${edge.to}`}>
        <Side model={model} side={edge.ingress} />
      </Section>
    </>
  );
}

/** Flows counted between two boxes of a big workspace; expanding a namespace shows them one by one. */
function AggregateDetails({ model, aggregate }: { model: ViewModel; aggregate: AggregateEdgeView }) {
  const collapsed = [aggregate.source, aggregate.target]
    .map((id) => model.namespaces.find((ns) => ns.nodeId === id && ns.collapsed))
    .filter((ns): ns is NamespaceView => ns !== undefined);
  // The worker put each observed flow on the edge that draws it; these are this edge's.
  const breaking = (model.observed?.flows ?? []).filter(
    (flow) => flow.edgeId === aggregate.id && flow.actual === 'deny',
  );
  return (
    <>
      <header className="inspector__head">
        <span className="inspector__kind">Flows between boxes</span>
        <h2>
          {aggregate.from} → {aggregate.to}
        </h2>
      </header>
      <Section title="Endpoint pairs by verdict">
        <ul className="inspector__list" data-testid="aggregate-counts">
          {VERDICTS.filter((verdict) => aggregate.counts[verdict]).map((verdict) => (
            <li key={verdict}>
              <VerdictChip verdict={verdict} />{' '}
              <span data-count={verdict}>{formatCount(aggregate.counts[verdict]!)}</span>
            </li>
          ))}
        </ul>
        <p className="inspector__muted">
          {formatCount(aggregate.total)} pairs in all, each counted once whatever its ports.
        </p>
      </Section>
      {breaking.length > 0 && (
        <Section title="Observed, would break">
          <WouldBreak flows={breaking} />
        </Section>
      )}
      {collapsed.length > 0 && (
        <Section title="See them one by one">
          {collapsed.map((ns) => (
            <button
              key={ns.name}
              type="button"
              className="button button--small"
              data-testid="aggregate-expand"
              onClick={() => useAppStore.getState().toggleNamespace(ns.name)}
            >
              Expand {ns.name}
            </button>
          ))}
        </Section>
      )}
    </>
  );
}

function Details({
  model,
  selection,
}: {
  model: ViewModel;
  selection: NonNullable<ReturnType<typeof selectSelection>>;
}) {
  const matrixPair = useMatrixStore((s) => s.pair);
  if (selection.kind === 'edge') {
    const edge = model.edges.find((e) => e.id === selection.id);
    if (edge)
      return (
        <EdgeDetails model={model} edge={edge} rows={model.flows.filter((row) => row.edgeId === edge.id)} />
      );
    // A matrix cell of a pair the canvas does not draw: the worker decided it the same way.
    if (matrixPair?.edge.id === selection.id)
      return <EdgeDetails model={model} edge={matrixPair.edge} rows={matrixPair.flows} ends={matrixPair} />;
    const aggregate = model.summary?.aggregates.find((a) => a.id === selection.id);
    return aggregate ? <AggregateDetails model={model} aggregate={aggregate} /> : null;
  }
  const endpoint = model.endpoints.find((e) => e.nodeId === selection.id);
  if (endpoint) return <EndpointDetails model={model} endpoint={endpoint} />;
  const namespace = model.namespaces.find((n) => n.nodeId === selection.id);
  if (namespace) return <NamespaceDetails model={model} namespace={namespace} />;
  const external = model.externals.find((x) => x.nodeId === selection.id);
  return external ? <ExternalDetails external={external} /> : null;
}

/** What the selected node or edge is, and for an edge, the engine's explanation of its verdict. */
/**
 * Opening the inspector takes the focus into it, so that keyboard and screen-reader users land on
 * what they opened; closing it (Escape, ×) gives the focus back to where it came from.
 */
function useFocusOnOpen(open: boolean) {
  const panel = useRef<HTMLElement>(null);
  useLayoutEffect(() => {
    if (!open) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const element = panel.current;
    element?.focus({ preventScroll: true });
    return () => {
      // Only when it was closed, not replaced by the rule editor, and only if the focus was in it.
      if (useAppStore.getState().selection !== null) return;
      const active = document.activeElement;
      const lost = !active || active === document.body || element?.contains(active) || !active.isConnected;
      if (lost && opener?.isConnected) opener.focus({ preventScroll: true });
    };
  }, [open]);
  return panel;
}

export function Inspector() {
  const model = useAppStore(selectDisplayed);
  const selection = useAppStore(selectSelection);
  const panel = useFocusOnOpen(Boolean(model && selection));
  if (!model || !selection) return null;
  return (
    <aside className="inspector" aria-label="Inspector" data-testid="inspector" ref={panel} tabIndex={-1}>
      <button
        type="button"
        className="inspector__close"
        aria-label="Close inspector (Escape)"
        title="Close (Esc)"
        onClick={() => useAppStore.getState().select(null)}
      >
        ×
      </button>
      <div className="inspector__body">
        <Details model={model} selection={selection} />
      </div>
    </aside>
  );
}
