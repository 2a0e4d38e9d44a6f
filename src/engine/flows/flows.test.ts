import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { observeTraffic, TrafficObserver, type Workspace } from '..';
import { workspaceOf } from '../../testing/workspace';
import { MAX_LINE_CHARS } from './read-log';

const FIXTURES = join(import.meta.dirname, '..', '..', '..', 'fixtures', 'flows');
const SHOP = readFileSync(join(FIXTURES, 'shop.yaml'), 'utf8');
const HUBBLE = readFileSync(join(FIXTURES, 'shop-hubble.jsonl'), 'utf8');
const CSV = readFileSync(join(FIXTURES, 'shop.csv'), 'utf8');

function observe(workspace: Workspace, ...logs: string[]) {
  return observeTraffic(
    workspace.index,
    logs.map((text, i) => ({ file: `log${i + 1}`, text })),
  );
}

const rows = (
  flows: readonly { from: string; to: string; port: number; protocol: string; count: number }[],
) => flows.map(({ from, to, port, protocol, count }) => `${from} -> ${to} ${port}/${protocol} x${count}`);

/** One Hubble line: a connection attempt from `source` to `destination`. */
function hubbleLine(
  source: Record<string, unknown>,
  destination: Record<string, unknown>,
  options: {
    ips?: [string, string];
    ports?: [number, number];
    l4?: string;
    extra?: Record<string, unknown>;
  } = {},
): string {
  const [src, dst] = options.ips ?? ['10.9.0.1', '10.9.0.2'];
  const [sourcePort, destinationPort] = options.ports ?? [40000, 80];
  return JSON.stringify({
    flow: {
      verdict: 'FORWARDED',
      IP: { source: src, destination: dst },
      l4: { [options.l4 ?? 'TCP']: { source_port: sourcePort, destination_port: destinationPort } },
      source,
      destination,
      Type: 'L3_L4',
      is_reply: false,
      ...options.extra,
    },
    node_name: 'n',
  });
}

describe('Hubble JSON lines', () => {
  it('reads the example of flow-logs.md as its four flows', () => {
    const traffic = observe(workspaceOf(SHOP), HUBBLE);
    expect(rows(traffic.flows)).toEqual([
      'shop/api -> 192.0.2.80 443/TCP x1',
      'shop/api -> kube-system/coredns 53/UDP x1',
      'shop/web -> shop/api 8080/TCP x1',
      'shop/web -> shop/pg 5432/TCP x1',
    ]);
    expect(traffic.unknown).toEqual([]);
    expect(traffic.problems).toEqual([]);
    // The reply and the lost-events record.
    expect(traffic.skipped).toBe(2);
  });

  it('counts a retried call (new source port) as a second connection, and a record at both ends once', () => {
    const web = { namespace: 'shop', pod_name: 'web-5f7d9c4b8x-q2k7z' };
    const api = { namespace: 'shop', pod_name: 'api-0' };
    const first = hubbleLine(web, api, { ports: [51000, 8080] });
    const again = hubbleLine(web, api, { ports: [51000, 8080], extra: { traffic_direction: 'INGRESS' } });
    const retry = hubbleLine(web, api, { ports: [51001, 8080] });
    const traffic = observe(workspaceOf(SHOP), [first, again, retry].join('\n'));
    expect(rows(traffic.flows)).toEqual(['shop/web -> shop/api 8080/TCP x2']);
  });

  it('counts a connection once across logs, and keeps the record that knows both ends', () => {
    const web = { namespace: 'shop', pod_name: 'web-5f7d9c4b8x-q2k7z' };
    const remote = { labels: ['k8s:app=api'] }; // the node had not learned the pod yet
    const api = { namespace: 'shop', pod_name: 'api-0' };
    const traffic = observe(
      workspaceOf(SHOP),
      hubbleLine(web, remote, { ports: [51000, 8080] }),
      hubbleLine(web, api, { ports: [51000, 8080] }),
    );
    expect(rows(traffic.flows)).toEqual(['shop/web -> shop/api 8080/TCP x1']);
    expect(traffic.unknown).toEqual([]);
  });

  it('skips replies (is_reply, or the legacy reply field when is_reply is absent), but not attempts', () => {
    const web = { namespace: 'shop', pod_name: 'web-5f7d9c4b8x-q2k7z' };
    const api = { namespace: 'shop', pod_name: 'api-0' };
    const line = (ports: [number, number], extra: Record<string, unknown>) =>
      hubbleLine(web, api, { ports, extra });
    const traffic = observe(
      workspaceOf(SHOP),
      [
        line([1, 8080], { is_reply: true }),
        line([2, 8080], { is_reply: undefined, reply: true }),
        line([3, 8080], { is_reply: undefined, verdict: 'DROPPED' }), // drops carry no is_reply
        line([4, 8080], { is_reply: false, reply: true }), // is_reply wins over the deprecated field
        line([5, 8080], { Type: 'SOCK' }),
        line([6, 8080], { l4: { ICMPv4: { type: 8 } } }),
        JSON.stringify({ node_status: { state: 'NODE_CONNECTED' } }),
      ].join('\n'),
    );
    expect(rows(traffic.flows)).toEqual(['shop/web -> shop/api 8080/TCP x2']);
    expect(traffic.skipped).toBe(5);
  });

  it('reads the bare Flow lines of legacy JSON output', () => {
    const line = JSON.parse(
      hubbleLine(
        { namespace: 'shop', pod_name: 'api-0' },
        { labels: ['reserved:world'] },
        {
          ips: ['10.0.2.31', '2001:DB8::1'],
          ports: [1, 443],
        },
      ),
    ).flow;
    const traffic = observe(workspaceOf(SHOP), JSON.stringify(line));
    expect(rows(traffic.flows)).toEqual(['shop/api -> 2001:db8::1 443/TCP x1']);
  });
});

describe('mapping ends', () => {
  const WORKSPACE = `${SHOP}
---
apiVersion: apps/v1
kind: DaemonSet
metadata: { name: agent, namespace: shop }
spec:
  selector: { matchLabels: { app: agent } }
  template: { metadata: { labels: { app: agent } }, spec: { containers: [{ name: a, image: a }] } }
---
apiVersion: batch/v1
kind: CronJob
metadata: { name: backup, namespace: shop }
spec:
  schedule: "0 * * * *"
  jobTemplate:
    spec:
      template: { metadata: { labels: { app: backup } }, spec: { containers: [{ name: b, image: b }] } }
---
apiVersion: batch/v1
kind: Job
metadata: { name: migrate, namespace: shop }
spec:
  template: { metadata: { labels: { app: migrate } }, spec: { containers: [{ name: m, image: m }] } }
---
apiVersion: v1
kind: Pod
metadata: { name: debug, namespace: shop, labels: { app: debug } }
spec: { containers: [{ name: d, image: d }], nodeName: n1 }
status: { podIP: 10.0.9.9, hostIP: 192.168.1.1 }
`;

  const csv = (...rowsOf: string[]) => ['from,to,port,protocol', ...rowsOf].join('\n');

  it('maps replicas to their workload by the controllers’ naming patterns, and nothing else', () => {
    const traffic = observe(
      workspaceOf(WORKSPACE),
      csv(
        'shop/web-5f7d9c4b8x-q2k7z,shop/api-3,8080,TCP', // Deployment, StatefulSet
        'shop/agent-x2k4z,shop/api-12,8080,TCP', // DaemonSet
        'shop/backup-28735920-q2k7z,shop/pg-0,5432,TCP', // CronJob
        'shop/migrate-b2c4d,shop/pg-1,5432,TCP', // Job
        'shop/debug,shop/web,80,TCP', // a Pod by its own name
        'shop/web-5f7d9c4b8x-aaaaa,shop/api,8080,TCP', // "a" is not in the alphabet
        'shop/web-xyz,shop/api,8080,TCP',
        'shop/api-x,shop/web,80,TCP',
        'other/web-5f7d9c4b8x-q2k7z,shop/api,8080,TCP',
      ),
    );
    expect(rows(traffic.flows)).toEqual([
      'shop/agent -> shop/api 8080/TCP x1',
      'shop/backup -> shop/pg 5432/TCP x1',
      'shop/debug -> shop/web 80/TCP x1',
      'shop/migrate -> shop/pg 5432/TCP x1',
      'shop/web -> shop/api 8080/TCP x1',
    ]);
    expect(rows(traffic.unknown)).toEqual([
      'other/web-5f7d9c4b8x-q2k7z -> shop/api 8080/TCP x1',
      'shop/api-x -> shop/web 80/TCP x1',
      'shop/web-5f7d9c4b8x-aaaaa -> shop/api 8080/TCP x1',
      'shop/web-xyz -> shop/api 8080/TCP x1',
    ]);
    expect(traffic.unknown[0]!.fromEnd).toMatchObject({
      kind: 'unknown',
      reason: expect.stringContaining('no Pod'),
    });
  });

  it('uses workloads[0] before the pod name', () => {
    const traffic = observe(
      workspaceOf(WORKSPACE),
      hubbleLine(
        { namespace: 'shop', pod_name: 'renamed-pod', workloads: [{ name: 'web', kind: 'Deployment' }] },
        { namespace: 'shop', pod_name: 'api-0' },
      ),
    );
    expect(rows(traffic.flows)).toEqual(['shop/web -> shop/api 80/TCP x1']);
  });

  it('maps an end without pod name by IP: a pod’s, an outside address, or unknown', () => {
    const api = { namespace: 'shop', pod_name: 'api-0' };
    const line = (destination: Record<string, unknown>, ip: string, port: number) =>
      hubbleLine(api, destination, { ips: ['10.0.2.31', ip], ports: [port, port] });
    const traffic = observe(
      workspaceOf(WORKSPACE),
      [
        line({ identity: 5, labels: ['k8s:app=debug'] }, '10.0.9.9', 1), // a workspace pod's address
        line({ labels: ['reserved:world', 'cidr:192.0.2.0/24'] }, '192.0.2.80', 2),
        line({ labels: ['reserved:host'] }, '192.168.1.1', 3),
        line({ labels: ['fqdn:billing.example.org'] }, '198.51.100.7', 4),
        line({ labels: ['k8s:app=ghost'] }, '10.0.7.7', 5), // a pod the workspace does not have
        line({}, '10.0.7.8', 6), // nothing says what it is
      ].join('\n'),
    );
    expect(rows(traffic.flows)).toEqual([
      'shop/api -> 192.0.2.80 2/TCP x1',
      'shop/api -> 192.168.1.1 3/TCP x1',
      'shop/api -> 198.51.100.7 4/TCP x1',
      'shop/api -> shop/debug 1/TCP x1',
    ]);
    expect(traffic.flows[1]!.toEnd).toEqual({ kind: 'ip', ip: '192.168.1.1', node: true });
    expect(rows(traffic.unknown)).toEqual(['shop/api -> 10.0.7.7 5/TCP x1', 'shop/api -> 10.0.7.8 6/TCP x1']);
  });

  it('maps CSV addresses like a probe’s: a pod’s IP is that pod, any other is outside', () => {
    const traffic = observe(workspaceOf(WORKSPACE), CSV);
    expect(rows(traffic.flows)).toEqual([
      'shop/api -> 192.0.2.80 443/TCP x1',
      'shop/api -> kube-system/coredns 53/UDP x1',
      'shop/web -> shop/api 8080/TCP x1',
    ]);
  });
});

describe('bad input', () => {
  it('reports each bad CSV line with its number and reads the rest', () => {
    const traffic = observe(
      workspaceOf(SHOP),
      [
        'from,to,port,protocol',
        'shop/web,shop/api,8080,TCP',
        'shop/web,shop/api,80',
        '',
        'shop/web,shop/api,0,TCP',
        'shop/web,shop/api,70000,TCP',
        'shop/web,shop/api,80,ICMP',
        'shop/web,nonsense,80,TCP',
        'shop/web,shop/api,8080,TCP\r',
      ].join('\n'),
    );
    expect(rows(traffic.flows)).toEqual(['shop/web -> shop/api 8080/TCP x2']);
    expect(traffic.problems.map((p) => `${p.file}:${p.line}: ${p.message}`)).toEqual([
      'log1:3: expected 4 fields (from,to,port,protocol), found 3',
      'log1:5: port "0" is not a number 1-65535',
      'log1:6: port "70000" is not a number 1-65535',
      'log1:7: protocol "ICMP" is not TCP, UDP or SCTP',
    ]);
    // Well-formed but naming nothing the workspace has: unknown, not bad input.
    expect(rows(traffic.unknown)).toEqual(['shop/web -> nonsense 80/TCP x1']);
  });

  it('reports bad JSON lines and reads the rest', () => {
    const lines = HUBBLE.trimEnd().split('\n');
    lines.splice(2, 0, '{"flow": {', '{"flow": 3}', '[1, 2]');
    const traffic = observe(workspaceOf(SHOP), lines.join('\n'));
    expect(traffic.flows).toHaveLength(4);
    expect(traffic.problems.map((p) => p.line)).toEqual([3, 4, 5]);
  });

  it('rejects a file whose first line is neither the CSV header nor JSON, once', () => {
    const traffic = observe(workspaceOf(SHOP), '\n\nsource,destination\nshop/web,shop/api,80,TCP\n', '');
    expect(traffic.problems).toEqual([
      expect.objectContaining({ file: 'log1', line: 3, message: expect.stringContaining('not a flow log') }),
      { file: 'log2', line: 1, message: 'empty flow log' },
    ]);
    expect(traffic.flows).toEqual([]);
  });

  it('gives the same answer whatever the chunks, and skips an overlong line', () => {
    const workspace = workspaceOf(SHOP);
    const whole = observe(workspace, HUBBLE);
    const lines = HUBBLE.split('\n');
    lines.splice(1, 0, `{"flow": "${'x'.repeat(MAX_LINE_CHARS)}"}`);
    const text = lines.join('\n');
    for (const size of [3, 4096, MAX_LINE_CHARS - 1, MAX_LINE_CHARS + 5]) {
      const observer = new TrafficObserver(workspace.index);
      const reader = observer.reader('log1');
      for (let at = 0; at < text.length; at += size) reader.push(text.slice(at, at + size));
      reader.end();
      const traffic = observer.result();
      expect(rows(traffic.flows)).toEqual(rows(whole.flows));
      expect(traffic.problems).toEqual([
        { file: 'log1', line: 2, message: `line longer than ${MAX_LINE_CHARS} characters, skipped` },
      ]);
    }
  });
});
