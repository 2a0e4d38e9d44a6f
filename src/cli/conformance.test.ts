import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments, stringify } from 'yaml';
import { run } from './run';

/**
 * The conformance tests of kubernetes-sigs/network-policy-api, transcribed: the same cluster
 * (fixtures/conformance/base.yaml, with the Node objects the node-peer tests select), the same policies (fixtures/conformance/v1alpha2 from main,
 * fixtures/conformance/v1alpha1 from v0.1.7), the same edits between subtests (they accumulate, as
 * in the cluster the suite patches) and every connection the suite pokes, with its expectation.
 * Each step runs `netpol-canvas test` on the files. The upstream expectations of these tests are
 * the same in both versions, so one list of steps serves both.
 */
const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures', 'conformance');

type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

interface Poke {
  from: string;
  to: string;
  port: number;
  protocol?: 'TCP' | 'UDP' | 'SCTP';
  expect: 'allow' | 'deny';
}

interface Step {
  title: string;
  /** Only in this version's suite (main added subtests that v0.1.7 does not have). */
  version?: 'v1alpha2' | 'v1alpha1';
  edit?: (docs: Doc[]) => Doc[];
  pokes: Poke[];
}

const house = {
  harry: 'network-policy-conformance-gryffindor/harry-potter',
  draco: 'network-policy-conformance-slytherin/draco-malfoy',
  cedric: 'network-policy-conformance-hufflepuff/cedric-diggory',
  luna: 'network-policy-conformance-ravenclaw/luna-lovegood',
};
const pod = (who: keyof typeof house, n: 0 | 1) => `${house[who]}-${n}`;

const named = (docs: Doc[], name: string) => docs.find((doc) => doc.metadata.name === name)!;

function swapEgress(name: string, a: number, b: number) {
  return (docs: Doc[]) => {
    const rules = named(docs, name).spec.egress;
    [rules[a], rules[b]] = [rules[b], rules[a]];
    return docs;
  };
}

const poke = (from: string, to: string, port: number, expect: 'allow' | 'deny'): Poke => ({
  from,
  to,
  port,
  expect,
});

/** conformance/tests/admin-network-policy-standard-egress-tcp-rules.go */
const EGRESS_TCP: Step[] = [
  {
    title: 'allow-egress for TCP; rule ordering is respected',
    pokes: [
      poke(pod('harry', 0), pod('luna', 0), 80, 'allow'),
      poke(pod('harry', 1), pod('luna', 0), 8080, 'allow'),
    ],
  },
  {
    title: 'allow-egress for TCP at the specified port',
    pokes: [
      poke(pod('harry', 0), pod('cedric', 1), 8080, 'allow'),
      poke(pod('harry', 1), pod('cedric', 1), 80, 'deny'),
    ],
  },
  {
    title: 'deny-egress for TCP; rule ordering is respected (rules 0 and 1 swapped)',
    edit: swapEgress('egress-tcp', 0, 1),
    pokes: [
      poke(pod('harry', 0), pod('luna', 1), 80, 'deny'),
      poke(pod('harry', 1), pod('luna', 1), 8080, 'deny'),
    ],
  },
  {
    title: 'deny-egress for TCP at the specified port',
    pokes: [
      poke(pod('harry', 0), pod('draco', 0), 80, 'deny'),
      poke(pod('harry', 1), pod('draco', 0), 8080, 'allow'),
    ],
  },
  {
    title: 'pass-egress for TCP; rule ordering is respected (rules 0 and 2 swapped)',
    edit: swapEgress('egress-tcp', 0, 2),
    pokes: [
      poke(pod('harry', 0), pod('luna', 0), 80, 'allow'),
      poke(pod('harry', 1), pod('luna', 0), 8080, 'allow'),
    ],
  },
  {
    title: 'pass-egress for TCP at the specified port (rules 3 and 4 swapped)',
    edit: swapEgress('egress-tcp', 3, 4),
    pokes: [
      poke(pod('harry', 0), pod('draco', 0), 80, 'allow'),
      poke(pod('harry', 1), pod('draco', 0), 8080, 'allow'),
    ],
  },
];

/** conformance/tests/admin-network-policy-standard-integration.go */
const INTEGRATION: Step[] = [
  {
    title: 'deny from slytherin to gryffindor by the Admin policy',
    pokes: [
      poke(pod('draco', 0), pod('harry', 0), 80, 'deny'),
      poke(pod('draco', 1), pod('harry', 0), 8080, 'deny'),
    ],
  },
  {
    title: 'deny to slytherin from gryffindor by the Admin policy',
    pokes: [
      poke(pod('harry', 0), pod('draco', 0), 80, 'deny'),
      poke(pod('harry', 1), pod('draco', 0), 8080, 'deny'),
    ],
  },
  {
    title: 'pass-ingress hands over to the NetworkPolicy, which allows',
    edit: (docs) => {
      named(docs, 'pass-example').spec.ingress[0].action = 'Pass';
      return docs;
    },
    pokes: [
      poke(pod('draco', 0), pod('harry', 0), 80, 'allow'),
      poke(pod('draco', 1), pod('harry', 0), 8080, 'allow'),
    ],
  },
  {
    title: 'pass-egress hands over to the NetworkPolicy, which allows',
    edit: (docs) => {
      named(docs, 'pass-example').spec.egress[0].action = 'Pass';
      return docs;
    },
    pokes: [
      poke(pod('harry', 0), pod('draco', 0), 80, 'allow'),
      poke(pod('harry', 1), pod('draco', 0), 8080, 'allow'),
    ],
  },
  {
    title: 'pass-ingress, NetworkPolicy deleted: the Baseline policy denies',
    edit: (docs) => docs.filter((doc) => doc.kind !== 'NetworkPolicy'),
    pokes: [
      poke(pod('draco', 0), pod('harry', 0), 80, 'deny'),
      poke(pod('draco', 1), pod('harry', 0), 8080, 'deny'),
    ],
  },
  {
    title: 'pass-egress, NetworkPolicy deleted: the Baseline policy denies',
    pokes: [
      poke(pod('harry', 0), pod('draco', 0), 80, 'deny'),
      poke(pod('harry', 1), pod('draco', 0), 8080, 'deny'),
    ],
  },
];

/** conformance/tests/admin-network-policy-standard-priority.go */
const PRIORITY: Step[] = [
  {
    title: 'deny from slytherin to gryffindor by the priority-50 policy',
    pokes: [
      poke(pod('draco', 0), pod('harry', 0), 80, 'deny'),
      poke(pod('draco', 1), pod('harry', 0), 8080, 'deny'),
    ],
  },
  {
    title: 'deny to slytherin from gryffindor by the priority-50 policy',
    pokes: [
      poke(pod('harry', 0), pod('draco', 0), 80, 'deny'),
      poke(pod('harry', 1), pod('draco', 0), 8080, 'deny'),
    ],
  },
  {
    title: 'priority 60 -> 40: its Pass comes first and the Baseline policy allows both ways',
    edit: (docs) => {
      named(docs, 'old-priority-60-new-priority-40-example').spec.priority = 40;
      return docs;
    },
    pokes: [
      poke(pod('draco', 0), pod('harry', 0), 80, 'allow'),
      poke(pod('draco', 1), pod('harry', 0), 8080, 'allow'),
      poke(pod('harry', 0), pod('draco', 0), 80, 'allow'),
      poke(pod('harry', 1), pod('draco', 0), 8080, 'allow'),
    ],
  },
];

/** A poke from pod `a`-`i` to pod `b`-`j` on `protocol`/`port`. */
const gress = (
  a: keyof typeof house,
  i: 0 | 1,
  b: keyof typeof house,
  j: 0 | 1,
  protocol: 'TCP' | 'UDP' | 'SCTP',
  port: number,
  expect: 'allow' | 'deny',
): Poke => ({ from: pod(a, i), to: pod(b, j), port, protocol, expect });

function swapBoth(name: string, a: number, b: number) {
  return (docs: Doc[]) => {
    for (const direction of ['egress', 'ingress']) {
      const rules = named(docs, name).spec[direction];
      [rules[a], rules[b]] = [rules[b], rules[a]];
    }
    return docs;
  };
}

/** The first four subtests of both gress-rules tests (Admin and Baseline tier). */
const gressSteps = (name: string): Step[] => [
  {
    title: 'allow-gress across protocols',
    pokes: [
      gress('harry', 0, 'luna', 0, 'TCP', 80, 'allow'),
      gress('harry', 1, 'luna', 0, 'UDP', 53, 'allow'),
      gress('harry', 0, 'luna', 0, 'SCTP', 9003, 'allow'),
      gress('luna', 0, 'harry', 0, 'TCP', 80, 'allow'),
      gress('luna', 1, 'harry', 0, 'UDP', 53, 'allow'),
      gress('luna', 1, 'harry', 0, 'SCTP', 9003, 'allow'),
    ],
  },
  {
    title: 'allow-gress across protocols at the specified ports',
    pokes: [
      gress('harry', 0, 'cedric', 1, 'TCP', 8080, 'allow'),
      gress('harry', 1, 'cedric', 1, 'TCP', 80, 'deny'),
      gress('harry', 0, 'cedric', 1, 'UDP', 5353, 'allow'),
      gress('harry', 1, 'cedric', 1, 'UDP', 53, 'deny'),
      gress('harry', 0, 'cedric', 1, 'SCTP', 9003, 'allow'),
      gress('harry', 1, 'cedric', 1, 'SCTP', 9005, 'deny'),
      gress('cedric', 0, 'harry', 1, 'TCP', 80, 'allow'),
      gress('cedric', 1, 'harry', 1, 'TCP', 8080, 'deny'),
      gress('cedric', 0, 'harry', 1, 'UDP', 5353, 'allow'),
      gress('cedric', 1, 'harry', 1, 'UDP', 53, 'deny'),
      gress('cedric', 0, 'harry', 1, 'SCTP', 9003, 'allow'),
      gress('cedric', 1, 'harry', 1, 'SCTP', 9005, 'deny'),
    ],
  },
  {
    title: 'deny-gress across protocols (rules 0 and 1 swapped both ways)',
    edit: swapBoth(name, 0, 1),
    pokes: [
      gress('harry', 0, 'luna', 1, 'TCP', 80, 'deny'),
      gress('harry', 1, 'luna', 1, 'UDP', 53, 'deny'),
      gress('harry', 0, 'luna', 1, 'SCTP', 9003, 'deny'),
      gress('luna', 0, 'harry', 1, 'TCP', 80, 'deny'),
      gress('luna', 1, 'harry', 1, 'UDP', 53, 'deny'),
      gress('luna', 1, 'harry', 1, 'SCTP', 9003, 'deny'),
    ],
  },
  {
    title: 'deny-gress across protocols at the specified ports',
    pokes: [
      gress('harry', 0, 'draco', 0, 'TCP', 80, 'deny'),
      gress('harry', 1, 'draco', 0, 'TCP', 8080, 'allow'),
      gress('harry', 0, 'draco', 0, 'UDP', 53, 'deny'),
      gress('harry', 1, 'draco', 0, 'UDP', 5353, 'allow'),
      gress('harry', 0, 'draco', 0, 'SCTP', 9003, 'deny'),
      gress('harry', 1, 'draco', 0, 'SCTP', 9005, 'allow'),
      gress('draco', 0, 'harry', 0, 'TCP', 80, 'deny'),
      gress('draco', 1, 'harry', 0, 'TCP', 8080, 'allow'),
      gress('draco', 0, 'harry', 0, 'UDP', 53, 'deny'),
      gress('draco', 1, 'harry', 0, 'UDP', 5353, 'allow'),
      gress('draco', 0, 'harry', 0, 'SCTP', 9003, 'deny'),
      gress('draco', 1, 'harry', 0, 'SCTP', 9005, 'allow'),
    ],
  },
];

/** conformance/tests/admin-network-policy-standard-gress-rules.go */
const ADMIN_GRESS: Step[] = [
  ...gressSteps('gress-rules'),
  {
    title: 'pass-gress across protocols (rules 0 and 2 swapped both ways)',
    edit: swapBoth('gress-rules', 0, 2),
    pokes: [
      gress('harry', 0, 'luna', 0, 'TCP', 80, 'allow'),
      gress('harry', 0, 'luna', 0, 'UDP', 5353, 'allow'),
      gress('harry', 0, 'luna', 0, 'SCTP', 9003, 'allow'),
      gress('luna', 0, 'harry', 0, 'TCP', 80, 'allow'),
      gress('luna', 1, 'harry', 0, 'UDP', 53, 'allow'),
      gress('luna', 1, 'harry', 0, 'SCTP', 9003, 'allow'),
    ],
  },
  {
    title: 'pass-gress across protocols at the specified ports (rules 3 and 4 swapped both ways)',
    edit: swapBoth('gress-rules', 3, 4),
    pokes: (
      [
        ['TCP', 80, 0],
        ['TCP', 8080, 1],
        ['UDP', 53, 0],
        ['UDP', 5353, 1],
        ['SCTP', 9003, 0],
        ['SCTP', 9005, 1],
      ] as const
    ).flatMap(([protocol, port, n]) => [
      gress('harry', n, 'draco', 0, protocol, port, 'allow'),
      gress('draco', n, 'harry', 0, protocol, port, 'allow'),
    ]),
  },
];

/** conformance/tests/baseline-admin-network-policy-standard-gress-rules.go */
const BASELINE_GRESS = gressSteps('default');

const BASE: Doc[] = parseAllDocuments(readFileSync(join(FIXTURES, 'base.yaml'), 'utf8')).map(
  (doc) => doc.toJS() as Doc,
);
const podIp = (ref: string) =>
  BASE.find((doc) => doc.kind === 'Pod' && `${doc.metadata.namespace}/${doc.metadata.name}` === ref)!.status
    .podIP as string;

function relabel(namespace: string, house: string) {
  return (docs: Doc[]) => {
    const found = docs.find((doc) => doc.kind === 'Namespace' && doc.metadata.name === namespace)!;
    found.metadata.labels = { 'conformance-house': house };
    return docs;
  };
}

const everyProtocol = (from: string, to: string, expect: 'allow' | 'deny'): Poke[] =>
  (
    [
      ['TCP', 80],
      ['UDP', 53],
      ['SCTP', 9003],
    ] as const
  ).map(([protocol, port]) => ({ from, to, port, protocol, expect }));

/**
 * conformance/tests/admin-network-policy-standard-egress-inline-cidr-rules.go and its Baseline twin
 * (baseline-admin-network-policy-standard-egress-inline-cidr-rules.go): the same steps on policy `name`.
 */
const inlineCidrSteps = (name: string): Step[] => [
  {
    title:
      'deny-egress to networks 0.0.0.0/0 and ::/0 cuts pod traffic; the Accept before it keeps slytherin',
    pokes: [
      ...everyProtocol(pod('harry', 1), pod('luna', 0), 'deny'),
      ...everyProtocol(pod('harry', 1), pod('cedric', 0), 'deny'),
      ...everyProtocol(pod('harry', 1), pod('draco', 0), 'allow'),
    ],
  },
  {
    title: 'relabelled, slytherin is no longer accepted and the networks Deny applies',
    version: 'v1alpha2',
    edit: relabel('network-policy-conformance-slytherin', 'denied-namespace-label'),
    pokes: everyProtocol(pod('harry', 1), pod('draco', 0), 'deny'),
  },
  {
    title: 'labelled back, slytherin is accepted again',
    version: 'v1alpha2',
    edit: relabel('network-policy-conformance-slytherin', 'slytherin'),
    pokes: everyProtocol(pod('harry', 1), pod('draco', 0), 'allow'),
  },
  {
    title: 'an Accept of two pod IPs /32 put first opens exactly those pods',
    edit: (docs) => {
      const policy = named(docs, name);
      const action = policy.kind === 'ClusterNetworkPolicy' ? 'Accept' : 'Allow';
      const networks = [pod('luna', 0), pod('cedric', 0)].map((ref) => `${podIp(ref)}/32`);
      policy.spec.egress.unshift({ name: 'allow-egress-to-specific-podIPs', action, to: [{ networks }] });
      return docs;
    },
    pokes: [
      ...everyProtocol(pod('harry', 1), pod('luna', 0), 'allow'),
      ...everyProtocol(pod('harry', 1), pod('cedric', 0), 'allow'),
      ...everyProtocol(pod('harry', 1), pod('luna', 1), 'deny'),
      ...everyProtocol(pod('harry', 1), pod('cedric', 1), 'deny'),
    ],
  },
];

/**
 * The named-port tests of the experimental suites: rule `index` of `policy` (in `direction`) gets
 * the named port `port` instead of its ports (v1alpha1 `ports: [{namedPort}]`, v1alpha2
 * `protocols: [{destinationNamedPort}]`), on a fresh copy of another test's fixture.
 */
function namedPortStep(
  title: string,
  policy: string,
  direction: 'ingress' | 'egress',
  index: number,
  port: string,
  pokes: Poke[],
): Step {
  return {
    title,
    edit: (docs) => {
      const found = named(docs, policy);
      const rule = found.spec[direction][index];
      if (found.kind === 'ClusterNetworkPolicy') rule.protocols = [{ destinationNamedPort: port }];
      else rule.ports = [{ namedPort: port }];
      return docs;
    },
    pokes,
  };
}

const udp = (from: string, to: string, port: number, expect: 'allow' | 'deny'): Poke => ({
  from,
  to,
  port,
  protocol: 'UDP',
  expect,
});

/** conformance/tests/admin-network-policy-experimental-egress-rules.go: the named-port test, on egress-tcp. */
const EGRESS_NAMED_PORT = [
  namedPortStep("allow-egress for the named port 'web'", 'egress-tcp', 'egress', 5, 'web', [
    poke(pod('harry', 0), pod('cedric', 1), 80, 'allow'),
    poke(pod('harry', 1), pod('cedric', 1), 8080, 'deny'),
  ]),
];

/** conformance/tests/admin-network-policy-experimental-ingress-rules.go, on ingress-udp. */
const INGRESS_NAMED_PORT = [
  namedPortStep("allow-ingress for the named port 'dns'", 'ingress-udp', 'ingress', 5, 'dns', [
    udp(pod('harry', 0), pod('cedric', 1), 53, 'allow'),
    udp(pod('harry', 1), pod('cedric', 1), 5353, 'deny'),
  ]),
];

/** conformance/tests/baseline-admin-network-policy-experimental-egress-rules.go: the named-port test, on baseline-egress-udp. */
const BASELINE_EGRESS_NAMED_PORT = [
  namedPortStep("allow-egress for the named port 'dns'", 'default', 'egress', 3, 'dns', [
    udp(pod('cedric', 0), pod('harry', 1), 53, 'allow'),
    udp(pod('cedric', 1), pod('harry', 1), 5353, 'deny'),
  ]),
];

/** conformance/tests/baseline-admin-network-policy-experimental-ingress-rules.go, on baseline-ingress-tcp. */
const BASELINE_INGRESS_NAMED_PORT = [
  namedPortStep("allow-ingress for the named port 'web'", 'default', 'ingress', 3, 'web', [
    poke(pod('cedric', 0), pod('harry', 1), 80, 'allow'),
    poke(pod('cedric', 1), pod('harry', 1), 8080, 'deny'),
  ]),
];

/** The same file's node-peers test: the server is the host-network pod centaur-1, poked at its (node) IP. */
const CENTAUR = podIp('network-policy-conformance-forbidden-forrest/centaur-1');
const EGRESS_NODE_PEERS: Step[] = [
  {
    title: 'allow-egress to a node peer',
    version: 'v1alpha2',
    pokes: [{ from: pod('harry', 1), to: CENTAUR, port: 36363, protocol: 'TCP', expect: 'allow' }],
  },
  {
    title: 'allow-egress to a node peer',
    version: 'v1alpha1',
    pokes: [{ from: pod('harry', 0), to: CENTAUR, port: 36363, protocol: 'TCP', expect: 'allow' }],
  },
  {
    title: 'pass-egress to a node peer',
    pokes: [{ from: pod('harry', 1), to: CENTAUR, port: 34345, protocol: 'UDP', expect: 'allow' }],
  },
  {
    title: 'deny-egress to a node peer',
    pokes: [
      { from: pod('harry', 1), to: CENTAUR, port: 36364, protocol: 'TCP', expect: 'deny' },
      { from: pod('harry', 1), to: CENTAUR, port: 34346, protocol: 'UDP', expect: 'deny' },
      { from: pod('harry', 1), to: CENTAUR, port: 9003, protocol: 'SCTP', expect: 'deny' },
    ],
  },
];

/** conformance/tests/baseline-admin-network-policy-experimental-egress-rules.go: the node-peers test. */
const BASELINE_EGRESS_NODE_PEERS: Step[] = [
  {
    title: 'allow-egress to a node peer (a port range)',
    pokes: [
      { from: pod('harry', 0), to: CENTAUR, port: 36363, protocol: 'TCP', expect: 'allow' },
      { from: pod('harry', 1), to: CENTAUR, port: 36364, protocol: 'TCP', expect: 'allow' },
    ],
  },
  {
    title: 'deny-egress to a node peer',
    pokes: [
      { from: pod('harry', 1), to: CENTAUR, port: 34346, protocol: 'UDP', expect: 'deny' },
      { from: pod('harry', 1), to: CENTAUR, port: 9003, protocol: 'SCTP', expect: 'deny' },
    ],
  },
];

function swapIngress(name: string, a: number, b: number) {
  return (docs: Doc[]) => {
    const rules = named(docs, name).spec.ingress;
    [rules[a], rules[b]] = [rules[b], rules[a]];
    return docs;
  };
}

/** conformance/tests/admin-network-policy-standard-ingress-tcp-rules.go */
const INGRESS_TCP: Step[] = [
  {
    title: 'allow-ingress for TCP; rule ordering is respected',
    pokes: [
      poke(pod('luna', 0), pod('harry', 0), 80, 'allow'),
      poke(pod('luna', 1), pod('harry', 0), 8080, 'allow'),
    ],
  },
  {
    title: 'allow-ingress for TCP at the specified port',
    pokes: [
      poke(pod('cedric', 0), pod('harry', 1), 80, 'allow'),
      poke(pod('cedric', 1), pod('harry', 1), 8080, 'deny'),
    ],
  },
  {
    title: 'deny-ingress for TCP; rule ordering is respected (rules 0 and 1 swapped)',
    edit: swapIngress('ingress-tcp', 0, 1),
    pokes: [
      poke(pod('luna', 0), pod('harry', 1), 80, 'deny'),
      poke(pod('luna', 1), pod('harry', 1), 8080, 'deny'),
    ],
  },
  {
    title: 'deny-ingress for TCP at the specified port',
    pokes: [
      poke(pod('draco', 0), pod('harry', 0), 80, 'deny'),
      poke(pod('draco', 1), pod('harry', 0), 8080, 'allow'),
    ],
  },
  {
    title: 'pass-ingress for TCP; rule ordering is respected (rules 0 and 2 swapped)',
    edit: swapIngress('ingress-tcp', 0, 2),
    pokes: [
      poke(pod('luna', 0), pod('harry', 0), 80, 'allow'),
      poke(pod('luna', 1), pod('harry', 0), 8080, 'allow'),
    ],
  },
  {
    title: 'pass-ingress for TCP at the specified port (rules 3 and 4 swapped)',
    edit: swapIngress('ingress-tcp', 3, 4),
    pokes: [
      poke(pod('draco', 0), pod('harry', 0), 80, 'allow'),
      poke(pod('draco', 1), pod('harry', 0), 8080, 'allow'),
    ],
  },
];

/** conformance/tests/admin-network-policy-standard-egress-udp-rules.go */
const ADMIN_EGRESS_UDP: Step[] = [
  {
    title: "'allow-egress' policy for UDP protocol; ensure rule ordering is respected",
    pokes: [
      { from: pod('cedric', 0), to: pod('luna', 0), port: 53, protocol: 'UDP', expect: 'allow' },
      { from: pod('cedric', 1), to: pod('luna', 0), port: 5353, protocol: 'UDP', expect: 'allow' },
    ],
  },
  {
    title: "'allow-egress' policy for UDP protocol at the specified port",
    pokes: [
      { from: pod('cedric', 0), to: pod('harry', 1), port: 53, protocol: 'UDP', expect: 'allow' },
      { from: pod('cedric', 1), to: pod('harry', 1), port: 5353, protocol: 'UDP', expect: 'deny' },
    ],
  },
  {
    title: "'deny-egress' policy for UDP protocol; ensure rule ordering is respected",
    edit: swapEgress('egress-udp', 0, 1),
    pokes: [
      { from: pod('cedric', 0), to: pod('luna', 1), port: 53, protocol: 'UDP', expect: 'deny' },
      { from: pod('cedric', 1), to: pod('luna', 1), port: 5353, protocol: 'UDP', expect: 'deny' },
    ],
  },
  {
    title: "'deny-egress' policy for UDP protocol at the specified port",
    pokes: [
      { from: pod('cedric', 0), to: pod('draco', 0), port: 5353, protocol: 'UDP', expect: 'deny' },
      { from: pod('cedric', 1), to: pod('draco', 0), port: 53, protocol: 'UDP', expect: 'allow' },
    ],
  },
  {
    title: "'pass-egress' policy for UDP protocol; ensure rule ordering is respected",
    edit: swapEgress('egress-udp', 0, 2),
    pokes: [
      { from: pod('cedric', 0), to: pod('luna', 1), port: 5353, protocol: 'UDP', expect: 'allow' },
      { from: pod('cedric', 1), to: pod('luna', 1), port: 53, protocol: 'UDP', expect: 'allow' },
    ],
  },
  {
    title: "'pass-egress' policy for UDP protocol at the specified port",
    edit: swapEgress('egress-udp', 3, 4),
    pokes: [
      { from: pod('cedric', 0), to: pod('draco', 0), port: 5353, protocol: 'UDP', expect: 'allow' },
      { from: pod('cedric', 1), to: pod('draco', 0), port: 53, protocol: 'UDP', expect: 'allow' },
    ],
  },
];

/** conformance/tests/admin-network-policy-standard-egress-sctp-rules.go */
const ADMIN_EGRESS_SCTP: Step[] = [
  {
    title: "'allow-egress' policy for SCTP protocol; ensure rule ordering is respected",
    pokes: [
      { from: pod('luna', 0), to: pod('harry', 0), port: 9003, protocol: 'SCTP', expect: 'allow' },
      { from: pod('luna', 1), to: pod('harry', 0), port: 9005, protocol: 'SCTP', expect: 'allow' },
    ],
  },
  {
    title: "'allow-egress' policy for SCTP protocol at the specified port",
    pokes: [
      { from: pod('luna', 0), to: pod('cedric', 1), port: 9003, protocol: 'SCTP', expect: 'allow' },
      { from: pod('luna', 1), to: pod('cedric', 1), port: 9005, protocol: 'SCTP', expect: 'deny' },
    ],
  },
  {
    title: "'deny-egress' policy for SCTP protocol; ensure rule ordering is respected",
    edit: swapEgress('egress-sctp', 0, 1),
    pokes: [
      { from: pod('luna', 0), to: pod('harry', 1), port: 9003, protocol: 'SCTP', expect: 'deny' },
      { from: pod('luna', 1), to: pod('harry', 1), port: 9005, protocol: 'SCTP', expect: 'deny' },
    ],
  },
  {
    title: "'deny-egress' policy for SCTP protocol at the specified port",
    pokes: [
      { from: pod('luna', 0), to: pod('draco', 0), port: 9003, protocol: 'SCTP', expect: 'deny' },
      { from: pod('luna', 1), to: pod('draco', 0), port: 9005, protocol: 'SCTP', expect: 'allow' },
    ],
  },
  {
    title: "'pass-egress' policy for SCTP protocol; ensure rule ordering is respected",
    edit: swapEgress('egress-sctp', 0, 2),
    pokes: [
      { from: pod('luna', 0), to: pod('harry', 1), port: 9003, protocol: 'SCTP', expect: 'allow' },
      { from: pod('luna', 1), to: pod('harry', 1), port: 9005, protocol: 'SCTP', expect: 'allow' },
    ],
  },
  {
    title: "'pass-egress' policy for SCTP protocol at the specified port",
    edit: swapEgress('egress-sctp', 3, 4),
    pokes: [
      { from: pod('luna', 0), to: pod('draco', 0), port: 9003, protocol: 'SCTP', expect: 'allow' },
      { from: pod('luna', 1), to: pod('draco', 0), port: 9005, protocol: 'SCTP', expect: 'allow' },
    ],
  },
];

/** conformance/tests/admin-network-policy-standard-ingress-udp-rules.go */
const ADMIN_INGRESS_UDP: Step[] = [
  {
    title: "'allow-ingress' policy for UDP protocol; ensure rule ordering is respected",
    pokes: [
      { from: pod('luna', 0), to: pod('cedric', 0), port: 53, protocol: 'UDP', expect: 'allow' },
      { from: pod('luna', 1), to: pod('cedric', 0), port: 5353, protocol: 'UDP', expect: 'allow' },
    ],
  },
  {
    title: "'allow-ingress' policy for UDP protocol at the specified port",
    pokes: [
      { from: pod('harry', 0), to: pod('cedric', 1), port: 53, protocol: 'UDP', expect: 'allow' },
      { from: pod('harry', 1), to: pod('cedric', 1), port: 5353, protocol: 'UDP', expect: 'deny' },
    ],
  },
  {
    title: "'deny-ingress' policy for UDP protocol; ensure rule ordering is respected",
    edit: swapIngress('ingress-udp', 0, 1),
    pokes: [
      { from: pod('luna', 0), to: pod('cedric', 1), port: 53, protocol: 'UDP', expect: 'deny' },
      { from: pod('luna', 1), to: pod('cedric', 1), port: 5353, protocol: 'UDP', expect: 'deny' },
    ],
  },
  {
    title: "'deny-ingress' policy for UDP protocol at the specified port",
    pokes: [
      { from: pod('draco', 0), to: pod('cedric', 0), port: 5353, protocol: 'UDP', expect: 'deny' },
      { from: pod('draco', 1), to: pod('cedric', 0), port: 53, protocol: 'UDP', expect: 'allow' },
    ],
  },
  {
    title: "'pass-ingress' policy for UDP protocol; ensure rule ordering is respected",
    edit: swapIngress('ingress-udp', 0, 2),
    pokes: [
      { from: pod('luna', 0), to: pod('cedric', 1), port: 5353, protocol: 'UDP', expect: 'allow' },
      { from: pod('luna', 1), to: pod('cedric', 1), port: 53, protocol: 'UDP', expect: 'allow' },
    ],
  },
  {
    title: "'pass-ingress' policy for UDP protocol at the specified port",
    edit: swapIngress('ingress-udp', 3, 4),
    pokes: [
      { from: pod('draco', 0), to: pod('cedric', 0), port: 5353, protocol: 'UDP', expect: 'allow' },
      { from: pod('draco', 1), to: pod('cedric', 0), port: 53, protocol: 'UDP', expect: 'allow' },
    ],
  },
];

/** conformance/tests/admin-network-policy-standard-ingress-sctp-rules.go */
const ADMIN_INGRESS_SCTP: Step[] = [
  {
    title: "'allow-ingress' policy for SCTP protocol; ensure rule ordering is respected",
    pokes: [
      { from: pod('harry', 0), to: pod('luna', 0), port: 9003, protocol: 'SCTP', expect: 'allow' },
      { from: pod('harry', 1), to: pod('luna', 0), port: 9005, protocol: 'SCTP', expect: 'allow' },
    ],
  },
  {
    title: "'allow-ingress' policy for SCTP protocol at the specified port",
    pokes: [
      { from: pod('cedric', 0), to: pod('luna', 1), port: 9003, protocol: 'SCTP', expect: 'allow' },
      { from: pod('cedric', 1), to: pod('luna', 1), port: 9005, protocol: 'SCTP', expect: 'deny' },
    ],
  },
  {
    title: "'deny-ingress' policy for SCTP protocol; ensure rule ordering is respected",
    edit: swapIngress('ingress-sctp', 0, 1),
    pokes: [
      { from: pod('harry', 0), to: pod('luna', 1), port: 9003, protocol: 'SCTP', expect: 'deny' },
      { from: pod('harry', 1), to: pod('luna', 1), port: 9005, protocol: 'SCTP', expect: 'deny' },
    ],
  },
  {
    title: "'deny-ingress' policy for SCTP protocol at the specified port",
    pokes: [
      { from: pod('draco', 0), to: pod('luna', 0), port: 9003, protocol: 'SCTP', expect: 'deny' },
      { from: pod('draco', 1), to: pod('luna', 0), port: 9005, protocol: 'SCTP', expect: 'allow' },
    ],
  },
  {
    title: "'pass-ingress' policy for SCTP protocol; ensure rule ordering is respected",
    edit: swapIngress('ingress-sctp', 0, 2),
    pokes: [
      { from: pod('harry', 0), to: pod('luna', 1), port: 9003, protocol: 'SCTP', expect: 'allow' },
      { from: pod('harry', 1), to: pod('luna', 1), port: 9005, protocol: 'SCTP', expect: 'allow' },
    ],
  },
  {
    title: "'pass-ingress' policy for SCTP protocol at the specified port",
    edit: swapIngress('ingress-sctp', 3, 4),
    pokes: [
      { from: pod('draco', 0), to: pod('luna', 0), port: 9003, protocol: 'SCTP', expect: 'allow' },
      { from: pod('draco', 1), to: pod('luna', 0), port: 9005, protocol: 'SCTP', expect: 'allow' },
    ],
  },
];

/** conformance/tests/baseline-admin-network-policy-standard-egress-tcp-rules.go */
const BASELINE_EGRESS_TCP: Step[] = [
  {
    title: "'allow-egress' policy for TCP protocol; ensure rule ordering is respected",
    pokes: [
      { from: pod('harry', 0), to: pod('luna', 0), port: 80, protocol: 'TCP', expect: 'allow' },
      { from: pod('harry', 1), to: pod('luna', 0), port: 8080, protocol: 'TCP', expect: 'allow' },
    ],
  },
  {
    title: "'allow-egress' policy for TCP protocol at the specified port",
    pokes: [
      { from: pod('harry', 0), to: pod('cedric', 1), port: 8080, protocol: 'TCP', expect: 'allow' },
      { from: pod('harry', 1), to: pod('cedric', 1), port: 80, protocol: 'TCP', expect: 'deny' },
    ],
  },
  {
    title: "'deny-egress' policy for TCP protocol; ensure rule ordering is respected",
    edit: swapEgress('default', 0, 1),
    pokes: [
      { from: pod('harry', 0), to: pod('luna', 1), port: 80, protocol: 'TCP', expect: 'deny' },
      { from: pod('harry', 1), to: pod('luna', 1), port: 8080, protocol: 'TCP', expect: 'deny' },
    ],
  },
  {
    title: "'deny-egress' policy for TCP protocol at the specified port",
    pokes: [
      { from: pod('harry', 0), to: pod('draco', 0), port: 80, protocol: 'TCP', expect: 'deny' },
      { from: pod('harry', 1), to: pod('draco', 0), port: 8080, protocol: 'TCP', expect: 'allow' },
    ],
  },
];

/** conformance/tests/baseline-admin-network-policy-standard-egress-udp-rules.go */
const BASELINE_EGRESS_UDP: Step[] = [
  {
    title: "'allow-egress' policy for UDP protocol; ensure rule ordering is respected",
    pokes: [
      { from: pod('cedric', 0), to: pod('luna', 0), port: 53, protocol: 'UDP', expect: 'allow' },
      { from: pod('cedric', 1), to: pod('luna', 0), port: 5353, protocol: 'UDP', expect: 'allow' },
    ],
  },
  {
    title: "'allow-egress' policy for UDP protocol at the specified port",
    pokes: [
      { from: pod('cedric', 0), to: pod('harry', 1), port: 53, protocol: 'UDP', expect: 'allow' },
      { from: pod('cedric', 1), to: pod('harry', 1), port: 5353, protocol: 'UDP', expect: 'deny' },
    ],
  },
  {
    title: "'deny-egress' policy for UDP protocol; ensure rule ordering is respected",
    edit: swapEgress('default', 0, 1),
    pokes: [
      { from: pod('cedric', 0), to: pod('luna', 1), port: 53, protocol: 'UDP', expect: 'deny' },
      { from: pod('cedric', 1), to: pod('luna', 1), port: 5353, protocol: 'UDP', expect: 'deny' },
    ],
  },
  {
    title: "'deny-egress' policy for UDP protocol at the specified port",
    pokes: [
      { from: pod('cedric', 0), to: pod('draco', 0), port: 5353, protocol: 'UDP', expect: 'deny' },
      { from: pod('cedric', 1), to: pod('draco', 0), port: 53, protocol: 'UDP', expect: 'allow' },
    ],
  },
];

/** conformance/tests/baseline-admin-network-policy-standard-egress-sctp-rules.go */
const BASELINE_EGRESS_SCTP: Step[] = [
  {
    title: "'allow-egress' policy for SCTP protocol; ensure rule ordering is respected",
    pokes: [
      { from: pod('luna', 0), to: pod('harry', 0), port: 9003, protocol: 'SCTP', expect: 'allow' },
      { from: pod('luna', 1), to: pod('harry', 0), port: 9005, protocol: 'SCTP', expect: 'allow' },
    ],
  },
  {
    title: "'allow-egress' policy for SCTP protocol at the specified port",
    pokes: [
      { from: pod('luna', 0), to: pod('cedric', 1), port: 9003, protocol: 'SCTP', expect: 'allow' },
      { from: pod('luna', 1), to: pod('cedric', 1), port: 9005, protocol: 'SCTP', expect: 'deny' },
    ],
  },
  {
    title: "'deny-egress' policy for SCTP protocol; ensure rule ordering is respected",
    edit: swapEgress('default', 0, 1),
    pokes: [
      { from: pod('luna', 0), to: pod('harry', 1), port: 9003, protocol: 'SCTP', expect: 'deny' },
      { from: pod('luna', 1), to: pod('harry', 1), port: 9005, protocol: 'SCTP', expect: 'deny' },
    ],
  },
  {
    title: "'deny-egress' policy for SCTP protocol at the specified port",
    pokes: [
      { from: pod('luna', 0), to: pod('draco', 0), port: 9003, protocol: 'SCTP', expect: 'deny' },
      { from: pod('luna', 1), to: pod('draco', 0), port: 9005, protocol: 'SCTP', expect: 'allow' },
    ],
  },
];

/** conformance/tests/baseline-admin-network-policy-standard-ingress-tcp-rules.go */
const BASELINE_INGRESS_TCP: Step[] = [
  {
    title: "'allow-ingress' policy for TCP protocol; ensure rule ordering is respected",
    pokes: [
      { from: pod('luna', 0), to: pod('harry', 0), port: 80, protocol: 'TCP', expect: 'allow' },
      { from: pod('luna', 1), to: pod('harry', 0), port: 8080, protocol: 'TCP', expect: 'allow' },
    ],
  },
  {
    title: "'allow-ingress' policy for TCP protocol at the specified port",
    pokes: [
      { from: pod('cedric', 0), to: pod('harry', 1), port: 80, protocol: 'TCP', expect: 'allow' },
      { from: pod('cedric', 1), to: pod('harry', 1), port: 8080, protocol: 'TCP', expect: 'deny' },
    ],
  },
  {
    title: "'deny-ingress' policy for TCP protocol; ensure rule ordering is respected",
    edit: swapIngress('default', 0, 1),
    pokes: [
      { from: pod('luna', 0), to: pod('harry', 1), port: 80, protocol: 'TCP', expect: 'deny' },
      { from: pod('luna', 1), to: pod('harry', 1), port: 8080, protocol: 'TCP', expect: 'deny' },
    ],
  },
  {
    title: "'deny-ingress' policy for TCP protocol at the specified port",
    pokes: [
      { from: pod('draco', 0), to: pod('harry', 0), port: 80, protocol: 'TCP', expect: 'deny' },
      { from: pod('draco', 1), to: pod('harry', 0), port: 8080, protocol: 'TCP', expect: 'allow' },
    ],
  },
];

/** conformance/tests/baseline-admin-network-policy-standard-ingress-udp-rules.go */
const BASELINE_INGRESS_UDP: Step[] = [
  {
    title: "'allow-ingress' policy for UDP protocol; ensure rule ordering is respected",
    pokes: [
      { from: pod('luna', 0), to: pod('cedric', 0), port: 53, protocol: 'UDP', expect: 'allow' },
      { from: pod('luna', 1), to: pod('cedric', 0), port: 5353, protocol: 'UDP', expect: 'allow' },
    ],
  },
  {
    title: "'allow-ingress' policy for UDP protocol at the specified port",
    pokes: [
      { from: pod('harry', 0), to: pod('cedric', 1), port: 53, protocol: 'UDP', expect: 'allow' },
      { from: pod('harry', 1), to: pod('cedric', 1), port: 5353, protocol: 'UDP', expect: 'deny' },
    ],
  },
  {
    title: "'deny-ingress' policy for UDP protocol; ensure rule ordering is respected",
    edit: swapIngress('default', 0, 1),
    pokes: [
      { from: pod('luna', 0), to: pod('cedric', 1), port: 53, protocol: 'UDP', expect: 'deny' },
      { from: pod('luna', 1), to: pod('cedric', 1), port: 5353, protocol: 'UDP', expect: 'deny' },
    ],
  },
  {
    title: "'deny-ingress' policy for UDP protocol at the specified port",
    pokes: [
      { from: pod('draco', 0), to: pod('cedric', 0), port: 5353, protocol: 'UDP', expect: 'deny' },
      { from: pod('draco', 1), to: pod('cedric', 0), port: 53, protocol: 'UDP', expect: 'allow' },
    ],
  },
];

/** conformance/tests/baseline-admin-network-policy-standard-ingress-sctp-rules.go */
const BASELINE_INGRESS_SCTP: Step[] = [
  {
    title: "'allow-ingress' policy for SCTP protocol; ensure rule ordering is respected",
    pokes: [
      { from: pod('harry', 0), to: pod('luna', 0), port: 9003, protocol: 'SCTP', expect: 'allow' },
      { from: pod('harry', 1), to: pod('luna', 0), port: 9005, protocol: 'SCTP', expect: 'allow' },
    ],
  },
  {
    title: "'allow-ingress' policy for SCTP protocol at the specified port",
    pokes: [
      { from: pod('cedric', 0), to: pod('luna', 1), port: 9003, protocol: 'SCTP', expect: 'allow' },
      { from: pod('cedric', 1), to: pod('luna', 1), port: 9005, protocol: 'SCTP', expect: 'deny' },
    ],
  },
  {
    title: "'deny-ingress' policy for SCTP protocol; ensure rule ordering is respected",
    edit: swapIngress('default', 0, 1),
    pokes: [
      { from: pod('harry', 0), to: pod('luna', 1), port: 9003, protocol: 'SCTP', expect: 'deny' },
      { from: pod('harry', 1), to: pod('luna', 1), port: 9005, protocol: 'SCTP', expect: 'deny' },
    ],
  },
  {
    title: "'deny-ingress' policy for SCTP protocol at the specified port",
    pokes: [
      { from: pod('draco', 0), to: pod('luna', 0), port: 9003, protocol: 'SCTP', expect: 'deny' },
      { from: pod('draco', 1), to: pod('luna', 0), port: 9005, protocol: 'SCTP', expect: 'allow' },
    ],
  },
];

const SUITES: [string, Step[], string?][] = [
  ['egress-udp', ADMIN_EGRESS_UDP],
  ['egress-sctp', ADMIN_EGRESS_SCTP],
  ['ingress-udp', ADMIN_INGRESS_UDP],
  ['ingress-sctp', ADMIN_INGRESS_SCTP],
  ['baseline-egress-tcp', BASELINE_EGRESS_TCP],
  ['baseline-egress-udp', BASELINE_EGRESS_UDP],
  ['baseline-egress-sctp', BASELINE_EGRESS_SCTP],
  ['baseline-ingress-tcp', BASELINE_INGRESS_TCP],
  ['baseline-ingress-udp', BASELINE_INGRESS_UDP],
  ['baseline-ingress-sctp', BASELINE_INGRESS_SCTP],
  ['ingress-tcp', INGRESS_TCP],
  ['egress-named-port', EGRESS_NAMED_PORT, 'egress-tcp'],
  ['egress-node-peers', EGRESS_NODE_PEERS],
  ['baseline-egress-node-peers', BASELINE_EGRESS_NODE_PEERS],
  ['ingress-named-port', INGRESS_NAMED_PORT, 'ingress-udp'],
  ['baseline-egress-named-port', BASELINE_EGRESS_NAMED_PORT, 'baseline-egress-udp'],
  ['baseline-ingress-named-port', BASELINE_INGRESS_NAMED_PORT, 'baseline-ingress-tcp'],
  ['egress-inline-cidr', inlineCidrSteps('inline-cidr-as-peers-example')],
  ['baseline-egress-inline-cidr', inlineCidrSteps('default')],
  ['admin-gress-rules', ADMIN_GRESS],
  ['baseline-gress-rules', BASELINE_GRESS],
  ['egress-tcp', EGRESS_TCP],
  ['integration', INTEGRATION],
  ['priority', PRIORITY],
];

function cli(args: string[]): { code: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const code = run(args, { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text) });
  return { code, stdout, stderr };
}

/**
 * `v1alpha1, converted`: the v1alpha1 steps after `netpol-canvas convert`, which must keep every
 * upstream expectation (tiered-policies.md section 7).
 */
describe.each(['v1alpha2', 'v1alpha1', 'v1alpha1, converted'] as const)(
  'upstream conformance, %s',
  (variant) => {
    const version = variant === 'v1alpha2' ? 'v1alpha2' : 'v1alpha1';
    describe.each(SUITES)('%s', (suite, allSteps, fixture = suite) => {
      const steps = allSteps.filter((step) => !step.version || step.version === version);
      const dir = mkdtempSync(join(tmpdir(), `conformance-${version}-${suite}-`));
      let docs: Doc[] = [
        ...BASE,
        ...parseAllDocuments(readFileSync(join(FIXTURES, version, `${fixture}.yaml`), 'utf8')).map(
          (doc) => doc.toJS() as Doc,
        ),
      ];
      // Steps build on each other, so every step's files are written when the suite is collected.
      const files = steps.map((step, i) => {
        if (step.edit) docs = step.edit(structuredClone(docs));
        const test = {
          apiVersion: 'netpol-canvas/v1',
          kind: 'ConnectivityTest',
          metadata: { name: `step-${i + 1}` },
          tests: step.pokes.map(({ protocol = 'TCP', ...rest }) => ({ ...rest, protocol })),
        };
        const file = join(dir, `step-${i + 1}.yaml`);
        writeFileSync(file, [...docs, test].map((doc) => stringify(doc)).join('---\n'));
        return file;
      });

      it.each(steps.map((step, i) => [step.title, files[i]!] as const))('%s', (_title, written) => {
        let file = written;
        if (variant === 'v1alpha1, converted') {
          file = written.replace(/\.yaml$/, '.converted.yaml');
          expect(cli(['convert', written, '-o', file]).code).toBe(0);
          const text = readFileSync(file, 'utf8');
          expect(text).not.toMatch(/kind: (Baseline)?AdminNetworkPolicy/);
          expect(text).toContain('kind: ClusterNetworkPolicy');
        }
        const { code, stdout, stderr } = cli(['test', file, '--format', 'json']);
        expect(stderr).toBe('');
        const report = JSON.parse(stdout) as { results: { pass: boolean; reason: string }[]; failed: number };
        expect(report.results.filter((r) => !r.pass)).toEqual([]);
        expect(report.results.length).toBeGreaterThan(0);
        expect(code).toBe(0);
      });
    });
  },
);
