/**
 * JSON schema for the YAML pane's completion and hover. It describes NetworkPolicy and the project's
 * ConnectivityTest in detail and the other kinds the engine reads only loosely. It is never used
 * to validate: problems come from the engine alone, so the editor shows one truth.
 */

const labels = {
  type: 'object',
  description: 'Labels: string keys and string values.',
  additionalProperties: { type: 'string' },
};

const labelSelector = {
  type: 'object',
  description: 'A label selector. An empty selector ({}) selects everything in its scope.',
  additionalProperties: false,
  properties: {
    matchLabels: { ...labels, description: 'Every key=value here must match (AND).' },
    matchExpressions: {
      type: 'array',
      description: 'Every expression must match (AND).',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['key', 'operator'],
        properties: {
          key: { type: 'string' },
          operator: { enum: ['In', 'NotIn', 'Exists', 'DoesNotExist'] },
          values: {
            type: 'array',
            items: { type: 'string' },
            description: 'Required for In/NotIn; must be empty for Exists/DoesNotExist.',
          },
        },
      },
    },
  },
};

const objectMeta = {
  type: 'object',
  description: 'Standard object metadata.',
  properties: {
    name: { type: 'string', description: 'Name, unique per kind within its namespace.' },
    namespace: {
      type: 'string',
      description: 'Namespace. When omitted, the workspace namespace applies (like kubectl apply -n).',
    },
    labels,
    annotations: labels,
  },
};

const peer = {
  type: 'object',
  description:
    'One peer. podSelector and namespaceSelector in the SAME peer are ANDed; separate peers (list items) are ORed. ipBlock cannot be combined with selectors.',
  additionalProperties: false,
  properties: {
    podSelector: {
      ...labelSelector,
      description:
        "Pods matched by labels; in the policy's namespace unless namespaceSelector is set in this same peer.",
    },
    namespaceSelector: {
      ...labelSelector,
      description: 'Namespaces matched by labels; {} means every namespace.',
    },
    ipBlock: {
      type: 'object',
      description: 'An IP range, usually outside the cluster.',
      additionalProperties: false,
      required: ['cidr'],
      properties: {
        cidr: { type: 'string', description: 'A CIDR such as 10.0.0.0/8 or 2001:db8::/32.' },
        except: {
          type: 'array',
          items: { type: 'string' },
          description: 'CIDRs inside cidr that are left out.',
        },
      },
    },
  },
};

const policyPort = {
  type: 'object',
  description: 'A port and protocol. Without port, every port of the protocol matches.',
  additionalProperties: false,
  properties: {
    protocol: { enum: ['TCP', 'UDP', 'SCTP'], default: 'TCP', description: 'Defaults to TCP.' },
    port: {
      type: ['integer', 'string'],
      description: 'A number, or the name of a container port on the destination pod.',
    },
    endPort: { type: 'integer', description: 'With a numeric port: the last port of a range.' },
  },
};

const rule = (direction: 'ingress' | 'egress') => {
  const peerKey = direction === 'ingress' ? 'from' : 'to';
  return {
    type: 'object',
    description: `One ${direction} rule: traffic matches when it matches one of \`${peerKey}\` AND one of \`ports\`. An empty rule ({}) allows everything.`,
    additionalProperties: false,
    properties: {
      [peerKey]: {
        type: 'array',
        items: peer,
        description: `Peers (ORed). Omitted or empty: every ${direction === 'ingress' ? 'source' : 'destination'}.`,
      },
      ports: { type: 'array', items: policyPort, description: 'Ports (ORed). Omitted or empty: every port.' },
    },
  };
};

const networkPolicy = {
  type: 'object',
  required: ['apiVersion', 'kind', 'metadata', 'spec'],
  properties: {
    apiVersion: { const: 'networking.k8s.io/v1' },
    kind: { const: 'NetworkPolicy' },
    metadata: objectMeta,
    spec: {
      type: 'object',
      description: 'Which pods this policy isolates, and what it allows them.',
      additionalProperties: false,
      required: ['podSelector'],
      properties: {
        podSelector: {
          ...labelSelector,
          description:
            'The pods this policy applies to, in its namespace. {} selects every pod of the namespace.',
        },
        policyTypes: {
          type: 'array',
          description:
            'Directions this policy isolates. Defaults to [Ingress], plus Egress when egress rules are present.',
          items: { enum: ['Ingress', 'Egress'] },
        },
        ingress: {
          type: 'array',
          items: rule('ingress'),
          description: 'Allowed incoming traffic. Empty with Ingress in policyTypes: deny all ingress.',
        },
        egress: {
          type: 'array',
          items: rule('egress'),
          description: 'Allowed outgoing traffic. Empty with Egress in policyTypes: deny all egress.',
        },
      },
    },
  },
};

const connectivityTest = {
  type: 'object',
  required: ['apiVersion', 'kind', 'tests'],
  properties: {
    apiVersion: { const: 'netpol-canvas/v1' },
    kind: { const: 'ConnectivityTest' },
    metadata: objectMeta,
    tests: {
      type: 'array',
      description: 'Probes: each states whether one flow should be allowed or denied.',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['from', 'to', 'port', 'expect'],
        properties: {
          from: { type: 'string', description: 'namespace/name of a Pod or workload, or an IP address.' },
          to: { type: 'string', description: 'namespace/name of a Pod or workload, or an IP address.' },
          port: {
            type: ['integer', 'string'],
            description: 'A port number, or a named port of the destination.',
          },
          protocol: { enum: ['TCP', 'UDP', 'SCTP'], default: 'TCP' },
          expect: { enum: ['allow', 'deny'] },
        },
      },
    },
  },
};

const podSpec = {
  type: 'object',
  properties: {
    hostNetwork: {
      type: 'boolean',
      description: "The pod uses its node's network; NetworkPolicy treats it as node traffic.",
    },
    containers: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          name: { type: 'string' },
          image: { type: 'string' },
          ports: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                name: { type: 'string', description: 'A name that policies may use as a named port.' },
                containerPort: { type: 'integer' },
                protocol: { enum: ['TCP', 'UDP', 'SCTP'], default: 'TCP' },
              },
            },
          },
        },
      },
    },
  },
};

const workload = (kind: string, apiVersion: string) => ({
  properties: {
    apiVersion: { const: apiVersion },
    kind: { const: kind },
    metadata: objectMeta,
    spec: {
      type: 'object',
      properties: {
        selector: labelSelector,
        template: { type: 'object', properties: { metadata: objectMeta, spec: podSpec } },
      },
    },
  },
});

const KINDS: Record<string, { apiVersion: string; schema: object }> = {
  NetworkPolicy: { apiVersion: 'networking.k8s.io/v1', schema: networkPolicy },
  ConnectivityTest: { apiVersion: 'netpol-canvas/v1', schema: connectivityTest },
  Namespace: {
    apiVersion: 'v1',
    schema: { properties: { apiVersion: { const: 'v1' }, metadata: objectMeta } },
  },
  Pod: {
    apiVersion: 'v1',
    schema: { properties: { apiVersion: { const: 'v1' }, metadata: objectMeta, spec: podSpec } },
  },
  Service: {
    apiVersion: 'v1',
    schema: { properties: { apiVersion: { const: 'v1' }, metadata: objectMeta } },
  },
  Deployment: { apiVersion: 'apps/v1', schema: workload('Deployment', 'apps/v1') },
  StatefulSet: { apiVersion: 'apps/v1', schema: workload('StatefulSet', 'apps/v1') },
  DaemonSet: { apiVersion: 'apps/v1', schema: workload('DaemonSet', 'apps/v1') },
  ReplicaSet: { apiVersion: 'apps/v1', schema: workload('ReplicaSet', 'apps/v1') },
  Job: { apiVersion: 'batch/v1', schema: workload('Job', 'batch/v1') },
};

/** One schema for every document of the workspace; the branch follows `kind`. */
export const workspaceSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'Netpol Canvas workspace document',
  type: 'object',
  properties: {
    apiVersion: {
      type: 'string',
      enum: [...new Set(Object.values(KINDS).map((k) => k.apiVersion))],
      description: 'API group and version.',
    },
    kind: {
      type: 'string',
      enum: [...Object.keys(KINDS), 'CronJob', 'ReplicationController', 'List'],
      description: 'Kind of object.',
    },
    metadata: objectMeta,
  },
  allOf: Object.entries(KINDS).map(([kind, { schema }]) => ({
    if: { properties: { kind: { const: kind } }, required: ['kind'] },
    then: schema,
  })),
};
