import { describe, expect, it } from 'vitest';
import { applyOk, example, expectValid, load, touchedDocuments } from '../../testing/edit-workspace';
import { SEMANTICS_CLUSTER, verdictOf } from '../../testing/workspace';
import { applyIntent } from './apply-intent';

const SCENARIO_03 = example('03-frontend-backend-ingress.yaml');

describe('add-workload', () => {
  it('appends a Deployment that the engine reads as an endpoint with those labels and ports', () => {
    const applied = applyOk(SCENARIO_03, {
      kind: 'add-workload',
      namespace: 'default',
      name: 'cache',
      labels: { app: 'backend', tier: 'on' },
      ports: [
        { name: 'redis', containerPort: 6379 },
        { containerPort: 6379, protocol: 'UDP' },
      ],
    });
    expect(touchedDocuments(SCENARIO_03, applied.edits)).toEqual([]);
    expect(applied.after).toBe(`${SCENARIO_03}---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: cache
  namespace: default
  labels:
    app: backend
    tier: "on"
spec:
  selector:
    matchLabels:
      app: backend
      tier: "on"
  template:
    metadata:
      labels:
        app: backend
        tier: "on"
    spec:
      containers:
      - name: cache
        image: cache
        ports:
        - name: redis
          containerPort: 6379
        - containerPort: 6379
          protocol: UDP
`);
    expectValid(applied);
    const cache = applied.workspace.cluster.endpoints.find((endpoint) => endpoint.id === 'default/cache');
    expect(cache).toMatchObject({
      kind: 'Deployment',
      labels: { app: 'backend', tier: 'on' },
      ports: [
        { name: 'redis', port: 6379, protocol: 'TCP' },
        { port: 6379, protocol: 'UDP' },
      ],
    });
    expect(applied.summary).toBe(
      'Added Deployment default/cache (app=backend, tier=on). Ingress: isolated by default/backend-allow-ingress-frontend, default/backend-ingress-deny. Egress: not isolated.',
    );
    expect(verdictOf(applied.workspace, 'default/frontend', 'default/cache', 6379)).toBe('allow');
  });

  it('labels a workload app: <name> when given no labels, since a Deployment needs a selector', () => {
    const applied = applyOk(SCENARIO_03, {
      kind: 'add-workload',
      namespace: 'shop',
      name: 'web',
      labels: {},
      ports: [],
    });
    expect(
      applied.workspace.cluster.endpoints.find((endpoint) => endpoint.id === 'shop/web')?.labels,
    ).toEqual({ app: 'web' });
  });

  it('refuses a name that is taken and ports the API server rejects', () => {
    const ws = load(SCENARIO_03);
    expect(
      applyIntent(ws, { kind: 'add-workload', namespace: 'default', name: 'backend', labels: {}, ports: [] }),
    ).toEqual({
      ok: false,
      message: 'There is already a pod or workload named default/backend.',
    });
    const bad = applyIntent(ws, {
      kind: 'add-workload',
      namespace: 'default',
      name: 'x',
      labels: {},
      ports: [{ name: 'HTTP_port', containerPort: 70000 }],
    });
    expect(!bad.ok && bad.message).toMatch(
      /^The result would not be valid: Deployment default\/x: spec\.template\.spec\.containers\[0\]\.ports\[0\]/,
    );
  });
});

describe('add-namespace', () => {
  it('declares a namespace with labels, and says which flows its labels open', () => {
    const text = `${SEMANTICS_CLUSTER}
---
apiVersion: v1
kind: Pod
metadata: {name: job, namespace: batch, labels: {app: web}}
spec: {containers: [{name: job, image: job}]}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: db-from-team-b, namespace: prod}
spec:
  podSelector: {matchLabels: {app: db}}
  policyTypes: [Ingress]
  ingress: [{from: [{namespaceSelector: {matchLabels: {team: b}}}]}]
`;
    expect(verdictOf(load(text), 'batch/job', 'prod/db', 5432)).toBe('deny-ingress');
    const applied = applyOk(text, { kind: 'add-namespace', name: 'batch', labels: { team: 'b' } });
    expect(applied.after).toBe(
      `${text}---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: batch\n  labels:\n    team: b\n`,
    );
    expect(applied.summary).toBe('Added Namespace batch. Allows batch/job -> prod/db on TCP 5432.');
    expect(verdictOf(applied.workspace, 'batch/job', 'prod/db', 5432)).toBe('allow');
  });

  it('refuses a namespace that is declared, and a name label that is not its name', () => {
    expect(applyIntent(load(SEMANTICS_CLUSTER), { kind: 'add-namespace', name: 'prod', labels: {} })).toEqual(
      { ok: false, message: 'Namespace prod is already declared.' },
    );
    const wrong = applyIntent(load(SEMANTICS_CLUSTER), {
      kind: 'add-namespace',
      name: 'x',
      labels: { 'kubernetes.io/metadata.name': 'y' },
    });
    expect(!wrong.ok && wrong.message).toMatch(/is always the namespace's own name/);
    const bad = applyIntent(load(SEMANTICS_CLUSTER), { kind: 'add-namespace', name: 'Bad_Name', labels: {} });
    expect(!bad.ok && bad.message).toMatch(/metadata\.name: name "Bad_Name" is invalid/);
  });
});
