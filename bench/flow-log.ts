/**
 * A Hubble log for the flows benchmarks (`hubble observe -o json` lines) over a generated cluster:
 * each connection is recorded at the source's node (with `workloads`), again at the destination's
 * (remote end by pod name only, or by IP alone), and answered by a reply. Deterministic per seed.
 */
import type { Cluster, Endpoint } from '../src/engine';

const ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** A small seeded generator (mulberry32): the same numbers for a seed on every run. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const REPLICAS = 3;
const replicaNames = new WeakMap<Endpoint, string[]>();

/** One of a workload's replicas, named as its controller names them (a few per workload, as in a cluster). */
function podName(endpoint: Endpoint, next: () => number): string {
  let names = replicaNames.get(endpoint);
  if (!names) {
    const hash = Array.from({ length: 10 }, () => ALPHABET[Math.floor(next() * ALPHABET.length)]).join('');
    names = Array.from({ length: REPLICAS }, (_, i) => {
      const suffix = Array.from({ length: 5 }, () => ALPHABET[Math.floor(next() * ALPHABET.length)]).join('');
      switch (endpoint.kind) {
        case 'Pod':
          return endpoint.name;
        case 'StatefulSet':
          return `${endpoint.name}-${i}`;
        case 'Deployment':
          return `${endpoint.name}-${hash}-${suffix}`;
        default:
          return `${endpoint.name}-${suffix}`;
      }
    });
    replicaNames.set(endpoint, names);
  }
  return names[Math.floor(next() * names.length)]!;
}

interface End {
  endpoint: Endpoint | null;
  ip: string;
}

function endJson(end: End, local: boolean, next: () => number): string {
  if (!end.endpoint) return `{"identity":2,"labels":["reserved:world"]}`;
  const { namespace, name, kind } = end.endpoint;
  const labels = `["k8s:app=${name}","k8s:io.kubernetes.pod.namespace=${namespace}"]`;
  // A remote end the node has not learned yet carries only identity and labels.
  if (!local && next() < 0.2) return `{"identity":40117,"labels":${labels}}`;
  const workloads = local ? `,"workloads":[{"name":"${name}","kind":"${kind}"}]` : '';
  return `{"identity":40117,"namespace":"${namespace}","labels":${labels},"pod_name":"${podName(end.endpoint, next)}"${workloads}}`;
}

function line(
  from: End,
  to: End,
  ports: [number, number],
  options: { reply: boolean; egress: boolean },
  next: () => number,
): string {
  const [sourcePort, destinationPort] = ports;
  const direction = options.egress ? 'EGRESS' : 'INGRESS';
  return (
    `{"flow":{"time":"2026-05-04T08:30:00.101200300Z","verdict":"FORWARDED","IP":{"source":"${from.ip}","destination":"${to.ip}","ipVersion":"IPv4"},` +
    `"l4":{"TCP":{"source_port":${sourcePort},"destination_port":${destinationPort},"flags":{"SYN":true}}},` +
    `"source":${endJson(from, options.egress !== options.reply, next)},"destination":${endJson(to, options.egress === options.reply, next)},` +
    `"Type":"L3_L4","node_name":"node-a","event_type":{"type":4,"sub_type":4},"traffic_direction":"${direction}",` +
    `"trace_reason":"${options.reply ? 'REPLY' : 'NEW'}","is_reply":${options.reply},"Summary":"TCP Flags: SYN"},"node_name":"node-a","time":"2026-05-04T08:30:00.101200300Z"}`
  );
}

/**
 * `lines` log lines (three per connection) over `pairs` distinct flows between the cluster's
 * endpoints, one in twenty to an outside address, as chunks of about 1 MB.
 */
export function hubbleLog(
  cluster: Cluster,
  options: { seed: number; lines: number; pairs: number },
): string[] {
  const next = random(options.seed);
  const endpoints = cluster.endpoints.filter((e) => !e.hostNetwork && e.ips.length > 0);
  const pick = () => endpoints[Math.floor(next() * endpoints.length)]!;
  const flows = Array.from({ length: options.pairs }, () => {
    const from = pick();
    const outside = next() < 0.05;
    const to = outside ? null : pick();
    const port = to?.ports[0]?.port ?? 443;
    return { from, to, port, outside: `192.0.2.${Math.floor(next() * 250) + 1}` };
  });
  const chunks: string[] = [];
  let chunk: string[] = [];
  let size = 0;
  const push = (text: string) => {
    chunk.push(text);
    size += text.length + 1;
    if (size > 1 << 20) {
      chunks.push(`${chunk.join('\n')}\n`);
      chunk = [];
      size = 0;
    }
  };
  for (let written = 0, n = 0; written < options.lines; n++) {
    const flow = flows[Math.floor(next() * flows.length)]!;
    const from: End = { endpoint: flow.from, ip: flow.from.ips[0]! };
    const to: End = flow.to
      ? { endpoint: flow.to, ip: flow.to.ips[0]! }
      : { endpoint: null, ip: flow.outside };
    const sourcePort = 32768 + (n % 28000);
    const records = [
      line(from, to, [sourcePort, flow.port], { reply: false, egress: true }, next),
      line(from, to, [sourcePort, flow.port], { reply: false, egress: false }, next),
      line(to, from, [flow.port, sourcePort], { reply: true, egress: false }, next),
    ];
    for (const record of records.slice(0, options.lines - written)) push(record);
    written += Math.min(records.length, options.lines - written);
  }
  if (chunk.length) chunks.push(`${chunk.join('\n')}\n`);
  return chunks;
}
