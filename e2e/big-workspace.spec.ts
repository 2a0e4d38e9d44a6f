import { writeFileSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { evaluateFiles } from '../src/engine';
import { compareEnds } from '../src/app/model/flow-page';
import { buildViewModel } from '../src/app/view-model/build-view-model';
import { bigWorkspace } from './support/big-workspace';
import { expect as baseExpect, test } from './fixtures';

/** Evaluating 300 pods on a 2-core machine shared with other jobs takes seconds. */
const expect = baseExpect.configure({ timeout: 30_000 });

const workspace = bigWorkspace();
/** The rows of the whole flows table, as a small workspace lists them: what the engine counts. */
let engineRows: ReturnType<typeof buildViewModel>['flows'] | null = null;
const rowsOfEngine = () =>
  (engineRows ??= buildViewModel(
    evaluateFiles([{ name: 'workspace.yaml', text: workspace.text }]).workspace,
    1,
  ).flows);

type Box = { x: number; y: number; width: number; height: number };
const overlaps = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

async function boxesOf(locator: Locator): Promise<Box[]> {
  const boxes: Box[] = [];
  for (const one of await locator.all()) {
    const box = await one.boundingBox();
    if (box) boxes.push(box);
  }
  return boxes;
}

async function importBig(page: Page, file: string) {
  writeFileSync(file, workspace.text);
  await page.goto('/');
  await expect(page.getByTestId('canvas')).toHaveAttribute('data-painted-seq', /\d+/);
  await page.getByTestId('import-file').setInputFiles(file);
  const replace = page.getByRole('dialog', { name: 'Replace your workspace?' });
  if (await replace.isVisible({ timeout: 500 }).catch(() => false))
    await replace.getByRole('button', { name: 'Replace' }).click();
  await expect(page.getByTestId('summary-bar')).toBeVisible();
  await expect(page.locator('.react-flow__node[data-id^="ns:"]')).toHaveCount(workspace.namespaces.length);
}

test.describe('an imported workspace of 300 pods in 15 namespaces', () => {
  test.setTimeout(120_000);

  test.beforeEach(async ({ page }, testInfo) => {
    await importBig(page, testInfo.outputPath('big-300.yaml'));
  });

  test('collapsed namespaces show their whole names, cut in the middle only with the whole name on hover', async ({
    page,
  }) => {
    const rendered = new Map<string, string>();
    for (const name of workspace.namespaces) {
      const node = page.locator(`.react-flow__node[data-id="ns:${name}"]`);
      await expect(node).toHaveAttribute('aria-label', new RegExp(`^Namespace ${name},`));
      const label = node.locator('.namespace-node__name');
      const shown = await label.evaluate((el) => ({
        text: el.textContent ?? '',
        title: el.getAttribute('title'),
        clipped: el.scrollWidth > el.clientWidth,
      }));
      expect(shown.clipped, `${name} is not clipped`).toBe(false);
      if (shown.text !== name) {
        // Shortened in the middle: both ends kept, and the whole name on hover.
        expect(shown.text).toContain('…');
        const [head, tail] = shown.text.split('…') as [string, string];
        expect(name.startsWith(head) && name.endsWith(tail) && head.length >= 3 && tail.length >= 3).toBe(
          true,
        );
        expect(shown.title).toBe(name);
      }
      rendered.set(name, shown.text);
    }
    // Short names that share their first letters are shown whole, and no two names read alike.
    expect(rendered.get('cart')).toBe('cart');
    expect(rendered.get('catalog')).toBe('catalog');
    expect(rendered.get('checkout')).toBe('checkout');
    expect(new Set(rendered.values()).size).toBe(workspace.namespaces.length);
  });

  test('the Flows tab lists every flow, filtered and sorted, as the engine counts them', async ({ page }) => {
    const rows = rowsOfEngine();
    const count = page.getByTestId('flows-count');
    const total = rows.length.toLocaleString('en');
    await expect(page.getByRole('tab', { name: /^Flows/ })).toHaveText(`Flows ${rows.length}`);
    await expect(count).toHaveText(`${total} flows`);
    const table = page.getByTestId('flows-table');
    const shown = table.getByTestId('flow-row');
    await expect(shown.first()).toBeVisible();
    // Virtualised: a window of rows is rendered, not tens of thousands.
    expect(await shown.count()).toBeLessThan(200);

    // By verdict: the count is the engine's, and every row shown is denied.
    await page.getByLabel('Filter flows by verdict').selectOption('denied');
    const denied = rows.filter((row) => row.verdict.startsWith('deny')).length;
    await expect(count).toHaveText(`${denied.toLocaleString('en')} of ${total} flows`);
    await expect(shown.first()).toHaveAttribute('data-verdict', /^deny/);
    for (const verdict of await shown.evaluateAll((els) => els.map((el) => el.getAttribute('data-verdict'))))
      expect(verdict).toMatch(/^deny/);

    // By text: only flows from or to the catalog API.
    await page.getByLabel('Filter flows by verdict').selectOption('all');
    await page.getByLabel('Filter flows by text').fill('catalog/catalog-api');
    const named = rows.filter((row) => `${row.from} ${row.to}`.includes('catalog/catalog-api')).length;
    await expect(count).toHaveText(`${named.toLocaleString('en')} of ${total} flows`);
    for (const ends of await shown.evaluateAll((els) =>
      els.map((el) => `${el.getAttribute('data-from')} ${el.getAttribute('data-to')}`),
    ))
      expect(ends).toContain('catalog/catalog-api');

    // Sorted by destination, descending: the first row is the engine's last destination.
    await page.getByLabel('Filter flows by text').fill('');
    await expect(count).toHaveText(`${total} flows`);
    const toHeader = table.getByRole('columnheader', { name: 'To' });
    await toHeader.getByRole('button').click();
    await toHeader.getByRole('button').click();
    await expect(toHeader).toHaveAttribute('aria-sort', 'descending');
    // Outside ranges sort after workloads, so they come first when descending.
    const destinations = rows.map((row) => row.to).sort(compareEnds);
    await expect(shown.first()).toHaveAttribute('data-to', destinations.at(-1)!);

    // Scrolling to the end brings the last rows in.
    await table.evaluate((el) => el.parentElement!.scrollTo({ top: el.parentElement!.scrollHeight }));
    await expect(shown.last()).toHaveAttribute('data-to', destinations[0]!);
    await expect(shown.last()).toBeVisible();
  });

  test('the summary banner covers neither the filter bar nor any namespace', async ({ page }) => {
    const banner = await page.getByTestId('summary-bar').boundingBox();
    const controls = await boxesOf(page.locator('.canvas-filters, .edit-toolbar, .react-flow__controls'));
    const nodes = await boxesOf(page.locator('.react-flow__node'));
    expect(banner).not.toBeNull();
    expect(controls.length).toBe(3);
    for (const box of [...controls, ...nodes]) expect(overlaps(banner!, box)).toBe(false);
  });

  test('an imported log marks the counted edges, the paged Flows table and the inspector with what would break', async ({
    page,
    canvas,
  }, testInfo) => {
    // orders' API calls cart's db three times (cart lets in only its own pods and the
    // storefront: it would break), catalog's API calls orders' db twice (open), and cart's API
    // calls an outside address no ipBlock names (cart denies egress but DNS: it would break).
    const log = testInfo.outputPath('shop-flows.csv');
    writeFileSync(
      log,
      [
        'from,to,port,protocol',
        ...Array(3).fill('orders/orders-api,cart/cart-db,5432,TCP'),
        ...Array(2).fill('catalog/catalog-api,orders/orders-db,5432,TCP'),
        'cart/cart-api,203.0.113.9,443,TCP',
        '',
      ].join('\n'),
    );
    await page.getByRole('tab', { name: /^Observed/ }).click();
    await page.getByTestId('import-flows-file').setInputFiles(log);
    const summary = page.getByTestId('observed-summary');
    await expect(summary).toHaveAttribute('data-would-break', '4');
    await expect(page.getByTestId('would-break-flow')).toHaveCount(2);

    // The counted edges between boxes carry them: drawn, though the busy default hides denied ones.
    const ordersToCart = canvas.edge('flow:ns:orders->ns:cart');
    await expect(ordersToCart).toHaveAttribute('data-observed', 'would-break');
    await expect(ordersToCart).toHaveAttribute('data-observed-count', '3');
    await expect(ordersToCart.getByTestId('observed-badge')).toContainText('3 would break');
    // What was seen and allowed is marked too, on the edges the filter draws.
    await page.getByRole('radio', { name: 'All', exact: true }).click();
    await expect(canvas.edge('flow:ns:catalog->ns:orders')).toHaveAttribute('data-observed', 'allowed');
    await expect(canvas.edge('flow:ns:cart->ext:0.0.0.0/0')).toHaveAttribute('data-observed', 'would-break');

    // The paged table: the Observed column, and the filter the worker applies to every row.
    await page.getByRole('tab', { name: /^Flows/ }).click();
    await page.getByTestId('flows-observed-filter').selectOption('would-break');
    await expect(page.getByTestId('flows-count')).toHaveText(/^2 of [\d,]+ flows$/);
    const row = (ends: string) => page.locator(`[data-testid="flow-row"]${ends}`);
    const breaking = row('[data-from="orders/orders-api"]');
    await expect(breaking).toHaveAttribute('data-observed', 'would-break');
    await expect(breaking).toHaveAttribute('data-observed-count', '3');
    await expect(breaking).toContainText('3 would break');
    await expect(row('[data-to="0.0.0.0/0"]')).toHaveAttribute('data-observed', 'would-break');
    await page.getByTestId('flows-observed-filter').selectOption('observed');
    await expect(page.getByTestId('flows-count')).toHaveText(/^3 of [\d,]+ flows$/);

    // A row's edge is the counted one; its inspector lists what would break on it.
    await page.getByTestId('flows-observed-filter').selectOption('would-break');
    await breaking.click();
    const listed = page.getByTestId('inspector').getByTestId('would-break-flow');
    await expect(listed).toHaveCount(1);
    await expect(listed).toHaveAttribute('data-from', 'orders/orders-api');
    await expect(listed).toHaveAttribute('data-to', 'cart/cart-db');
    await expect(listed).toHaveAttribute('data-count', '3');
    // And allowing it from there is one previewed edit: only the outside call still breaks.
    await listed.getByTestId('allow-observed').click();
    await page.getByTestId('edit-preview').getByTestId('edit-preview-accept').click();
    await expect(ordersToCart).not.toHaveAttribute('data-observed', 'would-break');
    await page.getByRole('tab', { name: /^Observed/ }).click();
    await expect(summary).toHaveAttribute('data-would-break', '1');
  });
});
