import { writeFileSync } from 'node:fs';
import { generateCluster, toListYaml } from '../src/testing/generate-cluster';
import { evaluateFiles, VERDICTS, type Evaluation } from '../src/engine';
import { expect as baseExpect, test } from './fixtures';

/** Each step re-evaluates 2,000 endpoints and lays out 80 boxes; with other tests sharing 2 cores that takes seconds. */
const expect = baseExpect.configure({ timeout: 30_000 });

/**
 * A whole cluster dump, as `kubectl get ... -o yaml` prints it: 5,000 pods (about 2,000
 * endpoints once replicas fold into their workloads) and 1,000 policies in one 16 MB List.
 */
const text = toListYaml(generateCluster({ seed: 3, pods: 5000, policies: 1000 }).items);
let engine: Evaluation | null = null;
/** What the engine says, computed here in Node, for the browser's picture to match. */
const evaluation = () => (engine ??= evaluateFiles([{ name: 'dump.yaml', text }]));

/** Endpoint pairs per verdict between every two namespaces, straight from the engine's matrix. */
function pairCounts(): Map<string, Record<string, number>> {
  const { workspace, matrix } = evaluation();
  const endpoints = workspace.cluster.endpoints;
  const codes = matrix.pairVerdictMatrix();
  const counts = new Map<string, Record<string, number>>();
  endpoints.forEach((source, i) => {
    endpoints.forEach((destination, j) => {
      if (i === j) return;
      const key = `${source.namespace}->${destination.namespace}`;
      const tally = counts.get(key) ?? {};
      const verdict = VERDICTS[codes[i * endpoints.length + j]!]!;
      tally[verdict] = (tally[verdict] ?? 0) + 1;
      counts.set(key, tally);
    });
  });
  return counts;
}

test.describe('a 5,000-pod workspace', () => {
  // Generating, loading and evaluating 16 MB takes seconds on a busy 2-core machine.
  test.setTimeout(180_000);

  test.beforeEach(async ({ page, canvas, toolbar }, testInfo) => {
    const file = testInfo.outputPath('dump-5k.yaml');
    writeFileSync(file, text);
    await page.goto('/');
    await expect(canvas.root).toHaveAttribute('data-painted-seq', /\d+/);
    await toolbar.importFiles(file);
    // Loading shows its stages, then the canvas in its collapsed form.
    await expect(page.getByTestId('load-progress')).toBeVisible();
    await expect(page.getByTestId('summary-bar')).toBeVisible({ timeout: 60_000 });
    await expect(page.getByTestId('load-progress')).toBeHidden({ timeout: 60_000 });
  });

  test('starts collapsed to namespaces, with flows between them counted as the engine counts them', async ({
    page,
    canvas,
  }) => {
    const { cluster } = evaluation().workspace;
    await expect(page.getByTestId('summary-bar')).toContainText(
      `${cluster.endpoints.length.toLocaleString('en')} endpoints in ${cluster.namespaces.size} namespaces`,
    );
    await expect(canvas.root.locator('.react-flow__node[data-id^="ns:"]')).toHaveCount(
      cluster.namespaces.size,
    );
    await expect(canvas.root.locator('.react-flow__node[data-id^="ep:"]')).toHaveCount(0);
    // Never tens of thousands of edges: one per pair of boxes at most, and only those on screen.
    expect(await canvas.edges().count()).toBeLessThan(3000);

    // The counts on an edge between two namespaces, as the inspector lists them: the first pair
    // whose flows have several verdicts.
    const [pair, expected] = [...pairCounts()].find(([key, counts]) => {
      const [a, b] = key.split('->');
      return a !== b && Object.keys(counts).length > 1;
    })!;
    const [from, to] = pair.split('->');
    const edge = canvas.edge(`flow:ns:${from}->ns:${to}`);
    await page.getByRole('radio', { name: 'All', exact: true }).click();
    await expect(edge).toHaveAttribute(
      'data-total',
      String(Object.values(expected).reduce((a, b) => a + b, 0)),
    );
    await edge.dispatchEvent('click');
    const counts = page.getByTestId('aggregate-counts');
    await expect(counts.getByRole('listitem')).toHaveCount(Object.keys(expected).length);
    for (const [verdict, count] of Object.entries(expected)) {
      await expect(counts.locator(`[data-count="${verdict}"]`)).toHaveText(count.toLocaleString('en'));
    }
  });

  test('expands a namespace to its workloads and collapses it again', async ({ page, canvas }) => {
    const namespace = 'checkout-dev-24';
    const members = evaluation().workspace.cluster.endpoints.filter((e) => e.namespace === namespace);
    // The canvas re-lays itself out and pans to follow what opened, so its buttons move while
    // painting: the clicks go to the button itself instead of waiting for it to hold still.
    const expand = page.getByRole('button', { name: `Expand namespace ${namespace}` });
    const collapse = page.getByRole('button', { name: `Collapse namespace ${namespace}` });
    await expand.dispatchEvent('click');
    await expect(collapse).toHaveAttribute('aria-expanded', 'true');
    await expect(page.getByTestId('summary-bar')).toContainText('1 expanded');
    // Its workloads are nodes now, framed on screen (those off screen are not rendered).
    await expect(canvas.root.locator(`.react-flow__node[data-id^="ep:${namespace}/"]`).first()).toBeVisible();
    const shown = await canvas.root.locator(`.react-flow__node[data-id^="ep:${namespace}/"]`).count();
    expect(shown).toBeGreaterThan(0);
    expect(shown).toBeLessThanOrEqual(members.length);
    // Flows between its workloads are drawn one by one, with the engine's verdicts.
    await page.getByRole('radio', { name: 'All', exact: true }).click();
    const { workspace, matrix } = evaluation();
    const drawn = canvas.root.locator(
      `.react-flow__edge[data-id^="flow:ep:${namespace}/"][data-id*="->ep:"]`,
    );
    await expect(drawn.first()).toBeAttached();
    const id = (await drawn.first().getAttribute('data-id'))!;
    const [, source, target] = /^flow:ep:(.+)->ep:(.+)$/.exec(id)!;
    const index = (ref: string) => workspace.cluster.endpoints.findIndex((e) => e.id === ref);
    await expect(drawn.first()).toHaveAttribute(
      'data-verdict',
      matrix.pairVerdict(index(source!), index(target!)),
    );

    await collapse.dispatchEvent('click');
    await expect(canvas.root.locator('.react-flow__node[data-id^="ep:"]')).toHaveCount(0);
    // The view follows the namespace that was closed.
    await expect(expand).toHaveAttribute('aria-expanded', 'false');
  });

  test('typing a policy into it: the canvas follows every keystroke to the new verdicts', async ({
    page,
    yaml,
  }) => {
    // How long the main thread is busy while typing is measured by `npm run bench` (app-edit-2k),
    // never asserted here: a busy machine would fail a time limit with nothing wrong.
    const namespace = 'checkout-dev-24';
    const members = evaluation().workspace.cluster.endpoints.filter((e) => e.namespace === namespace).length;
    await yaml.goToEnd();
    await page.keyboard.press('Enter');
    // Flow style, so that the editor's auto-indent has nothing to add.
    await page.keyboard.type(
      `---\n{apiVersion: networking.k8s.io/v1, kind: NetworkPolicy, metadata: {name: typed-deny, namespace: ${namespace}}, spec: {podSelector: {}, policyTypes: [Ingress]}`,
      { delay: 15 },
    );
    const box = page.locator(`.react-flow__node[data-id="ns:${namespace}"]`);
    await expect(box).toContainText(`${members} isolated for ingress`, { timeout: 30_000 });
  });
});
