import { parseIp } from '../util/cidr';
import { arrayAt, isRecord, recordAt, stringAt, stringMap, type RawRecord } from '../util/raw';
import type { ContainerPort, EndpointKind, Labels } from './types';

export const WORKLOAD_KINDS: readonly EndpointKind[] = [
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'ReplicaSet',
  'ReplicationController',
  'Job',
  'CronJob',
];

/** Where a kind keeps its pod template. */
export function templatePath(kind: EndpointKind): string[] {
  return kind === 'CronJob' ? ['spec', 'jobTemplate', 'spec', 'template'] : ['spec', 'template'];
}

export interface PodShape {
  labels: Labels;
  ports: ContainerPort[];
  hostNetwork: boolean;
}

/**
 * Declared ports of a pod spec. Restartable init containers (sidecars) serve traffic too, so
 * their ports count.
 */
export function readContainerPorts(podSpec: RawRecord | undefined): ContainerPort[] {
  const ports: ContainerPort[] = [];
  const sidecars = arrayAt(podSpec, 'initContainers').filter(
    (c) => isRecord(c) && c.restartPolicy === 'Always',
  );
  for (const container of [...arrayAt(podSpec, 'containers'), ...sidecars]) {
    for (const port of arrayAt(container, 'ports')) {
      if (!isRecord(port) || typeof port.containerPort !== 'number' || !Number.isInteger(port.containerPort))
        continue;
      if (port.containerPort < 1 || port.containerPort > 65535) continue;
      const protocol = port.protocol === 'UDP' || port.protocol === 'SCTP' ? port.protocol : 'TCP';
      const entry: ContainerPort = { port: port.containerPort, protocol };
      if (typeof port.name === 'string' && port.name) entry.name = port.name;
      ports.push(entry);
    }
  }
  return ports;
}

/** Labels, declared ports and hostNetwork of a pod spec. */
function readPodShape(labelsRaw: unknown, podSpec: RawRecord | undefined): PodShape {
  return {
    labels: stringMap(labelsRaw),
    ports: readContainerPorts(podSpec),
    hostNetwork: podSpec?.hostNetwork === true,
  };
}

export function readWorkloadShape(raw: RawRecord, kind: EndpointKind): PodShape {
  const template = recordAt(raw, ...templatePath(kind));
  return readPodShape(recordAt(template, 'metadata')?.labels, recordAt(template, 'spec'));
}

/** Known pod IPs (status.podIPs and status.podIP), valid ones only, without duplicates. */
export function readPodIps(raw: RawRecord): string[] {
  const status = recordAt(raw, 'status');
  const candidates = [
    ...arrayAt(status, 'podIPs').map((entry) => stringAt(entry, 'ip')),
    stringAt(status, 'podIP'),
  ];
  const ips: string[] = [];
  // podIP repeats the first of podIPs: compared before it is parsed again.
  for (const ip of candidates) if (ip && !ips.includes(ip) && parseIp(ip)) ips.push(ip);
  return ips;
}

export interface OwnerRef {
  kind: string;
  name: string;
}

/** The controlling owner (ownerReferences entry with controller: true), if any. */
export function controllerOf(raw: RawRecord): OwnerRef | undefined {
  for (const ref of arrayAt(recordAt(raw, 'metadata'), 'ownerReferences')) {
    if (
      isRecord(ref) &&
      ref.controller === true &&
      typeof ref.kind === 'string' &&
      typeof ref.name === 'string'
    ) {
      return { kind: ref.kind, name: ref.name };
    }
  }
  return undefined;
}

/** Labels a controller adds to each pod; they never tell a workload's replicas apart for policies. */
export const CONTROLLER_HASH_LABELS: readonly string[] = [
  'pod-template-hash',
  'controller-revision-hash',
  'pod-template-generation',
];

/** Pods whose labels equal their workload's template (but for hash labels) can be folded into it. */
export function sameLabelsButHashes(pod: Labels, template: Labels): boolean {
  // Without sorting or copying: every pod of a large dump is compared with its workload.
  let unmatched = 0;
  for (const key in pod) {
    if (!Object.hasOwn(pod, key) || CONTROLLER_HASH_LABELS.includes(key)) continue;
    if (!Object.hasOwn(template, key) || template[key] !== pod[key]) return false;
    unmatched++;
  }
  for (const key in template)
    if (Object.hasOwn(template, key) && !CONTROLLER_HASH_LABELS.includes(key)) unmatched--;
  return unmatched === 0;
}
