import { describe, expect, it } from 'vitest';
import { allowed, verdictOf, withPolicies, workspaceOf } from '../../testing/workspace';

const policy = (name: string, spec: string, namespace = 'prod') => `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: ${name}, namespace: ${namespace}}
spec: ${spec}`;

describe('the worked examples of docs/netpol-semantics.md §6', () => {
  it('1: one peer with both selectors is AND; two peers are OR', () => {
    const and = withPolicies(
      policy(
        'p',
        '{podSelector: {matchLabels: {app: db}}, ingress: [{from: [{namespaceSelector: {matchLabels: {team: b}}, podSelector: {matchLabels: {app: web}}}]}]}',
      ),
    );
    expect(allowed(and, 'dev/web', 'prod/db', 5432)).toBe(true);
    expect(allowed(and, 'prod/web', 'prod/db', 5432)).toBe(false);
    const or = withPolicies(
      policy(
        'p',
        '{podSelector: {matchLabels: {app: db}}, ingress: [{from: [{namespaceSelector: {matchLabels: {team: b}}}, {podSelector: {matchLabels: {app: web}}}]}]}',
      ),
    );
    expect(allowed(or, 'prod/web', 'prod/db', 5432)).toBe(true);
    expect(allowed(or, 'dev/web', 'prod/db', 5432)).toBe(true);
  });

  it('2: every peer pairs with every port of a rule', () => {
    const ws = withPolicies(
      policy(
        'p',
        '{podSelector: {matchLabels: {app: db}}, ingress: [{from: [{podSelector: {matchLabels: {app: web}}}, {ipBlock: {cidr: 192.0.2.0/24}}], ports: [{port: 5432}, {port: 9187}]}]}',
      ),
    );
    expect(allowed(ws, 'prod/web', 'prod/db', 9187)).toBe(true);
    expect(allowed(ws, '192.0.2.7', 'prod/db', 5432)).toBe(true);
    expect(allowed(ws, '192.0.2.7', 'prod/db', 22)).toBe(false);
  });

  it('3: rules of a direction missing from explicit policyTypes are ignored', () => {
    const ws = withPolicies(
      policy(
        'p',
        '{podSelector: {}, policyTypes: [Ingress], ingress: [{}], egress: [{to: [{ipBlock: {cidr: 10.9.0.0/16}}]}]}',
      ),
    );
    expect(verdictOf(ws, 'prod/web', '8.8.8.8', 443)).toBe('allow-open');
  });

  it('4: `egress: []` without policyTypes isolates ingress, not egress', () => {
    const ws = withPolicies(policy('p', '{podSelector: {}, egress: []}'));
    expect(verdictOf(ws, 'dev/web', 'prod/db', 5432)).toBe('deny-ingress');
    expect(verdictOf(ws, 'prod/web', '8.8.8.8', 443)).toBe('allow-open');
  });

  it('5: an egress allow-list without DNS denies DNS', () => {
    const ws = withPolicies(
      policy(
        'p',
        '{podSelector: {matchLabels: {app: web}}, policyTypes: [Egress], egress: [{to: [{podSelector: {matchLabels: {app: db}}}], ports: [{port: 5432}]}]}',
      ),
    );
    expect(verdictOf(ws, 'prod/web', 'prod/db', 5432)).toBe('allow');
    expect(verdictOf(ws, 'prod/web', 'kube-system/coredns', '53/UDP')).toBe('deny-egress');
  });

  it('6: `egress: [{}]` in any applying policy opens everything', () => {
    const ws = withPolicies(
      policy(
        'a',
        '{podSelector: {}, policyTypes: [Egress], egress: [{to: [{ipBlock: {cidr: 10.9.0.0/16}}]}]}',
      ),
      policy('b', '{podSelector: {matchLabels: {app: web}}, policyTypes: [Egress], egress: [{}]}'),
    );
    expect(allowed(ws, 'prod/web', '8.8.8.8', '9999/SCTP')).toBe(true);
    expect(allowed(ws, 'prod/db', '8.8.8.8', 443)).toBe(false);
  });

  it('7: `namespaceSelector: {}` means all pods, not external addresses', () => {
    const ws = withPolicies(
      policy('p', '{podSelector: {matchLabels: {app: db}}, ingress: [{from: [{namespaceSelector: {}}]}]}'),
    );
    expect(allowed(ws, 'dev/web', 'prod/db', 5432)).toBe(true);
    expect(allowed(ws, '203.0.113.9', 'prod/db', 5432)).toBe(false);
    const open = withPolicies(policy('p', '{podSelector: {matchLabels: {app: db}}, ingress: [{}]}'));
    expect(allowed(open, '203.0.113.9', 'prod/db', 5432)).toBe(true);
  });

  it('8: a podSelector-only peer is namespace-local', () => {
    const ws = withPolicies(
      policy(
        'p',
        '{podSelector: {matchLabels: {app: db}}, ingress: [{from: [{podSelector: {matchLabels: {app: web}}}]}]}',
      ),
    );
    expect(allowed(ws, 'dev/web', 'prod/db', 5432)).toBe(false);
    expect(allowed(ws, 'prod/web', 'prod/db', 5432)).toBe(true);
  });

  it('9: NotIn matches namespaces without the key', () => {
    const ws = withPolicies(
      policy(
        'p',
        '{podSelector: {matchLabels: {app: web}}, policyTypes: [Egress], egress: [{to: [{namespaceSelector: {matchExpressions: [{key: env, operator: NotIn, values: [prod]}]}}]}]}',
      ),
      'apiVersion: v1\nkind: Pod\nmetadata: {name: x, namespace: scratch}\nspec: {containers: [{name: x, image: x}]}',
    );
    expect(allowed(ws, 'prod/web', 'scratch/x', 80)).toBe(true);
  });

  it('10: except carves out of one peer only', () => {
    const ws = withPolicies(
      policy(
        'p',
        '{podSelector: {matchLabels: {app: db}}, ingress: [{from: [{ipBlock: {cidr: 10.0.0.0/8, except: [10.2.0.0/16]}}, {namespaceSelector: {matchLabels: {team: b}}}]}]}',
      ),
    );
    expect(allowed(ws, 'dev/web', 'prod/db', 5432)).toBe(true);
    expect(allowed(ws, '10.2.0.99', 'prod/db', 5432)).toBe(false);
    expect(allowed(ws, '10.3.0.99', 'prod/db', 5432)).toBe(true);
  });

  it('11: named ports resolve on each destination pod, also in egress without `to`', () => {
    const pods = ['a', 'b'].map(
      (name, i) =>
        `apiVersion: v1\nkind: Pod\nmetadata: {name: ${name}, namespace: prod, labels: {app: ${name}}}\nspec: {containers: [{name: c, image: c, ports: [{name: http, containerPort: ${8080 + i * 1010}}]}]}`,
    );
    const ws = withPolicies(
      policy(
        'p',
        '{podSelector: {matchLabels: {app: web}}, policyTypes: [Egress], egress: [{ports: [{port: http}]}]}',
      ),
      ...pods,
    );
    expect(allowed(ws, 'prod/web', 'prod/a', 8080)).toBe(true);
    expect(allowed(ws, 'prod/web', 'prod/b', 8080)).toBe(false);
    expect(allowed(ws, 'prod/web', 'prod/b', 9090)).toBe(true);
    expect(allowed(ws, 'prod/web', '198.51.100.1', 8080)).toBe(false);
    const udp = withPolicies(
      policy(
        'p',
        '{podSelector: {matchLabels: {app: web}}, policyTypes: [Egress], egress: [{ports: [{protocol: UDP, port: http}]}]}',
      ),
      ...pods,
    );
    expect(allowed(udp, 'prod/web', 'prod/a', '8080/UDP')).toBe(false);
    expect(allowed(udp, 'prod/web', 'prod/a', 8080)).toBe(false);
  });

  it('12: ipBlock matches pod IPs, and except is undone by another policy', () => {
    const slash32 = withPolicies(
      policy(
        'p',
        '{podSelector: {matchLabels: {app: web}}, policyTypes: [Egress], egress: [{to: [{ipBlock: {cidr: 10.1.0.10/32}}]}]}',
      ),
    );
    expect(allowed(slash32, 'prod/web', 'prod/db', 5432)).toBe(true);
    const except = policy(
      'p',
      '{podSelector: {matchLabels: {app: web}}, policyTypes: [Egress], egress: [{to: [{ipBlock: {cidr: 10.1.0.0/24, except: [10.1.0.10/32]}}]}]}',
    );
    expect(allowed(withPolicies(except), 'prod/web', 'prod/db', 5432)).toBe(false);
    expect(allowed(withPolicies(except), 'prod/web', '10.1.0.77', 5432)).toBe(true);
    const again = withPolicies(
      except,
      policy(
        'q',
        '{podSelector: {matchLabels: {app: web}}, policyTypes: [Egress], egress: [{to: [{ipBlock: {cidr: 10.1.0.10/32}}]}]}',
      ),
    );
    expect(allowed(again, 'prod/web', 'prod/db', 5432)).toBe(true);
  });

  it('13: a port entry without protocol means TCP; SCTP never matches TCP', () => {
    const ws = withPolicies(policy('p', '{podSelector: {matchLabels: {app: db}}, ingress: [{ports: [{}]}]}'));
    expect(allowed(ws, 'prod/web', 'prod/db', 5432)).toBe(true);
    expect(allowed(ws, 'prod/web', 'prod/db', '5432/UDP')).toBe(false);
    const sctp = withPolicies(
      policy(
        'p',
        '{podSelector: {matchLabels: {app: db}}, ingress: [{ports: [{protocol: SCTP, port: 5432}]}]}',
      ),
    );
    expect(allowed(sctp, 'prod/web', 'prod/db', 5432)).toBe(false);
    expect(allowed(sctp, 'prod/web', 'prod/db', '5432/SCTP')).toBe(true);
  });

  it('14: both ends must allow', () => {
    const ws = withPolicies(
      policy(
        'e',
        '{podSelector: {matchLabels: {app: web}}, policyTypes: [Egress], egress: [{to: [{ipBlock: {cidr: 0.0.0.0/0}}], ports: [{port: 443}]}]}',
        'dev',
      ),
      policy('i', '{podSelector: {matchLabels: {app: db}}, ingress: [{}]}'),
    );
    expect(verdictOf(ws, 'dev/web', 'prod/db', 5432)).toBe('deny-egress');
    const reverse = withPolicies(
      policy(
        'i',
        '{podSelector: {matchLabels: {app: db}}, ingress: [{from: [{podSelector: {matchLabels: {app: web}}}]}]}',
      ),
    );
    expect(verdictOf(reverse, 'dev/web', 'prod/db', 5432)).toBe('deny-ingress');
  });

  it('15: an empty spec denies all ingress; loopback and the own node stay allowed', () => {
    const ws = withPolicies(
      'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: lock, namespace: prod}\nspec: {}',
    );
    expect(verdictOf(ws, 'dev/web', 'prod/web', 80)).toBe('deny-ingress');
    expect(verdictOf(ws, 'prod/web', 'prod/db', 5432)).toBe('deny-ingress');
    expect(verdictOf(ws, 'prod/web', 'prod/web', 80)).toBe('allow-open');
    expect(allowed(ws, '192.168.0.1', 'prod/db', 5432)).toBe(true);
    expect(allowed(ws, '192.168.0.2', 'prod/db', 5432)).toBe(false);
    expect(verdictOf(ws, 'prod/db', '8.8.8.8', 53)).toBe('allow-open');
  });
});

describe('rules beyond the worked examples', () => {
  it('a policy never selects pods of another namespace', () => {
    const ws = withPolicies(policy('p', '{podSelector: {}}', 'dev'));
    expect(allowed(ws, 'dev/web', 'prod/db', 5432)).toBe(true);
    expect(allowed(ws, 'prod/db', 'dev/web', 80)).toBe(false);
  });

  it('every namespace carries kubernetes.io/metadata.name, declared or not', () => {
    const ws = withPolicies(
      policy(
        'p',
        '{podSelector: {matchLabels: {app: db}}, ingress: [{from: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: scratch}}}]}]}',
      ),
      'apiVersion: v1\nkind: Pod\nmetadata: {name: x, namespace: scratch}\nspec: {containers: [{name: x, image: x}]}',
    );
    expect(allowed(ws, 'scratch/x', 'prod/db', 5432)).toBe(true);
    expect(allowed(ws, 'dev/web', 'prod/db', 5432)).toBe(false);
  });

  it('matchLabels with an empty value requires the key; Exists and DoesNotExist look at presence', () => {
    const pods = `apiVersion: v1\nkind: Pod\nmetadata: {name: blank, namespace: prod, labels: {tier: ""}}\nspec: {containers: [{name: x, image: x}]}`;
    const ws = withPolicies(
      policy(
        'p',
        '{podSelector: {matchLabels: {app: db}}, ingress: [{from: [{podSelector: {matchLabels: {tier: ""}}}]}]}',
      ),
      pods,
    );
    expect(allowed(ws, 'prod/blank', 'prod/db', 5432)).toBe(true);
    expect(allowed(ws, 'prod/web', 'prod/db', 5432)).toBe(false);
    const exists = withPolicies(
      policy(
        'p',
        '{podSelector: {matchLabels: {app: db}}, ingress: [{from: [{podSelector: {matchExpressions: [{key: tier, operator: Exists}]}}]}]}',
      ),
      pods,
    );
    expect(allowed(exists, 'prod/blank', 'prod/db', 5432)).toBe(true);
    const absent = withPolicies(
      policy(
        'p',
        '{podSelector: {matchLabels: {app: db}}, ingress: [{from: [{podSelector: {matchExpressions: [{key: tier, operator: DoesNotExist}]}}]}]}',
      ),
      pods,
    );
    expect(allowed(absent, 'prod/blank', 'prod/db', 5432)).toBe(false);
    expect(allowed(absent, 'prod/web', 'prod/db', 5432)).toBe(true);
  });

  it('endPort is an inclusive range', () => {
    const ws = withPolicies(
      policy(
        'p',
        '{podSelector: {matchLabels: {app: db}}, ingress: [{ports: [{port: 5000, endPort: 5432}]}]}',
      ),
    );
    expect(allowed(ws, 'prod/web', 'prod/db', 4999)).toBe(false);
    expect(allowed(ws, 'prod/web', 'prod/db', 5000)).toBe(true);
    expect(allowed(ws, 'prod/web', 'prod/db', 5432)).toBe(true);
    expect(allowed(ws, 'prod/web', 'prod/db', 5433)).toBe(false);
  });

  it('IPv4 blocks never match IPv6 addresses', () => {
    const ws = withPolicies(
      policy(
        'p',
        '{podSelector: {matchLabels: {app: web}}, policyTypes: [Egress], egress: [{to: [{ipBlock: {cidr: 0.0.0.0/0}}]}]}',
      ),
    );
    expect(allowed(ws, 'prod/web', '2001:db8::1', 443)).toBe(false);
    expect(allowed(ws, 'prod/web', '203.0.113.1', 443)).toBe(true);
  });

  it('a pod with no known IP matches no ipBlock', () => {
    const ws = workspaceOf(`
apiVersion: v1
kind: Pod
metadata: {name: a, namespace: default, labels: {app: a}}
spec: {containers: [{name: a, image: a}]}
---
apiVersion: v1
kind: Pod
metadata: {name: b, namespace: default, labels: {app: b}}
spec: {containers: [{name: b, image: b}]}
---
${policy('p', '{podSelector: {matchLabels: {app: b}}, ingress: [{from: [{ipBlock: {cidr: 0.0.0.0/0}}]}]}', 'default')}`);
    expect(allowed(ws, 'default/a', 'default/b', 80)).toBe(false);
  });

  it('an IP in a probe that belongs to a pod means that pod', () => {
    const ws = withPolicies(
      policy(
        'p',
        '{podSelector: {matchLabels: {app: db}}, ingress: [{from: [{podSelector: {matchLabels: {app: web}}}]}]}',
      ),
    );
    expect(allowed(ws, '10.1.0.11', 'prod/db', 5432)).toBe(true);
    expect(allowed(ws, '10.2.0.5', 'prod/db', 5432)).toBe(false);
  });

  it('hostNetwork pods are node traffic: never subjects, never selector peers', () => {
    const host = `apiVersion: v1\nkind: Pod\nmetadata: {name: agent, namespace: prod, labels: {app: web}}\nspec: {hostNetwork: true, containers: [{name: a, image: a}]}\nstatus: {podIP: 192.168.0.9, hostIP: 192.168.0.9}`;
    const ws = withPolicies(
      policy(
        'p',
        '{podSelector: {}, policyTypes: [Ingress, Egress], ingress: [{from: [{podSelector: {matchLabels: {app: web}}}]}]}',
      ),
      host,
    );
    expect(allowed(ws, 'prod/agent', 'prod/db', 5432)).toBe(false);
    expect(allowed(ws, 'prod/web', 'prod/db', 5432)).toBe(false); // web's egress is isolated with no rule
    expect(verdictOf(ws, 'dev/web', 'prod/agent', 80)).toBe('allow-open');
  });

  it('workloads are one endpoint; replicas reaching each other is governed, unlike loopback', () => {
    const ws = workspaceOf(`
apiVersion: apps/v1
kind: Deployment
metadata: {name: api, namespace: default}
spec:
  selector: {matchLabels: {app: api}}
  template:
    metadata: {labels: {app: api}}
    spec: {containers: [{name: api, image: api, ports: [{containerPort: 8080}]}]}
---
${policy('deny', '{podSelector: {}}', 'default')}`);
    expect(verdictOf(ws, 'default/api', 'default/api', 8080)).toBe('deny-ingress');
  });
});
