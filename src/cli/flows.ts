/** `flows` and `generate`: observed traffic replayed against FILES, or turned into policies. */
import { closeSync, openSync, readSync, writeFileSync } from 'node:fs';
import {
  generatePolicies,
  replayFlows,
  TrafficObserver,
  type ObservedFlow,
  type ObservedTraffic,
  type Replay,
  type Workspace,
} from '../engine';
import { table } from './format';
import { InputError } from './read-inputs';

const CHUNK_BYTES = 1 << 20;

/** Reads every log in 1 MiB chunks, so a log of millions of lines never sits in memory whole. */
export function readFlowLogs(workspace: Workspace, logs: readonly string[]): ObservedTraffic {
  const observer = new TrafficObserver(workspace.index);
  const buffer = Buffer.alloc(CHUNK_BYTES);
  for (const log of logs) {
    let fd: number;
    try {
      fd = openSync(log, 'r');
    } catch (error) {
      throw new InputError(`${log}: cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
    try {
      const decoder = new TextDecoder('utf-8');
      const reader = observer.reader(log);
      for (;;) {
        let read: number;
        try {
          read = readSync(fd, buffer, 0, CHUNK_BYTES, null);
        } catch (error) {
          throw new InputError(
            `${log}: cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
          );
        }
        if (read === 0) break;
        reader.push(decoder.decode(buffer.subarray(0, read), { stream: true }));
      }
      reader.push(decoder.decode());
      reader.end();
    } finally {
      closeSync(fd);
    }
  }
  return observer.result();
}

/** Bad lines, one message each; true when there were any (the run then exits 2). */
export function reportProblems(traffic: ObservedTraffic, stderr: (text: string) => void): boolean {
  for (const { file, line, message } of traffic.problems) stderr(`${file}:${line}: error: ${message}\n`);
  const more = traffic.problemCount - traffic.problems.length;
  if (more > 0) stderr(`… and ${more} more bad lines\n`);
  return traffic.problemCount > 0;
}

const unknownEnds = (flow: ObservedFlow) =>
  [flow.fromEnd, flow.toEnd].flatMap((end) => (end.kind === 'unknown' ? [end.reason] : []));

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function flowsJson(replay: Replay, traffic: ObservedTraffic): string {
  return JSON.stringify({
    flows: replay.flows.map(({ from, to, port, protocol, count, actual, verdict }) => ({
      from,
      to,
      port,
      protocol,
      count,
      actual,
      verdict,
    })),
    observed: replay.observed,
    denied: replay.denied,
    unknown: traffic.unknown.map((flow) => ({
      from: flow.from,
      to: flow.to,
      port: flow.port,
      protocol: flow.protocol,
      count: flow.count,
      reason: unknownEnds(flow).join('; '),
    })),
  });
}

export function flowsText(replay: Replay, traffic: ObservedTraffic): string {
  const out: string[] = [];
  if (replay.flows.length) {
    const rows = [['FROM', 'TO', 'PORT', 'COUNT', 'VERDICT']];
    for (const flow of replay.flows)
      rows.push([
        flow.from,
        flow.to,
        `${flow.port}/${flow.protocol}`,
        String(flow.count),
        flow.actual === 'deny' ? `${flow.verdict}  WOULD BREAK` : flow.verdict,
      ]);
    out.push(table(rows), '');
  }
  if (traffic.unknown.length) {
    out.push('Unknown ends (not evaluated):');
    for (const flow of traffic.unknown)
      out.push(
        `  ${flow.from} -> ${flow.to} ${flow.port}/${flow.protocol} x${flow.count}: ${unknownEnds(flow).join('; ')}`,
      );
    out.push('');
  }
  const unknownCount = traffic.unknown.reduce((sum, flow) => sum + flow.count, 0);
  out.push(
    `${plural(replay.observed, 'connection')} in ${plural(replay.flows.length, 'flow')}: ${replay.denied} would be denied` +
      (unknownCount ? `; ${plural(unknownCount, 'connection')} with an unknown end` : ''),
  );
  return out.join('\n');
}

export function runFlows(
  workspace: Workspace,
  traffic: ObservedTraffic,
  format: string,
): { text: string; denied: boolean } {
  const replay = replayFlows(workspace.cluster, traffic.flows);
  return {
    text: format === 'json' ? flowsJson(replay, traffic) : flowsText(replay, traffic),
    denied: replay.denied > 0,
  };
}

/** The policies as YAML, written to `output` or returned for stdout; notes go to stderr. */
export function runGenerate(
  workspace: Workspace,
  traffic: ObservedTraffic,
  output: string | undefined,
  stderr: (text: string) => void,
): string | null {
  if (traffic.flows.length === 0)
    throw new InputError('no observed connection between known ends: nothing to generate policies from');
  const generated = generatePolicies(workspace.cluster, traffic.flows);
  for (const note of generated.notes) stderr(`note: ${note}\n`);
  if (traffic.unknown.length)
    stderr(
      `note: ${plural(traffic.unknown.length, 'flow')} with an unknown end left out (run 'flows' to list them)\n`,
    );
  if (output === undefined) return generated.yaml;
  try {
    writeFileSync(output, generated.yaml);
  } catch (error) {
    throw new InputError(
      `${output}: cannot write: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
    );
  }
  const count = generated.manifests.length;
  stderr(`${count} NetworkPolic${count === 1 ? 'y' : 'ies'} written to ${output}\n`);
  return null;
}
