import { writeFileSync } from 'node:fs';
import { expect as baseExpect, test } from './fixtures';

/** Other jobs share the machine's two cores: loading can take seconds. */
const expect = baseExpect.configure({ timeout: 20_000 });

/** Three policies, one with long, prefixed label keys, as Helm charts write them. */
const WORKSPACE = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: web-ingress, namespace: shop}
spec:
  podSelector:
    matchLabels: {app.kubernetes.io/component: frontend}
    matchExpressions:
    - {key: topology.kubernetes.io/zone, operator: In, values: [eu-west-1a]}
  ingress:
  - from:
    - podSelector: {matchLabels: {app.kubernetes.io/name: storefront}}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: db-ingress, namespace: shop}
spec:
  podSelector: {matchLabels: {app: db}}
  policyTypes: [Ingress]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: api-egress, namespace: shop}
spec:
  podSelector: {matchLabels: {app: api}}
  policyTypes: [Egress]
---
apiVersion: v1
kind: Pod
metadata: {name: web, namespace: shop, labels: {app.kubernetes.io/component: frontend, topology.kubernetes.io/zone: eu-west-1a}}
---
apiVersion: v1
kind: Pod
metadata: {name: storefront, namespace: shop, labels: {app.kubernetes.io/name: storefront}}
---
apiVersion: v1
kind: Pod
metadata: {name: db, namespace: shop, labels: {app: db}}
`;

test.beforeEach(async ({ page, canvas, toolbar }, testInfo) => {
  const file = testInfo.outputPath('shop.yaml');
  writeFileSync(file, WORKSPACE);
  await page.goto('/');
  await expect(canvas.root).toHaveAttribute('data-painted-seq', /\d+/);
  await toolbar.importFiles(file);
  await expect(canvas.node('ep:shop/web')).toBeVisible();
});

test('opening the inspector moves the focus into it; Escape closes it and gives the focus back', async ({
  page,
  canvas,
}) => {
  // With the mouse.
  await canvas.node('ep:shop/db').click();
  const inspector = page.getByTestId('inspector');
  await expect(inspector).toContainText('shop/db');
  await expect(inspector).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(inspector).toBeHidden();

  // With the keyboard: Enter on a node, then Escape back to it.
  const node = canvas.node('ep:shop/web');
  await node.focus();
  await page.keyboard.press('Enter');
  await expect(inspector).toContainText('shop/web');
  expect(await inspector.evaluate((el) => el.contains(document.activeElement))).toBe(true);
  await page.keyboard.press('Tab');
  expect(await inspector.evaluate((el) => el.contains(document.activeElement))).toBe(true);
  await page.keyboard.press('Escape');
  await expect(inspector).toBeHidden();
  await expect(node).toBeFocused();
});

test('keys are named commands: `?` lists each with its keys, and the keys do what it says', async ({
  page,
  canvas,
}) => {
  await page.locator('.toolbar__brand').click();
  await page.keyboard.press('?');
  const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(dialog).toBeVisible();
  const row = (label: string) =>
    dialog
      .getByTestId('shortcuts-list')
      .locator(':scope > div')
      .filter({ has: page.getByText(label, { exact: true }) });
  await expect(row('Import files').locator('kbd')).toHaveText(['Ctrl+O']);
  await expect(row('Redo').locator('kbd')).toHaveText(['Ctrl+Shift+Z', 'Ctrl+Y']);
  await expect(row('Close the rule editor (back to the inspector)').locator('kbd')).toHaveText(['Escape']);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  // Ctrl+Z outside the editor undoes the import, Ctrl+Y brings it back.
  await page.locator('.toolbar__brand').click();
  await page.keyboard.press('Control+z');
  await expect(canvas.node('ep:shop/web')).toBeHidden();
  await page.keyboard.press('Control+y');
  await expect(canvas.node('ep:shop/web')).toBeVisible();
});

test('the CNI reminder is listed once for the workspace and marks no text', async ({ problems, yaml }) => {
  await problems.open();
  await expect(problems.items.filter({ hasText: 'network plugin' })).toHaveCount(1);
  // Every policy is on screen, and none carries an info squiggle.
  await expect(yaml.root.locator('.view-line').filter({ hasText: 'api-egress' })).toBeVisible();
  await expect(yaml.root.locator('.squiggly-info')).toHaveCount(0);
});

test('the rule editor shows label keys whole', async ({ builder }) => {
  await builder.openPolicy('shop/web-ingress');
  const keys = builder.policyEditor.locator('[data-testid="label-key"], [data-testid="expr-key"]');
  await expect(keys).toHaveCount(3);
  const shown = await keys.evaluateAll((inputs) =>
    (inputs as HTMLInputElement[]).map((input) => ({
      value: input.value,
      clipped: input.scrollWidth > input.clientWidth,
    })),
  );
  expect(shown.map((key) => key.value).sort()).toEqual([
    'app.kubernetes.io/component',
    'app.kubernetes.io/name',
    'topology.kubernetes.io/zone',
  ]);
  for (const key of shown) expect(key.clipped, key.value).toBe(false);
});
