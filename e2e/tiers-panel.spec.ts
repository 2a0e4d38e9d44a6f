import { readFileSync } from 'node:fs';
import { expect, test } from './fixtures';
import { expectSavedText, importWorkspace } from './support/app-state';
import { violations } from './support/axe';

/** shop/front is a subject of an Admin Deny (priority 10) for ops and an Admin Accept (20) for ops/mon. */
const TEXT = readFileSync(new URL('../fixtures/tiers/admin-overlap.yaml', import.meta.url), 'utf8');
/** Moving the Accept ahead of the Deny: the engine keeps 20 and gives the Deny the next free step. */
const REORDERED = TEXT.replace('  priority: 10\n', '  priority: 30\n');

test.describe('cluster-scoped tiers in the app', () => {
  test.use({ viewport: { width: 1440, height: 900 } });

  test('guardrail badges and tier marks; reordering the Admin tier flips the verdict, one undo restores it', async ({
    page,
    canvas,
    flows,
  }, testInfo) => {
    await importWorkspace(page, TEXT);
    const shop = canvas.node('ns:shop');
    const badge = shop.getByTestId('guardrail-badge');
    await expect(badge).toHaveAttribute('data-policies', 'cnp/deny-ops cnp/let-mon');
    await expect(badge).toHaveAccessibleName(
      'Namespace shop is a subject of 2 cluster policies: cnp/deny-ops (Admin, priority 10), cnp/let-mon (Admin, priority 20)',
    );
    await expect(canvas.node('ep:ops/probe').getByTestId('guardrail-badge')).toHaveAttribute(
      'data-policies',
      'cnp/baseline-probe',
    );
    await shop.locator('.namespace-node__name').click();
    await expect(page.getByTestId('inspector').getByTestId('guardrail-list').locator('li')).toContainText([
      'cnp/deny-ops (Admin, priority 10)',
      'cnp/let-mon (Admin, priority 20)',
    ]);
    const edge = canvas.endpointEdge('ops/mon', 'shop/front');
    const mark = edge.locator('[data-tier]');
    await expect(mark).toHaveAttribute('data-tier', 'admin');
    await canvas.expectEdgeVerdict(mark, 'deny-ingress');
    await expect(edge.getByTestId('tier-badge')).toHaveText('◈ Admin');
    await expect(page.getByTestId('legend-tier')).toBeVisible();

    // The inspector names the rule that decided, with its priority and line.
    await canvas.clickEdge(edge);
    await expect(page.getByTestId('tier-decided')).toContainText(
      'Deny by cnp/deny-ops ingress rule 1 "no-ops" (Admin, priority 10, line 33)',
    );

    await flows.open();
    await expect(flows.row({ from: 'ops/mon', to: 'shop/front', port: 8080 })).toHaveAttribute(
      'data-tier',
      'admin',
    );

    // The Tiers tab: Admin by priority, the NetworkPolicies, Baseline.
    await page.getByRole('tab', { name: 'Tiers 3' }).click();
    const panel = page.getByTestId('tiers-panel');
    const admin = panel.getByTestId('tiers-admin').getByTestId('tier-policy');
    await expect(admin).toHaveCount(2);
    await expect(admin.nth(0)).toHaveAttribute('data-id', 'cnp/deny-ops');
    await expect(admin.nth(0)).toContainText('ClusterNetworkPolicy · policy.networking.k8s.io/v1alpha2');
    await expect(admin.nth(0)).toContainText('Subject: namespaces team=web');
    await expect(admin.nth(0).getByTestId('tier-decides')).toHaveAttribute('data-count', '2');
    await admin.nth(0).getByTestId('tier-decides').locator('summary').click();
    await expect(admin.nth(0).getByTestId('tier-decided-flow').first()).toHaveText(
      'ops/mon → shop/front 8080/TCP',
    );
    await expect(panel.getByTestId('tiers-namespaced')).toBeVisible();
    await expect(panel.getByTestId('tiers-baseline').getByTestId('tier-policy')).toHaveAttribute(
      'data-id',
      'cnp/baseline-probe',
    );
    await page.screenshot({ path: testInfo.outputPath('tiers-panel.png') });
    for (const theme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: theme });
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
      expect(await violations(page, '[data-testid="tiers-panel"]'), `Tiers panel, ${theme}`).toEqual([]);
      expect(await violations(page, '[data-testid="canvas"]'), `canvas, ${theme}`).toEqual([]);
    }

    // Move the Accept above the Deny, by keyboard: the preview names the flow that changes.
    await admin.nth(1).getByRole('button', { name: 'Move cnp/let-mon up (walked earlier)' }).focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByTestId('edit-preview');
    await expect(dialog.getByTestId('edit-preview-summary')).toContainText('cnp/deny-ops: priority 10 → 30.');
    await expect(dialog.getByTestId('edit-preview-summary')).toContainText('ops/mon');
    await dialog.getByTestId('edit-preview-accept').click();
    await expect(dialog).toBeHidden();
    await expectSavedText(page, REORDERED);
    await canvas.expectEdgeVerdict(mark, 'allow');
    await expect(mark).toHaveAttribute('data-tier', 'admin');
    await expect(admin.nth(0)).toHaveAttribute('data-id', 'cnp/let-mon');
    await expect(admin.nth(1)).toHaveAttribute('data-priority', '30');

    // One undo step restores the text and the verdict.
    await page.locator('body').press('Control+z');
    await expectSavedText(page, TEXT);
    await canvas.expectEdgeVerdict(mark, 'deny-ingress');
    await expect(admin.nth(0)).toHaveAttribute('data-id', 'cnp/deny-ops');
  });

  test('dragging a policy onto another previews the same reorder; Cancel leaves the text alone', async ({
    page,
  }) => {
    await importWorkspace(page, TEXT);
    await page.getByRole('tab', { name: 'Tiers 3' }).click();
    const admin = page.getByTestId('tiers-admin').getByTestId('tier-policy');
    await admin.nth(1).dragTo(admin.nth(0));
    const dialog = page.getByTestId('edit-preview');
    await expect(dialog).toContainText('cnp/let-mon before cnp/deny-ops');
    await expect(dialog.getByTestId('edit-preview-summary')).toContainText('cnp/deny-ops: priority 10 → 30.');
    await dialog.getByTestId('edit-preview-cancel').click();
    await expect(dialog).toBeHidden();
    await expectSavedText(page, TEXT);
    await expect(admin.nth(0)).toHaveAttribute('data-id', 'cnp/deny-ops');
  });
});
