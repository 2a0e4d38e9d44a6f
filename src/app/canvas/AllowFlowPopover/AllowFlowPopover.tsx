import { useCallback, useMemo, useState } from 'react';
import type { AllowFlowIntent, Direction, PeerWidth, PortSpec } from '../../../engine';
import { Popover, type PopoverAnchor } from '../../chrome/Popover/Popover';
import { formatRulePorts, parseCidrField, parseCidrList, parseRulePorts } from '../../editing/form-values';
import { useIntentPreview } from '../../editing/use-intent-preview';
import type { EndpointView, ViewModel } from '../../model/view-model';
import { FlowStops } from '../../panels/EditPreview/EditPreview';
import { endName, labelText, type CanvasEnd } from './flow-ends';

/** What the popover allows: a drawn connection, or a source and a CIDR the user types. */
export type AllowFlowRequest = { from: CanvasEnd; to: CanvasEnd | { kind: 'cidr' }; anchor: PopoverAnchor };

/** How a rule names its peer, in words about that peer. */
const WIDTHS: {
  value: PeerWidth;
  label: (peer: EndpointView) => string;
  hint: (peer: EndpointView) => string;
}[] = [
  {
    value: 'workload',
    label: (peer) => `only ${peer.name}`,
    hint: (peer) =>
      Object.keys(peer.labels).length
        ? `by its labels: ${labelText(peer.labels)}`
        : `${peer.name} has no labels to select it by`,
  },
  {
    value: 'namespace-pods',
    label: (peer) => `every pod in ${peer.namespace}`,
    hint: () => 'podSelector: {} at home, else a namespaceSelector',
  },
  {
    value: 'namespace-label',
    label: (peer) => `namespace ${peer.namespace}`,
    hint: () => 'namespaceSelector on kubernetes.io/metadata.name',
  },
];

/** The destination's declared ports, as the ports field reads them. */
function declaredPorts(to: AllowFlowRequest['to']): string {
  if (to.kind !== 'endpoint') return '';
  return formatRulePorts(to.endpoint.ports.map(({ port, protocol }) => ({ port, protocol })));
}

/** "TCP 8080, UDP 53" for the sentence that says what is allowed. */
function portsInWords(ports: readonly PortSpec[]): string {
  if (ports.length === 0) return 'every port';
  return ports
    .map(({ protocol, port, endPort }) =>
      port === undefined ? `every ${protocol} port` : `${protocol} ${port}${endPort ? `-${endPort}` : ''}`,
    )
    .join(', ');
}

const sideKey = (direction: Direction) => direction.toLowerCase() as 'ingress' | 'egress';

/**
 * Asks what a drawn connection should allow: which ports (the destination's declared ones
 * preselected) and how the rule names the other end. A rule goes only on a side that refuses the
 * flow (an isolated one); a side that is open lets it through already, and isolating it is a
 * choice the user makes here, never a default. The engine's preview, with every flow the edit
 * would deny, shows before Enter confirms.
 */
export function AllowFlowPopover({
  request,
  model,
  onClose,
}: {
  request: AllowFlowRequest;
  model: ViewModel;
  onClose(): void;
}) {
  const { from, to } = request;
  const initialPorts = declaredPorts(to);
  const [sourceRef, setSourceRef] = useState(from.ref);
  const [cidr, setCidr] = useState('');
  const [allPorts, setAllPorts] = useState(initialPorts === '');
  const [ports, setPorts] = useState(initialPorts);
  const [except, setExcept] = useState('');
  const [isolate, setIsolate] = useState<Direction[]>([]);
  const source = to.kind === 'cidr' ? model.endpoints.find((e) => e.id === sourceRef) : undefined;
  const fromPod = to.kind === 'cidr' ? (source ?? null) : from.kind === 'endpoint' ? from.endpoint : null;
  const toPod = to.kind === 'endpoint' ? to.endpoint : null;
  const fromName = to.kind === 'cidr' ? sourceRef : endName(from);
  const toName = to.kind === 'cidr' ? cidr.trim() || 'the CIDR' : endName(to);
  // Which side refuses the flow now, as the engine evaluated it; an open side has no rule to write.
  const isolatedNow = {
    egress: fromPod?.egress.isolated ?? false,
    ingress: toPod?.ingress.isolated ?? false,
  };
  const writes = {
    egress: fromPod !== null && (isolatedNow.egress || isolate.includes('Egress')),
    ingress: toPod !== null && (isolatedNow.ingress || isolate.includes('Ingress')),
  };
  // Each rule names the other end: the egress rule the destination, the ingress rule the source.
  const named = [...(writes.ingress && fromPod ? [fromPod] : []), ...(writes.egress && toPod ? [toPod] : [])];
  const [width, setWidth] = useState<PeerWidth | null>(null);
  const chosenWidth: PeerWidth =
    width ?? (named.some((peer) => Object.keys(peer.labels).length === 0) ? 'namespace-pods' : 'workload');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const outside = from.kind === 'external' || to.kind !== 'endpoint';

  const parsedPorts = useMemo(
    () => (allPorts ? ({ ok: true, value: [] } as const) : parseRulePorts(ports)),
    [allPorts, ports],
  );
  const parsedExcept = useMemo(() => parseCidrList(except), [except]);
  const parsedCidr = useMemo(() => (to.kind === 'cidr' ? parseCidrField(cidr) : null), [to.kind, cidr]);
  const portsEmpty = !allPorts && parsedPorts.ok && parsedPorts.value.length === 0;
  const invalid =
    !parsedPorts.ok || portsEmpty || !parsedExcept.ok || (parsedCidr !== null && !parsedCidr.ok);

  const intent = useMemo((): AllowFlowIntent | null => {
    if (!parsedPorts.ok || !parsedExcept.ok || (parsedCidr && !parsedCidr.ok)) return null;
    if (parsedPorts.value.length === 0 && !allPorts) return null;
    return {
      kind: 'allow-flow',
      from: to.kind === 'cidr' ? sourceRef : from.ref,
      to: to.kind === 'cidr' ? (parsedCidr?.ok ? parsedCidr.value : '') : to.ref,
      ports: parsedPorts.value,
      peerWidth: chosenWidth,
      ...(outside && parsedExcept.value.length ? { except: parsedExcept.value } : {}),
      ...(isolate.length ? { isolate } : {}),
    };
  }, [
    parsedPorts,
    parsedExcept,
    parsedCidr,
    allPorts,
    to,
    sourceRef,
    from.ref,
    chosenWidth,
    outside,
    isolate,
  ]);

  // The engine's answer for what the form says now: shown before the user confirms.
  const { preview: shown, apply } = useIntentPreview(intent);
  const nothingToDo = shown?.result.ok === true && shown.result.edits.length === 0;

  const confirm = useCallback(async () => {
    setBusy(true);
    setError(null);
    const outcome = await apply();
    setBusy(false);
    if (outcome.ok) onClose();
    else setError(outcome.message);
  }, [apply, onClose]);

  const toggleIsolate = (direction: Direction, on: boolean) =>
    setIsolate((current) => (on ? [...current, direction] : current.filter((d) => d !== direction)));

  const title =
    to.kind === 'cidr' ? (
      <>Allow egress to a CIDR</>
    ) : (
      <>
        Allow <code>{endName(from)}</code> → <code>{endName(to)}</code>
      </>
    );

  // Sides that could be isolated on request: pods that are open in that direction now.
  const lockable = (
    [
      ['Egress', fromPod],
      ['Ingress', toPod],
    ] as const
  ).filter(([direction, pod]) => pod !== null && !isolatedNow[sideKey(direction)]);
  const neitherIsolated = !isolatedNow.egress && !isolatedNow.ingress;

  return (
    <Popover
      anchor={request.anchor}
      title={title}
      confirmLabel={isolate.length ? 'Isolate and allow' : 'Allow'}
      confirmDisabled={invalid || nothingToDo}
      busy={busy}
      onConfirm={() => void confirm()}
      onCancel={onClose}
      testId="allow-flow"
      width={360}
    >
      <p className="allow-flow__sentence" data-testid="allow-flow-sentence">
        <code>{fromName}</code> may send to <code>{toName}</code> on{' '}
        {parsedPorts.ok ? portsInWords(parsedPorts.value) : 'the ports below'}.
      </p>
      <p className="form-hint" data-testid="allow-flow-sides">
        {neitherIsolated
          ? `Neither ${fromPod ? `${fromName}'s egress` : 'side'}${toPod && fromPod ? ` nor ${toName}'s ingress` : toPod ? ` (${toName}'s ingress)` : ''} is isolated, so this flow is already allowed. Lock it down only if you mean to: isolating a side denies every peer no rule allows.`
          : [
              isolatedNow.egress
                ? `${fromName} is isolated for egress: a rule on its egress lets it send.`
                : '',
              isolatedNow.ingress
                ? `${toName} is isolated for ingress: a rule on its ingress lets ${fromName} in.`
                : '',
              !isolatedNow.egress && fromPod ? `${fromName}'s egress is open and stays so.` : '',
              !isolatedNow.ingress && toPod ? `${toName}'s ingress is open and stays so.` : '',
            ]
              .filter(Boolean)
              .join(' ')}
      </p>
      {to.kind === 'cidr' && (
        <>
          <label className="form-field">
            <span>From</span>
            <select
              className="select-input"
              value={sourceRef}
              onChange={(event) => setSourceRef(event.target.value)}
              data-testid="allow-from"
            >
              {model.endpoints.map((endpoint) => (
                <option key={endpoint.id} value={endpoint.id}>
                  {endpoint.id}
                </option>
              ))}
            </select>
          </label>
          <label className="form-field">
            <span>To CIDR</span>
            <input
              className="text-input"
              value={cidr}
              onChange={(event) => setCidr(event.target.value)}
              placeholder="203.0.113.0/24"
              aria-invalid={cidr !== '' && parsedCidr !== null && !parsedCidr.ok}
              data-testid="allow-cidr"
              autoFocus
            />
            {cidr !== '' && parsedCidr && !parsedCidr.ok && (
              <p className="field-error">{parsedCidr.message}</p>
            )}
          </label>
        </>
      )}
      <fieldset className="form-fieldset">
        <legend className="form-legend">Ports</legend>
        <label className="choice choice--inline">
          <input
            type="radio"
            name="allow-ports"
            checked={!allPorts}
            onChange={() => setAllPorts(false)}
            data-testid="allow-some-ports"
          />
          <span className="choice__text">
            Only
            <input
              className="text-input allow-flow__ports"
              value={ports}
              onChange={(event) => {
                setPorts(event.target.value);
                setAllPorts(false);
              }}
              onFocus={() => setAllPorts(false)}
              placeholder="8080, 53/UDP, 8000-8100"
              aria-label="Ports"
              aria-invalid={!allPorts && (!parsedPorts.ok || portsEmpty)}
              data-testid="allow-ports"
            />
          </span>
        </label>
        <label className="choice">
          <input
            type="radio"
            name="allow-ports"
            checked={allPorts}
            onChange={() => setAllPorts(true)}
            data-testid="allow-all-ports"
          />
          <span className="choice__text">Every port and protocol</span>
        </label>
        {!parsedPorts.ok && <p className="field-error">{parsedPorts.message}</p>}
        {portsEmpty && <p className="field-error">Name at least one port, or choose every port.</p>}
        {to.kind === 'endpoint' && (
          <p className="form-hint">
            {to.endpoint.ports.length
              ? `${to.endpoint.name} declares ${to.endpoint.ports.map((p) => `${p.port}/${p.protocol}${p.name ? ` (${p.name})` : ''}`).join(', ')}.`
              : `${to.endpoint.name} declares no ports.`}
          </p>
        )}
      </fieldset>
      {lockable.length > 0 && (
        <fieldset className="form-fieldset" data-testid="allow-isolate">
          <legend className="form-legend">
            {neitherIsolated ? 'Lock down (optional)' : 'Also lock down (optional)'}
          </legend>
          {lockable.map(([direction, pod]) => (
            <label key={direction} className="choice">
              <input
                type="checkbox"
                checked={isolate.includes(direction)}
                onChange={(event) => toggleIsolate(direction, event.target.checked)}
                data-testid={`allow-isolate-${sideKey(direction)}`}
              />
              <span className="choice__text">
                {direction === 'Egress' ? `Isolate ${pod!.id} for egress` : `Isolate ${pod!.id} for ingress`}
                <span className="choice__hint">
                  {direction === 'Egress'
                    ? `it may then send only where rules allow`
                    : `only sources that rules allow may then reach it`}
                </span>
              </span>
            </label>
          ))}
        </fieldset>
      )}
      {fromPod && toPod && named.length > 0 && (
        <fieldset className="form-fieldset">
          <legend className="form-legend">
            {writes.egress && !writes.ingress
              ? `Where ${fromPod.name} may send`
              : writes.ingress && !writes.egress
                ? `Who may send to ${toPod.name}`
                : 'How the rules name the other end'}
          </legend>
          {WIDTHS.map((option) => (
            <label key={option.value} className="choice">
              <input
                type="radio"
                name="peer-width"
                value={option.value}
                checked={chosenWidth === option.value}
                onChange={() => setWidth(option.value)}
                data-testid={`peer-width-${option.value}`}
              />
              <span className="choice__text">
                {named.map((peer) => option.label(peer)).join(', and ')}
                <span className="choice__hint">{option.hint(named[0]!)}</span>
              </span>
            </label>
          ))}
        </fieldset>
      )}
      {outside && (
        <label className="form-field">
          <span>Except (optional)</span>
          <input
            className="text-input"
            value={except}
            onChange={(event) => setExcept(event.target.value)}
            placeholder="10.0.0.0/8, 192.168.0.0/16"
            aria-invalid={!parsedExcept.ok}
            data-testid="allow-except"
          />
          {!parsedExcept.ok && <p className="field-error">{parsedExcept.message}</p>}
        </label>
      )}
      {shown && (
        <div className="allow-flow__preview" data-testid="allow-flow-preview" aria-live="polite">
          {shown.result.ok ? (
            <>
              <p className="edit-summary-text" data-testid="allow-flow-summary">
                {shown.result.summary}
              </p>
              <FlowStops stops={shown.result.stops} />
            </>
          ) : (
            <p className="field-error" role="alert" data-testid="allow-flow-summary">
              {shown.result.message}
            </p>
          )}
        </div>
      )}
      {error && (
        <p className="field-error" role="alert" data-testid="allow-flow-error">
          {error}
        </p>
      )}
    </Popover>
  );
}
