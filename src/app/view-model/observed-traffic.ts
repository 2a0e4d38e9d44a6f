/**
 * The worker's hold on imported flow logs. Logs are read streamed, chunk by chunk, into the
 * engine's TrafficObserver; the observed set is kept and replayed against every evaluation. How a
 * logged end maps depends only on the workspace's names and addresses, so the logs are read again
 * only when those change; otherwise the kept flows are pointed at the new evaluation's endpoints.
 */
import {
  applyIntent,
  applyTextEdits,
  cidrContains,
  generatePolicies,
  parseCidr,
  parseIp,
  loadWorkspace,
  replayFlows,
  TrafficObserver,
  type EditIntent,
  type Evaluation,
  type ObservedEnd,
  type ObservedFlow,
  type ObservedTraffic,
  type Workspace,
} from '../../engine';
import { endpointId, endpointNodeId, flowEdgeId, namespaceNodeId, type NodeId } from '../model/ids';
import type { ExternalView } from '../model/view-model';
import type {
  FlowLogSource,
  GeneratePreview,
  GenerateScope,
  ObserveProgress,
  ObservedView,
} from '../model/observed';
import { compareWorkspaces } from './compare';
import { WORKSPACE_FILE } from '../worker/protocol';

/** Reading gives way to queued messages (a keystroke's evaluation) this often. */
const YIELD_EVERY_MS = 100;

/** What a logged end can map to: every name and address the index knows (map-ends.ts reads only these). */
function fingerprint(workspace: Workspace): string {
  const { byName, byIp, nodeIps } = workspace.index;
  const parts: string[] = [];
  for (const [name, endpoint] of byName) parts.push(`${name}=${endpoint.id}:${endpoint.kind}`);
  for (const [ip, endpoint] of byIp) parts.push(`${ip}@${endpoint.id}`);
  for (const ip of nodeIps) parts.push(`node ${ip}`);
  return parts.join('\n');
}

/** Where the canvas draws the ends of observed flows. */
export interface CanvasPlaces {
  /** The outside ranges that have nodes. */
  externals: readonly ExternalView[];
  /** A summarized workspace's open namespaces; absent: every endpoint has a card of its own. */
  expanded?: ReadonlySet<string>;
}

/** Where an observed end is drawn: the canvas node, and the name its flows-table rows give it. */
interface Place {
  nodeId: NodeId;
  name: string;
}

/**
 * Where an observed end is drawn: the endpoint's card (or, summarized, the box of its collapsed
 * namespace), or for an outside address the narrowest range that holds it outside its excepts
 * (the internet node when no ipBlock names it). Null: not on the canvas (a node's address, or one
 * that no range holds).
 */
function placer({ externals, expanded }: CanvasPlaces): (end: ObservedEnd) => Place | null {
  const ranges = externals.flatMap((external) => {
    const cidr = parseCidr(external.cidr);
    const except = external.except.flatMap((text) => parseCidr(text) ?? []);
    return cidr ? [{ place: { nodeId: external.nodeId, name: external.cidr }, cidr, except }] : [];
  });
  const byIp = new Map<string, Place | null>();
  const rangeOf = (text: string) => {
    const ip = parseIp(text);
    let best: (typeof ranges)[number] | null = null;
    for (const range of ip ? ranges : []) {
      if (best && best.cidr.prefix >= range.cidr.prefix) continue;
      if (cidrContains(range.cidr, ip!) && !range.except.some((except) => cidrContains(except, ip!)))
        best = range;
    }
    return best?.place ?? null;
  };
  return (end) => {
    if (end.kind === 'endpoint') {
      const { id, namespace } = end.endpoint;
      const collapsed = expanded && !expanded.has(namespace);
      return { nodeId: collapsed ? namespaceNodeId(namespace) : endpointNodeId(endpointId(id)), name: id };
    }
    if (end.kind !== 'ip' || end.node) return null;
    let place = byIp.get(end.ip);
    if (place === undefined) byIp.set(end.ip, (place = rangeOf(end.ip)));
    return place;
  };
}

const countLines = (text: string) => {
  let lines = 0;
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) lines++;
  return lines;
};

export class ObservedLogs {
  private sources: FlowLogSource[] = [];
  private traffic: ObservedTraffic | null = null;
  private lines: number[] = [];
  private readFor: { workspace: Workspace; fingerprint: string } | null = null;
  /** The read under way: an evaluation arriving meanwhile waits for it rather than reading again. */
  private reading: Promise<void> | null = null;
  /** Bumped by setSources, so that a read of logs no longer held is thrown away. */
  private generation = 0;

  get empty(): boolean {
    return this.sources.length === 0;
  }

  /** The logs to hold from now on (an empty list forgets them). */
  setSources(sources: readonly FlowLogSource[]): void {
    this.sources = [...sources];
    this.traffic = null;
    this.readFor = null;
    this.reading = null;
    this.generation++;
  }

  /** Reads every log into a new observed set, in chunks, giving way to the queue between them. */
  private async read(workspace: Workspace, onProgress?: (progress: ObserveProgress) => void): Promise<void> {
    const generation = this.generation;
    const observer = new TrafficObserver(workspace.index);
    const total = this.sources.reduce(
      (sum, { data }) => sum + (typeof data === 'string' ? data.length : data.size),
      0,
    );
    const progress: ObserveProgress = { bytes: 0, total, lines: 0 };
    const lines: number[] = [];
    let lastYield = performance.now();
    const pause = async () => {
      if (performance.now() - lastYield < YIELD_EVERY_MS) return;
      onProgress?.({ ...progress });
      await new Promise((resolve) => setTimeout(resolve, 0));
      lastYield = performance.now();
    };
    for (const { name, data } of this.sources) {
      const reader = observer.reader(name);
      let fileLines = 0;
      if (typeof data === 'string') {
        reader.push(data);
        fileLines = countLines(data);
        progress.bytes += data.length;
      } else {
        const stream = data.stream().pipeThrough(new TextDecoderStream()).getReader();
        for (;;) {
          const { done, value } = await stream.read();
          if (done) break;
          reader.push(value);
          fileLines += countLines(value);
          progress.bytes += value.length;
          progress.lines += countLines(value);
          await pause();
        }
      }
      reader.end();
      // A last line without a newline is a line too.
      lines.push(fileLines + 1);
      progress.lines = lines.reduce((sum, n) => sum + n, 0);
    }
    onProgress?.({ ...progress });
    if (generation !== this.generation) return;
    this.traffic = observer.result();
    this.lines = lines;
    this.readFor = { workspace, fingerprint: fingerprint(workspace) };
  }

  /** The observed set mapped to `workspace`'s endpoints: kept, re-pointed, or read again. */
  private async trafficFor(
    workspace: Workspace,
    onProgress?: (progress: ObserveProgress) => void,
  ): Promise<ObservedTraffic | null> {
    while (this.reading) await this.reading;
    if (this.empty) return null;
    if (this.traffic && this.readFor?.workspace === workspace) return this.traffic;
    if (this.traffic && this.readFor && this.readFor.fingerprint === fingerprint(workspace)) {
      const byName = workspace.index.byName;
      const repoint = (flow: ObservedFlow): ObservedFlow => ({
        ...flow,
        fromEnd:
          flow.fromEnd.kind === 'endpoint'
            ? { kind: 'endpoint', endpoint: byName.get(flow.fromEnd.endpoint.id)! }
            : flow.fromEnd,
        toEnd:
          flow.toEnd.kind === 'endpoint'
            ? { kind: 'endpoint', endpoint: byName.get(flow.toEnd.endpoint.id)! }
            : flow.toEnd,
      });
      this.traffic = { ...this.traffic, flows: this.traffic.flows.map(repoint) };
      this.readFor = { ...this.readFor, workspace };
      return this.traffic;
    }
    const reading = this.read(workspace, onProgress).finally(() => {
      if (this.reading === reading) this.reading = null;
    });
    this.reading = reading;
    await reading;
    return this.traffic;
  }

  /**
   * The observed flows replayed against `evaluation`, each on the canvas edge between the nodes
   * that draw its ends (`places`); null when no log is held.
   */
  async view(
    evaluation: Evaluation,
    places: CanvasPlaces,
    onProgress?: (progress: ObserveProgress) => void,
  ): Promise<ObservedView | null> {
    const traffic = await this.trafficFor(evaluation.workspace, onProgress);
    if (!traffic) return null;
    const replay = replayFlows(evaluation.workspace.cluster, traffic.flows, evaluation.matrix);
    const place = placer(places);
    return {
      logs: this.sources.map(({ name }, i) => ({ name, lines: this.lines[i] ?? 0 })),
      flows: replay.flows.map(({ from, to, port, protocol, count, actual, verdict, fromEnd, toEnd }) => {
        const [source, target] = [place(fromEnd), place(toEnd)];
        return {
          key: `${from}|${to}|${port}|${protocol}`,
          from,
          to,
          port,
          protocol,
          count,
          actual,
          verdict,
          // Both ends in one collapsed box: counted in the box, on no edge.
          edgeId:
            source && target && source.nodeId !== target.nodeId
              ? flowEdgeId(source.nodeId, target.nodeId)
              : null,
          rowFrom: source?.name ?? from,
          rowTo: target?.name ?? to,
        };
      }),
      unknown: traffic.unknown.map(({ from, to, port, protocol, count, fromEnd, toEnd }) => ({
        from,
        to,
        port,
        protocol,
        count,
        reason: [fromEnd, toEnd].flatMap((end) => (end.kind === 'unknown' ? [end.reason] : [])).join('; '),
      })),
      problems: traffic.problems,
      problemCount: traffic.problemCount,
      skipped: traffic.skipped,
      observed: replay.observed,
      denied: replay.denied,
      unknownCount: traffic.unknown.reduce((sum, flow) => sum + flow.count, 0),
    };
  }

  /** The policies the engine writes for `scope` from what was observed, and every flow they change. */
  async generate(evaluation: Evaluation, scope: GenerateScope): Promise<GeneratePreview> {
    const traffic = await this.trafficFor(evaluation.workspace);
    if (!traffic) return { ok: false, message: 'Import a flow log first.' };
    const { workspace } = evaluation;
    const subjects =
      scope.kind === 'namespace'
        ? (endpoint: { namespace: string }) => endpoint.namespace === scope.namespace
        : scope.kind === 'workload'
          ? (endpoint: { id: string }) => endpoint.id === scope.endpoint
          : undefined;
    const generated = generatePolicies(workspace.cluster, traffic.flows, { subjects });
    if (generated.manifests.length === 0)
      return {
        ok: false,
        message: 'No observed connection of that scope between known ends: nothing to generate.',
      };
    const policies = generated.manifests.map((manifest) => {
      const { namespace, name } = manifest.metadata as { namespace: string; name: string };
      return { namespace, name, spec: manifest.spec as Record<string, unknown> };
    });
    const intent: EditIntent = { kind: 'add-policies', policies };
    const edit = applyIntent(workspace, intent);
    if (!edit.ok) return edit;
    const text = workspace.files[0]!.text;
    const after = loadWorkspace([{ name: WORKSPACE_FILE, text: applyTextEdits(text, edit.edits) }], {
      namespace: evaluation.options.namespace,
    });
    return {
      ok: true,
      yaml: generated.yaml,
      policies,
      notes: generated.notes,
      edit,
      changes: compareWorkspaces(workspace, after),
    };
  }
}
