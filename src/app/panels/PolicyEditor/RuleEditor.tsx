import type { Direction, Protocol } from '../../../engine';
import {
  newPeer,
  newPort,
  type FieldErrors,
  type PeerDraft,
  type PeerKind,
  type RuleDraft,
  type SelectorDraft,
} from '../../editing/spec-draft';
import { commitOnEnter, SelectorEditor, type LabelCatalog } from './SelectorEditor';

const PEER_KINDS: { value: PeerKind; label: string }[] = [
  { value: 'pods', label: 'Pods (podSelector)' },
  { value: 'namespaces', label: 'Namespaces (namespaceSelector)' },
  { value: 'both', label: 'Pods in namespaces (both)' },
  { value: 'ipBlock', label: 'Addresses (ipBlock)' },
];

interface RuleEditorProps {
  rule: RuleDraft;
  direction: Direction;
  index: number;
  namespace: string;
  errors: FieldErrors;
  catalogs: { pods: LabelCatalog; namespaces: LabelCatalog };
  apply(change: (rule: RuleDraft) => void, commit: boolean): void;
  commit(): void;
  onRemove(): void;
  /** Ingress rules only: preview the egress its sources need. */
  onGenerateEgress?(): void;
}

function PeerEditor({
  peer,
  path,
  namespace,
  errors,
  catalogs,
  apply,
  commit,
  onRemove,
}: {
  peer: PeerDraft;
  path: string;
  namespace: string;
  errors: FieldErrors;
  catalogs: RuleEditorProps['catalogs'];
  apply(change: (peer: PeerDraft) => void, commit: boolean): void;
  commit(): void;
  onRemove(): void;
}) {
  const onEnter = commitOnEnter(commit);
  const selectorApply =
    (which: 'pods' | 'namespaces') => (change: (selector: SelectorDraft) => void, now: boolean) =>
      apply((p) => change(p[which]), now);
  return (
    <li className="pe-peer" data-testid="peer">
      <div className="pe-row__fields">
        <select
          className="select-input pe-peer__kind"
          value={peer.kind}
          aria-label="Peer kind"
          onChange={(event) => apply((p) => void (p.kind = event.target.value as PeerKind), true)}
          data-testid="peer-kind"
        >
          {PEER_KINDS.map((kind) => (
            <option key={kind.value} value={kind.value}>
              {kind.label}
            </option>
          ))}
        </select>
        <button
          type="button"
          className="pe-remove"
          aria-label="Remove this peer"
          title="Remove this peer"
          onClick={onRemove}
          data-testid="remove-peer"
        >
          ×
        </button>
      </div>
      {peer.kind === 'ipBlock' ? (
        <div className="pe-ipblock">
          <label className="form-field">
            <span>CIDR</span>
            <input
              className="text-input"
              value={peer.cidr}
              placeholder="203.0.113.0/24"
              aria-invalid={Boolean(errors[`${path}.cidr`])}
              onChange={(event) => apply((p) => void (p.cidr = event.target.value), false)}
              onBlur={commit}
              onKeyDown={onEnter}
              data-testid="peer-cidr"
            />
          </label>
          {errors[`${path}.cidr`] && (
            <p className="field-error" data-testid="field-error">
              {errors[`${path}.cidr`]}
            </p>
          )}
          <label className="form-field">
            <span>Except</span>
            <input
              className="text-input"
              value={peer.except}
              placeholder="none (comma-separated CIDRs)"
              aria-invalid={Boolean(errors[`${path}.except`])}
              onChange={(event) => apply((p) => void (p.except = event.target.value), false)}
              onBlur={commit}
              onKeyDown={onEnter}
              data-testid="peer-except"
            />
          </label>
          {errors[`${path}.except`] && (
            <p className="field-error" data-testid="field-error">
              {errors[`${path}.except`]}
            </p>
          )}
        </div>
      ) : (
        <>
          {peer.kind !== 'pods' && (
            <div className="pe-sub">
              <span className="pe-sub__title">Namespaces</span>
              <SelectorEditor
                selector={peer.namespaces}
                path={`${path}.namespaces`}
                errors={errors}
                catalog={catalogs.namespaces}
                emptyMeaning="every namespace"
                apply={selectorApply('namespaces')}
                commit={commit}
                testId="peer-namespace-selector"
              />
            </div>
          )}
          {peer.kind !== 'namespaces' && (
            <div className="pe-sub">
              <span className="pe-sub__title">{peer.kind === 'pods' ? `Pods in ${namespace}` : 'Pods'}</span>
              <SelectorEditor
                selector={peer.pods}
                path={`${path}.pods`}
                errors={errors}
                catalog={catalogs.pods}
                emptyMeaning={peer.kind === 'pods' ? `every pod in ${namespace}` : 'every pod there'}
                apply={selectorApply('pods')}
                commit={commit}
                testId="peer-pod-selector"
              />
            </div>
          )}
        </>
      )}
    </li>
  );
}

/** One rule: its peers (from / to) and ports, each addable and removable. */
export function RuleEditor({
  rule,
  direction,
  index,
  namespace,
  errors,
  catalogs,
  apply,
  commit,
  onRemove,
  onGenerateEgress,
}: RuleEditorProps) {
  const path = `rules.${direction}.${index}`;
  const word = direction === 'Ingress' ? 'From' : 'To';
  const onEnter = commitOnEnter(commit);
  return (
    <li className="pe-rule" data-testid="rule" data-direction={direction.toLowerCase()} data-index={index}>
      <header className="pe-rule__head">
        <span className="pe-rule__title">Rule {index + 1}</span>
        {onGenerateEgress && (
          <button
            type="button"
            className="pe-link"
            onClick={onGenerateEgress}
            title="Preview the egress rules the sources of this rule need"
            data-testid="generate-egress-rule"
          >
            Egress for its sources…
          </button>
        )}
        <button
          type="button"
          className="pe-remove"
          aria-label={`Remove rule ${index + 1}`}
          title="Remove this rule"
          onClick={onRemove}
          data-testid="remove-rule"
        >
          ×
        </button>
      </header>
      <div className="pe-rule__part">
        <span className="pe-sub__title">{word}</span>
        {rule.peers.length === 0 && (
          <p className="form-hint">
            {direction === 'Ingress'
              ? 'Every source (no from): anyone may connect.'
              : 'Every destination (no to).'}
          </p>
        )}
        <ul className="pe-list">
          {rule.peers.map((peer, p) => (
            <PeerEditor
              key={p}
              peer={peer}
              path={`${path}.peers.${p}`}
              namespace={namespace}
              errors={errors}
              catalogs={catalogs}
              apply={(change, now) => apply((r) => change(r.peers[p]!), now)}
              commit={commit}
              onRemove={() => apply((r) => void r.peers.splice(p, 1), true)}
            />
          ))}
        </ul>
        <button
          type="button"
          className="pe-add"
          onClick={() => apply((r) => void r.peers.push(newPeer()), false)}
          data-testid="add-peer"
        >
          + peer
        </button>
      </div>
      <div className="pe-rule__part">
        <span className="pe-sub__title">Ports</span>
        {rule.ports.length === 0 && <p className="form-hint">Every port and protocol.</p>}
        <ul className="pe-list">
          {rule.ports.map((port, p) => {
            const error = errors[`${path}.ports.${p}.port`] ?? errors[`${path}.ports.${p}.endPort`];
            return (
              <li key={p} className="pe-row" data-testid="port">
                <div className="pe-row__fields">
                  <input
                    className="text-input pe-port"
                    value={port.port}
                    placeholder="all"
                    aria-label="Port number or name"
                    aria-invalid={Boolean(errors[`${path}.ports.${p}.port`])}
                    onChange={(event) => apply((r) => void (r.ports[p]!.port = event.target.value), false)}
                    onBlur={commit}
                    onKeyDown={onEnter}
                    data-testid="port-number"
                  />
                  <span className="pe-op" aria-hidden="true">
                    –
                  </span>
                  <input
                    className="text-input pe-port"
                    value={port.endPort}
                    placeholder="end"
                    aria-label="End of the port range"
                    aria-invalid={Boolean(errors[`${path}.ports.${p}.endPort`])}
                    onChange={(event) => apply((r) => void (r.ports[p]!.endPort = event.target.value), false)}
                    onBlur={commit}
                    onKeyDown={onEnter}
                    data-testid="port-end"
                  />
                  <select
                    className="select-input pe-protocol"
                    value={port.protocol || 'TCP'}
                    aria-label="Protocol"
                    onChange={(event) =>
                      apply((r) => void (r.ports[p]!.protocol = event.target.value as Protocol), true)
                    }
                    data-testid="port-protocol"
                  >
                    <option value="TCP">TCP</option>
                    <option value="UDP">UDP</option>
                    <option value="SCTP">SCTP</option>
                  </select>
                  <button
                    type="button"
                    className="pe-remove"
                    aria-label="Remove this port"
                    title="Remove this port"
                    onClick={() => apply((r) => void r.ports.splice(p, 1), true)}
                    data-testid="remove-port"
                  >
                    ×
                  </button>
                </div>
                {error && (
                  <p className="field-error" data-testid="field-error">
                    {error}
                  </p>
                )}
              </li>
            );
          })}
        </ul>
        <button
          type="button"
          className="pe-add"
          onClick={() => apply((r) => void r.ports.push(newPort()), false)}
          data-testid="add-port"
        >
          + port
        </button>
      </div>
    </li>
  );
}
