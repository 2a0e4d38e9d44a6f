/**
 * Building a scenario's policies by canvas gestures alone (no typing in the YAML), then checking
 * the exported YAML with the CLI against the scenario's own ConnectivityTest.
 */
import { readFile, writeFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { cliTest, connectivityTest, workloadsOnly } from './support/build-visually';
import { scenario } from './support/scenarios';

async function openWorkloads(page: Page, id: string): Promise<void> {
  await page.goto('/');
  const text = workloadsOnly(scenario(id).text);
  expect(text).not.toMatch(/kind: (NetworkPolicy|ConnectivityTest)/);
  await page
    .getByTestId('import-file')
    .setInputFiles({ name: `${id}-workloads.yaml`, mimeType: 'application/yaml', buffer: Buffer.from(text) });
  const confirm = page.getByRole('dialog', { name: 'Replace your workspace?' });
  if (await confirm.isVisible({ timeout: 300 }).catch(() => false))
    await confirm.getByRole('button', { name: 'Replace' }).click();
  // The first layout loads ELK; on a busy machine that takes a while.
  await expect(page.getByTestId('canvas').locator('.react-flow__node').first()).toBeVisible({
    timeout: 20_000,
  });
}

/** Export → Download everything, plus the scenario's ConnectivityTest, through `netpol-canvas test`. */
async function exportAndTest(page: Page, id: string, path: string) {
  await page.getByRole('button', { name: 'More export options' }).click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('menuitem', { name: /Download everything/ }).click(),
  ]);
  const exported = await readFile(await download.path(), 'utf8');
  expect(exported).toMatch(/kind: NetworkPolicy/);
  await writeFile(path, `${exported.replace(/\s+$/, '')}\n---\n${connectivityTest(scenario(id).text)}`);
  return { exported, run: cliTest(path) };
}

test.describe('building policies on the canvas', () => {
  test('03: drag frontend onto backend, export, and every probe passes in the CLI', async ({
    page,
    builder,
    canvas,
    flows,
  }, testInfo) => {
    await openWorkloads(page, '03-frontend-backend-ingress');

    await builder.drag('ep:default/frontend', 'ep:default/backend');
    // The destination's declared port and the narrowest peer come preselected.
    await expect(builder.allowPopover.getByTestId('allow-ports')).toHaveValue('8080/TCP');
    // backend is open for ingress: the flow is allowed already, and isolating it is the user's choice.
    await expect(builder.allowPopover.getByTestId('allow-flow-sides')).toContainText('already allowed');
    await expect(builder.allowPopover.getByTestId('allow-isolate-ingress')).not.toBeChecked();
    await builder.allowPopover.getByTestId('allow-isolate-ingress').check();
    await expect(builder.allowPopover.getByTestId('peer-width-workload')).toBeChecked();
    await expect(builder.allowPopover.getByTestId('flow-stop').first()).toBeVisible();
    await builder.allow();

    await expect(canvas.endpointEdge('default/frontend', 'default/backend')).toHaveAttribute(
      'data-verdict',
      'allow',
    );
    await expect(canvas.endpointEdge('default/not-frontend', 'default/backend')).toHaveAttribute(
      'data-verdict',
      'deny-ingress',
    );
    await expect(flows.row({ from: 'default/backend', to: 'default/frontend', port: 'any' })).toHaveAttribute(
      'data-verdict',
      'allow-open',
    );

    const { exported, run } = await exportAndTest(
      page,
      '03-frontend-backend-ingress',
      testInfo.outputPath('03-built.yaml'),
    );
    expect(exported).toContain('kind: Deployment');
    expect(run.results.filter((r) => !r.pass)).toEqual([]);
    expect(run).toMatchObject({ passed: 4, failed: 0 });
  });

  test('05: isolate backend-0 for egress, drag it to db1 and db2, and every probe passes in the CLI', async ({
    page,
    builder,
    canvas,
  }, testInfo) => {
    await openWorkloads(page, '05-backend-egress-to-dbs');

    await builder.node('ep:project-snake/backend-0').click();
    await builder.inspector.getByTestId('isolate-egress').click();
    // Before it is accepted, the preview lists what isolating backend-0 for egress denies.
    await expect(
      builder.preview.locator(
        '[data-testid="flow-stop"][data-from="project-snake/backend-0"][data-to="project-snake/db1-0"]',
      ),
    ).toBeVisible();
    await builder.preview.getByTestId('edit-preview-accept').click();
    await builder.waitForEdit();
    await expect(canvas.endpointEdge('project-snake/backend-0', 'project-snake/vault-0')).toHaveAttribute(
      'data-verdict',
      'deny-egress',
    );
    await builder.dismissReport();

    await builder.drag('ep:project-snake/backend-0', 'ep:project-snake/db1-0');
    await expect(builder.allowPopover.getByTestId('allow-ports')).toHaveValue('1111/TCP');
    await builder.allow();
    await builder.drag('ep:project-snake/backend-0', 'ep:project-snake/db2-0');
    await expect(builder.allowPopover.getByTestId('allow-ports')).toHaveValue('2222/TCP');
    await builder.allow();

    await expect(canvas.endpointEdge('project-snake/backend-0', 'project-snake/db1-0')).toHaveAttribute(
      'data-verdict',
      'allow',
    );
    await expect(canvas.endpointEdge('project-snake/db1-0', 'project-snake/vault-0')).toHaveAttribute(
      'data-verdict',
      'allow-open',
    );

    const { run } = await exportAndTest(
      page,
      '05-backend-egress-to-dbs',
      testInfo.outputPath('05-built.yaml'),
    );
    expect(run.results.filter((r) => !r.pass)).toEqual([]);
    expect(run).toMatchObject({ passed: 7, failed: 0 });
  });
});
