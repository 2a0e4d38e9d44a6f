import type { IsolationView } from '../../model/view-model';
import './IsolationBadges.css';

interface BadgeProps {
  direction: 'ingress' | 'egress';
  /** Lit when isolated; `partial` for a namespace where only some pods are. */
  state: 'on' | 'off' | 'partial';
  title: string;
}

function Badge({ direction, state, title }: BadgeProps) {
  return (
    <span className={`iso-badge iso-badge--${state}`} title={title} aria-label={title} role="img">
      <span aria-hidden="true">{direction === 'ingress' ? '⇥' : '↦'}</span>
      <span aria-hidden="true">{direction === 'ingress' ? 'in' : 'out'}</span>
    </span>
  );
}

function endpointTitle(direction: 'ingress' | 'egress', view: IsolationView): string {
  if (!view.isolated)
    return `Not isolated for ${direction}: no policy selects it, so all ${direction} is allowed`;
  return `Isolated for ${direction} by ${view.policies.join(', ')}: only what their rules allow gets ${direction === 'ingress' ? 'in' : 'out'}`;
}

export function EndpointBadges({ ingress, egress }: { ingress: IsolationView; egress: IsolationView }) {
  return (
    <span className="iso-badges">
      <Badge
        direction="ingress"
        state={ingress.isolated ? 'on' : 'off'}
        title={endpointTitle('ingress', ingress)}
      />
      <Badge
        direction="egress"
        state={egress.isolated ? 'on' : 'off'}
        title={endpointTitle('egress', egress)}
      />
    </span>
  );
}

function namespaceState(isolated: number, total: number): BadgeProps['state'] {
  if (isolated === 0) return 'off';
  return isolated === total ? 'on' : 'partial';
}

export function NamespaceBadges({
  ingress,
  egress,
  total,
}: {
  ingress: number;
  egress: number;
  total: number;
}) {
  const title = (direction: string, count: number) =>
    total === 0
      ? `No workloads, nothing isolated for ${direction}`
      : `${count} of ${total} workloads isolated for ${direction}`;
  return (
    <span className="iso-badges">
      <Badge direction="ingress" state={namespaceState(ingress, total)} title={title('ingress', ingress)} />
      <Badge direction="egress" state={namespaceState(egress, total)} title={title('egress', egress)} />
    </span>
  );
}
