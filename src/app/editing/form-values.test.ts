import { describe, expect, it } from 'vitest';
import { loadWorkspace } from '../../engine';
import {
  formatRulePorts,
  parseCidrField,
  parseContainerPorts,
  parseLabels,
  parseRulePorts,
  nameProblem,
} from './form-values';

describe('parseRulePorts', () => {
  it('reads numbers, protocols, ranges and names', () => {
    expect(parseRulePorts('8080, 53/udp 8000-8100/TCP http')).toEqual({
      ok: true,
      value: [
        { port: 8080, protocol: 'TCP' },
        { port: 53, protocol: 'UDP' },
        { port: 8000, endPort: 8100, protocol: 'TCP' },
        { port: 'http', protocol: 'TCP' },
      ],
    });
  });
  it('reads a bare protocol as every port of it, and nothing as every port', () => {
    expect(parseRulePorts('UDP')).toEqual({ ok: true, value: [{ protocol: 'UDP' }] });
    expect(parseRulePorts('  ')).toEqual({ ok: true, value: [] });
  });
  it('refuses what is not a port, with the token in the message', () => {
    for (const bad of ['0', '70000', '80/ICMP', '90-80', 'HTTP', 'a-very-long-port-name', 'a--b', '-web']) {
      const parsed = parseRulePorts(bad);
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.message).toContain(bad);
    }
  });
  it('formats back to what it reads', () => {
    const text = '8080/TCP, 53/UDP, 8000-8100/TCP, http/TCP, SCTP';
    const parsed = parseRulePorts(text);
    expect(parsed.ok && formatRulePorts(parsed.value)).toBe(text);
  });
});

describe('the form and the engine agree', () => {
  // Each field is judged by the grammar the engine validates the written object with.
  const policyWith = (port: string, label: [string, string], name: string) =>
    loadWorkspace([
      {
        name: 'w.yaml',
        text: `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: "${name}", labels: {"${label[0]}": "${label[1]}"}}\nspec: {podSelector: {}, ingress: [{ports: [{port: "${port}"}]}]}\n`,
      },
    ]);
  const engineAccepts = (port: string, label: [string, string] = ['app', 'web'], name = 'p') =>
    policyWith(port, label, name).diagnostics.every((d) => d.severity !== 'error');

  it('accepts exactly the port names the engine accepts', () => {
    for (const name of [
      'http',
      'a-b',
      'a--b',
      'web-',
      '9x',
      'abcdefghijklmno',
      'abcdefghijklmnop',
      'dns-tcp',
    ])
      expect([name, parseRulePorts(name).ok]).toEqual([name, engineAccepts(name)]);
  });

  it('accepts exactly the label keys, values and names the engine accepts', () => {
    for (const [key, value] of [
      ['app', 'web'],
      ['example.com/team', 'a_b'],
      ['Example.com/team', 'x'],
      ['a/b/c', 'x'],
      ['app', '-x'],
      ['app', 'x'.repeat(64)],
      ['k'.repeat(64), 'x'],
    ] as const)
      expect([key, value, parseLabels(`${key}=${value}`).ok]).toEqual([
        key,
        value,
        engineAccepts('http', [key, value]),
      ]);
    for (const name of ['web.api', 'Web', 'a..b', 'x'.repeat(254)])
      expect([name, nameProblem(name, 'policy', true) === null]).toEqual([
        name,
        engineAccepts('http', ['app', 'web'], name),
      ]);
  });
});

describe('other fields', () => {
  it('reads container ports with names and protocols', () => {
    expect(parseContainerPorts('8080 metrics:9090 dns:53/UDP')).toEqual({
      ok: true,
      value: [
        { containerPort: 8080 },
        { name: 'metrics', containerPort: 9090 },
        { name: 'dns', containerPort: 53, protocol: 'UDP' },
      ],
    });
    expect(parseContainerPorts('web').ok).toBe(false);
  });
  it('reads labels and refuses malformed ones', () => {
    expect(parseLabels('app=web, team=a.b')).toEqual({ ok: true, value: { app: 'web', team: 'a.b' } });
    expect(parseLabels('app').ok).toBe(false);
    expect(parseLabels('=x').ok).toBe(false);
    expect(parseLabels('app=-x').ok).toBe(false);
  });
  it('checks names and CIDRs', () => {
    expect(nameProblem('web-1', 'workload')).toBeNull();
    expect(nameProblem('Web', 'workload')).toMatch(/not a valid workload name/);
    expect(nameProblem('a.b', 'policy', true)).toBeNull();
    expect(parseCidrField('203.0.113.0/24')).toEqual({ ok: true, value: '203.0.113.0/24' });
    expect(parseCidrField('203.0.113.9')).toEqual({ ok: true, value: '203.0.113.9/32' });
    expect(parseCidrField('203.0.113.0/33').ok).toBe(false);
  });
});
