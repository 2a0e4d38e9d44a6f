/**
 * Observed traffic: connections read from one or more logs, mapped to the workspace, deduplicated
 * by 5-tuple (a connection recorded at both ends counts once) and counted per distinct
 * (from, to, port, protocol).
 */
import type { EndpointIndex } from '../evaluate/resolve';
import type { Protocol } from '../model/types';
import { endName, mapEnd, type ObservedEnd } from './map-ends';
import {
  createLogReader,
  type LoggedConnection,
  type LoggedEnd,
  type LogProblem,
  type LogReader,
} from './read-log';

export interface ObservedFlow {
  from: string;
  to: string;
  port: number;
  protocol: Protocol;
  /** Connections seen. */
  count: number;
  fromEnd: ObservedEnd;
  toEnd: ObservedEnd;
}

export interface ObservedTraffic {
  /** Flows whose two ends are known (endpoints or outside addresses), sorted. */
  flows: ObservedFlow[];
  /** Flows with an end the workspace does not know, sorted; listed, never evaluated. */
  unknown: ObservedFlow[];
  /** Bad lines, in reading order; at most MAX_PROBLEMS are kept. */
  problems: LogProblem[];
  /** All bad lines, including those not kept. */
  problemCount: number;
  /** Lines that are no connection (replies, lost events, ICMP, SOCK traces). */
  skipped: number;
}

export const MAX_PROBLEMS = 100;

const isKnown = (end: ObservedEnd) => end.kind !== 'unknown';

function flowKey(flow: Pick<ObservedFlow, 'from' | 'to' | 'port' | 'protocol'>): string {
  return `${flow.from}\t${flow.to}\t${flow.port}\t${flow.protocol}`;
}

function compareFlows(a: ObservedFlow, b: ObservedFlow): number {
  return (
    a.from.localeCompare(b.from) ||
    a.to.localeCompare(b.to) ||
    a.port - b.port ||
    a.protocol.localeCompare(b.protocol)
  );
}

/** Collects connections from any number of logs, read together. */
export class TrafficObserver {
  private readonly flows = new Map<string, ObservedFlow>();
  /** 5-tuple → the flow it was counted in. */
  private readonly tuples = new Map<string, ObservedFlow>();
  /** Mapping results per distinct logged end: a log names the same few ends over and over. */
  private readonly ends = new Map<string, unknown>();
  private readonly problems: LogProblem[] = [];
  private problemCount = 0;
  private skipped = 0;

  constructor(private readonly index: EndpointIndex) {}

  /** A reader for one more log; push its text in chunks and end it. */
  reader(file: string): LogReader {
    return createLogReader(file, {
      connection: (connection) => this.add(connection),
      problem: (problem) => {
        this.problemCount++;
        if (this.problems.length < MAX_PROBLEMS) this.problems.push(problem);
      },
      skipped: () => void this.skipped++,
    });
  }

  private map(end: LoggedEnd): ObservedEnd {
    // Keyed by only what mapEnd reads (a named pod maps by name, whatever its address), in nested
    // maps of the strings as parsed: no key is built per line.
    const path =
      end.kind === 'ref'
        ? ['r', end.ref]
        : end.podName && end.namespace
          ? ['p', end.namespace, end.podName, end.workload ?? '']
          : ['i', end.notPod ? 'n' : 'p', end.ip];
    let level: Map<string, unknown> = this.ends;
    for (let i = 0; i < path.length - 1; i++) {
      let next = level.get(path[i]!) as Map<string, unknown> | undefined;
      if (!next) level.set(path[i]!, (next = new Map()));
      level = next;
    }
    let mapped = level.get(path.at(-1)!) as ObservedEnd | undefined;
    if (!mapped) {
      mapped = mapEnd(this.index, end);
      level.set(path.at(-1)!, mapped);
    }
    return mapped;
  }

  private add(connection: LoggedConnection): void {
    const fromEnd = this.map(connection.from);
    const toEnd = this.map(connection.to);
    const { port, protocol, tuple } = connection;
    const earlier = tuple === undefined ? undefined : this.tuples.get(tuple);
    if (earlier) {
      // The other end's node may know a pod that this one did not: keep the better-known record.
      const better =
        [fromEnd, toEnd].filter(isKnown).length > [earlier.fromEnd, earlier.toEnd].filter(isKnown).length;
      if (!better) return;
      if (--earlier.count === 0) this.flows.delete(flowKey(earlier));
    }
    const from = endName(fromEnd);
    const to = endName(toEnd);
    const key = flowKey({ from, to, port, protocol });
    let flow = this.flows.get(key);
    if (!flow) {
      flow = { from, to, port, protocol, count: 0, fromEnd, toEnd };
      this.flows.set(key, flow);
    }
    flow.count++;
    if (tuple !== undefined) this.tuples.set(tuple, flow);
  }

  result(): ObservedTraffic {
    const all = [...this.flows.values()].sort(compareFlows);
    return {
      flows: all.filter((flow) => isKnown(flow.fromEnd) && isKnown(flow.toEnd)),
      unknown: all.filter((flow) => !isKnown(flow.fromEnd) || !isKnown(flow.toEnd)),
      problems: [...this.problems],
      problemCount: this.problemCount,
      skipped: this.skipped,
    };
  }
}

/** Reads whole logs held in memory (tests, small inputs); big logs go through `reader` in chunks. */
export function observeTraffic(
  index: EndpointIndex,
  logs: readonly { file: string; text: string }[],
): ObservedTraffic {
  const observer = new TrafficObserver(index);
  for (const { file, text } of logs) {
    const reader = observer.reader(file);
    reader.push(text);
    reader.end();
  }
  return observer.result();
}
