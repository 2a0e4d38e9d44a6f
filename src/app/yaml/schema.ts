/**
 * JSON schema for the YAML pane's completion and hover. It describes NetworkPolicy, the cluster
 * policies of network-policy-api and the project's ConnectivityTest in detail and the other kinds
 * the engine reads only loosely. It is never used to validate: problems come from the engine
 * alone, so the editor shows one truth. The cluster policies' enums and limits are the engine's
 * validator data (TIERED_POLICY_KINDS and friends), so the two cannot disagree.
 */
import {
  CNP_PROTOCOL_KEYS,
  CNP_TIERS,
  DOMAIN_NAME_PATTERN,
  EXPERIMENTAL_PEERS,
  INGRESS_PEERS,
  TIERED_LIMITS,
  TIERED_POLICY_KINDS,
  type PeerField,
  type TieredKind,
  type TieredKindRules,
} from '../../engine';

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

// ---------------------------------------------------------------------------------------------
// ClusterNetworkPolicy (v1alpha2), AdminNetworkPolicy and BaselineAdminNetworkPolicy (v1alpha1).

const EXPERIMENTAL = ' Experimental-channel CRDs only.';
const { port: PORT, priority: PRIORITY } = TIERED_LIMITS;

const portNumber = (description: string) => ({
  type: 'integer',
  minimum: PORT.min,
  maximum: PORT.max,
  description: `${description} (${PORT.min}-${PORT.max}).`,
});

const namespacedPod = (rules: TieredKindRules) => ({
  type: 'object',
  description: rules.namespaceSelectorRequired
    ? 'Pods matching podSelector in the namespaces matching namespaceSelector (both required in v1alpha1). Host-network pods are excluded.'
    : 'Pods matching podSelector in the namespaces matching namespaceSelector (left out: every namespace). Host-network pods are excluded.',
  additionalProperties: false,
  required: rules.namespaceSelectorRequired ? ['namespaceSelector', 'podSelector'] : ['podSelector'],
  properties: {
    namespaceSelector: { ...labelSelector, description: 'Namespaces by their labels; {} = every namespace.' },
    podSelector: {
      ...labelSelector,
      description: 'Pods by their labels; {} = every pod of those namespaces.',
    },
  },
});

const namespacesSelector = {
  ...labelSelector,
  description:
    'Every pod of the namespaces these labels select; {} = all namespaces. Host-network pods are excluded.',
};

/** One of the peer fields; the schema lists only those the kind and direction have. */
function peerField(field: PeerField, rules: TieredKindRules): object {
  const experimental = EXPERIMENTAL_PEERS.includes(field) ? EXPERIMENTAL : '';
  switch (field) {
    case 'namespaces':
      return namespacesSelector;
    case 'pods':
      return namespacedPod(rules);
    case 'networks':
      return {
        type: 'array',
        minItems: 1,
        maxItems: TIERED_LIMITS.networks,
        uniqueItems: true,
        description: `CIDRs (IPv4 or IPv6, at most ${TIERED_LIMITS.networks}, no repeats). They match pod and node IPs too: 0.0.0.0/0 covers all IPv4 pod traffic.`,
        items: {
          type: 'string',
          maxLength: TIERED_LIMITS.cidrLength,
          description: 'A CIDR such as 10.0.0.0/8 or fd00::/8.',
        },
      };
    case 'nodes':
      return {
        ...labelSelector,
        description: `Nodes by their labels (their status.addresses IPs, and host-network pods on them); {} = all nodes.${experimental}`,
      };
    case 'domainNames':
      return {
        type: 'array',
        minItems: 1,
        maxItems: TIERED_LIMITS.domainNames,
        uniqueItems: true,
        description: `Domain names (at most ${TIERED_LIMITS.domainNames}); *.example.com matches one or more labels in front. Meant for Accept rules; a static analysis cannot know what they resolve to.${experimental}`,
        items: { type: 'string', pattern: DOMAIN_NAME_PATTERN },
      };
  }
}

const tieredPeer = (fields: readonly PeerField[], rules: TieredKindRules) => ({
  type: 'object',
  description: `Exactly one of ${fields.join(', ')}.`,
  minProperties: 1,
  maxProperties: 1,
  additionalProperties: false,
  properties: Object.fromEntries(fields.map((field) => [field, peerField(field, rules)])),
});

const destinationPort = {
  type: 'object',
  description: 'Exactly one of number or range.',
  minProperties: 1,
  maxProperties: 1,
  additionalProperties: false,
  properties: {
    number: portNumber('One destination port'),
    range: {
      type: 'object',
      description: 'An inclusive port range; start must be less than end.',
      additionalProperties: false,
      required: ['start', 'end'],
      properties: { start: portNumber('First port'), end: portNumber('Last port, greater than start') },
    },
  },
};

const cnpProtocol = {
  type: 'object',
  description: 'Exactly one of tcp, udp, sctp or destinationNamedPort.',
  minProperties: 1,
  maxProperties: 1,
  additionalProperties: false,
  properties: {
    ...Object.fromEntries(
      CNP_PROTOCOL_KEYS.map((key) => [
        key,
        {
          type: 'object',
          description: `${key.toUpperCase()} traffic to destinationPort (required: the CRD rejects ${key}: {}).`,
          additionalProperties: false,
          required: ['destinationPort'],
          properties: { destinationPort },
        },
      ]),
    ),
    destinationNamedPort: {
      type: 'string',
      description:
        'A container port name of the destination pod; not with networks, nodes or domainNames peers.',
    },
  },
};

const v1alpha1Protocol = {
  enum: ['TCP', 'UDP', 'SCTP'],
  default: 'TCP',
  description: 'Defaults to TCP.',
};
const v1alpha1Port = {
  type: 'object',
  description: 'Exactly one of portNumber, portRange or namedPort.',
  minProperties: 1,
  maxProperties: 1,
  additionalProperties: false,
  properties: {
    portNumber: {
      type: 'object',
      additionalProperties: false,
      required: ['port'],
      properties: { protocol: v1alpha1Protocol, port: portNumber('The destination port') },
    },
    portRange: {
      type: 'object',
      description: 'An inclusive port range; start should be less than end.',
      additionalProperties: false,
      required: ['start', 'end'],
      properties: {
        protocol: v1alpha1Protocol,
        start: portNumber('First port'),
        end: portNumber('Last port'),
      },
    },
    namedPort: {
      type: 'string',
      description: `A container port name of the destination pod; not with networks or nodes peers.${EXPERIMENTAL}`,
    },
  },
};

const ACTION_TEXT: Record<string, string> = {
  Accept:
    'Accept: this side of the connection is allowed; lower rules, tiers and NetworkPolicies are not consulted for it.',
  Allow: 'Allow: this side of the connection is allowed; lower rules and tiers are not consulted for it.',
  Deny: 'Deny: refused; nothing below can reopen it.',
  Pass: 'Pass: skip the rest of this tier; the next tier decides.',
};

function tieredRule(kind: TieredKind, direction: 'ingress' | 'egress') {
  const rules = TIERED_POLICY_KINDS[kind];
  const peerKey = direction === 'ingress' ? 'from' : 'to';
  const peerFields = direction === 'ingress' ? INGRESS_PEERS : rules.egressPeers;
  return {
    type: 'object',
    description: `One ${direction} rule. The first matching rule of the first matching policy decides this side.`,
    additionalProperties: false,
    required: ['action', peerKey],
    properties: {
      name: {
        type: 'string',
        maxLength: TIERED_LIMITS.ruleNameLength,
        description: 'For people and logs only.',
      },
      action: {
        enum: rules.actions,
        description: rules.actions.map((action) => ACTION_TEXT[action]).join(' '),
      },
      [peerKey]: {
        type: 'array',
        minItems: 1,
        maxItems: rules.maxPeers,
        items: tieredPeer(peerFields, rules),
        description: `Peers (ORed), 1 to ${rules.maxPeers}.${direction === 'ingress' ? ' Ingress peers are pods only.' : ''}`,
      },
      [rules.portsKey]: {
        type: 'array',
        minItems: 1,
        maxItems: rules.maxPorts,
        items: rules.portsKey === 'protocols' ? cnpProtocol : v1alpha1Port,
        description: `Ports (ORed), 1 to ${rules.maxPorts}. Left out: every protocol and port.`,
      },
    },
  };
}

const TIER_TEXT =
  'Admin: before every NetworkPolicy. Baseline: after them, for pods no NetworkPolicy isolates.';

function tieredPolicy(kind: TieredKind) {
  const rules = TIERED_POLICY_KINDS[kind];
  const spec: Record<string, object> = {};
  if (rules.tiered) spec.tier = { enum: CNP_TIERS, description: TIER_TEXT };
  if (rules.prioritized)
    spec.priority = {
      type: 'integer',
      minimum: PRIORITY.min,
      maximum: PRIORITY.max,
      description: `${PRIORITY.min} to ${PRIORITY.max}; lower numbers are evaluated first within the tier. Two policies with one priority in a tier leave the order to the implementation.`,
    };
  spec.subject = {
    type: 'object',
    description:
      'The pods this policy applies to: exactly one of namespaces or pods. Host-network pods are never subjects.',
    minProperties: 1,
    maxProperties: 1,
    additionalProperties: false,
    properties: { namespaces: namespacesSelector, pods: namespacedPod(rules) },
  };
  for (const direction of ['ingress', 'egress'] as const)
    spec[direction] = {
      type: 'array',
      maxItems: rules.maxRules,
      items: tieredRule(kind, direction),
      description: `Up to ${rules.maxRules} ${direction} rules, tried in order. Traffic no rule matches goes on to the next tier: a cluster policy never isolates.`,
    };
  const name =
    rules.requiredName === undefined
      ? objectMeta.properties.name
      : {
          const: rules.requiredName,
          description: `There is one ${kind}, and it is named ${rules.requiredName}.`,
        };
  return {
    type: 'object',
    required: ['apiVersion', 'kind', 'metadata', 'spec'],
    properties: {
      apiVersion: { const: rules.apiVersion },
      kind: { const: kind },
      metadata: {
        ...objectMeta,
        description: 'Standard object metadata. Cluster-scoped: no namespace.',
        properties: {
          name,
          labels: objectMeta.properties.labels,
          annotations: objectMeta.properties.annotations,
        },
      },
      spec: {
        type: 'object',
        description: rules.tiered
          ? 'A cluster-wide policy in the Admin or Baseline tier.'
          : kind === 'AdminNetworkPolicy'
            ? 'A cluster-wide policy of the Admin tier (v1alpha1; ClusterNetworkPolicy replaces it: netpol-canvas convert).'
            : 'The cluster-wide Baseline policy (v1alpha1; ClusterNetworkPolicy with tier: Baseline replaces it: netpol-canvas convert).',
        additionalProperties: false,
        required: Object.keys(spec).filter((key) => key !== 'ingress' && key !== 'egress'),
        properties: spec,
      },
      status: { type: 'object', description: 'Written by the implementation.' },
    },
  };
}

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
  ...Object.fromEntries(
    (Object.keys(TIERED_POLICY_KINDS) as TieredKind[]).map((kind) => [
      kind,
      { apiVersion: TIERED_POLICY_KINDS[kind].apiVersion, schema: tieredPolicy(kind) },
    ]),
  ),
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
