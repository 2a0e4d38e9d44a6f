import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test } from './fixtures';
import { bigWorkspace } from './support/big-workspace';
import { layoutWorkspace } from './support/layout-workspaces';
import { TIERS_LOG } from './support/flow-log';
import { scenario } from './support/scenarios';

const DOCS = fileURLToPath(new URL('../docs/', import.meta.url));

// Writes the README's pictures; off by default so test runs leave the work tree alone.
test.skip(!process.env.SCREENSHOTS, 'set SCREENSHOTS=1 to refresh docs/screenshot-*.png');

for (const id of ['01-eks-ui-egress', '03-frontend-backend-ingress']) {
  test(`screenshot of ${id}`, async ({ page, toolbar, canvas, yaml }) => {
    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto('/');
    await toolbar.loadExample(scenario(id).title);
    await canvas.waitForGraph();
    await yaml.ready();
    await expect(page.locator('.toolbar__busy')).toHaveCount(0);
    // Let the fit-view animation settle.
    await page.waitForTimeout(600);
    await page.screenshot({ path: `${DOCS}screenshot-${id}.png` });
  });
}

test('screenshot of the 300-pod workspace, collapsed', async ({ page, toolbar, canvas, yaml }, testInfo) => {
  test.setTimeout(120_000);
  const file = testInfo.outputPath('big-300.yaml');
  writeFileSync(file, bigWorkspace().text);
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('/');
  await expect(canvas.root).toHaveAttribute('data-painted-seq', /\d+/, { timeout: 30_000 });
  await toolbar.importFiles(file);
  await expect(page.getByTestId('summary-bar')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('load-progress')).toBeHidden({ timeout: 30_000 });
  await yaml.ready();
  await expect(page.getByTestId('flows-table').getByTestId('flow-row').first()).toBeVisible({
    timeout: 30_000,
  });
  await page.waitForTimeout(600);
  await page.screenshot({ path: `${DOCS}screenshot-300pods-collapsed.png` });
});
for (const viewport of [
  { width: 1440, height: 900 },
  { width: 1280, height: 800 },
]) {
  test(`screenshot of a 7-namespace workspace at Fit View, ${viewport.width}x${viewport.height}`, async ({
    page,
    toolbar,
    canvas,
    yaml,
  }, testInfo) => {
    await page.setViewportSize(viewport);
    await page.emulateMedia({ colorScheme: 'light' });
    const file = testInfo.outputPath('seven-namespaces.yaml');
    writeFileSync(file, layoutWorkspace(7));
    await page.goto('/');
    await canvas.waitForGraph();
    await toolbar.importFiles(file);
    await expect(canvas.node('ns:reports')).toHaveCount(0);
    await expect(canvas.node('ns:users')).toBeVisible();
    await yaml.ready();
    await page.getByRole('button', { name: 'Fit View' }).click();
    await page.waitForTimeout(600);
    await page.screenshot({ path: `${DOCS}screenshot-7ns-${viewport.width}x${viewport.height}.png` });
  });
}

for (const [width, height] of [
  [1440, 900],
  [1280, 800],
] as const) {
  test(`screenshot of observed traffic at ${width}x${height}`, async ({
    page,
    toolbar,
    canvas,
    yaml,
  }, testInfo) => {
    await page.setViewportSize({ width, height });
    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto('/');
    await toolbar.loadExample(scenario('04-web-api-db').title);
    await canvas.waitForGraph();
    await yaml.ready();
    const log = testInfo.outputPath('web-api-db.jsonl');
    writeFileSync(log, TIERS_LOG);
    await page.getByRole('tab', { name: /^Observed/ }).click();
    await page.getByTestId('import-flows-file').setInputFiles(log);
    await expect(page.getByTestId('observed-summary')).toHaveAttribute('data-would-break', '2');
    await page.waitForTimeout(600);
    // The README shows the wide one; the narrow one is for looking at.
    await page.screenshot({
      path:
        width === 1440 ? `${DOCS}screenshot-observed-traffic.png` : testInfo.outputPath('observed-1280.png'),
    });
  });
}
