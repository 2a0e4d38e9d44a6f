/**
 * Cluster-wide guardrails (ClusterNetworkPolicy) from the canvas: the seventh example with its
 * tests, and the gestures that append a tiered policy after a preview, as one undo step.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { TestsTab } from './pages/Insight';
import { expectSavedText, importWorkspace, savedText } from './support/app-state';
import { probeResults, scenario } from './support/scenarios';

const tiers = scenario('07-tiered-guardrails');
const storefront = scenario('01-eks-ui-egress');

/** The saved text once it differs from `before`. */
async function textAfter(page: Page, before: string): Promise<string> {
  await expect.poll(() => savedText(page), { intervals: [50] }).not.toBe(before);
  return (await savedText(page))!;
}

test('the seventh example loads from the Examples menu and every tier expectation passes', async ({
  page,
  toolbar,
  canvas,
}) => {
  await page.goto('/');
  await canvas.waitForGraph();
  await toolbar.loadExample(tiers.title);
  await expect(toolbar.documentName).toHaveText(tiers.title);
  const expected = probeResults(tiers.text);
  expect(expected.length).toBeGreaterThanOrEqual(10);
  expect(expected.every((result) => result.pass)).toBe(true);
  const tests = new TestsTab(page);
  await tests.open();
  await expect(tests.results).toHaveCount(expected.length);
  await expect(tests.results.locator('[data-pass="false"]')).toHaveCount(0);
  for (let i = 0; i < expected.length; i++)
    await expect(tests.results.nth(i)).toHaveAttribute('data-pass', 'true');
  // Passed by the Admin tier to payments-ingress, which admits shop on 8080.
  await expect(canvas.endpointEdge('shop/checkout', 'payments/api')).toHaveAttribute('data-verdict', 'allow');
});

test.describe('guardrail gestures on a namespaced workspace', () => {
  test('"Deny … for everyone", then the pair\'s Pass, from the edge menu by keyboard: previews, documents, verdicts, one Ctrl+Z each', async ({
    page,
    canvas,
  }) => {
    await importWorkspace(page, storefront.text);
    const edge = canvas.endpointEdge('ui/ui', 'catalog/catalog');
    await expect(edge).toHaveAttribute('data-verdict', 'allow');

    // From the keyboard: the focused edge's context menu (Shift+F10), then down to the guardrail.
    await edge.focus();
    await page.keyboard.press('Shift+F10');
    await expect(page.getByTestId('edge-menu')).toBeVisible();
    await page.keyboard.press('ArrowUp');
    await expect(page.getByTestId('edge-menu-tier-delegate')).toBeFocused();
    await page.keyboard.press('ArrowUp');
    await expect(page.getByTestId('edge-menu-tier-deny')).toBeFocused();
    await expect(page.getByTestId('edge-menu-tier-deny')).toHaveText(
      'Deny ui → catalog for everyone (Admin)…',
    );
    await page.keyboard.press('Enter');
    const preview = page.getByTestId('edit-preview');
    await expect(preview.getByTestId('edit-preview-summary')).toContainText(
      'Adds ClusterNetworkPolicy deny-ui-to-catalog (Admin tier, priority 100).',
    );
    await expect(
      preview.locator('[data-testid="flow-stop"][data-from="ui/ui"][data-to="catalog/catalog"]'),
    ).toContainText('TCP 8080');
    await expect(preview.getByTestId('edit-preview-diff')).toContainText('kind: ClusterNetworkPolicy');
    await preview.getByTestId('edit-preview-accept').click();
    await expect(preview).toBeHidden();

    const text = await textAfter(page, storefront.text);
    // Appended: every byte of the old text is still there, in front.
    expect(text.startsWith(storefront.text)).toBe(true);
    expect(text.slice(storefront.text.length)).toContain('name: deny-ui-to-catalog');
    await expect(edge).toHaveAttribute('data-verdict', 'deny-ingress');

    // The pair's Pass, placed before that Deny, hands the flow to catalog, which does not isolate it.
    await edge.focus();
    await page.keyboard.press('Shift+F10');
    await page.getByTestId('edge-menu-tier-delegate').click();
    await expect(preview.getByTestId('edit-preview-summary')).toContainText(
      'Adds ClusterNetworkPolicy delegate-catalog-with-ui (Admin tier, priority 99).',
    );
    await expect(preview.getByTestId('edit-preview-summary')).toContainText(
      'Allows ui/ui -> catalog/catalog on TCP 8080',
    );
    await preview.getByTestId('edit-preview-accept').click();
    const delegated = await textAfter(page, text);
    expect(delegated.startsWith(text)).toBe(true);
    await expect(edge).toHaveAttribute('data-verdict', 'allow');

    // Each gesture is one undo step.
    await page.locator('body').press('Control+z');
    await expectSavedText(page, text);
    await expect(edge).toHaveAttribute('data-verdict', 'deny-ingress');
    await page.locator('body').press('Control+z');
    await expectSavedText(page, storefront.text);
    await expect(edge).toHaveAttribute('data-verdict', 'allow');
  });

  test('"Baseline: deny between namespaces" from the + menu, undone in one step', async ({
    page,
    canvas,
  }) => {
    await importWorkspace(page, storefront.text);
    const edge = canvas.endpointEdge('orders/orders', 'catalog/catalog');
    await expect(edge).toHaveAttribute('data-verdict', 'allow-open');

    await page.getByTestId('canvas-add').click();
    await page.getByRole('menuitem', { name: /Baseline: deny between namespaces/ }).click();
    const preview = page.getByTestId('edit-preview');
    await expect(preview.getByTestId('edit-preview-summary')).toContainText(
      'kube-system (cluster DNS) stays open.',
    );
    await expect(
      preview.locator('[data-testid="flow-stop"][data-from="orders/orders"][data-to="catalog/catalog"]'),
    ).toBeVisible();
    await preview.getByTestId('edit-preview-accept').click();
    await expect(preview).toBeHidden();

    const text = await textAfter(page, storefront.text);
    expect(text.startsWith(storefront.text)).toBe(true);
    const added = text.slice(storefront.text.length);
    for (const ns of ['catalog', 'orders', 'ui']) expect(added).toContain(`name: baseline-deny-into-${ns}`);
    expect(added).toContain('tier: Baseline');
    await expect(edge).toHaveAttribute('data-verdict', 'deny-ingress');
    // Within a namespace it stays allowed, now with a Baseline policy governing the destination.
    await expect(canvas.endpointEdge('catalog/catalog', 'catalog/catalog-mysql')).toHaveAttribute(
      'data-verdict',
      'allow',
    );

    await page.locator('body').press('Control+z');
    await expectSavedText(page, storefront.text);
    await expect(edge).toHaveAttribute('data-verdict', 'allow-open');
  });

  test('the namespace menu: always allow orders on a port', async ({ page, canvas }) => {
    await importWorkspace(page, storefront.text);
    const edge = canvas.endpointEdge('orders/orders', 'ui/ui');
    await expect(edge).toHaveAttribute('data-verdict', 'allow-open');
    // Right-click on the namespace's name.
    await canvas.node('ns:orders').getByText('orders', { exact: true }).first().click({ button: 'right' });
    const menu = page.getByTestId('namespace-menu');
    await expect(menu).toBeVisible();
    await expect(menu.getByRole('menuitem')).toHaveText([
      'Deny from orders to… for everyone',
      'Always allow orders to reach every namespace…',
      'Delegate orders to its namespace owners (Pass)…',
      'Baseline: deny between namespaces…',
    ]);
    await page.keyboard.press('ArrowDown');
    await expect(menu.getByTestId('namespace-menu-tier-allow')).toBeFocused();
    await page.keyboard.press('Enter');
    const form = page.getByTestId('tier-allow');
    await form.getByTestId('tier-allow-ports').fill('8080');
    await form.getByTestId('tier-allow-ports').press('Enter');
    const preview = page.getByTestId('edit-preview');
    await expect(preview.getByTestId('edit-preview-summary')).toContainText(
      'Adds ClusterNetworkPolicy allow-orders-to-all-namespaces (Admin tier',
    );
    await preview.getByTestId('edit-preview-accept').click();
    const text = await textAfter(page, storefront.text);
    expect(text.startsWith(storefront.text)).toBe(true);
    expect(text.slice(storefront.text.length)).toContain('number: 8080');
    // Not isolated before, now an Admin policy decides its ingress.
    await expect(edge).toHaveAttribute('data-verdict', 'allow');
  });
});
