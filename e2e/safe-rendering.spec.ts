/**
 * Names, label values and messages are shown as text everywhere: markup in a workspace (here in a
 * pod label, a namespace label and a policy name) never becomes an element and never runs.
 */
import { expect, test } from './fixtures';
import { appReady, editorReady, watchPage } from './support/app-state';

const PAYLOAD = '<img src=x onerror=alert(1)>';

const WORKSPACE = `apiVersion: v1
kind: Namespace
metadata:
  name: shop
  labels: {team: "${PAYLOAD}"}
---
apiVersion: v1
kind: Pod
metadata:
  name: web
  namespace: shop
  labels: {app: "${PAYLOAD}"}
spec: {containers: [{name: web, image: nginx, ports: [{containerPort: 80}]}]}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: "${PAYLOAD}"
  namespace: shop
spec: {podSelector: {}, policyTypes: [Ingress]}
`;

test('markup in labels, names and messages is shown as text and never runs', async ({
  page,
  toolbar,
  canvas,
  yaml,
  problems,
}, testInfo) => {
  const watch = watchPage(page);
  const path = testInfo.outputPath('xss.yaml');
  await (await import('node:fs/promises')).writeFile(path, WORKSPACE);
  await page.goto('/');
  await appReady(page);
  await toolbar.importFiles(path);
  await editorReady(page);

  // Problems: each invalid value is named in its message, as text.
  await problems.open();
  for (const line of [5, 12, 18]) await expect(problems.atLine(line)).toContainText(PAYLOAD);

  // Canvas: the namespace's label chip; the pod's labels in its tooltip and in the inspector.
  const namespace = canvas.node('ns:shop');
  await expect(namespace).toContainText(`team=${PAYLOAD}`);
  const pod = canvas.node('ep:shop/web');
  await expect(pod.locator('.endpoint-node')).toHaveAttribute(
    'title',
    new RegExp(`app=${PAYLOAD.replace(/[()]/g, '\\$&')}`),
  );
  await pod.click();
  const inspector = page.getByTestId('inspector');
  await expect(inspector).toContainText(`app=${PAYLOAD}`);
  await namespace.locator('.namespace-node__name').click();
  await expect(inspector).toContainText(`team=${PAYLOAD}`);
  await expect(inspector).toContainText(`shop/${PAYLOAD}`);

  // Monaco: the marker's hover message on the policy name (Ctrl+K Ctrl+I shows the hover at the cursor).
  await yaml.gotoLine(18);
  await page.keyboard.press('End');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('Control+K');
  await page.keyboard.press('Control+I');
  const hover = page.locator('.monaco-hover').filter({ hasText: 'is invalid' });
  await expect(hover.first()).toBeVisible();
  await expect(hover.first()).toContainText(PAYLOAD);

  // Nothing became an element, nothing ran.
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
  expect(await page.evaluate(() => document.querySelectorAll('img[src="x"], [onerror]').length)).toBe(0);
  expect(watch.dialogs).toEqual([]);
  expect(watch.errors).toEqual([]);
});
