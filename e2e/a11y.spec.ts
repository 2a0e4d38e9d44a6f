/**
 * Accessibility: axe finds no serious or critical violation on any screen state, in both themes;
 * and the app works from the keyboard alone, down to reading a row of the flows table (the
 * screen-reader path through the picture).
 */
import type { Page } from '@playwright/test';
import { encodeShareFragment } from '../src/app/share/share-link';
import { expect, test } from './fixtures';
import { appReady, editorReady } from './support/app-state';
import { scenario } from './support/scenarios';
import { violations } from './support/axe';

const webApiDb = scenario('04-web-api-db');

/** The whole page is checked once per theme; later states check the region that changed (axe over Monaco's DOM is slow). */
async function expectAccessible(page: Page, state: string, within?: string): Promise<void> {
  await test.step(`axe: ${state}`, async () => {
    expect(await violations(page, within), state).toEqual([]);
  });
}

// Each axe run takes seconds (Monaco's DOM is large), so states that can be on screen together are
// checked together: a menu stays open over the inspector and the drawer.
for (const theme of ['light', 'dark'] as const) {
  test(`axe finds nothing serious on any screen (${theme} theme)`, async ({
    page,
    toolbar,
    canvas,
    yaml,
    problems,
  }) => {
    test.setTimeout(90_000);
    await page.emulateMedia({ colorScheme: theme, reducedMotion: 'reduce' });
    await page.goto('/');
    await appReady(page);
    await toolbar.loadExample(webApiDb.title);
    await expect(canvas.node('ep:prod/db')).toBeVisible();
    await editorReady(page);
    await expect(page.locator('.toolbar__busy')).toHaveCount(0);
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);

    // The main screen with a scenario, the inspector on a node, the Tests tab and the Examples menu.
    await canvas.node('ep:prod/db').click();
    await expect(page.getByTestId('inspector')).toBeVisible();
    await page.getByRole('tab', { name: /^Tests/ }).click();
    await expect(page.getByTestId('test-result').first()).toBeVisible();
    await toolbar.examples.click();
    await expect(page.getByRole('menu', { name: 'Examples' })).toBeVisible();
    await expectAccessible(page, 'main screen, inspector on a node, Tests tab, Examples menu');
    await page.keyboard.press('Escape');

    // The inspector on an edge, the flows table and the Export menu.
    await flowsRowToEdge(page);
    await toolbar.openExportMenu();
    await expect(page.getByRole('menu', { name: 'More export options' })).toBeVisible();
    await expectAccessible(page, 'inspector on an edge, Flows tab, Export menu');
    await page.keyboard.press('Escape');
    await page
      .getByTestId('inspector')
      .getByRole('button', { name: /Close inspector/ })
      .click();

    // Edited work: importing asks first.
    await yaml.gotoLine(1);
    await page.keyboard.type('# edited\n');
    await toolbar.importInput.setInputFiles(webApiDb.path);
    await expect(page.getByRole('dialog', { name: 'Replace your workspace?' })).toBeVisible();
    await expectAccessible(page, 'import confirmation dialog', 'dialog');
    await page.keyboard.press('Escape');
    if (theme === 'dark') return;

    await page.getByRole('button', { name: 'Keyboard shortcuts' }).click();
    await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
    await expectAccessible(page, 'shortcuts dialog', 'dialog');
    await page.keyboard.press('Escape');

    // A syntax error (markers, the stale banner, an error in the Problems tab) and the share popover.
    await yaml.typeAtEndOf(
      webApiDb.text.split('\n').findIndex((line) => line.startsWith('metadata: {')) + 2,
      ' [unclosed',
    );
    await expect(canvas.staleBanner).toBeVisible();
    await problems.open();
    await expect(problems.errors().first()).toBeVisible();
    await page.getByTestId('share').click();
    await expect(page.getByTestId('share-status')).toBeVisible();
    await expectAccessible(page, 'stale picture, Problems tab, share popover');
  });
}

/** Opens the inspector on the api -> db edge by its row in the flows table. */
async function flowsRowToEdge(page: Page): Promise<void> {
  const tab = page.getByRole('tab', { name: /^Flows/ });
  if ((await tab.getAttribute('aria-selected')) !== 'true') await tab.click();
  await page.locator('[data-testid="flow-row"][data-from="prod/api"][data-to="prod/db"]').first().click();
  await expect(page.getByTestId('inspector')).toContainText('prod/api → prod/db');
}

test('the error screen, the storage banner and the share dialog pass axe too', async ({
  page,
  browser,
  yaml,
}) => {
  await page.addInitScript(() => {
    Storage.prototype.setItem = () => {
      throw new DOMException('no', 'SecurityError');
    };
  });
  await page.goto('/?crash-test');
  await appReady(page);
  await expect(page.getByTestId('storage-banner')).toBeVisible();
  await expectAccessible(page, 'storage banner');
  await yaml.gotoLine(1);
  await page.keyboard.type('# crash now\n');
  await expect(page.getByTestId('crash-screen')).toBeVisible();
  await expectAccessible(page, 'error screen');

  // Another browser with edited work opens a share link: the app asks first.
  const context = await browser.newContext();
  const other = await context.newPage();
  await other.goto('/');
  await other.getByTestId('yaml-editor').locator('.view-lines').click();
  await other.keyboard.type('# local edit\n');
  await expect
    .poll(() => other.evaluate(() => localStorage.getItem('netpol-canvas:workspace') ?? ''))
    .toContain('# local edit');
  const encoded = encodeShareFragment({ text: webApiDb.text, namespace: 'default' });
  if (!encoded.ok) throw new Error(encoded.message);
  await other.goto(`/#${encoded.fragment}`);
  await expect(other.getByRole('dialog', { name: 'Open the shared workspace?' })).toBeVisible();
  await expectAccessible(other, 'share confirmation dialog');
  await context.close();
});

test('keyboard only: open an example from the menu, reach a node and open it, then Tab on to the flows table and read a row', async ({
  page,
  canvas,
}) => {
  await page.goto('/');
  await appReady(page);
  const active = () =>
    page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      return {
        label: el?.getAttribute('aria-label') ?? el?.textContent?.trim() ?? '',
        node: el?.closest('.react-flow__node')?.getAttribute('data-id') ?? null,
        inEditor: Boolean(el?.closest('.monaco-editor')),
        inFlows: Boolean(el?.closest('[data-testid="flows-table"]')),
      };
    });

  // The first stop is the Examples menu; arrows move, Enter picks.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Examples' })).toBeFocused();
  await page.keyboard.press('Enter');
  const menu = page.getByRole('menu', { name: 'Examples' });
  await expect(menu).toBeVisible();
  await expect(page.getByRole('button', { name: 'Examples' })).toHaveAttribute('aria-expanded', 'true');
  await expect(menu.getByRole('menuitem').first()).toBeFocused();
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown');
  await expect(menu.getByRole('menuitem', { name: webApiDb.title })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(menu).toBeHidden();
  await expect(page.getByRole('button', { name: 'Examples' })).toBeFocused();
  await expect(canvas.node('ep:prod/db')).toBeVisible();

  // Tab on: the canvas nodes take the focus, Enter opens one in the inspector, Escape closes it;
  // in the YAML, Ctrl+M lets Tab leave the editor; on to the flows table.
  let openedNode: string | null = null;
  let escapedEditor = false;
  for (let presses = 0; presses < 120; presses++) {
    await page.keyboard.press('Tab');
    const now = await active();
    if (now.inFlows) break;
    if (now.node?.startsWith('ep:') && !openedNode) {
      openedNode = now.node;
      await page.keyboard.press('Enter');
      await expect(page.getByTestId('inspector')).toContainText(now.node.slice(3));
      await page.keyboard.press('Escape');
      await expect(page.getByTestId('inspector')).toBeHidden();
    }
    if (now.inEditor && !escapedEditor) {
      escapedEditor = true;
      await page.keyboard.press('Control+M');
    }
  }
  expect(openedNode, 'a workload node took the focus').not.toBeNull();
  expect(escapedEditor, 'the walk went through the YAML editor').toBe(true);
  expect((await active()).inFlows, 'Tab reached the flows table').toBe(true);
  // Tab moved through the editor without typing into it.
  expect(await page.evaluate(() => localStorage.getItem('netpol-canvas:workspace') ?? '')).not.toMatch(/\\t/);

  // The table is a real table: a caption, column headers, and rows that read in order.
  const table = page.getByRole('table', { name: /Flows between every pair of endpoints/ });
  await expect(table).toBeVisible();
  await expect(table.getByRole('columnheader')).toHaveText(
    ['From', 'To', 'Port', 'Verdict', 'Observed', 'Why', 'Actions'].map((h) => new RegExp(`^${h}`)),
  );
  const row = table
    .getByRole('row')
    .filter({ has: page.getByRole('cell', { name: 'prod/api', exact: true }) })
    .filter({ hasText: '3306/TCP' });
  await expect(row.getByRole('cell').nth(0)).toHaveText('prod/api');
  await expect(row.getByRole('cell').nth(1)).toHaveText('prod/db');
  await expect(row.getByRole('cell').nth(3)).toContainText(/allow/i);
  await expect(row.getByRole('cell').nth(5)).toContainText('prod/db');
});
