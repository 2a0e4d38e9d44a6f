/**
 * Benchmarks: `npm run bench` prints a table; `npm run bench -- --json` prints one JSON object per
 * line; `--only a,b` runs some of them; `--cpu` times the Node benchmarks with the process's CPU
 * time instead of the wall clock (on a machine shared with other work, wall-clock medians mostly
 * measure the neighbours; CPU time includes the garbage collector's helper threads). Each Node
 * benchmark prepares its input untimed, then times `run()` several times and reports the median.
 * To add one, append to BENCHMARKS. naive-1k alone takes minutes: it evaluates 15 million flows
 * one at a time. The scale rows (model-/matrix- at 10k, 50k and 100k pods, and bare dumps at
 * 5k, 20k and 100k: scaleBenchmarks) take minutes and gigabytes; after the table, rows of one
 * family are printed side by side with their growth. The browser benchmarks (first-load,
 * app-load-5k, app-edit-2k, app-edit-5k: BROWSER_BENCHMARKS in browser.ts) come last; they build the app,
 * serve it and time it in Chromium, on the page's clock whatever `--cpu` says.
 */
import {
  evaluateFiles,
  generatePolicies,
  observeTraffic,
  replayFlows,
  TrafficObserver,
  VERDICTS,
  type Cluster,
  type Evaluation,
  type Policy,
  type PolicyRule,
} from '../src/engine';
import { indexEndpoints } from '../src/engine/evaluate/resolve';
import { buildClassMatrix, updatePolicy, type ClassMatrix } from '../src/engine/matrix/classes';
import { declaredPorts } from '../src/engine/matrix/reach';
import { buildCluster } from '../src/engine/model/build-cluster';
import type { RawObject } from '../src/engine/parse/parse-sources';
import { loadWorkspace } from '../src/engine/workspace';
import { readReferenceCluster, referenceVerdict } from '../src/testing/reference-evaluator';
import { buildSummaryViewModel } from '../src/app/view-model/summary-view';
import { hubbleLog } from './flow-log';
import { ipBlocksYaml } from './ip-blocks';
import { BROWSER_BENCHMARKS, openApp, type BrowserApp, type BrowserBenchmark } from './browser';
import {
  generateCluster,
  toListJson,
  toListYaml,
  withoutWorkloads,
  type GenerateOptions,
  type Json,
} from '../src/testing/generate-cluster';

interface Prepared {
  endpoints: number;
  policies: number;
  /** Timed. Receives the run number, for benchmarks that vary their input per run. */
  run(index: number): unknown;
  runs: number;
  /** One untimed run first (JIT warm-up); off for benchmarks too slow to repeat. */
  warmup: boolean;
}

interface Benchmark {
  name: string;
  prepare(): Prepared;
}

interface Result {
  name: string;
  endpoints: number;
  policies: number;
  median_ms: number;
  runs: number;
  note?: string;
}

/** Models generated items without going through YAML (setup only: the text path is parse-5k's). */
function modelled(options: GenerateOptions): Cluster {
  return modelledItems(generateCluster(options).items);
}

function modelledItems(items: readonly Json[]): Cluster {
  const location = { file: 'generated', line: 1, column: 1, endLine: 1, endColumn: 1 };
  const object: RawObject = {
    file: 'generated',
    documentIndex: 0,
    value: { apiVersion: 'v1', kind: 'List', items },
    locate: () => location,
  };
  return buildCluster([object]).cluster;
}

const memo = <T>(make: () => T): (() => T) => {
  let value: T | undefined;
  return () => (value ??= make());
};

/** 1,000 endpoints and 200 policies, shared by matrix-1k, naive-1k and edit-1k. */
const OPTIONS_1K: GenerateOptions = { seed: 1, endpoints: 1000, policies: 200 };
const cluster1k = memo(() => modelled(OPTIONS_1K));

/** The same flows as matrix-1k, one at a time, with the reference evaluator. */
function naiveFlowMatrix(cluster: Cluster, items: readonly unknown[]): Uint8Array {
  // The reference reads the objects itself; the flows are those of the engine's endpoints.
  const reference = readReferenceCluster(items);
  const ports = declaredPorts(cluster);
  const n = cluster.endpoints.length;
  const out = new Uint8Array(n * n * ports.length);
  const code = new Map(VERDICTS.map((verdict, i) => [verdict, i]));
  let k = 0;
  for (const from of cluster.endpoints) {
    for (const to of cluster.endpoints) {
      for (const { port, protocol } of ports)
        out[k++] = code.get(referenceVerdict(reference, from.id, to.id, port, protocol))!;
    }
  }
  return out;
}

/** The edits of edit-1k: widen a rule's ports, or point the policy at other pods. */
function editedPolicy(policy: Policy, variant: number): Policy {
  if (variant % 2 === 0) {
    const rule: PolicyRule = {
      index: policy.ingress.length,
      peers: [
        {
          kind: 'selector',
          namespaceSelector: {
            matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' },
            matchExpressions: [],
          },
        },
      ],
      ports: [
        { protocol: 'TCP', port: 9090 },
        { protocol: 'TCP', port: 'metrics' },
      ],
      source: policy.source,
    };
    return {
      ...policy,
      policyTypes: policy.policyTypes.includes('Ingress')
        ? policy.policyTypes
        : [...policy.policyTypes, 'Ingress'],
      ingress: [...policy.ingress, rule],
    };
  }
  return { ...policy, podSelector: { matchLabels: { tier: 'backend' }, matchExpressions: [] } };
}

const EDITS = 30;

/** The generated cluster of the last scale size asked for: one at a time, for 100,000 pods take gigabytes. */
let lastScale: { key: string; items: Json[]; cluster: Cluster | null } | null = null;

function scaleInput(pods: number, bare: boolean): { items: Json[]; cluster: () => Cluster } {
  const key = `${pods}${bare ? ' bare' : ''}`;
  if (lastScale?.key !== key) {
    lastScale = null; // let the previous size go before generating the next
    const { items } = generateCluster({ seed: 7, pods, policies: pods / 5 });
    lastScale = { key, items: bare ? withoutWorkloads(items) : items, cluster: null };
  }
  const entry = lastScale;
  return { items: entry.items, cluster: () => (entry.cluster ??= modelledItems(entry.items)) };
}

const SCALE_RUNS = (pods: number) => (pods >= 50_000 ? 3 : 5);

/**
 * model-N reads the generated objects and builds the model (from parsed objects: text this size
 * is over the input limit); matrix-N builds the class matrix of that model: the classes, which
 * policies isolate each, and a row of allowed ports per peer class for each distinct profile,
 * from which every pair's verdict is a lookup. One policy per five pods. The bare rows are the
 * same clusters without their workloads (kubectl get pods,networkpolicies,namespaces,services):
 * every pod an endpoint of its own, replicas sharing labels. check-100k compares sampled flows
 * of the 100,000-pod cluster with the reference evaluator (its time is not a target).
 */
function scaleBenchmarks(): Benchmark[] {
  const sizes: [number, boolean][] = [
    [10_000, false],
    [50_000, false],
    [100_000, false],
    [5_000, true],
    [20_000, true],
    [100_000, true],
  ];
  const rows: Benchmark[] = sizes.flatMap(([pods, bare]) => {
    const suffix = `${bare ? 'bare-' : ''}${pods / 1000}k`;
    const runs = SCALE_RUNS(pods);
    return [
      {
        name: `model-${suffix}`,
        prepare() {
          const { items, cluster } = scaleInput(pods, bare);
          const modelledCluster = cluster();
          return {
            endpoints: modelledCluster.endpoints.length,
            policies: modelledCluster.policies.length,
            runs,
            warmup: pods < 50_000,
            run: () => modelledItems(items),
          };
        },
      },
      {
        name: `matrix-${suffix}`,
        prepare() {
          const cluster = scaleInput(pods, bare).cluster();
          return {
            endpoints: cluster.endpoints.length,
            policies: cluster.policies.length,
            runs,
            warmup: pods < 50_000,
            run: () => buildClassMatrix(cluster),
          };
        },
      },
    ];
  });
  rows.splice(3 * 2, 0, {
    name: 'check-100k',
    prepare() {
      const { items, cluster: modelledCluster } = scaleInput(100_000, false);
      const cluster = modelledCluster();
      return {
        endpoints: cluster.endpoints.length,
        policies: cluster.policies.length,
        runs: 1,
        warmup: false,
        run: () => sampledDifferential(cluster, items, 2000),
      };
    },
  });
  return rows;
}

/** Compares `samples` random flows (declared ports) of the class matrix with the reference evaluator; throws on a difference. */
function sampledDifferential(cluster: Cluster, items: readonly Json[], samples: number): number {
  const matrix = buildClassMatrix(cluster);
  const reference = readReferenceCluster(items);
  const ports = declaredPorts(cluster);
  const n = cluster.endpoints.length;
  let state = 12345;
  const next = (limit: number) => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state % limit;
  };
  for (let k = 0; k < samples; k++) {
    const from = next(n);
    const to = next(n);
    const { port, protocol } = ports[next(ports.length)]!;
    const expected = referenceVerdict(
      reference,
      cluster.endpoints[from]!.id,
      cluster.endpoints[to]!.id,
      port,
      protocol,
    );
    const actual = matrix.flowVerdict(from, to, port, protocol);
    if (actual !== expected)
      throw new Error(
        `check-100k: ${cluster.endpoints[from]!.id} -> ${cluster.endpoints[to]!.id} ${port}/${protocol}: matrix ${actual}, reference ${expected}`,
      );
  }
  return samples;
}

const BENCHMARKS: (Benchmark | BrowserBenchmark)[] = [
  {
    name: 'matrix-1k',
    prepare() {
      const cluster = cluster1k();
      const ports = declaredPorts(cluster);
      return {
        endpoints: cluster.endpoints.length,
        policies: cluster.policies.length,
        runs: 9,
        warmup: true,
        run: () => buildClassMatrix(cluster).flowVerdictMatrix(ports),
      };
    },
  },
  {
    name: 'naive-1k',
    prepare() {
      const cluster = cluster1k();
      const { items } = generateCluster(OPTIONS_1K);
      return {
        endpoints: cluster.endpoints.length,
        policies: cluster.policies.length,
        runs: 1,
        warmup: false,
        run: () => naiveFlowMatrix(cluster, items),
      };
    },
  },
  {
    // Every endpoint pair's verdict (pairVerdictMatrix), which the app's canvas reads.
    name: 'pairs-10k',
    prepare() {
      const cluster = modelled({ seed: 2, pods: 10_000, policies: 2000 });
      return {
        endpoints: cluster.endpoints.length,
        policies: cluster.policies.length,
        runs: 5,
        warmup: true,
        run: () => buildClassMatrix(cluster).pairVerdictMatrix(),
      };
    },
  },
  {
    name: 'edit-1k',
    prepare() {
      const cluster = cluster1k();
      const base = buildClassMatrix(cluster);
      // Policies spread over the whole set, each edited into a cluster of its own.
      const edits = Array.from({ length: EDITS + 1 }, (_, i) => {
        const policy = cluster.policies[Math.floor((i * cluster.policies.length) / (EDITS + 1))]!;
        const edited = editedPolicy(policy, i);
        return {
          id: policy.id,
          cluster: { ...cluster, policies: cluster.policies.map((p) => (p === policy ? edited : p)) },
        };
      });
      return {
        endpoints: cluster.endpoints.length,
        policies: cluster.policies.length,
        runs: EDITS,
        warmup: true,
        // The warm-up takes edit 0; timed runs take edits 1..EDITS, each from the unedited matrix.
        run: (index: number): ClassMatrix => updatePolicy(base, edits[index]!.cluster, edits[index]!.id),
      };
    },
  },
  {
    name: 'parse-5k',
    prepare() {
      const generated = generateCluster({ seed: 3, pods: 5000, policies: 1000 });
      const files = [{ name: 'dump.yaml', text: toListYaml(generated.items) }];
      const { cluster, diagnostics } = loadWorkspace(files);
      const blocking = diagnostics.filter((d) => d.blocking);
      if (blocking.length) throw new Error(`parse-5k input does not load: ${blocking[0]!.message}`);
      return {
        endpoints: cluster.endpoints.length,
        policies: cluster.policies.length,
        runs: 7,
        warmup: true,
        run: () => loadWorkspace(files),
      };
    },
  },
  {
    name: 'parse-json-5k',
    prepare() {
      // `kubectl get pods -A -o json` of 5,000 pods: their ReplicaSets are not in the dump.
      const { items } = generateCluster({ seed: 6, pods: 5000, policies: 0 });
      const files = [{ name: 'pods.json', text: toListJson(items.filter((item) => item.kind === 'Pod')) }];
      const { cluster, diagnostics } = loadWorkspace(files);
      const blocking = diagnostics.filter((d) => d.blocking);
      if (blocking.length) throw new Error(`parse-json-5k input does not load: ${blocking[0]!.message}`);
      return {
        endpoints: cluster.endpoints.length,
        policies: cluster.policies.length,
        runs: 7,
        warmup: true,
        run: () => loadWorkspace(files),
      };
    },
  },
  {
    name: 'flows-1m',
    prepare() {
      // 1,000,000 Hubble lines (a third of them replies) streamed in 1 MB chunks, then replayed.
      const cluster = cluster1k();
      const chunks = hubbleLog(cluster, { seed: 4, lines: 1_000_000, pairs: 4000 });
      const index = indexEndpoints(cluster);
      return {
        endpoints: cluster.endpoints.length,
        policies: cluster.policies.length,
        runs: 3,
        warmup: true,
        run: () => {
          const observer = new TrafficObserver(index);
          const reader = observer.reader('hubble.jsonl');
          for (const chunk of chunks) reader.push(chunk);
          reader.end();
          return replayFlows(cluster, observer.result().flows);
        },
      };
    },
  },
  {
    name: 'generate-1k',
    prepare() {
      // Policies for 4,000 observed flows between the 1,000 endpoints, written as YAML.
      const cluster = cluster1k();
      const index = indexEndpoints(cluster);
      const log = hubbleLog(cluster, { seed: 5, lines: 12_000, pairs: 4000 }).join('');
      const { flows } = observeTraffic(index, [{ file: 'hubble.jsonl', text: log }]);
      return {
        endpoints: cluster.endpoints.length,
        policies: cluster.policies.length,
        runs: 7,
        warmup: true,
        run: () => generatePolicies(cluster, flows),
      };
    },
  },
  {
    name: 'ipblocks-10k',
    prepare() {
      // What the app's worker does with 10,000 ipBlocks: load, class matrix, and the summary with
      // every outside range decided against every class (the canvas's outside nodes).
      const files = [{ name: 'ipblocks.yaml', text: ipBlocksYaml(10_000, 6) }];
      const evaluation = evaluateFiles(files, {}, null);
      const blocking = evaluation.workspace.diagnostics.filter((d) => d.blocking);
      if (blocking.length) throw new Error(`ipblocks-10k input does not load: ${blocking[0]!.message}`);
      return {
        endpoints: evaluation.workspace.cluster.endpoints.length,
        policies: evaluation.workspace.cluster.policies.length,
        runs: 3,
        warmup: true,
        run: () => buildSummaryViewModel(evaluateFiles(files, {}, null), 1, { expanded: ['shop'] }),
      };
    },
  },
  {
    name: 'summary-100k',
    prepare() {
      // The app's summary of a `kubectl get pods -A` dump of 100,000 pods (no workloads: every pod
      // its own endpoint, some 43,000 classes): what "Counting flows between namespaces" does once
      // the class matrix is there. Modelled without YAML, which would be over the size limit.
      const { items } = generateCluster({ seed: 3, pods: 100_000, policies: 2000 });
      const pods = items.filter((item) => ['Namespace', 'Pod', 'NetworkPolicy'].includes(`${item.kind}`));
      const location = { file: 'pods', line: 1, column: 1, endLine: 1, endColumn: 1 };
      const object: RawObject = {
        file: 'pods',
        documentIndex: 0,
        value: { apiVersion: 'v1', kind: 'List', items: pods },
        locate: () => location,
      };
      const { cluster } = buildCluster([object]);
      const evaluation: Evaluation = {
        workspace: {
          files: [],
          parsed: { documents: [], objects: [object], diagnostics: [] },
          cluster,
          index: indexEndpoints(cluster),
          diagnostics: [],
        },
        matrix: buildClassMatrix(cluster),
        options: {},
        path: 'full',
      };
      return {
        endpoints: cluster.endpoints.length,
        policies: cluster.policies.length,
        runs: 3,
        warmup: false,
        run: () => buildSummaryViewModel(evaluation, 1, { expanded: [] }),
      };
    },
  },
  ...scaleBenchmarks(),
  ...BROWSER_BENCHMARKS,
];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Milliseconds on the wall clock, or of CPU time used by this process. */
function clock(cpu: boolean): () => number {
  if (!cpu) return () => performance.now();
  return () => {
    const { user, system } = process.cpuUsage();
    return (user + system) / 1000;
  };
}

function result(name: string, endpoints: number, policies: number, times: number[], note?: string): Result {
  return {
    name,
    endpoints,
    policies,
    median_ms: Math.round(median(times) * 10) / 10,
    runs: times.length,
    ...(note === undefined ? {} : { note }),
  };
}

function measure(benchmark: Benchmark, now: () => number): Result {
  const prepared = benchmark.prepare();
  if (prepared.warmup) prepared.run(0);
  const times: number[] = [];
  for (let i = 0; i < prepared.runs; i++) {
    const start = now();
    prepared.run(prepared.warmup ? i + 1 : i);
    times.push(now() - start);
  }
  // maxRSS is the process's peak so far (in KiB): an upper bound for this benchmark's own.
  const peak = `peak RSS ${(process.resourceUsage().maxRSS / 1024 / 1024).toFixed(2)} GB`;
  return result(benchmark.name, prepared.endpoints, prepared.policies, times, peak);
}

/**
 * For rows named family-<N>k, the figures side by side and how they grow: the ratio of times
 * against the ratio of pods (1.0 per 1.0 is linear).
 */
function growth(results: readonly Result[]): string[] {
  const families = new Map<string, { pods: number; ms: number }[]>();
  for (const r of results) {
    const match = /^(.*)-(\d+)k$/.exec(r.name);
    if (!match) continue;
    const list = families.get(match[1]!) ?? [];
    list.push({ pods: Number(match[2]) * 1000, ms: r.median_ms });
    families.set(match[1]!, list);
  }
  return [...families]
    .filter(([, list]) => list.length > 1)
    .map(([family, list]) => {
      const [first] = list;
      const cells = list.map(
        ({ pods, ms }, i) =>
          `${pods / 1000}k ${(ms / 1000).toFixed(2)} s${i === 0 ? '' : ` (${(ms / first!.ms).toFixed(1)}x for ${(pods / first!.pods).toFixed(0)}x pods)`}`,
      );
      return `${family}: ${cells.join(', ')}`;
    });
}

function table(results: readonly Result[]): string {
  const rows = [
    ['name', 'endpoints', 'policies', 'median_ms', 'runs', 'note'],
    ...results.map((r) => [
      r.name,
      `${r.endpoints}`,
      `${r.policies}`,
      r.median_ms.toFixed(1),
      `${r.runs}`,
      r.note ?? '',
    ]),
  ];
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((row) => row[c]!.length)));
  return rows
    .map((row) =>
      row
        .map((cell, c) =>
          c === 0 || c === row.length - 1 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!),
        )
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

async function main(argv: readonly string[]): Promise<void> {
  const json = argv.includes('--json');
  const onlyAt = argv.indexOf('--only');
  const only = onlyAt >= 0 ? new Set(argv[onlyAt + 1]?.split(',')) : null;
  const unknown = only ? [...only].filter((name) => !BENCHMARKS.some((b) => b.name === name)) : [];
  if (unknown.length) {
    console.error(
      `unknown benchmark(s): ${unknown.join(', ')}; known: ${BENCHMARKS.map((b) => b.name).join(', ')}`,
    );
    process.exitCode = 2;
    return;
  }
  const results: Result[] = [];
  let app: BrowserApp | null = null;
  try {
    for (const benchmark of BENCHMARKS) {
      if (only && !only.has(benchmark.name)) continue;
      let row: Result;
      if ('prepare' in benchmark) row = measure(benchmark, clock(argv.includes('--cpu')));
      else {
        // Built, served and launched once, when the first browser benchmark comes.
        app ??= await openApp();
        const { endpoints, policies, times, note } = await benchmark.measure(app);
        row = result(benchmark.name, endpoints, policies, times, note);
      }
      results.push(row);
      if (json)
        console.log(
          JSON.stringify({
            name: row.name,
            endpoints: row.endpoints,
            policies: row.policies,
            median_ms: row.median_ms,
            ...(row.note === undefined ? {} : { note: row.note }),
          }),
        );
    }
  } finally {
    await app?.close();
  }
  if (json) return;
  console.log(table(results));
  const grown = growth(results);
  if (grown.length) console.log(`\n${grown.join('\n')}`);
  const naive = results.find((r) => r.name === 'naive-1k');
  const matrix = results.find((r) => r.name === 'matrix-1k');
  if (naive && matrix)
    console.log(`\nnaive-1k / matrix-1k = ${(naive.median_ms / matrix.median_ms).toFixed(0)}x`);
}

await main(process.argv.slice(2));
