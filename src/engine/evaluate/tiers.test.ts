import { describe, expect, it } from 'vitest';
import { verdictOf, workspaceOf } from '../../testing/workspace';
import { explain, loadWorkspace } from '../workspace';
import { flowTierDecision, pairTierDecision } from './evaluate';
import { domainMatches, tieredSubjects } from './tiers';

/**
 * One test per rule of docs/tiered-policies.md §5 (and the choices of docs/engine.md), each with
 * the case where it fires and the case where it stays quiet. The cluster is §9's: namespaces shop
 * (team=web) and ops (team=infra); shop/front (app=front, http 8080/TCP), shop/db (app=db),
 * ops/mon (app=mon); a hostNetwork pod ops/agent on node n1 (labelled zone=a).
 */
const CLUSTER = `
apiVersion: v1
kind: Namespace
metadata: {name: shop, labels: {team: web}}
---
apiVersion: v1
kind: Namespace
metadata: {name: ops, labels: {team: infra}}
---
apiVersion: v1
kind: Node
metadata: {name: n1, labels: {zone: a}}
status: {addresses: [{type: InternalIP, address: 192.168.0.1}]}
---
apiVersion: v1
kind: Pod
metadata: {name: front, namespace: shop, labels: {app: front}}
spec: {containers: [{name: c, image: c, ports: [{name: http, containerPort: 8080}]}]}
status: {podIP: 10.0.0.1, hostIP: 192.168.0.1}
---
apiVersion: v1
kind: Pod
metadata: {name: db, namespace: shop, labels: {app: db}}
spec: {containers: [{name: c, image: c}]}
status: {podIP: 10.0.0.2, hostIP: 192.168.0.2}
---
apiVersion: v1
kind: Pod
metadata: {name: mon, namespace: ops, labels: {app: mon}}
spec: {containers: [{name: c, image: c}]}
status: {podIP: 10.0.1.1, hostIP: 192.168.0.2}
---
apiVersion: v1
kind: Pod
metadata: {name: agent, namespace: ops, labels: {app: agent}}
spec: {hostNetwork: true, containers: [{name: c, image: c}]}
status: {podIP: 192.168.0.1, hostIP: 192.168.0.1}
`;

const cnp = (name: string, tier: string, priority: number, body: string) => `
apiVersion: policy.networking.k8s.io/v1alpha2
kind: ClusterNetworkPolicy
metadata: {name: ${name}}
spec:
  tier: ${tier}
  priority: ${priority}
${body}`;

const isolate = (namespace: string, direction: 'Ingress' | 'Egress', rules = '') => `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: isolate-${direction.toLowerCase()}, namespace: ${namespace}}
spec: {podSelector: {}, policyTypes: [${direction}]${rules}}`;

const load = (...docs: string[]) => workspaceOf([CLUSTER, ...docs].join('\n---\n'));
const SHOP = '  subject: {namespaces: {matchLabels: {team: web}}}';
const fromOps = '[{namespaces: {matchLabels: {team: infra}}}]';
const toOps = fromOps;

describe('tiered policies, one side at a time (tiered-policies.md §5.3)', () => {
  it('Admin Deny refuses, and no NetworkPolicy can reopen it', () => {
    const deny = cnp('deny-ops', 'Admin', 10, `${SHOP}\n  ingress: [{action: Deny, from: ${fromOps}}]`);
    const reopen = isolate('shop', 'Ingress', ', ingress: [{}]');
    expect(verdictOf(load(deny, reopen), 'ops/mon', 'shop/db', 80)).toBe('deny-ingress');
    expect(verdictOf(load(reopen), 'ops/mon', 'shop/db', 80)).toBe('allow');
  });

  it('Admin Accept settles its side: a NetworkPolicy that isolates the subject cannot close it', () => {
    const accept = cnp('scrape', 'Admin', 10, `${SHOP}\n  ingress: [{action: Accept, from: ${fromOps}}]`);
    const closed = isolate('shop', 'Ingress');
    expect(verdictOf(load(accept, closed), 'ops/mon', 'shop/db', 80)).toBe('allow');
    expect(verdictOf(load(closed), 'ops/mon', 'shop/db', 80)).toBe('deny-ingress');
  });

  it('an egress Accept is half of the story: the destination still refuses (§9.2)', () => {
    const accept = cnp('to-ops', 'Admin', 10, `${SHOP}\n  egress: [{action: Accept, to: ${toOps}}]`);
    expect(verdictOf(load(accept, isolate('ops', 'Ingress')), 'shop/front', 'ops/mon', 80)).toBe(
      'deny-ingress',
    );
    expect(verdictOf(load(accept), 'shop/front', 'ops/mon', 80)).toBe('allow');
  });

  it('Pass skips the rest of the Admin tier, including later policies, and lets the NetworkPolicy decide', () => {
    const pass = cnp('delegate', 'Admin', 10, `${SHOP}\n  ingress: [{action: Pass, from: ${fromOps}}]`);
    const deny = cnp(
      'deny-all',
      'Admin',
      20,
      `${SHOP}\n  ingress: [{action: Deny, from: [{namespaces: {}}]}]`,
    );
    const ws = load(pass, deny, isolate('shop', 'Ingress', `, ingress: [{from: [{namespaceSelector: {}}]}]`));
    expect(verdictOf(ws, 'ops/mon', 'shop/db', 80)).toBe('allow');
    // Without the Pass, the later Deny decides.
    expect(verdictOf(load(deny), 'ops/mon', 'shop/db', 80)).toBe('deny-ingress');
  });

  it('Pass is not allow: the NetworkPolicy may still refuse (§9.1)', () => {
    const pass = cnp('delegate', 'Admin', 10, `${SHOP}\n  ingress: [{action: Pass, from: ${fromOps}}]`);
    expect(verdictOf(load(pass, isolate('shop', 'Ingress')), 'ops/mon', 'shop/db', 80)).toBe('deny-ingress');
    expect(verdictOf(load(pass), 'ops/mon', 'shop/db', 80)).toBe('allow');
  });

  it('inside a policy the first matching rule wins; across policies the lower priority number', () => {
    const rules = `${SHOP}\n  ingress: [{action: Accept, from: ${fromOps}}, {action: Deny, from: ${fromOps}}]`;
    expect(verdictOf(load(cnp('a', 'Admin', 10, rules)), 'ops/mon', 'shop/db', 80)).toBe('allow');
    const deny = cnp('deny', 'Admin', 5, `${SHOP}\n  ingress: [{action: Deny, from: ${fromOps}}]`);
    const accept = cnp('accept', 'Admin', 50, `${SHOP}\n  ingress: [{action: Accept, from: ${fromOps}}]`);
    expect(verdictOf(load(deny, accept), 'ops/mon', 'shop/db', 80)).toBe('deny-ingress');
    const later = cnp('deny', 'Admin', 60, `${SHOP}\n  ingress: [{action: Deny, from: ${fromOps}}]`);
    expect(verdictOf(load(later, accept), 'ops/mon', 'shop/db', 80)).toBe('allow');
  });

  it('a NetworkPolicy that isolates the pod keeps Baseline out; one that does not lets Baseline decide', () => {
    const baseline = cnp('base', 'Baseline', 1, `${SHOP}\n  ingress: [{action: Deny, from: ${fromOps}}]`);
    const allowOps = isolate('shop', 'Ingress', `, ingress: [{from: [{namespaceSelector: {}}]}]`);
    expect(verdictOf(load(baseline, allowOps), 'ops/mon', 'shop/db', 80)).toBe('allow');
    expect(verdictOf(load(baseline), 'ops/mon', 'shop/db', 80)).toBe('deny-ingress');
    // Isolated only for ingress: egress still reaches Baseline.
    const egressBaseline = cnp('base', 'Baseline', 1, `${SHOP}\n  egress: [{action: Deny, to: ${toOps}}]`);
    expect(verdictOf(load(egressBaseline, allowOps), 'shop/db', 'ops/mon', 80)).toBe('deny-egress');
  });

  it('Baseline Accept does not undo NetworkPolicy isolation', () => {
    const baseline = cnp('base', 'Baseline', 1, `${SHOP}\n  ingress: [{action: Accept, from: ${fromOps}}]`);
    expect(verdictOf(load(baseline, isolate('shop', 'Ingress')), 'ops/mon', 'shop/db', 80)).toBe(
      'deny-ingress',
    );
    expect(verdictOf(load(baseline), 'ops/mon', 'shop/db', 80)).toBe('allow');
  });

  it('Pass in the Baseline tier leads to the default allow', () => {
    const rules = `${SHOP}\n  ingress: [{action: Pass, from: ${fromOps}}, {action: Deny, from: ${fromOps}}]`;
    expect(verdictOf(load(cnp('base', 'Baseline', 1, rules)), 'ops/mon', 'shop/db', 80)).toBe('allow');
  });

  it('a subject is not isolated: traffic no rule matches flows on', () => {
    const onlyOps = cnp('a', 'Admin', 1, `${SHOP}\n  ingress: [{action: Deny, from: ${fromOps}}]`);
    expect(verdictOf(load(onlyOps), 'shop/front', 'shop/db', 80)).toBe('allow');
    expect(verdictOf(load(onlyOps), 'ops/mon', 'shop/db', 80)).toBe('deny-ingress');
  });

  it('every Admin policy comes before every NetworkPolicy and every Baseline one, whatever the numbers', () => {
    const admin = cnp('late-admin', 'Admin', 1000, `${SHOP}\n  ingress: [{action: Deny, from: ${fromOps}}]`);
    const baseline = cnp(
      'early-base',
      'Baseline',
      0,
      `${SHOP}\n  ingress: [{action: Accept, from: ${fromOps}}]`,
    );
    expect(verdictOf(load(admin, baseline), 'ops/mon', 'shop/db', 80)).toBe('deny-ingress');
  });
});

describe('tiered peers and ports (§5.2)', () => {
  it('subjects: namespaces or pods (namespaceSelector and podSelector together)', () => {
    const pods = cnp(
      'db-only',
      'Admin',
      1,
      '  subject: {pods: {namespaceSelector: {matchLabels: {team: web}}, podSelector: {matchLabels: {app: db}}}}\n' +
        `  ingress: [{action: Deny, from: ${fromOps}}]`,
    );
    expect(verdictOf(load(pods), 'ops/mon', 'shop/db', 80)).toBe('deny-ingress');
    expect(verdictOf(load(pods), 'ops/mon', 'shop/front', 80)).toBe('allow-open');
  });

  it('host-network pods are never subjects and never match namespaces/pods peers', () => {
    const all = cnp(
      'all',
      'Admin',
      1,
      '  subject: {namespaces: {}}\n  egress: [{action: Deny, to: [{namespaces: {}}]}]\n  ingress: [{action: Deny, from: [{namespaces: {}}]}]',
    );
    const ws = load(all);
    expect(verdictOf(ws, 'shop/db', 'ops/mon', 80)).toBe('deny-both');
    // Neither side's peers match a host-network pod, and it has no tier walk of its own.
    expect(verdictOf(ws, 'ops/agent', 'shop/db', 80)).toBe('allow');
    expect(verdictOf(ws, 'shop/db', 'ops/agent', 80)).toBe('allow');
  });

  it('networks match pod IPs too, and a Pass for pods ahead of them restores pod traffic (§9.3)', () => {
    const deny = `{action: Deny, to: [{networks: [0.0.0.0/0]}]}`;
    const pass = `{action: Pass, to: [{namespaces: {}}]}`;
    expect(
      verdictOf(load(cnp('out', 'Admin', 1, `${SHOP}\n  egress: [${deny}]`)), 'shop/front', 'shop/db', 80),
    ).toBe('deny-egress');
    const ws = load(cnp('out', 'Admin', 1, `${SHOP}\n  egress: [${pass}, ${deny}]`));
    expect(verdictOf(ws, 'shop/front', 'shop/db', 80)).toBe('allow');
    expect(verdictOf(ws, 'shop/front', '8.8.8.8', 80)).toBe('deny-egress');
    expect(verdictOf(ws, 'shop/front', 'ops/agent', 80)).toBe('deny-egress');
  });

  it('nodes peers match node addresses and host-network pods on matching nodes only', () => {
    const ws = load(
      cnp(
        'nodes',
        'Admin',
        1,
        `${SHOP}\n  egress: [{action: Deny, to: [{nodes: {matchLabels: {zone: a}}}]}]`,
      ),
    );
    expect(verdictOf(ws, 'shop/db', '192.168.0.1', 10250)).toBe('deny-egress');
    expect(verdictOf(ws, 'shop/db', 'ops/agent', 80)).toBe('deny-egress');
    expect(verdictOf(ws, 'shop/db', '192.168.0.2', 10250)).toBe('allow');
    expect(verdictOf(ws, 'shop/db', 'ops/mon', 80)).toBe('allow');
  });

  it('a node without a Node object has no labels: only a selector that asks for none matches it', () => {
    const any = cnp('nodes', 'Admin', 1, `${SHOP}\n  egress: [{action: Deny, to: [{nodes: {}}]}]`);
    expect(verdictOf(load(any), 'shop/db', '192.168.0.2', 10250)).toBe('deny-egress');
    const zoned = cnp(
      'nodes',
      'Admin',
      1,
      `${SHOP}\n  egress: [{action: Deny, to: [{nodes: {matchLabels: {zone: b}}}]}]`,
    );
    expect(verdictOf(load(zoned), 'shop/db', '192.168.0.2', 10250)).toBe('allow');
  });

  it('protocols: number, range (both ends included) and named port, resolved on the destination (§9.4)', () => {
    const rules = (protocols: string) =>
      load(
        cnp(
          'p',
          'Admin',
          1,
          `  subject: {namespaces: {}}\n  egress: [{action: Deny, to: [{namespaces: {}}], protocols: [${protocols}]}]`,
        ),
      );
    const range = rules('{tcp: {destinationPort: {range: {start: 80, end: 90}}}}');
    expect([79, 80, 90, 91].map((port) => verdictOf(range, 'shop/db', 'ops/mon', port))).toEqual([
      'allow',
      'deny-egress',
      'deny-egress',
      'allow',
    ]);
    const named = rules('{destinationNamedPort: http}');
    expect(verdictOf(named, 'shop/db', 'shop/front', 8080)).toBe('deny-egress');
    expect(verdictOf(named, 'shop/db', 'shop/front', '8080/UDP')).toBe('allow');
    expect(verdictOf(named, 'shop/front', 'shop/db', 8080)).toBe('allow');
    const udp = rules('{udp: {destinationPort: {number: 53}}}');
    expect(verdictOf(udp, 'shop/db', 'ops/mon', '53/UDP')).toBe('deny-egress');
    expect(verdictOf(udp, 'shop/db', 'ops/mon', 53)).toBe('allow');
  });

  it('v1alpha1 ports: portNumber and portRange default to TCP; namedPort resolves on the destination', () => {
    const anp = (ports: string) =>
      load(`
apiVersion: policy.networking.k8s.io/v1alpha1
kind: AdminNetworkPolicy
metadata: {name: a}
spec:
  priority: 1
  subject: {namespaces: {}}
  egress: [{action: Deny, to: [{namespaces: {}}], ports: [${ports}]}]`);
    expect(verdictOf(anp('{portNumber: {port: 80}}'), 'shop/db', 'ops/mon', 80)).toBe('deny-egress');
    expect(verdictOf(anp('{portNumber: {port: 80}}'), 'shop/db', 'ops/mon', '80/UDP')).toBe('allow');
    const range = anp('{portRange: {protocol: UDP, start: 50, end: 60}}');
    expect(verdictOf(range, 'shop/db', 'ops/mon', '60/UDP')).toBe('deny-egress');
    expect(verdictOf(range, 'shop/db', 'ops/mon', 60)).toBe('allow');
    expect(verdictOf(anp('{namedPort: http}'), 'shop/db', 'shop/front', 8080)).toBe('deny-egress');
  });

  it('v1alpha1 Allow is Accept; the BaselineAdminNetworkPolicy is the Baseline tier', () => {
    const ws = load(`
apiVersion: policy.networking.k8s.io/v1alpha1
kind: AdminNetworkPolicy
metadata: {name: a}
spec:
  priority: 1
  subject: {namespaces: {matchLabels: {team: web}}}
  ingress: [{action: Allow, from: [{pods: {namespaceSelector: {}, podSelector: {matchLabels: {app: mon}}}}]}]
---
apiVersion: policy.networking.k8s.io/v1alpha1
kind: BaselineAdminNetworkPolicy
metadata: {name: default}
spec:
  subject: {namespaces: {}}
  ingress: [{action: Deny, from: [{namespaces: {}}]}]`);
    expect(verdictOf(ws, 'ops/mon', 'shop/db', 80)).toBe('allow');
    expect(verdictOf(ws, 'shop/front', 'shop/db', 80)).toBe('deny-ingress');
  });

  it('domainNames match only probes that name a domain, * standing for one or more labels', () => {
    const ws = load(
      cnp(
        'api',
        'Admin',
        1,
        `${SHOP}\n  egress: [{action: Accept, to: [{domainNames: ['*.example.com']}]}, {action: Deny, to: [{networks: [0.0.0.0/0]}]}]`,
      ),
    );
    expect(verdictOf(ws, 'shop/db', 'api.example.com', 443)).toBe('allow');
    expect(verdictOf(ws, 'shop/db', '93.184.216.34', 443)).toBe('deny-egress');
    expect(domainMatches('*.example.com', 'a.b.example.com')).toBe(true);
    expect(domainMatches('*.example.com', 'example.com')).toBe(false);
    expect(domainMatches('api.example.com', 'API.example.com.')).toBe(true);
  });

  it('a peer of an unknown kind is rejected as the API server would, so the policy decides nothing', () => {
    for (const action of ['Deny', 'Accept']) {
      const ws = loadWorkspace([
        {
          name: 'test.yaml',
          text: `${CLUSTER}\n---\n${cnp('future', 'Admin', 1, `${SHOP}\n  ingress: [{action: ${action}, from: [{clusters: {}}]}]`)}`,
        },
      ]);
      expect(ws.diagnostics.some((d) => d.blocking && d.message.includes('"clusters"'))).toBe(true);
      expect(ws.cluster.tieredPolicies).toEqual([]);
      expect(verdictOf(ws, 'ops/mon', 'shop/db', 80)).toBe('allow-open');
    }
  });

  it('own-node ingress and loopback stay allowed whatever the tiers say', () => {
    const ws = load(
      cnp(
        'all',
        'Admin',
        1,
        '  subject: {namespaces: {}}\n  ingress: [{action: Deny, from: [{namespaces: {}}]}]',
      ),
    );
    expect(verdictOf(ws, 'ops/agent', 'shop/front', 80)).toBe('allow');
    const ownNode = explain(ws, 'ops/agent', 'shop/front', 80, 'TCP');
    if (!ownNode.ok) throw new Error(ownNode.message);
    expect(ownNode.flow.reason).toContain("traffic from shop/front's own node is always allowed");
    expect(ownNode.flow.reason).not.toContain('denied by');
    expect(verdictOf(ws, 'ops/mon', 'shop/front', 80)).toBe('deny-ingress');
    expect(verdictOf(ws, 'shop/db', 'shop/db', 80)).toBe('allow-open');
  });
});

describe('reading and explaining tiered policies', () => {
  it('explains the tier walk: every Pass on the way, then the deciding tier, policy, rule, priority and line', () => {
    const ws = load(
      cnp(
        'allow-monitoring',
        'Admin',
        20,
        `${SHOP}\n  ingress:\n  - {name: other, action: Deny, from: [{namespaces: {matchLabels: {team: nobody}}}]}\n  - {name: ops, action: Pass, from: ${fromOps}}`,
      ),
      isolate('shop', 'Ingress'),
    );
    const result = explain(ws, 'ops/mon', 'shop/db', 80, 'TCP');
    if (!result.ok) throw new Error(result.message);
    expect(result.flow.reason).toMatch(
      /^shop\/db ingress: passed by cnp\/allow-monitoring ingress rule 2 "ops" \(Admin, priority 20, line \d+\), then isolated by shop\/isolate-ingress; no ingress rule matches ops\/mon$/,
    );
    expect(result.flow.ingressTiers?.decidedBy).toBe('NetworkPolicy');
    expect(result.flow.egressTiers?.decidedBy).toBe('default');
  });

  it('keeps explanations of workspaces without tiered policies unchanged', () => {
    const result = explain(load(isolate('shop', 'Ingress')), 'ops/mon', 'shop/db', 80, 'TCP');
    if (!result.ok) throw new Error(result.message);
    expect(result.flow.reason).toBe(
      'shop/db is isolated for ingress by shop/isolate-ingress; no ingress rule matches ops/mon',
    );
    expect(result.flow.egressTiers).toBeUndefined();
    expect(result.pair.ingress.tiers).toBeUndefined();
  });

  it('reads the typed lists of all three kinds', () => {
    const ws = load(`
apiVersion: policy.networking.k8s.io/v1alpha2
kind: ClusterNetworkPolicyList
items:
- metadata: {name: a}
  spec: {tier: Admin, priority: 1, subject: {namespaces: {}}, ingress: [{action: Deny, from: ${fromOps}}]}
---
apiVersion: policy.networking.k8s.io/v1alpha1
kind: AdminNetworkPolicyList
items:
- metadata: {name: b}
  spec: {priority: 1, subject: {namespaces: {}}, egress: [{action: Deny, to: ${toOps}}]}`);
    expect(ws.cluster.tieredPolicies!.map((p) => p.id)).toEqual(['cnp/a', 'anp/b']);
    expect(ws.diagnostics.filter((d) => d.code === 'ignored-kind')).toEqual([]);
  });

  it('reports an object it cannot read and leaves it out, without breaking the rest', () => {
    const ws = loadWorkspace([
      {
        name: 'bad.yaml',
        text: `${CLUSTER}\n---\n${cnp('bad', 'Top', 1, `${SHOP}\n  ingress: [{action: Deny, from: ${fromOps}}]`)}\n---\n${cnp('broken', 'Admin', 1, '  subject: 12\n  ingress: [{action: Maybe, from: []}, 7]')}`,
      },
    ]);
    // The validator speaks first (as the API server would); the reader never sees these objects.
    const problems = ws.diagnostics.filter((d) => d.blocking);
    expect(problems.map((d) => d.path)).toEqual(
      expect.arrayContaining(['spec.tier', 'spec.subject', 'spec.ingress[0].action', 'spec.ingress[1]']),
    );
    expect(problems.every((d) => d.message.includes('is not evaluated'))).toBe(true);
    expect(ws.cluster.tieredPolicies).toEqual([]);
    expect(ws.cluster.endpoints).toHaveLength(4);
  });
});

describe('what the app shows of the tiers', () => {
  const tierOf = (ws: ReturnType<typeof load>, from: string, to: string) => {
    const result = explain(ws, from, to, 80, 'TCP');
    if (!result.ok) throw new Error(result.message);
    return { flow: flowTierDecision(result.flow), pair: pairTierDecision(result.pair) };
  };

  it('names the tier that settled a flow and its pair; a Pass that the NetworkPolicy settles names none', () => {
    const deny = cnp('deny-ops', 'Admin', 10, `${SHOP}\n  ingress: [{action: Deny, from: ${fromOps}}]`);
    const denied = tierOf(load(deny), 'ops/mon', 'shop/db');
    expect(denied.flow?.tier).toBe('Admin');
    expect(denied.flow?.steps.map((s) => s.policy.id)).toEqual(['cnp/deny-ops']);
    expect(denied.pair?.tier).toBe('Admin');
    const pass = cnp('delegate', 'Admin', 10, `${SHOP}\n  ingress: [{action: Pass, from: ${fromOps}}]`);
    const passed = tierOf(load(pass, isolate('shop', 'Ingress')), 'ops/mon', 'shop/db');
    expect(passed).toEqual({ flow: null, pair: null });
    const baseline = cnp('base', 'Baseline', 1, `${SHOP}\n  ingress: [{action: Deny, from: ${fromOps}}]`);
    expect(tierOf(load(baseline), 'ops/mon', 'shop/db').flow?.tier).toBe('Baseline');
    // The pod a NetworkPolicy isolates never reaches Baseline.
    expect(tierOf(load(baseline, isolate('shop', 'Ingress')), 'ops/mon', 'shop/db').flow).toBeNull();
  });

  it('on a denied pair, only the sides that refuse every port count', () => {
    const accept = cnp('to-ops', 'Admin', 10, `${SHOP}\n  egress: [{action: Accept, to: ${toOps}}]`);
    const denied = tierOf(load(accept, isolate('ops', 'Ingress')), 'shop/front', 'ops/mon');
    expect(denied).toEqual({ flow: null, pair: null });
  });

  it('lists subjects: namespaces taken whole, endpoints one by one, never host-network pods', () => {
    const pods = cnp('pods', 'Admin', 1, '  subject: {pods: {podSelector: {matchLabels: {app: db}}}}');
    const all = cnp('all', 'Baseline', 1, '  subject: {namespaces: {}}');
    expect(
      tieredSubjects(load(pods, all, cnp('shop', 'Admin', 2, SHOP)).cluster).map((s) => [
        s.policy.id,
        s.namespaces,
        s.endpoints,
      ]),
    ).toEqual([
      ['cnp/pods', [], ['shop/db']],
      ['cnp/shop', ['shop'], ['shop/db', 'shop/front']],
      ['cnp/all', ['ops', 'shop'], ['ops/mon', 'shop/db', 'shop/front']],
    ]);
  });
});
