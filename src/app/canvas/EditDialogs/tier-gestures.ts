import { useAppStore } from '../../store';

export interface TierGesture {
  key: 'tier-deny' | 'tier-allow' | 'tier-delegate' | 'tier-baseline';
  label: string;
  /** The label where the namespace is already named (its inspector). */
  short: string;
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
