import { memo } from 'react';
import type { NodeProps } from '@xyflow/react';
import { ConnectHandles } from '../ConnectHandles/ConnectHandles';
import type { EndpointNodeType } from '../build-elements';
import { EndpointBadges } from '../IsolationBadges/IsolationBadges';
import { GuardrailBadge } from '../Guardrails/Guardrails';
import { MiddleEllipsis } from '../../chrome/MiddleEllipsis/MiddleEllipsis';
import './EndpointNode.css';

const KIND_SHORT: Record<string, string> = {
  Pod: 'Pod',
  Deployment: 'Deploy',
  StatefulSet: 'STS',
  DaemonSet: 'DS',
  ReplicaSet: 'RS',
  ReplicationController: 'RC',
  Job: 'Job',
  CronJob: 'CronJob',
};

function EndpointNodeView({ id, data, selected }: NodeProps<EndpointNodeType>) {
  const { endpoint, involved, dimmed } = data;
  const ports = endpoint.ports.map((p) => `${p.port}/${p.protocol}`);
  const labels = Object.entries(endpoint.labels).map(([k, v]) => `${k}=${v}`);
  const tooltip = [
    `${endpoint.kind} ${endpoint.id}`,
    labels.length ? `Labels:\n  ${labels.join('\n  ')}` : 'No labels',
    endpoint.ips.length ? `IP: ${endpoint.ips.join(', ')}` : '',
  ]
    .filter(Boolean)
    .join('\n');
  const classes = [
    'endpoint-node',
    selected && 'is-selected',
    involved && 'is-involved',
    dimmed && 'is-dimmed',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <div className={classes} title={tooltip}>
      <div className="endpoint-node__top">
        <MiddleEllipsis className="endpoint-node__name" text={endpoint.name} />
        {endpoint.dns && (
          <span
            className="chip chip--dns"
            title="Cluster DNS (kube-dns): pods isolated for egress need a rule to reach it"
          >
            DNS
          </span>
        )}
        {endpoint.hostNetwork && (
          <span
            className="chip chip--host"
            title="hostNetwork: shares its node's address; NetworkPolicy treats its traffic as node traffic"
          >
            host
          </span>
        )}
      </div>
      <div className="endpoint-node__bottom">
        <span className="endpoint-node__kind" title={endpoint.kind}>
          {KIND_SHORT[endpoint.kind] ?? endpoint.kind}
        </span>
        <span
          className="endpoint-node__ports"
          title={ports.length ? undefined : 'No container ports declared'}
        >
          {ports.length ? ports.join(' ') : 'no ports'}
        </span>
        <GuardrailBadge ids={endpoint.guardrails} subject={endpoint.id} />
        <EndpointBadges ingress={endpoint.ingress} egress={endpoint.egress} />
      </div>
      <ConnectHandles nodeId={id} name={endpoint.id} />
    </div>
  );
}

export const EndpointNode = memo(EndpointNodeView);
