import { Menu, type MenuItem } from '../../chrome/Menu/Menu';
import type { PolicyView } from '../../model/view-model';
import { useAppStore, type AppState } from '../../store';
import { selectDisplayed } from '../../store/selectors';
import './EditToolbar.css';

const NO_POLICIES: PolicyView[] = [];
const selectPolicies = (s: AppState) => selectDisplayed(s)?.policies ?? NO_POLICIES;

function describe(policy: PolicyView): string {
  const rules = [
    policy.policyTypes.includes('Ingress') ? `${policy.ingressRules} ingress` : '',
    policy.policyTypes.includes('Egress') ? `${policy.egressRules} egress` : '',
  ]
    .filter(Boolean)
    .join(', ');
  return `${rules} rule(s) · selects ${policy.selectCount}`;
}

/** The canvas's editing entry points: add objects, allow egress to a CIDR, and open any policy in the rule editor. */
export function EditToolbar() {
  const policies = useAppStore(selectPolicies);
  const { setEditDialog, openPolicyEditor } = useAppStore.getState();
  const addItems: MenuItem[] = [
    {
      key: 'namespace',
      label: 'Namespace…',
      description: 'A Namespace with labels',
      onSelect: () => setEditDialog({ kind: 'add-namespace' }),
    },
    {
      key: 'workload',
      label: 'Workload…',
      description: 'A Deployment with labels and ports',
      onSelect: () => setEditDialog({ kind: 'add-workload' }),
    },
    {
      key: 'cidr',
      label: 'Egress to a CIDR…',
      description: 'Allow a workload to reach an address range (also: drag a handle onto empty canvas)',
      onSelect: () => setEditDialog({ kind: 'new-cidr' }),
    },
    {
      key: 'all-egress',
      label: 'Egress for every ingress rule…',
      description: 'Preview the egress policies that the sources of all ingress rules need',
      onSelect: () => setEditDialog({ kind: 'all-egress' }),
    },
    {
      key: 'tier-baseline',
      label: 'Baseline: deny between namespaces…',
      description: "A cluster default (ClusterNetworkPolicy) that each namespace's own policies can override",
      onSelect: () => setEditDialog({ kind: 'tier-baseline' }),
    },
  ];
  const policyItems: MenuItem[] = policies.length
    ? policies.map((policy) => ({
        key: policy.id,
        label: policy.id,
        description: describe(policy),
        onSelect: () => openPolicyEditor(policy.id),
      }))
    : [
        {
          key: 'none',
          label: 'No NetworkPolicy yet',
          description: 'Drag from a workload to another to allow a flow',
          onSelect: () => undefined,
          disabled: true,
        },
      ];
  return (
    <div className="edit-toolbar" role="group" aria-label="Edit">
      <Menu
        label="+ Add"
        ariaLabel="Add to the workspace"
        items={addItems}
        testId="canvas-add"
        className="edit-toolbar__menu"
      />
      <Menu
        label={`Policies${policies.length ? ` ${policies.length}` : ''}`}
        ariaLabel={`Policies${policies.length ? ` ${policies.length}` : ''}: open one in the rule editor`}
        items={policyItems}
        testId="policies-menu"
        className="edit-toolbar__menu edit-toolbar__policies"
      />
    </div>
  );
}
