/**
 * Streaming readers for observed-traffic logs (docs: shared/docs/flow-logs.md): Hubble JSON lines
 * and the `from,to,port,protocol` CSV. Text comes in chunks of any size; each complete line is
 * turned into at most one connection record, and a bad line becomes a problem with its line number
 * while the rest is still read. Memory stays bounded by the longest accepted line.
 */
import { PROTOCOLS, type Protocol } from '../model/types';
import { isRecord } from '../util/raw';

export const CSV_HEADER = 'from,to,port,protocol';
/** Longer lines are reported and skipped, so that one runaway line cannot hold the whole file. */
export const MAX_LINE_CHARS = 1 << 20;

/** One end as the log names it, before it is mapped to the workspace. */
export type LoggedEnd =
  | {
      kind: 'hubble';
      ip: string;
      namespace?: string;
      podName?: string;
      /** `workloads[0].name`, when the recording node knew the pod's controller. */
      workload?: string;
      /** The end carries a reserved identity, `cidr:` or `fqdn:` label: it is not a pod. */
      notPod: boolean;
    }
  | { kind: 'ref'; ref: string };

/** One connection attempt read from a log. */
export interface LoggedConnection {
  from: LoggedEnd;
  to: LoggedEnd;
  port: number;
  protocol: Protocol;
  /** Source IP, ports, destination IP and protocol: the same connection recorded twice shares it. */
  tuple?: string;
}

export interface LogProblem {
  file: string;
  line: number;
  message: string;
}

export interface LogSink {
  connection(connection: LoggedConnection): void;
  problem(problem: LogProblem): void;
  /** A line that is no connection by the format's rules (replies, lost events, ICMP, ...). */
  skipped(): void;
}

export interface LogReader {
  push(chunk: string): void;
  end(): void;
}

type LineResult = LoggedConnection | 'skip' | { error: string };

const NOT_POD_LABEL = /^(reserved:|cidr:|fqdn:)/;

function hubbleEnd(raw: unknown, ip: string): LoggedEnd {
  const end = isRecord(raw) ? raw : {};
  const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);
  const workloads = Array.isArray(end.workloads) ? end.workloads : [];
  const first: unknown = workloads[0];
  const labels = Array.isArray(end.labels) ? end.labels : [];
  return {
    kind: 'hubble',
    ip,
    namespace: text(end.namespace),
    podName: text(end.pod_name),
    workload: isRecord(first) ? text(first.name) : undefined,
    notPod: labels.some((label) => typeof label === 'string' && NOT_POD_LABEL.test(label)),
  };
}

function validPort(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 65535;
}

function readHubbleLine(line: string): LineResult {
  let object: unknown;
  try {
    object = JSON.parse(line);
  } catch {
    return { error: 'not a JSON object' };
  }
  if (!isRecord(object)) return { error: 'not a JSON object' };
  // `hubble observe -o json` wraps each Flow; HUBBLE_COMPAT=legacy-json-output (and old CLIs) print it bare.
  const flow: unknown = 'flow' in object ? object.flow : 'l4' in object || 'IP' in object ? object : null;
  if (flow === null) return 'skip';
  if (!isRecord(flow)) return { error: '"flow" is not an object' };
  if (flow.Type === 'SOCK') return 'skip';
  if (flow.is_reply === true || (flow.is_reply === undefined && flow.reply === true)) return 'skip';
  const ip = flow.IP;
  const l4 = flow.l4;
  if (!isRecord(ip) || !isRecord(l4)) return 'skip';
  const protocol = PROTOCOLS.find((p) => p in l4);
  if (!protocol) return 'skip';
  const ports = l4[protocol];
  if (!isRecord(ports)) return { error: `"l4.${protocol}" is not an object` };
  const source = ip.source;
  const destination = ip.destination;
  if (typeof source !== 'string' || typeof destination !== 'string')
    return { error: '"IP.source" and "IP.destination" must be strings' };
  const port = ports.destination_port;
  if (!validPort(port)) return { error: `"l4.${protocol}.destination_port" must be a port 1-65535` };
  const sourcePort = typeof ports.source_port === 'number' ? ports.source_port : 0;
  return {
    from: hubbleEnd(flow.source, source),
    to: hubbleEnd(flow.destination, destination),
    port,
    protocol,
    tuple: `${source} ${sourcePort} ${destination} ${port} ${protocol}`,
  };
}

function readCsvLine(line: string): LineResult {
  const fields = line.split(',');
  if (fields.length !== 4) return { error: `expected 4 fields (${CSV_HEADER}), found ${fields.length}` };
  const [from, to, portText, protocol] = fields.map((field) => field.trim()) as [
    string,
    string,
    string,
    string,
  ];
  if (!from || !to) return { error: 'from and to must not be empty' };
  const port = /^\d{1,5}$/.test(portText) ? Number(portText) : NaN;
  if (!validPort(port)) return { error: `port "${portText}" is not a number 1-65535` };
  if (!(PROTOCOLS as readonly string[]).includes(protocol))
    return { error: `protocol "${protocol}" is not TCP, UDP or SCTP` };
  return {
    from: { kind: 'ref', ref: from },
    to: { kind: 'ref', ref: to },
    port,
    protocol: protocol as Protocol,
  };
}

/** A reader for one log file; its format is decided by its first non-empty line. */
export function createLogReader(file: string, sink: LogSink): LogReader {
  let pending = '';
  let lineNumber = 0;
  let format: 'csv' | 'hubble' | 'bad' | null = null;
  /** Inside a line that is too long: drop text until its end. */
  let overlong = false;

  const problem = (message: string, line = lineNumber) => sink.problem({ file, line, message });
  const tooLong = `line longer than ${MAX_LINE_CHARS} characters, skipped`;

  const handle = (rawLine: string) => {
    lineNumber++;
    const line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    if (format === 'bad') return;
    const trimmed = line.trim();
    if (trimmed === '') return;
    if (format === null) {
      const first = lineNumber === 1 ? trimmed.replace(/^\uFEFF/, '') : trimmed;
      if (first === CSV_HEADER) {
        format = 'csv';
        return;
      }
      if (!first.startsWith('{')) {
        format = 'bad';
        problem(`not a flow log: the first line must be "${CSV_HEADER}" (CSV) or a JSON object (Hubble)`);
        return;
      }
      format = 'hubble';
    }
    const result = format === 'csv' ? readCsvLine(trimmed) : readHubbleLine(trimmed);
    if (result === 'skip') sink.skipped();
    else if ('error' in result) problem(result.error);
    else sink.connection(result);
  };

  return {
    push(chunk) {
      let start = 0;
      for (let newline = chunk.indexOf('\n'); newline >= 0; newline = chunk.indexOf('\n', start)) {
        if (overlong) {
          // Its problem was reported when it grew too long.
          overlong = false;
          lineNumber++;
        } else if (pending.length + newline - start > MAX_LINE_CHARS) {
          lineNumber++;
          problem(tooLong);
        } else {
          handle(pending + chunk.slice(start, newline));
        }
        pending = '';
        start = newline + 1;
      }
      if (overlong) return;
      if (pending.length + chunk.length - start > MAX_LINE_CHARS) {
        problem(tooLong, lineNumber + 1);
        overlong = true;
        pending = '';
      } else pending += chunk.slice(start);
    },
    end() {
      if (overlong) lineNumber++;
      else if (pending !== '') handle(pending);
      pending = '';
      overlong = false;
      if (format === null) problem('empty flow log', Math.max(lineNumber, 1));
    },
  };
}
