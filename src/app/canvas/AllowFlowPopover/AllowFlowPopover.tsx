import { useCallback, useMemo, useState } from 'react';
import type { PeerWidth } from '../../../engine';
import { Popover, type PopoverAnchor } from '../../chrome/Popover/Popover';
import { runIntent } from '../../editing/edit-commands';
import { formatRulePorts, parseCidrField, parseCidrList, parseRulePorts } from '../../editing/form-values';
import type { EndpointView, ViewModel } from '../../model/view-model';
import { endName, labelText, type CanvasEnd } from './flow-ends';

/** What the popover allows: a drawn connection, or a source and a CIDR the user types. */
export type AllowFlowRequest = { from: CanvasEnd; to: CanvasEnd | { kind: 'cidr' }; anchor: PopoverAnchor };

const WIDTHS: {
  value: PeerWidth;
  label: (peer: EndpointView, home: boolean) => string;
  hint: (peer: EndpointView) => string;
}[] = [
  {
    value: 'workload',
    label: (peer) => `Only ${peer.name}`,
    hint: (peer) =>
      Object.keys(peer.labels).length
        ? `by its labels: ${labelText(peer.labels)}`
        : 'it has no labels to select it by',
  },
  {
    value: 'namespace-pods',
    label: (peer) => `Every pod in ${peer.namespace}`,
    hint: () => 'podSelector: {} at home, else a namespaceSelector',
  },
  {
    value: 'namespace-label',
    label: (peer) => `Namespace ${peer.namespace}`,
    hint: () => 'namespaceSelector on kubernetes.io/metadata.name',
  },
];

/** The destination's declared ports, as the ports field reads them. */
function declaredPorts(to: AllowFlowRequest['to']): string {
  if (to.kind !== 'endpoint') return '';
  return formatRulePorts(to.endpoint.ports.map(({ port, protocol }) => ({ port, protocol })));
}

/**
 * Asks what a drawn connection should allow: which ports (the destination's declared ones
 * preselected), how wide the peer is (its labels, when it has any), and for an outside end which
 * ranges to leave out. Enter confirms; the engine writes the rules.
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
  // The rule on the destination names the source; the source's egress rule (if it is isolated) names the destination the same way.
  const peer = from.kind === 'endpoint' ? from.endpoint : null;
  const bothPods = from.kind === 'endpoint' && to.kind === 'endpoint';
  const [width, setWidth] = useState<PeerWidth>(
    peer && Object.keys(peer.labels).length === 0 ? 'namespace-pods' : 'workload',
  );
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

  const confirm = useCallback(async () => {
    if (!parsedPorts.ok || !parsedExcept.ok || (parsedCidr && !parsedCidr.ok)) return;
    setBusy(true);
    setError(null);
    const target = to.kind === 'cidr' ? (parsedCidr!.ok ? parsedCidr!.value : '') : to.ref;
    const outcome = await runIntent({
      kind: 'allow-flow',
      from: to.kind === 'cidr' ? sourceRef : from.ref,
      to: target,
      ports: parsedPorts.value,
      peerWidth: width,
      ...(outside && parsedExcept.value.length ? { except: parsedExcept.value } : {}),
    });
    setBusy(false);
    if (outcome.ok) onClose();
    else setError(outcome.message);
  }, [parsedPorts, parsedExcept, parsedCidr, to, from.ref, sourceRef, width, outside, onClose]);

  const title =
    to.kind === 'cidr' ? (
      <>Allow egress to a CIDR</>
    ) : (
      <>
        Allow <code>{endName(from)}</code> → <code>{endName(to)}</code>
      </>
    );

  return (
    <Popover
      anchor={request.anchor}
      title={title}
      confirmLabel="Allow"
      confirmDisabled={invalid}
      busy={busy}
      onConfirm={() => void confirm()}
      onCancel={onClose}
      testId="allow-flow"
      width={340}
    >
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
      {bothPods && peer && (
        <fieldset className="form-fieldset">
          <legend className="form-legend">Let in</legend>
          {WIDTHS.map((option) => (
            <label key={option.value} className="choice">
              <input
                type="radio"
                name="peer-width"
                value={option.value}
                checked={width === option.value}
                onChange={() => setWidth(option.value)}
                data-testid={`peer-width-${option.value}`}
              />
              <span className="choice__text">
                {option.label(peer, to.kind === 'endpoint' && to.endpoint.namespace === peer.namespace)}
                <span className="choice__hint">{option.hint(peer)}</span>
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
      {error && (
        <p className="field-error" role="alert" data-testid="allow-flow-error">
          {error}
        </p>
      )}
    </Popover>
  );
}
