import { describe, expect, it } from 'vitest';
import {
  applyOk,
  documentTexts,
  example,
  expectDocumentsKept,
  expectValid,
  load,
  touchedDocuments,
} from '../../testing/edit-workspace';
import { verdictOf } from '../../testing/workspace';
import { loadWorkspace } from '../workspace';
import { applyIntent } from './apply-intent';

const SCENARIO_05 = example('05-backend-egress-to-dbs.yaml');
const NP_BACKEND = documentTexts(SCENARIO_05).findIndex((doc) => doc.includes('name: np-backend'));

const COMMENTED = `# Team policies
apiVersion: v1
kind: Namespace
metadata: {name: shop}
---
# Who may reach the API
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: api-ingress
  namespace: shop
spec:
  podSelector:
    matchLabels: {app: api}   # the API pods
  ingress:
  # the web tier
  - from:
    - podSelector: {matchLabels: {app: web}}
    ports:
    - port: 8080   # http
---
apiVersion: v1
kind: Pod
metadata: {name: api, namespace: shop, labels: {app: api}}
spec: {containers: [{name: api, image: api, ports: [{containerPort: 8080}, {containerPort: 9090}]}]}
---
apiVersion: v1
kind: Pod
metadata: {name: web, namespace: shop, labels: {app: web}}
spec: {containers: [{name: web, image: web}]}
`;

describe('update-policy', () => {
  it('replaces the spec in place, keeping comments of the parts that stay, and writes policyTypes out', () => {
    const spec = {
      podSelector: { matchLabels: { app: 'api' } },
      ingress: [
        { from: [{ podSelector: { matchLabels: { app: 'web' } } }], ports: [{ port: 8080 }, { port: 9090 }] },
      ],
    };
    const applied = applyOk(COMMENTED, { kind: 'update-policy', policyId: 'shop/api-ingress', spec });
    expect(touchedDocuments(COMMENTED, applied.edits)).toEqual([1]);
    expectDocumentsKept(COMMENTED, applied.after, [1]);
    expect(documentTexts(applied.after)[1]).toBe(`---
# Who may reach the API
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: api-ingress
  namespace: shop
spec:
  podSelector:
    matchLabels: {app: api}   # the API pods
  policyTypes:
  - Ingress
  ingress:
  # the web tier
  - from:
    - podSelector: {matchLabels: {app: web}}
    ports:
    - port: 8080   # http
    - port: 9090
`);
    expectValid(applied);
    expect(verdictOf(applied.workspace, 'shop/web', 'shop/api', 9090)).toBe('allow');
    expect(applied.summary).toBe(
      'Updated the spec of shop/api-ingress. Allows shop/web -> shop/api on TCP 9090.',
    );
  });

  it('refuses a spec the API server would reject, and says what is wrong', () => {
    const result = applyIntent(load(SCENARIO_05), {
      kind: 'update-policy',
      policyId: 'project-snake/np-backend',
      spec: { podSelector: {}, egress: [{ to: [{}] }] },
    });
    expect(result).toMatchObject({ ok: false });
    expect(!result.ok && result.message).toMatch(
      /^The result would not be valid: NetworkPolicy project-snake\/np-backend: spec\.egress\[0\]\.to\[0\]: must specify a peer/,
    );
  });
});

describe('rename-policy', () => {
  it('changes only the name', () => {
    const applied = applyOk(SCENARIO_05, {
      kind: 'rename-policy',
      policyId: 'project-snake/np-backend',
      name: 'backend-egress',
    });
    expect(applied.edits).toEqual([expect.objectContaining({ text: 'backend-egress' })]);
    expect(applied.after).toBe(SCENARIO_05.replace('name: np-backend', 'name: backend-egress'));
    expect(applied.touched).toEqual(['project-snake/np-backend', 'project-snake/backend-egress']);
    expect(applied.summary).toBe('Renamed project-snake/np-backend to project-snake/backend-egress.');
  });

  it('refuses a name that is taken or invalid', () => {
    const twice = `${SCENARIO_05}---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: other, namespace: project-snake}\n`;
    expect(
      applyIntent(load(twice), {
        kind: 'rename-policy',
        policyId: 'project-snake/other',
        name: 'np-backend',
      }),
    ).toEqual({
      ok: false,
      message: 'There is already a NetworkPolicy project-snake/np-backend.',
    });
    const bad = applyIntent(load(SCENARIO_05), {
      kind: 'rename-policy',
      policyId: 'project-snake/np-backend',
      name: 'Not_Valid',
    });
    expect(!bad.ok && bad.message).toMatch(/metadata\.name: name "Not_Valid" is invalid/);
  });
});

describe('delete-policy', () => {
  it('removes the document with its --- line and keeps the rest byte for byte', () => {
    const applied = applyOk(SCENARIO_05, { kind: 'delete-policy', policyId: 'project-snake/np-backend' });
    const documents = documentTexts(SCENARIO_05);
    expect(applied.after).toBe(documents.filter((_doc, i) => i !== NP_BACKEND).join(''));
    expect(verdictOf(applied.workspace, 'project-snake/backend-0', 'project-snake/vault-0', 3333)).toBe(
      'allow-open',
    );
    expect(applied.summary).toMatch(/^Deleted project-snake\/np-backend\. Allows /);
  });

  it('removes the first document but keeps the comments at the top of the file', () => {
    const applied = applyOk(
      COMMENTED.replace(
        'apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n---\n# Who',
        'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: first, namespace: shop}\n---\n# Who',
      ),
      {
        kind: 'delete-policy',
        policyId: 'shop/first',
      },
    );
    expect(applied.after.startsWith('# Team policies\n---\n# Who may reach the API\n')).toBe(true);
    expectValid(applied);
  });

  it('removes the last document cleanly', () => {
    const text = `${SCENARIO_05}---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: last, namespace: project-snake}\n`;
    expect(applyOk(text, { kind: 'delete-policy', policyId: 'project-snake/last' }).after).toBe(SCENARIO_05);
  });
});

describe('add-policy', () => {
  it('appends the policy in canonical form: explicit namespace and policyTypes, no empty parts', () => {
    const applied = applyOk(COMMENTED, {
      kind: 'add-policy',
      namespace: 'shop',
      name: 'web-egress',
      spec: {
        egress: [{ to: [{ podSelector: { matchLabels: { app: 'api' }, matchExpressions: [] } }], ports: [] }],
        podSelector: { matchLabels: { app: 'web' } },
        ingress: [],
      },
    });
    expect(applied.after).toBe(`${COMMENTED}---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: web-egress
  namespace: shop
spec:
  podSelector:
    matchLabels:
      app: web
  policyTypes:
  - Ingress
  - Egress
  egress:
  - to:
    - podSelector:
        matchLabels:
          app: api
`);
    expectValid(applied);
  });

  it('refuses a name that exists', () => {
    expect(
      applyIntent(load(COMMENTED), { kind: 'add-policy', namespace: 'shop', name: 'api-ingress', spec: {} }),
    ).toEqual({
      ok: false,
      message: 'There is already a NetworkPolicy shop/api-ingress.',
    });
  });
});

describe('add-policies', () => {
  it('adds every policy in one edit', () => {
    const applied = applyOk(COMMENTED, {
      kind: 'add-policies',
      policies: [
        { namespace: 'shop', name: 'web-a', spec: { podSelector: { matchLabels: { app: 'web' } } } },
        { namespace: 'shop', name: 'web-b', spec: { podSelector: { matchLabels: { app: 'web' } } } },
      ],
    });
    expect(applied.after.match(/name: web-[ab]/g)).toEqual(['name: web-a', 'name: web-b']);
  });

  it('refuses an empty list and a taken name', () => {
    expect(applyIntent(load(COMMENTED), { kind: 'add-policies', policies: [] })).toEqual({
      ok: false,
      message: 'There are no policies to add.',
    });
    expect(
      applyIntent(load(COMMENTED), {
        kind: 'add-policies',
        policies: [{ namespace: 'shop', name: 'api-ingress', spec: {} }],
      }),
    ).toEqual({ ok: false, message: 'There is already a NetworkPolicy shop/api-ingress.' });
  });
});

describe('policies inside a List', () => {
  it('edits the item inside the List document', () => {
    const text = `apiVersion: v1
kind: List
items:
- apiVersion: networking.k8s.io/v1
  kind: NetworkPolicy
  metadata: {name: a, namespace: team}
  spec: {podSelector: {}, policyTypes: [Ingress]}
- apiVersion: networking.k8s.io/v1
  kind: NetworkPolicy
  metadata: {name: b, namespace: team}
  spec: {podSelector: {}, policyTypes: [Egress]}
`;
    const applied = applyOk(text, { kind: 'rename-policy', policyId: 'team/b', name: 'c' });
    expect(applied.after).toBe(text.replace('{name: b,', '{name: c,'));
    const deleted = applyOk(text, { kind: 'delete-policy', policyId: 'team/a' });
    expect(deleted.after).toBe(
      text.replace(
        /- apiVersion: networking.k8s.io\/v1\n {2}kind: NetworkPolicy\n {2}metadata: \{name: a.*\n.*\n/,
        '',
      ),
    );
  });

  it('edits an item of a typed list that leaves out its kind, as the API returns them', () => {
    const text = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicyList
items:
- metadata: {name: a, namespace: team}
  spec: {podSelector: {}}
`;
    const applied = applyOk(text, {
      kind: 'update-policy',
      policyId: 'team/a',
      spec: { podSelector: {}, policyTypes: ['Egress'] },
    });
    expect(applied.after).toBe(
      text.replace('spec: {podSelector: {}}', 'spec: {podSelector: {}, policyTypes: [Egress]}'),
    );
    expectValid(applied);
  });

  it('edits a List as kubectl prints it, creationTimestamps and all', () => {
    const text = `apiVersion: v1
kind: List
items:
- apiVersion: networking.k8s.io/v1
  kind: NetworkPolicy
  metadata:
    creationTimestamp: "2024-05-01T10:00:00Z"
    name: a
    namespace: team
  spec: {podSelector: {}, policyTypes: [Ingress]}
- apiVersion: v1
  kind: Pod
  metadata:
    creationTimestamp: 2024-05-01T10:00:00Z
    name: web
    namespace: team
`;
    const applied = applyOk(text, { kind: 'rename-policy', policyId: 'team/a', name: 'c' });
    expect(applied.after).toBe(text.replace('name: a', 'name: c'));
  });
});

describe('several files', () => {
  it('appends a new policy to the file that holds its workload and leaves the other file alone', () => {
    const files = [
      { name: 'namespaces.yaml', text: 'apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n' },
      { name: 'apps.yaml', text: COMMENTED.slice(COMMENTED.indexOf('apiVersion: v1\nkind: Pod')) },
    ];
    const result = applyIntent(loadWorkspace(files), {
      kind: 'allow-flow',
      from: 'shop/api',
      to: 'shop/web',
      ports: [],
      peerWidth: 'workload',
      isolate: ['Ingress'],
    });
    expect(result.ok && result.edits.map((edit) => [edit.file, edit.start])).toEqual([
      ['apps.yaml', files[1]!.text.length],
    ]);
  });
});

describe('isolate-endpoint', () => {
  const PODS = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web, pod-template-hash: 5d8f7c, controller-revision-hash: abc}}
    spec: {containers: [{name: web, image: nginx}]}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: web-ingress, namespace: shop}
spec: {podSelector: {matchLabels: {app: other}}, policyTypes: [Ingress]}
---
apiVersion: v1
kind: Pod
metadata: {name: bare, namespace: shop}
spec: {containers: [{name: bare, image: busybox}]}
`;

  it('selects the workload by its labels without the controller hashes, under a free name', () => {
    const applied = applyOk(PODS, { kind: 'isolate-endpoint', endpoint: 'shop/web', direction: 'Ingress' });
    expect(touchedDocuments(applied.before, applied.edits)).toEqual([]);
    const policy = load(applied.after).cluster.policies.find((p) => p.id === 'shop/web-ingress-2')!;
    expect(policy.podSelector.matchLabels).toEqual({ app: 'web' });
    expect(policy.policyTypes).toEqual(['Ingress']);
    expect(policy.ingress).toEqual([]);
    expect(verdictOf(load(applied.after), 'shop/bare', 'shop/web', 80)).toBe('deny-ingress');
  });

  it('refuses an endpoint without labels, which no policy can select alone', () => {
    const result = applyIntent(load(PODS), {
      kind: 'isolate-endpoint',
      endpoint: 'shop/bare',
      direction: 'Egress',
    });
    expect(result).toEqual({ ok: false, message: expect.stringContaining('shop/bare has no labels') });
  });
});
