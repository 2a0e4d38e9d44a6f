/**
 * Allow gestures change only what the user asks: a drag writes a rule on the side that refuses the
 * flow and nowhere else, so no other flow changes its verdict (compared row by row in the Flows
 * table); an open side is isolated only when the user ticks it, after the popover has listed every
 * flow that would then be denied.
 */
import type { Builder } from './pages/Builder';
import type { FlowsTable } from './pages/FlowsTable';
import { expect, test } from './fixtures';
import { importWorkspace as open } from './support/app-state';
import { documents, workloadsOnly } from './support/build-visually';
import { scenario } from './support/scenarios';

/** Every row of the Flows table, `from -> to port/protocol` to its verdict. */
async function verdicts(flows: FlowsTable): Promise<Map<string, string>> {
  await flows.open();
  await expect(flows.rows.first()).toBeVisible();
  const rows = await flows.rows.evaluateAll((elements) =>
    elements.map((row) => {
      const at = (name: string) => row.getAttribute(`data-${name}`) ?? '';
      return [`${at('from')} -> ${at('to')} ${at('port')}/${at('protocol')}`, at('verdict')] as const;
    }),
  );
  return new Map(rows);
}

/** The rows whose verdict differs, as `key: before => after`. */
function changed(before: Map<string, string>, after: Map<string, string>): string[] {
  const keys = [...new Set([...before.keys(), ...after.keys()])].sort();
  return keys
    .filter((key) => before.get(key) !== after.get(key))
    .map((key) => `${key}: ${before.get(key)} => ${after.get(key)}`);
}

/** The EKS task's step 1: its workloads, and ui denies all egress by default (DNS too). */
const eks = scenario('01-eks-ui-egress');
const EKS_STEP_1 = [
  workloadsOnly(eks.text),
  documents(eks.text)
    .find((doc) => doc.includes('name: default-deny'))!
    .replace(/\s+$/, '\n'),
].join('---\n');

async function dragAndAllow(builder: Builder, from: string, to: string): Promise<void> {
  await builder.drag(`ep:${from}`, `ep:${to}`);
  await builder.allow();
}

test.describe('allow gestures change only what was asked', () => {
  test('EKS ui egress: three drags from ui, under default-deny egress, allow exactly those three flows', async ({
    page,
    builder,
    flows,
  }) => {
    await open(page, EKS_STEP_1);
    const before = await verdicts(flows);
    expect(before.get('ui/ui -> catalog/catalog 8080/TCP')).toBe('deny-egress');
    expect(before.get('orders/orders -> catalog/catalog 8080/TCP')).toBe('allow-open');

    await dragAndAllow(builder, 'ui/ui', 'catalog/catalog');
    await dragAndAllow(builder, 'ui/ui', 'orders/orders');
    await dragAndAllow(builder, 'ui/ui', 'kube-system/coredns');

    // The table follows the last drag's evaluation a moment later: poll until it settles.
    await expect
      .poll(async () => changed(before, await verdicts(flows)))
      .toEqual([
        'ui/ui -> catalog/catalog 8080/TCP: deny-egress => allow',
        'ui/ui -> kube-system/coredns 53/TCP: deny-egress => allow',
        'ui/ui -> kube-system/coredns 53/UDP: deny-egress => allow',
        'ui/ui -> orders/orders 8080/TCP: deny-egress => allow',
      ]);
    if (process.env.SCREENSHOTS) {
      // The task built by gestures, for the README: the canvas framed, the drawer folded away.
      await builder.dismissReport();
      await page.getByRole('button', { name: 'Collapse the drawer' }).click();
      await page.locator('.react-flow__controls-fitview').click();
      await builder.settle();
      await page.screenshot({ path: 'docs/screenshot-eks-built-on-canvas.png' });
    }
  });

  test("the popover's words follow the direction: ui's egress is what it writes, and locking catalog is on offer", async ({
    page,
    builder,
  }) => {
    await open(page, EKS_STEP_1);
    // The popover speaks of the side it writes: ui's egress, not catalog's ingress.
    await builder.drag('ep:ui/ui', 'ep:catalog/catalog');
    const popover = builder.allowPopover;
    await expect(popover.getByTestId('allow-flow-sentence')).toHaveText(
      'ui/ui may send to catalog/catalog on TCP 8080.',
    );
    await expect(popover.getByTestId('allow-flow-sides')).toContainText('ui/ui is isolated for egress');
    await expect(popover.getByTestId('allow-flow-sides')).toContainText(
      "catalog/catalog's ingress is open and stays so",
    );
    await expect(popover.getByText('Where ui may send')).toBeVisible();
    await expect(popover).not.toContainText(/let in/i);
    await expect(popover.getByTestId('allow-isolate-ingress')).not.toBeChecked();
    await expect(popover.getByTestId('allow-flow-summary')).toContainText('Egress:');
    await expect(popover.getByTestId('flow-stops')).toHaveCount(0);
    // Locking catalog down is on offer, and says first whom it would shut out.
    await popover.getByTestId('allow-isolate-ingress').check();
    await expect(popover.getByTestId('flow-stop').filter({ hasText: 'orders/orders' })).toBeVisible();
    await expect(popover.getByTestId('allow-flow-confirm')).toHaveText('Isolate and allow');
    await popover.getByTestId('allow-isolate-ingress').uncheck();
    await expect(popover.getByTestId('flow-stops')).toHaveCount(0);
    await builder.allow();
    await builder.drag('ep:ui/ui', 'ep:kube-system/coredns');
    await expect(popover.getByTestId('allow-flow-sentence')).toHaveText(
      'ui/ui may send to kube-system/coredns on UDP 53, TCP 53.',
    );
  });

  test('CKS backend egress: drags to db1 and db2 leave vault-0 -> db1-0 and every other flow as it was', async ({
    page,
    builder,
    flows,
  }) => {
    await open(page, workloadsOnly(scenario('05-backend-egress-to-dbs').text));
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
    const before = await verdicts(flows);
    expect(before.get('project-snake/vault-0 -> project-snake/db1-0 1111/TCP')).toBe('allow-open');

    await dragAndAllow(builder, 'project-snake/backend-0', 'project-snake/db1-0');
    await dragAndAllow(builder, 'project-snake/backend-0', 'project-snake/db2-0');

    // The table follows the last drag's evaluation a moment later: poll until it settles.
    await expect
      .poll(async () => changed(before, await verdicts(flows)))
      .toEqual([
        'project-snake/backend-0 -> project-snake/db1-0 1111/TCP: deny-egress => allow',
        'project-snake/backend-0 -> project-snake/db2-0 2222/TCP: deny-egress => allow',
      ]);
  });

  test('a flow no side refuses is already allowed; locking it down is a choice that lists whom it shuts out first', async ({
    page,
    builder,
    canvas,
  }) => {
    await open(page, workloadsOnly(scenario('03-frontend-backend-ingress').text));
    await builder.drag('ep:default/frontend', 'ep:default/backend');
    const popover = builder.allowPopover;
    await expect(popover.getByTestId('allow-flow-sides')).toContainText('already allowed');
    await expect(popover.getByTestId('allow-flow-summary')).toContainText(
      'default/frontend may already send to default/backend on TCP 8080.',
    );
    await expect(popover.getByTestId('allow-flow-confirm')).toBeDisabled();
    await expect(popover.getByTestId('allow-isolate-ingress')).not.toBeChecked();
    await expect(popover.getByTestId('allow-isolate-egress')).not.toBeChecked();

    await popover.getByTestId('allow-isolate-ingress').check();
    await expect(
      popover.locator(
        '[data-testid="flow-stop"][data-from="default/not-frontend"][data-to="default/backend"]',
      ),
    ).toContainText('on TCP 8080');
    await expect(popover.getByTestId('allow-flow-confirm')).toHaveText('Isolate and allow');
    await builder.allow();
    await expect(canvas.endpointEdge('default/frontend', 'default/backend')).toHaveAttribute(
      'data-verdict',
      'allow',
    );
    await expect(canvas.endpointEdge('default/not-frontend', 'default/backend')).toHaveAttribute(
      'data-verdict',
      'deny-ingress',
    );
  });
});
