/**
 * A workspace with 100,000 problems (issue 16): the page throws nothing, the Problems list keeps
 * only the rows in view in the page, and every problem can still be scrolled to.
 */
import { expect, test } from './fixtures';
import { editorReady, expectResponsive, STORAGE_KEY, watchPage } from './support/app-state';

const COUNT = 100_000;

test('100,000 problems: no error, a virtual list, the last one reachable', async ({ page, problems }) => {
  test.setTimeout(180_000);
  const { errors } = watchPage(page);
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text().slice(0, 300));
  });
  // Each document is a mapping that is no Kubernetes object: one error each.
  const text = Array.from({ length: COUNT }, (_, i) => `foo${i}: bar`).join('\n---\n');
  await page.addInitScript(
    ([key, value]) => {
      if (!sessionStorage.getItem('seeded')) localStorage.setItem(key!, value!);
      sessionStorage.setItem('seeded', '1');
    },
    [STORAGE_KEY, JSON.stringify({ state: { text, namespace: 'default', modified: true }, version: 2 })],
  );
  await page.goto('/');
  await editorReady(page);
  await problems.open();
  await expect(problems.list).toHaveAttribute('data-total', String(COUNT), { timeout: 120_000 });
  const rendered = await problems.items.count();
  expect(rendered).toBeGreaterThan(0);
  expect(rendered).toBeLessThan(200);
  // The end of the list is reachable by scrolling.
  await problems.list.evaluate((list) => list.scrollTo(0, list.scrollHeight));
  await expect(problems.list.locator(`[aria-posinset="${COUNT}"]`)).toBeVisible();
  await expectResponsive(page);
  expect(errors).toEqual([]);
});
