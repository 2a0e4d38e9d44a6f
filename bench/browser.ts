/**
 * Browser benchmarks: the production build, served by `vite preview` and driven with Playwright
 * in Debian's Chromium (never a downloaded browser). They time what a user waits for, on the
 * page's own clock: from the DOM event of their action (capture phase, before the app's
 * handlers) to the canvas showing the result, which the app marks by a new `data-painted-seq` on
 * the canvas root one frame after React Flow has the elements of an evaluation. Progress goes to
 * stderr; stdout is run.ts's table or JSON lines.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, open, readFile, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from '@playwright/test';
import { build, preview } from 'vite';
import { YamlPane } from '../e2e/pages/YamlPane';
import { hubbleLog } from './flow-log';
import { ipBlocksYaml } from './ip-blocks';
import { loadWorkspace } from '../src/engine/workspace';
import { generateCluster, toListYaml, type Json } from '../src/testing/generate-cluster';

/** The built app, served and opened in Chromium; one for all browser benchmarks of a run. */
export interface BrowserApp {
  browser: Browser;
  baseURL: string;
  close(): Promise<void>;
}

/** Per-run times in milliseconds; run.ts takes the median, as for the Node benchmarks. */
export interface BrowserMeasurement {
  endpoints: number;
  policies: number;
  times: number[];
  /** Figures that are not times (bytes, say), printed beside the median. */
  note?: string;
}

export interface BrowserBenchmark {
  name: string;
  measure(app: BrowserApp): Promise<BrowserMeasurement>;
}

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Generous: big imports have taken tens of seconds (or run out of memory); a stuck app should fail, not hang. */
const WAIT_MS = 120_000;
const PAINTED = '[data-testid="canvas"][data-painted-seq]';

const progress = (message: string) => console.error(`  ${message}`);

export async function openApp(): Promise<BrowserApp> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM}: install it with \`apt-get install -y chromium\`, or point CHROMIUM_PATH at one.`,
    );
  }
  progress('building the app (vite build)');
  // 'warn' keeps vite's report off stdout.
  await build({ root: ROOT, logLevel: 'warn' });
  const server = await preview({
    root: ROOT,
    logLevel: 'warn',
    preview: { host: '127.0.0.1', port: 0, strictPort: true, open: false },
  });
  try {
    const { port } = server.httpServer.address() as AddressInfo;
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    });
    return {
      browser,
      baseURL: `http://127.0.0.1:${port}`,
      close: async () => {
        await browser.close();
        await server.close();
      },
    };
  } catch (error) {
    await server.close();
    throw error;
  }
}

/**
 * Waits at most WAIT_MS for `wait` (a Playwright wait given no timeout of its own), and says what
 * was awaited when it fails. The timer is Node's: Playwright's own stops firing when the page's
 * main thread hangs.
 */
async function waitFor<T>(what: string, wait: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`timed out after ${WAIT_MS / 1000} s waiting for ${what}`)),
      WAIT_MS,
    );
  });
  // A wait fails when the page crashes (out of memory, say) or closes.
  const failed = wait.catch((error: unknown) => {
    throw new Error(
      `failed waiting for ${what}: ${error instanceof Error ? error.message.trim() : String(error)}`,
      { cause: error },
    );
  });
  try {
    return await Promise.race([failed, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

interface PaintProbe {
  armed: boolean;
  /** The last `data-painted-seq` seen, and its value at the action: t1 waits for another one. */
  seq: string | null;
  from: string | null;
  t0: number | null;
  t1: number | null;
}

type ProbeWindow = typeof window & { paintProbe: PaintProbe };

/**
 * Runs in the page: Playwright sends its source, so it must be self-contained (and have no
 * inner named functions, which tsx would wrap in a helper the page does not have). Once armed,
 * the user's last action sets t0 (the file input's `change`, a click on Replace, a keystroke)
 * and the next new `data-painted-seq` sets t1. The observer watches the whole body, for the
 * canvas root may be replaced while a workspace loads; the mark can be rewritten with the same
 * number (a re-render on hover or selection), hence the comparison.
 */
function installProbe(): void {
  const seq = document.querySelector('[data-testid="canvas"]')?.getAttribute('data-painted-seq') ?? null;
  const probe: PaintProbe = { armed: false, seq, from: null, t0: null, t1: null };
  (window as ProbeWindow).paintProbe = probe;
  for (const type of ['change', 'click', 'keydown']) {
    document.addEventListener(
      type,
      () => {
        if (!probe.armed) return;
        probe.t0 = performance.now();
        probe.from = probe.seq;
      },
      { capture: true },
    );
  }
  new MutationObserver((records) => {
    for (const { target } of records) probe.seq = (target as Element).getAttribute('data-painted-seq');
    if (!probe.armed || probe.t0 === null || probe.seq === probe.from) return;
    probe.t1 = performance.now();
    probe.armed = false;
  }).observe(document.body, { subtree: true, attributes: true, attributeFilter: ['data-painted-seq'] });
}

type CountingWindow = typeof window & { engineMessages: unknown[] };

/**
 * Runs in the page before its scripts: keeps every message the page posts to the engine worker
 * (by reference, so that keeping them costs the timed keystroke nothing), to be sized afterwards.
 */
function keepEngineMessages(): void {
  const kept: unknown[] = [];
  (window as CountingWindow).engineMessages = kept;
  const engines = new WeakSet<Worker>();
  const Native = window.Worker;
  window.Worker = class extends Native {
    constructor(url: string | URL, options?: WorkerOptions) {
      super(url, options);
      if (options?.name === 'netpol-engine') engines.add(this);
    }
  };
  const post = Native.prototype.postMessage;
  Native.prototype.postMessage = function (this: Worker, ...args: Parameters<Worker['postMessage']>) {
    if (engines.has(this)) kept.push(args[0]);
    return post.apply(this, args);
  } as Worker['postMessage'];
}

/**
 * The bytes of the messages kept since the last call, as structured clone writes them about: a
 * character a byte (the texts are ASCII), eight bytes a number. Forgets them.
 */
async function engineMessageBytes(page: Page): Promise<number> {
  return page.evaluate(() => {
    const kept = (window as CountingWindow).engineMessages;
    let bytes = 0;
    const stack: unknown[] = kept.splice(0);
    while (stack.length) {
      const value = stack.pop();
      if (typeof value === 'string') bytes += value.length;
      else if (typeof value === 'number' || typeof value === 'boolean') bytes += 8;
      else if (value && typeof value === 'object')
        for (const [key, item] of Object.entries(value)) {
          bytes += key.length;
          stack.push(item);
        }
    }
    return bytes;
  });
}

/** A fresh context: empty localStorage and cache, so every page starts at the example workspace. */
async function openPage(app: BrowserApp, countMessages = false): Promise<Page> {
  const context = await app.browser.newContext({
    baseURL: app.baseURL,
    viewport: { width: 1440, height: 900 },
  });
  if (countMessages) await context.addInitScript(keepEngineMessages);
  const page = await context.newPage();
  await page.goto('/');
  await waitFor('the example workspace to be painted', page.waitForSelector(PAINTED, { timeout: 0 }));
  await page.evaluate(installProbe);
  return page;
}

async function arm(page: Page): Promise<void> {
  await page.evaluate(() =>
    Object.assign((window as ProbeWindow).paintProbe, { armed: true, from: null, t0: null, t1: null }),
  );
}

async function waitPainted(page: Page, what: string): Promise<number> {
  await waitFor(
    what,
    page.waitForFunction(() => (window as ProbeWindow).paintProbe.t1 !== null, undefined, {
      timeout: 0,
      polling: 100,
    }),
  );
  const { t0, t1 } = await page.evaluate(() => (window as ProbeWindow).paintProbe);
  return t1! - t0!;
}

/**
 * Imports `file` and returns the milliseconds from the file input's `change` to the new
 * workspace on the canvas. If the app asks before replacing the workspace, the time counts from
 * the click on Replace instead: the user's wait starts there.
 */
async function importWorkspace(page: Page, file: string, namespaces: ReadonlySet<string>): Promise<number> {
  await arm(page);
  await page.getByTestId('import-file').setInputFiles(file);
  const asked = await waitFor(
    'the imported workspace to be painted, or the replace dialog',
    page.waitForFunction(
      () =>
        (window as ProbeWindow).paintProbe.t1 !== null ||
        document.querySelector('[data-testid="confirm-replace"]') !== null,
      undefined,
      { timeout: 0, polling: 100 },
    ),
  ).then(() => page.getByTestId('confirm-replace').count());
  if (asked)
    await page
      .getByRole('dialog', { name: 'Replace your workspace?' })
      .getByRole('button', { name: 'Replace' })
      .click();
  const ms = await waitPainted(page, 'the imported workspace to be painted');
  // The repaint must be the imported workspace, not the example again.
  const shown = await page
    .locator('.react-flow__node[data-id^="ns:"]')
    .evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-id')!.slice('ns:'.length)));
  if (!shown.some((name) => namespaces.has(name)))
    throw new Error(
      `the canvas shows none of the imported namespaces (it shows ${shown.join(', ') || 'no namespace'})`,
    );
  return ms;
}

/** Endpoints (replicas folded into workloads) and policies as the engine models `text`: the same counts as the Node rows. */
function modelledSize(name: string, text: string): { endpoints: number; policies: number } {
  const { cluster, diagnostics } = loadWorkspace([{ name: 'dump.yaml', text }]);
  const blocking = diagnostics.find((d) => d.blocking);
  if (blocking) throw new Error(`${name} input does not load: ${blocking.message}`);
  return { endpoints: cluster.endpoints.length, policies: cluster.policies.length };
}

const namespacesOf = (items: readonly Json[]) =>
  new Set(
    items.filter((item) => item.kind === 'Namespace').map((item) => (item.metadata as Json).name as string),
  );

/** Writes `text` to a temporary file for the file input, and removes it after `use`. */
async function withFile<T>(text: string, use: (path: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'netpol-bench-'));
  try {
    const path = join(dir, 'dump.yaml');
    await writeFile(path, text);
    return await use(path);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const LOAD_RUNS = 5;

/** Times LOAD_RUNS imports of `text`, each in a fresh page, after one warm-up (Chromium's and the OS's caches). */
async function importRuns(
  app: BrowserApp,
  name: string,
  text: string,
  namespaces: ReadonlySet<string>,
): Promise<number[]> {
  return withFile(text, async (file) => {
    const times: number[] = [];
    for (let run = 0; run <= LOAD_RUNS; run++) {
      const page = await openPage(app);
      try {
        const ms = await importWorkspace(page, file, namespaces);
        progress(`${name} run ${run}/${LOAD_RUNS}: ${ms.toFixed(0)} ms${run === 0 ? ' (warm-up)' : ''}`);
        if (run > 0) times.push(ms);
      } finally {
        await page.context().close();
      }
    }
    return times;
  });
}

/**
 * Importing a generated List over the example workspace: app-load-5k is parse-5k's input
 * (≈16 MB), app-load-10k twice that (one policy per five pods, as the scale rows).
 */
const appLoad = (pods: number): BrowserBenchmark => ({
  name: `app-load-${pods / 1000}k`,
  async measure(app) {
    const { items } = generateCluster({ seed: 3, pods, policies: pods / 5 });
    const text = toListYaml(items);
    const size = modelledSize(this.name, text);
    const times = await importRuns(app, this.name, text, namespacesOf(items));
    return { ...size, times, note: `${(text.length / 1024 / 1024).toFixed(1)} MB` };
  },
});

/**
 * Importing the ipblocks benchmark's workspace (60 pods, 10,000 distinct ipBlocks) over the
 * example: the outside ranges are what the canvas has to draw (over 120 s when each was a node).
 */
const appIpBlocks10k: BrowserBenchmark = {
  name: 'app-ipblocks-10k',
  async measure(app) {
    const text = ipBlocksYaml(10_000, 6);
    const size = modelledSize(this.name, text);
    const times = await importRuns(app, this.name, text, new Set(['shop', 'pay', 'ops']));
    return { ...size, times };
  },
};

const EDIT_PORT = 909;

/**
 * The policy app-edit-Nk edits, in a document of its own after the List: it isolates the backend
 * pods of `namespace` and lets every pod reach them on port 909, where nothing listens. Typing a
 * 0 makes it 9090, the backends' gRPC port, and Backspace takes it back: both change verdicts.
 */
function editedPolicy(namespace: string): string {
  return `---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: bench-edit
  namespace: ${namespace}
spec:
  podSelector:
    matchLabels:
      tier: backend
  ingress:
  - from:
    - namespaceSelector: {}
    ports:
    - port: ${EDIT_PORT}
`;
}

const EDIT_WARMUP = 2;
const EDIT_KEYSTROKES = 15;

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(2)} MB`;

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;

/**
 * Keystrokes in the YAML editor of a generated workspace, each timed to the repainted canvas; the
 * note gives the median bytes the page posted to the engine worker per keystroke (the text, or
 * only its edits).
 */
function appEdit(name: string, cluster: { seed: number; pods: number; policies: number }): BrowserBenchmark {
  return {
    name,
    async measure(app) {
      const { items } = generateCluster(cluster);
      const backend = items.find(
        (item) => item.kind === 'Deployment' && ((item.metadata as Json).labels as Json).tier === 'backend',
      );
      if (!backend)
        throw new Error(`${name}: the generated cluster has no backend Deployment to write the policy for`);
      const text = toListYaml(items) + editedPolicy((backend.metadata as Json).namespace as string);
      const portLine = text.slice(0, text.lastIndexOf(`- port: ${EDIT_PORT}`)).split('\n').length;
      const size = modelledSize(name, text);
      const { times, bytes } = await withFile(text, async (file) => {
        const page = await openPage(app, true);
        try {
          progress(
            `${name} import (${mb(text.length)}): ${(await importWorkspace(page, file, namespacesOf(items))).toFixed(0)} ms`,
          );
          const yaml = new YamlPane(page);
          const times: number[] = [];
          const bytes: number[] = [];
          for (let i = 0; i < EDIT_WARMUP + EDIT_KEYSTROKES; i++) {
            await yaml.gotoLine(portLine);
            await page.keyboard.press('End');
            // Moving the cursor can re-render the canvas too (what the cursor is on); let that pass.
            await page.waitForTimeout(300);
            const adding = i % 2 === 0;
            await engineMessageBytes(page);
            await arm(page);
            await page.keyboard.press(adding ? '0' : 'Backspace');
            const ms = await waitPainted(page, `the canvas to be repainted after keystroke ${i + 1}`);
            const posted = await engineMessageBytes(page);
            // The keystroke must have edited the port line, or the time is of something else.
            const port = `- port: ${EDIT_PORT}${adding ? '0' : ''}`;
            if (!(await yaml.visibleText()).split('\n').some((line) => line.trim() === port))
              throw new Error(`${name}: after keystroke ${i + 1} the editor does not show "${port}"`);
            progress(
              `${name} keystroke ${i + 1}: ${ms.toFixed(0)} ms, ${kb(posted)} to the engine${i < EDIT_WARMUP ? ' (warm-up)' : ''}`,
            );
            if (i >= EDIT_WARMUP) {
              times.push(ms);
              bytes.push(posted);
            }
          }
          return { times, bytes };
        } finally {
          await page.context().close();
        }
      });
      const median = [...bytes].sort((a, b) => a - b)[Math.floor(bytes.length / 2)]!;
      return {
        ...size,
        times,
        note: `slowest ${Math.max(...times).toFixed(0)} ms, ${kb(median)} posted to the engine per keystroke`,
      };
    },
  };
}

/** The 2,000-pod workspace, and parse-5k's (≈16 MB, the size of app-load-5k's import). */
const appEdit2k = appEdit('app-edit-2k', { seed: 4, pods: 2000, policies: 400 });
const appEdit5k = appEdit('app-edit-5k', { seed: 3, pods: 5000, policies: 1000 });

const FIRST_LOAD_RUNS = 3;
/** How long the network must stay quiet before a first visit counts as done. */
const QUIET_MS = 1500;

/**
 * A first visit: the page opened with an empty cache until the example workspace is painted and
 * the YAML editor has woken its workers (a click and a completion request, as a user's first
 * keystrokes do). Times are from navigation to painted; the note sums the JavaScript (scripts and
 * workers) the visit requested, as built and gzipped (what a server that compresses sends).
 */
const firstLoad: BrowserBenchmark = {
  name: 'first-load',
  async measure(app) {
    const times: number[] = [];
    let scripts = new Set<string>();
    for (let run = 0; run < FIRST_LOAD_RUNS; run++) {
      const context = await app.browser.newContext({
        baseURL: app.baseURL,
        viewport: { width: 1440, height: 900 },
      });
      try {
        const requested = new Set<string>();
        let last = Date.now();
        // Workers' requests are the context's too.
        context.on('request', (request) => {
          last = Date.now();
          const { origin, pathname } = new URL(request.url());
          if (origin === app.baseURL && pathname.endsWith('.js')) requested.add(pathname);
        });
        const page = await context.newPage();
        const start = Date.now();
        await page.goto('/');
        await waitFor('the example workspace to be painted', page.waitForSelector(PAINTED, { timeout: 0 }));
        times.push(Date.now() - start);
        await new YamlPane(page).focus();
        await page.keyboard.press('Control+Space');
        await page.keyboard.press('Escape');
        while (Date.now() - last < QUIET_MS) await page.waitForTimeout(250);
        progress(
          `${this.name} run ${run + 1}/${FIRST_LOAD_RUNS}: ${times.at(-1)} ms, ${requested.size} scripts`,
        );
        scripts = requested;
      } finally {
        await context.close();
      }
    }
    let raw = 0;
    let gzip = 0;
    for (const path of scripts) {
      const bytes = await readFile(join(ROOT, 'dist', path));
      raw += bytes.length;
      gzip += gzipSync(bytes).length;
    }
    const names = [...scripts].map((path) => path.replace(/^.*\//, '').replace(/-[\w-]{8}\.js$/, ''));
    return {
      endpoints: 0,
      policies: 0,
      times,
      note: `JS+workers ${mb(raw)} raw, ${mb(gzip)} gzip (${names.sort().join(', ')})`,
    };
  },
};

const FLOW_RUNS = 3;

interface FlowProbeWindow extends Window {
  flowProbe: { t0: number | null; t1: number | null; longest: number };
}

/**
 * Importing a Hubble log of 1,000,000 lines (flows-1m's, over the same 1,000 endpoints) into the
 * Observed tab: from the file input's `change` to the replayed summary on screen. The longest
 * main-thread task while it is read is reported too: the page must not freeze.
 */
const appFlows1m: BrowserBenchmark = {
  name: 'app-flows-1m',
  async measure(app) {
    const { items } = generateCluster({ seed: 1, endpoints: 1000, policies: 200 });
    const text = toListYaml(items);
    const size = modelledSize(this.name, text);
    const { cluster } = loadWorkspace([{ name: 'dump.yaml', text }]);
    const dir = await mkdtemp(join(tmpdir(), 'netpol-bench-'));
    try {
      const workspace = join(dir, 'dump.yaml');
      const log = join(dir, 'hubble.jsonl');
      await writeFile(workspace, text);
      // Over 512 MB: more than one string can hold, so it is written chunk by chunk.
      const out = await open(log, 'w');
      try {
        for (const chunk of hubbleLog(cluster, { seed: 4, lines: 1_000_000, pairs: 4000 }))
          await out.write(chunk);
      } finally {
        await out.close();
      }
      const times: number[] = [];
      for (let run = 0; run <= FLOW_RUNS; run++) {
        const page = await openPage(app);
        try {
          await importWorkspace(page, workspace, namespacesOf(items));
          await page.getByRole('tab', { name: /^Observed/ }).click();
          // The workspace's own aftermath (lint, the editor's model) must not be counted: start when
          // the main thread has had no long task for 3 s.
          await page.evaluate(() => {
            const quiet = { last: performance.now() };
            (window as unknown as { quiet: typeof quiet }).quiet = quiet;
            new PerformanceObserver(() => void (quiet.last = performance.now())).observe({
              type: 'longtask',
            });
          });
          await waitFor(
            'the page to settle',
            page.waitForFunction(
              () => performance.now() - (window as unknown as { quiet: { last: number } }).quiet.last > 3000,
              undefined,
              { timeout: 0, polling: 250 },
            ),
          );
          await page.evaluate(() => {
            const probe = { t0: null as number | null, t1: null as number | null, longest: 0 };
            (window as unknown as FlowProbeWindow).flowProbe = probe;
            document
              .querySelector('[data-testid="import-flows-file"]')!
              .addEventListener('change', () => void (probe.t0 = performance.now()), { capture: true });
            new MutationObserver((_, observer) => {
              if (probe.t0 === null || !document.querySelector('[data-testid="observed-summary"]')) return;
              probe.t1 = performance.now();
              observer.disconnect();
            }).observe(document.body, { subtree: true, childList: true });
            new PerformanceObserver((list) => {
              for (const entry of list.getEntries())
                if (probe.t0 !== null && probe.t1 === null)
                  probe.longest = Math.max(probe.longest, entry.duration);
            }).observe({ type: 'longtask' });
          });
          await page.getByTestId('import-flows-file').setInputFiles(log);
          await waitFor(
            'the observed summary',
            page.waitForFunction(
              () => (window as unknown as FlowProbeWindow).flowProbe.t1 !== null,
              undefined,
              {
                timeout: 0,
                polling: 100,
              },
            ),
          );
          const { t0, t1, longest } = await page.evaluate(
            () => (window as unknown as FlowProbeWindow).flowProbe,
          );
          const observed = await page.getByTestId('observed-summary').getAttribute('data-observed');
          const ms = t1! - t0!;
          progress(
            `${this.name} run ${run}/${FLOW_RUNS}: ${ms.toFixed(0)} ms, ${observed} connections, longest main-thread task ${longest.toFixed(0)} ms${run === 0 ? ' (warm-up)' : ''}`,
          );
          if (run > 0) times.push(ms);
        } finally {
          await page.context().close();
        }
      }
      return { ...size, times };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
};

export const BROWSER_BENCHMARKS: BrowserBenchmark[] = [
  firstLoad,
  appLoad(5000),
  appLoad(10_000),
  appIpBlocks10k,
  appEdit2k,
  appEdit5k,
  appFlows1m,
];
