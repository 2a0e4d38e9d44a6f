import type { ViewModel } from '../../model/view-model';
import type { EdgeMenuItem } from '../EdgeMenu/EdgeMenu';
import { useAppStore } from '../../store';

export interface TierGesture {
  key: 'tier-deny' | 'tier-allow' | 'tier-delegate' | 'tier-baseline';
  label: string;
  /** The label where the namespace is already named (its inspector). */
  short?: string;
  /** What it writes, for a tooltip or a menu's second line. */
  description: string;
  run(): void;
}

/** The guardrails a namespace offers (its context menu and the inspector say the same). */
export function namespaceGuardrails(namespace: string): TierGesture[] {
  const { setEditDialog } = useAppStore.getState();
  return [
    {
      key: 'tier-deny',
      label: `Deny from ${namespace} to… for everyone`,
      short: 'Deny to a namespace for everyone…',
      description: 'An Admin ClusterNetworkPolicy: no NetworkPolicy can allow it again',
      run: () => setEditDialog({ kind: 'tier-deny', from: namespace }),
    },
    {
      key: 'tier-allow',
      label: `Always allow ${namespace} to reach every namespace…`,
      short: 'Always allow to every namespace…',
      description: 'An Admin Accept into every namespace, on every port or the ones you name',
      run: () => setEditDialog({ kind: 'tier-allow', namespace }),
    },
    {
      key: 'tier-delegate',
      label: `Delegate ${namespace} to its namespace owners (Pass)…`,
      short: 'Delegate to namespace owners (Pass)…',
      description: "An Admin Pass: later Admin policies stop deciding, the namespace's NetworkPolicies do",
      run: () => setEditDialog({ kind: 'tier-delegate', namespace }),
    },
    {
      key: 'tier-baseline',
      label: 'Baseline: deny between namespaces…',
      short: 'Baseline: deny between namespaces…',
      description: "A cluster default that each namespace's own NetworkPolicies can override",
      run: () => setEditDialog({ kind: 'tier-baseline' }),
    },
  ];
}

/** The guardrails for the flows from one namespace to another (an edge's context menu). */
export function pairGuardrails(from: string, to: string): TierGesture[] {
  const { setEditDialog } = useAppStore.getState();
  return [
    {
      key: 'tier-deny',
      label: `Deny ${from} → ${to} for everyone (Admin)…`,
      description: 'An Admin ClusterNetworkPolicy: no NetworkPolicy can allow it again',
      run: () => setEditDialog({ kind: 'tier-deny', from, to }),
    },
    {
      key: 'tier-delegate',
      label: `Let ${to}'s own policies decide ${from} → ${to} (Pass)…`,
      description: `An Admin Pass: later Admin policies stop deciding, ${to}'s NetworkPolicies do`,
      run: () => setEditDialog({ kind: 'tier-delegate', namespace: to, peer: from }),
    },
  ];
}

/** The namespaces at the two ends of a canvas edge, when they are two different namespaces. */
export function edgeNamespaces(
  model: ViewModel | null | undefined,
  edgeId: string,
): { from: string; to: string } | null {
  if (!model) return null;
  const edge = model.edges.find((candidate) => candidate.id === edgeId);
  let pair: { from?: string; to?: string } = {};
  if (edge) {
    const namespaceOf = (id: string) => model.endpoints.find((endpoint) => endpoint.id === id)?.namespace;
    pair = { from: namespaceOf(edge.from), to: namespaceOf(edge.to) };
  } else {
    // Counted flows between two namespace boxes (a big workspace).
    const aggregate = model.summary?.aggregates.find((candidate) => candidate.id === edgeId);
    if (aggregate?.source.startsWith('ns:') && aggregate.target.startsWith('ns:'))
      pair = { from: aggregate.from, to: aggregate.to };
  }
  return pair.from && pair.to && pair.from !== pair.to ? { from: pair.from, to: pair.to } : null;
}

/** Gestures as the items of a context menu, test ids `<prefix>-<key>`. */
export function asMenuItems(gestures: readonly TierGesture[], prefix: string): EdgeMenuItem[] {
  return gestures.map(({ key, label, run }) => ({ key, label, testId: `${prefix}-${key}`, run }));
}
