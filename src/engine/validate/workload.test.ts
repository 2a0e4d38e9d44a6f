import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { formatPath } from '../diagnostics';
import { validatePodTemplateSpec } from './workload';

const check = (spec: unknown) =>
  validatePodTemplateSpec(spec, ['spec']).map((issue) => `${issue.code} ${formatPath(issue.path)}`);
const messageOf = (spec: unknown) =>
  validatePodTemplateSpec(spec, ['spec'])
    .map((issue) => issue.message)
    .join('\n');
const withPorts = (...ports: unknown[]) => ({ containers: [{ name: 'app', image: 'nginx', ports }] });
const at = 'spec.containers[0].ports[0]';

describe('validatePodTemplateSpec', () => {
  it('accepts a pod spec with valid ports and ignores the rest of the spec', () => {
    const spec = parse(`
hostNetwork: false
restartPolicy: Always
initContainers: [{name: proxy, restartPolicy: Always, ports: [{name: admin, containerPort: 15000}]}]
containers:
- name: app
  image: nginx
  unknownContainerField: yes
  ports: [{name: http, containerPort: 8080}, {containerPort: 53, protocol: UDP, hostPort: 53}, {containerPort: 9, protocol: SCTP, name: ""}]
`);
    expect(check(spec)).toEqual([]);
    expect(check(undefined)).toEqual([]);
    expect(check({ containers: [{ name: 'app' }] })).toEqual([]);
  });

  it('W1 requires containerPort within 1..65535', () => {
    expect(check(withPorts({ name: 'http' }))).toEqual([`W1 ${at}.containerPort`]);
    expect(check(withPorts({ containerPort: 0 }))).toEqual([`W1 ${at}.containerPort`]);
    expect(check(withPorts({ containerPort: 70000 }))).toEqual([`W1 ${at}.containerPort`]);
    expect(check(withPorts({ containerPort: 65535 }))).toEqual([]);
  });

  it('W2 accepts only TCP, UDP and SCTP; an empty protocol defaults to TCP', () => {
    expect(check(withPorts({ containerPort: 80, protocol: 'tcp' }))).toEqual([`W2 ${at}.protocol`]);
    expect(messageOf(withPorts({ containerPort: 80, protocol: 'tcp' }))).toContain('write "TCP"');
    expect(check(withPorts({ containerPort: 80, protocol: '' }))).toEqual([]);
  });

  it('W3 checks port names as IANA_SVC_NAMEs', () => {
    expect(check(withPorts({ containerPort: 80, name: 'HTTP' }))).toEqual([`W3 ${at}.name`]);
    expect(messageOf(withPorts({ containerPort: 80, name: 'HTTP' }))).toContain('Port names are lowercase');
    expect(check(withPorts({ containerPort: 80, name: 'a-very-long-port-name' }))).toEqual([`W3 ${at}.name`]);
    expect(check(withPorts({ containerPort: 80, name: 'serve-80-tcp' }))).toEqual([]);
  });

  it('W4 keeps port names unique across the containers of a pod', () => {
    const spec = {
      containers: [
        { name: 'a', ports: [{ name: 'http', containerPort: 80 }] },
        { name: 'b', ports: [{ name: 'http', containerPort: 8080 }] },
      ],
    };
    expect(check(spec)).toEqual(['W4 spec.containers[1].ports[0].name']);
    expect(messageOf(spec)).toContain('already used by spec.containers[0].ports[0]');
    expect(
      check(withPorts({ name: 'http', containerPort: 80 }, { name: 'metrics', containerPort: 9090 })),
    ).toEqual([]);
  });

  it('D2 rejects unknown port fields and points out case mistakes', () => {
    expect(check(withPorts({ containerport: 80 }))).toEqual([
      `D2 ${at}.containerport`,
      `W1 ${at}.containerPort`,
    ]);
    expect(messageOf(withPorts({ containerport: 80 }))).toContain(
      'field names are case-sensitive, did you mean "containerPort"?',
    );
    expect(check(withPorts({ containerPort: 80, hostIP: '0.0.0.0' }))).toEqual([]);
  });

  it('D1 rejects wrong types on the way to the ports and in hostNetwork', () => {
    expect(check({ hostNetwork: 'true' })).toEqual(['D1 spec.hostNetwork']);
    expect(messageOf({ hostNetwork: 'true' })).toContain('remove the quotes');
    expect(check({ hostNetwork: true })).toEqual([]);
    expect(check({ containers: { name: 'app' } })).toEqual(['D1 spec.containers']);
    expect(check({ containers: [{ ports: { containerPort: 80 } }] })).toEqual([
      'D1 spec.containers[0].ports',
    ]);
    expect(check(withPorts({ containerPort: '80' }))).toEqual([`D1 ${at}.containerPort`]);
    expect(check(withPorts({ containerPort: 80, name: 8080 }))).toEqual([`D1 ${at}.name`]);
    expect(check('pod')).toEqual(['D1 spec']);
  });
});
