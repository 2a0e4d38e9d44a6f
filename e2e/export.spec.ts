import { readFile, writeFile } from 'node:fs/promises';
import { loadWorkspace } from '../src/engine';
import { expect, test } from './fixtures';
import { probeResults, scenario } from './support/scenarios';

const egress = scenario('01-eks-ui-egress');

test.describe('export', () => {
  test.beforeEach(async ({ page, toolbar, canvas }) => {
    await page.goto('/');
    await toolbar.loadExample(egress.title);
    await canvas.waitForGraph();
  });

  test('the Export button downloads the NetworkPolicies, namespaces filled in, for kubectl apply', async ({
    page,
    toolbar,
  }) => {
    const [download] = await Promise.all([page.waitForEvent('download'), toolbar.exportButton.click()]);
    expect(download.suggestedFilename()).toBe('netpol-policies.yaml');
    const text = await readFile(await download.path(), 'utf8');

    const exported = loadWorkspace([{ name: 'export.yaml', text }]);
    expect(exported.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const original = loadWorkspace([{ name: 'original.yaml', text: egress.text }]);
    expect(exported.cluster.policies.map((p) => p.id).sort()).toEqual(
      original.cluster.policies.map((p) => p.id).sort(),
    );
    // Every exported document names its namespace, so `kubectl apply -f` needs no -n.
    for (const doc of text.split(/^---$/m)) expect(doc).toMatch(/namespace: /);

    await expect(page.getByRole('status').filter({ hasText: 'Saved netpol-policies.yaml' })).toContainText(
      'kubectl apply -f netpol-policies.yaml',
    );
  });

  test('“Download everything” reads back with the same verdicts', async ({ page, toolbar }) => {
    await toolbar.openExportMenu();
    await expect(page.getByTestId('kubectl-command')).toHaveText('kubectl apply -f netpol-policies.yaml');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('menuitem', { name: /Download everything/ }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('netpol-workspace.yaml');
    const text = await readFile(await download.path(), 'utf8');
    const verdicts = (source: string) =>
      probeResults(source).map((r) => `${r.from} ${r.to} ${r.port}/${r.protocol} ${r.verdict}`);
    expect(verdicts(text)).toEqual(verdicts(egress.text));
  });

  test('exports every policy the engine evaluates, and names each one it leaves out', async ({
    page,
    toolbar,
    canvas,
  }, testInfo) => {
    const policy = (apiVersion: string, name: string, types: string) =>
      `apiVersion: ${apiVersion}\nkind: NetworkPolicy\nmetadata: {name: ${name}, namespace: shop}\nspec: {podSelector: {}, policyTypes: [${types}]}\n`;
    const file = testInfo.outputPath('mixed.yaml');
    await writeFile(
      file,
      [
        policy('extensions/v1beta1', 'legacy', 'Ingress'),
        policy('networking.k8s.io/v1', 'current', 'Egress'),
        policy('networking.k8s.io/v1', 'broken', 'Sideways'),
      ].join('---\n'),
    );
    await toolbar.importFiles(file);
    await canvas.waitForGraph();
    const [download] = await Promise.all([page.waitForEvent('download'), toolbar.exportButton.click()]);
    const text = await readFile(await download.path(), 'utf8');
    const exported = loadWorkspace([{ name: 'export.yaml', text }]);
    expect(exported.cluster.policies.map((p) => p.id)).toEqual(['shop/current', 'shop/legacy']);
    expect(exported.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    const notes = page.getByTestId('export-notes');
    await expect(notes.getByRole('listitem')).toHaveCount(2);
    await expect(notes).toContainText(
      'NetworkPolicy shop/legacy is written with apiVersion networking.k8s.io/v1',
    );
    await expect(notes).toContainText('NetworkPolicy shop/broken is not exported: it is not valid (line 14');
    await expect(
      page.getByRole('status').filter({ hasText: 'Saved netpol-policies.yaml (2 objects)' }),
    ).toBeVisible();
    if (process.env.SHOTS_DIR) {
      for (const [width, height] of [
        [1440, 900],
        [1280, 800],
      ] as const) {
        await page.setViewportSize({ width, height });
        await page.screenshot({ path: `${process.env.SHOTS_DIR}/export-notes-${width}.png` });
      }
    }
  });
});
