/**
 * Canvas and rule-editor edits: each is an engine intent, written as one undo step and flashed in
 * the YAML; previews come first where an edit also changes other flows.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { expectSavedText, importWorkspace as open, savedText } from './support/app-state';
import { workloadsOnly } from './support/build-visually';
import { scenario } from './support/scenarios';

const frontendBackend = scenario('03-frontend-backend-ingress');

/** The saved text once it differs from `before` (edits are saved like typing). */
async function textAfter(page: Page, before: string): Promise<string> {
  await expect.poll(() => savedText(page), { intervals: [50] }).not.toBe(before);
  return (await savedText(page))!;
}

test.describe('editing from the canvas', () => {
  test('egress default deny keeps DNS in the same step; the toggles turn it off again', async ({
    page,
    builder,
    canvas,
    yaml,
  }) => {
    const start = workloadsOnly(frontendBackend.text);
    await open(page, start);
    await yaml.ready();
    const toggle = builder.denyToggle('default', 'egress');
    await expect(toggle).toHaveAttribute('aria-pressed', 'false');

    await toggle.click();
    const popover = page.getByTestId('dns-popover');
    await expect(popover.getByTestId('dns-keep')).toBeChecked();
    // Before it is confirmed, it lists what it shuts: frontend may no longer send to backend.
    await expect(
      popover.locator('[data-testid="flow-stop"][data-from="default/frontend"][data-to="default/backend"]'),
    ).toContainText('TCP 8080');
    await page.keyboard.press('Enter');
    await expect(popover).toBeHidden();
    await expect(toggle).toHaveAttribute('aria-pressed', 'true');
    const text = await textAfter(page, start);
    expect(text.startsWith(start)).toBe(true);
    const added = text.slice(start.length);
    expect(added).toMatch(/name: default-deny-egress/);
    expect(added).toMatch(/k8s-app: kube-dns/);
    expect(added).toMatch(/protocol: UDP\n\s+port: 53/);
    await expect(canvas.endpointEdge('default/frontend', 'default/backend')).toHaveAttribute(
      'data-verdict',
      'deny-egress',
    );
    // The written lines flash in the editor for a moment: exactly the new document's lines.
    const firstLine = start.split('\n').length;
    await expect(yaml.root.locator('.monaco-editor').first()).toHaveAttribute(
      'data-flashed-lines',
      `${firstLine}-${text.replace(/\n$/, '').split('\n').length}`,
    );
    await expect(yaml.root.locator('.yaml-flash-line')).toHaveCount(0, { timeout: 5000 });

    await builder.dismissReport();
    await toggle.click();
    await builder.waitForEdit();
    await expect(toggle).toHaveAttribute('aria-pressed', 'false');
    await expectSavedText(page, start);

    await builder.denyToggle('default', 'ingress').click();
    const ingress = page.getByTestId('deny-ingress-popover');
    await expect(
      ingress.locator('[data-testid="flow-stop"][data-from="default/frontend"][data-to="default/backend"]'),
    ).toBeVisible();
    await ingress.getByTestId('deny-ingress-popover-confirm').click();
    await expect(builder.denyToggle('default', 'ingress')).toHaveAttribute('aria-pressed', 'true');
    await expect(canvas.endpointEdge('default/frontend', 'default/backend')).toHaveAttribute(
      'data-verdict',
      'deny-ingress',
    );
  });

  test('removing a flow shows what else it stops first, and applies only on confirm', async ({
    page,
    builder,
    canvas,
    flows,
  }) => {
    await open(page, frontendBackend.text);
    const edge = canvas.endpointEdge('default/frontend', 'default/backend');
    await expect(edge).toHaveAttribute('data-verdict', 'allow');

    // Right-click on the edge: the context menu offers the removal, which opens a preview.
    await builder.rightClickEdge('flow:ep:default/frontend->ep:default/backend');
    await page.getByTestId('edge-menu-remove').click();
    const preview = builder.inspector.getByTestId('remove-flow-preview');
    await expect(preview.getByTestId('remove-flow-summary')).toContainText(
      'Stops default/frontend -> default/backend',
    );
    await preview.getByRole('button', { name: 'Cancel' }).click();
    await expect(preview).toBeHidden();
    expect(await savedText(page)).toBe(frontendBackend.text);

    // The Delete key on the selected edge does the same; Remove applies it.
    await flows.row({ from: 'default/frontend', to: 'default/backend', port: 8080 }).click();
    await page.keyboard.press('Delete');
    await expect(preview).toBeVisible();
    await preview.getByTestId('remove-flow-confirm').click();
    await expect(edge).toHaveAttribute('data-verdict', 'deny-ingress');
    await expect(canvas.endpointEdge('default/not-frontend', 'default/backend')).toHaveAttribute(
      'data-verdict',
      'deny-ingress',
    );
    await textAfter(page, frontendBackend.text);

    // One undo step gives back the exact text.
    await page.getByRole('button', { name: 'Undo' }).click();
    await expectSavedText(page, frontendBackend.text);
    await expect(edge).toHaveAttribute('data-verdict', 'allow');
  });

  test('the rule editor changes a port, refuses an invalid one inline, and renames the policy', async ({
    page,
    builder,
    flows,
  }) => {
    const start = workloadsOnly(frontendBackend.text);
    await open(page, start);
    await builder.drag('ep:default/frontend', 'ep:default/backend');
    await builder.allow({ isolate: ['ingress'] });
    const afterDrag = await textAfter(page, start);

    await builder.openPolicy('default/backend-ingress');
    const editor = builder.policyEditor;
    const port = editor.getByTestId('rule').first().getByTestId('port-number');
    await expect(port).toHaveValue('8080');

    await port.fill('99999');
    await port.press('Enter');
    await expect(editor.getByTestId('field-error').first()).toContainText('99999');
    expect(await savedText(page)).toBe(afterDrag);

    await port.fill('9090');
    await port.press('Tab');
    const changed = await textAfter(page, afterDrag);
    expect(changed).toContain('port: 9090');
    expect(changed).not.toContain('port: 8080\n');
    await expect(editor.getByTestId('field-error')).toHaveCount(0);
    await expect(flows.row({ from: 'default/frontend', to: 'default/backend', port: 8080 })).toHaveAttribute(
      'data-verdict',
      'deny-ingress',
    );

    await editor.getByTestId('policy-name').fill('backend-from-frontend');
    await editor.getByTestId('policy-name').press('Enter');
    await expect(editor).toHaveAttribute('data-policy', 'default/backend-from-frontend');
    await expect(editor.getByRole('heading', { name: 'default/backend-from-frontend' })).toBeVisible();
    expect(await textAfter(page, changed)).toContain('name: backend-from-frontend');
  });

  test('complementary egress: preview of the YAML to add, then accept', async ({ page, builder }) => {
    await open(page, frontendBackend.text);
    await builder.openPolicy('default/backend-allow-ingress-frontend');
    await builder.policyEditor.getByTestId('generate-egress').click();
    const preview = builder.preview;
    await expect(preview.getByTestId('edit-preview-summary')).toContainText('frontend-egress');
    const diff = preview.getByTestId('edit-preview-diff');
    await expect(diff).toContainText('kind: NetworkPolicy');
    await expect(diff).toContainText('name: frontend-egress');
    expect(await savedText(page)).toBe(frontendBackend.text);
    await preview.getByTestId('edit-preview-accept').click();
    await expect(preview).toBeHidden();
    const text = await textAfter(page, frontendBackend.text);
    expect(text).toContain('name: frontend-egress');

    // The whole-workspace action finds nothing more to add.
    await builder.openAddMenu();
    await page.getByRole('menuitem', { name: /Egress for every ingress rule/ }).click();
    await expect(builder.preview.getByTestId('edit-preview-summary')).toContainText(
      'already have the egress rules',
    );
    await expect(builder.preview.getByTestId('edit-preview-accept')).toBeDisabled();
  });

  test('add a workload from the + menu; Ctrl+Z restores the exact text', async ({
    page,
    builder,
    canvas,
  }) => {
    await open(page, frontendBackend.text);
    await builder.openAddMenu();
    await page.getByRole('menuitem', { name: /^Workload/ }).click();
    const dialog = page.getByTestId('add-workload');
    await dialog.getByTestId('add-workload-name').fill('Api');
    await dialog.getByTestId('add-workload-name').press('Enter');
    await expect(dialog.getByText('not a valid workload name')).toBeVisible();
    await dialog.getByTestId('add-workload-name').fill('api');
    await dialog.getByTestId('add-workload-labels').fill('app=api, tier=backend');
    await dialog.getByTestId('add-workload-ports').fill('8080, metrics:9090');
    await dialog.getByTestId('add-workload-ports').press('Enter');
    await expect(dialog).toBeHidden();
    await expect(canvas.node('ep:default/api')).toBeVisible();
    await expect(canvas.node('ep:default/api')).toContainText('8080/TCP');
    const text = await textAfter(page, frontendBackend.text);
    expect(text).toContain('name: api');

    await page.locator('body').press('Control+z');
    await expectSavedText(page, frontendBackend.text);
    await expect(canvas.node('ep:default/api')).toHaveCount(0);
    await page.getByRole('button', { name: 'Redo' }).click();
    await expectSavedText(page, text);
  });
});
