/**
 * What the editing forms accept in their text fields: port lists, label lists, names and CIDRs.
 * Each parser returns a value or a message for the field, and never throws. They check form, not
 * meaning: the engine still validates every object it writes. Names, label keys and values and
 * port names are judged by the engine's own grammars, so the form accepts exactly what it does.
 */
import {
  dns1123Label,
  dns1123Subdomain,
  ianaSvcName,
  labelValue,
  parseCidr,
  qualifiedName,
  PROTOCOLS,
  type Protocol,
  type ContainerPortSpec,
  type PortSpec,
} from '../../engine';

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

const isPortName = (name: string) => ianaSvcName(name).length === 0;

const tokens = (text: string) =>
  text
    .split(/[\s,]+/)
    .map((token) => token.trim())
    .filter(Boolean);

function protocolOf(text: string | undefined): Protocol | null {
  if (text === undefined || text === '') return 'TCP';
  const upper = text.toUpperCase();
  return (PROTOCOLS as readonly string[]).includes(upper) ? (upper as Protocol) : null;
}

export function parsePortNumber(text: string): number | null {
  if (!/^\d{1,5}$/.test(text)) return null;
  const port = Number(text);
  return port >= 1 && port <= 65535 ? port : null;
}

/**
 * `8080, 53/UDP, 8000-8100/TCP, http`: ports for a rule. An empty text is no list (every port).
 * A bare protocol (`UDP`) means every port of that protocol.
 */
export function parseRulePorts(text: string): Parsed<PortSpec[]> {
  const ports: PortSpec[] = [];
  for (const token of tokens(text)) {
    const bareProtocol = protocolOf(token);
    if (bareProtocol && !/^\d/.test(token) && token.toUpperCase() === bareProtocol) {
      ports.push({ protocol: bareProtocol });
      continue;
    }
    const match = /^([^/]+?)(?:-(\d+))?(?:\/([A-Za-z]+))?$/.exec(token);
    const protocol = protocolOf(match?.[3]);
    if (!match || !protocol)
      return {
        ok: false,
        message: `“${token}” is not a port: write 8080, 53/UDP, 8000-8100/TCP or a port name such as http.`,
      };
    const [, first, end] = match;
    const number = parsePortNumber(first!);
    if (number === null) {
      if (end !== undefined || !isPortName(first!))
        return {
          ok: false,
          message: `“${token}” is not a port number (1-65535) or a port name (lowercase letters, digits and single “-” between them, at most 15 characters).`,
        };
      ports.push({ port: first!, protocol });
      continue;
    }
    if (end === undefined) {
      ports.push({ port: number, protocol });
      continue;
    }
    const endPort = parsePortNumber(end);
    if (endPort === null || endPort < number)
      return { ok: false, message: `“${token}”: the range must end at a port from ${number} to 65535.` };
    ports.push(endPort === number ? { port: number, protocol } : { port: number, endPort, protocol });
  }
  return { ok: true, value: ports };
}

/** The text parseRulePorts reads back as `ports`. */
export function formatRulePorts(
  ports: readonly { port?: number | string; endPort?: number; protocol: Protocol }[],
): string {
  return ports
    .map(({ port, endPort, protocol }) =>
      port === undefined ? protocol : `${port}${endPort !== undefined ? `-${endPort}` : ''}/${protocol}`,
    )
    .join(', ');
}

/** `8080, metrics:9090, dns:53/UDP`: a container's ports, optionally named. */
export function parseContainerPorts(text: string): Parsed<ContainerPortSpec[]> {
  const ports: ContainerPortSpec[] = [];
  for (const token of tokens(text)) {
    const match = /^(?:([a-z0-9-]+):)?(\d+)(?:\/([A-Za-z]+))?$/.exec(token);
    const protocol = protocolOf(match?.[3]);
    const containerPort = match ? parsePortNumber(match[2]!) : null;
    if (!match || !protocol || containerPort === null)
      return { ok: false, message: `“${token}” is not a container port: write 8080, 53/UDP or http:8080.` };
    const name = match[1];
    if (name !== undefined && !isPortName(name))
      return {
        ok: false,
        message: `“${name}” is not a port name: lowercase letters, digits and single “-” between them, at most 15 characters.`,
      };
    ports.push({ ...(name ? { name } : {}), containerPort, ...(protocol !== 'TCP' ? { protocol } : {}) });
  }
  return { ok: true, value: ports };
}

export function labelKeyProblem(key: string): string | null {
  if (key === '') return 'A label key is required.';
  const errors = qualifiedName(key);
  if (errors.length === 0) return null;
  const slash = key.indexOf('/');
  if (slash >= 0 && errors.some((error) => error.startsWith('prefix part')))
    return `“${key.slice(0, slash)}” is not a valid key prefix (a lowercase DNS name such as example.com).`;
  return `“${key}” is not a valid label key: letters, digits, “-”, “_” and “.”, at most 63 characters, starting and ending with a letter or digit.`;
}

export function labelValueProblem(value: string): string | null {
  return labelValue(value).length === 0
    ? null
    : `“${value}” is not a valid label value: letters, digits, “-”, “_” and “.”, at most 63 characters, starting and ending with a letter or digit.`;
}

/** `app=web, tier=frontend`. */
export function parseLabels(text: string): Parsed<Record<string, string>> {
  const labels: Record<string, string> = {};
  for (const token of tokens(text)) {
    const at = token.indexOf('=');
    if (at <= 0) return { ok: false, message: `“${token}” is not a label: write key=value.` };
    const key = token.slice(0, at);
    const value = token.slice(at + 1);
    const problem = labelKeyProblem(key) ?? labelValueProblem(value);
    if (problem) return { ok: false, message: problem };
    labels[key] = value;
  }
  return { ok: true, value: labels };
}

export function nameProblem(name: string, what: string, subdomain = false): string | null {
  if (name === '') return `A ${what} name is required.`;
  const max = subdomain ? 253 : 63;
  if ((subdomain ? dns1123Subdomain : dns1123Label)(name).length > 0) {
    return `“${name}” is not a valid ${what} name: lowercase letters, digits and “-”${subdomain ? ' or “.”' : ''}, at most ${max} characters, starting and ending with a letter or digit.`;
  }
  return null;
}

/** A CIDR in canonical form (`10.0.0.0/8`), or a message. A bare address is one host (/32 or /128). */
export function parseCidrField(text: string): Parsed<string> {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, message: 'A CIDR is required, such as 203.0.113.0/24.' };
  const withPrefix = trimmed.includes('/') ? trimmed : `${trimmed}/${trimmed.includes(':') ? 128 : 32}`;
  if (!parseCidr(withPrefix))
    return { ok: false, message: `“${trimmed}” is not a CIDR such as 203.0.113.0/24 or 2001:db8::/32.` };
  return { ok: true, value: withPrefix };
}

/** A list of CIDRs (excepts); empty is fine. */
export function parseCidrList(text: string): Parsed<string[]> {
  const cidrs: string[] = [];
  for (const token of tokens(text)) {
    const parsed = parseCidrField(token);
    if (!parsed.ok) return parsed;
    cidrs.push(parsed.value);
  }
  return { ok: true, value: cidrs };
}
