/** Flow logs for the e2e specs: `hubble observe -o json` lines about the 04-web-api-db example. */
const POD_IPS: Record<string, string> = {
  web: '10.1.0.10',
  api: '10.1.0.20',
  db: '10.1.0.30',
  prom: '10.9.0.5',
};

/** One `hubble observe -o json` line: a TCP SYN from `from` to `to`, recorded at `node`. */
function hubble(
  from: string,
  to: string,
  port: number,
  sourcePort: number,
  extra: Record<string, unknown> = {},
) {
  const end = (name: string) => ({
    namespace: name === 'prom' ? 'monitoring' : 'prod',
    pod_name: name === 'prom' ? 'prometheus-0' : name,
    labels: [`k8s:app=${name}`],
  });
  return JSON.stringify({
    flow: {
      verdict: 'FORWARDED',
      IP: { source: POD_IPS[from], destination: POD_IPS[to], ipVersion: 'IPv4' },
      l4: { TCP: { source_port: sourcePort, destination_port: port, flags: { SYN: true } } },
      source: end(from),
      destination: end(to),
      Type: 'L3_L4',
      is_reply: false,
      ...extra,
    },
    node_name: 'node-a',
  });
}

/**
 * 5 connections: web→api twice (one recorded at both ends), api→db once, web→db twice (denied:
 * it would break); plus a reply, a bad line (line 7) and one from a pod the workspace lacks.
 */
export const TIERS_LOG = [
  hubble('web', 'api', 8080, 40001),
  hubble('web', 'api', 8080, 40001),
  hubble('web', 'api', 8080, 40002),
  hubble('api', 'web', 40002, 8080, { is_reply: true }),
  hubble('api', 'db', 3306, 41000),
  hubble('web', 'db', 3306, 42000),
  'this is not JSON',
  hubble('web', 'db', 3306, 42001),
  hubble('prom', 'db', 3306, 43000),
].join('\n');
