/**
 * Share links carry the whole workspace in the URL fragment. Opening one shows the same text and
 * the same flows in a fresh browser; a damaged link changes nothing; edited work is never
 * replaced without asking; the fragment leaves the address bar once read.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { appReady, expectSavedText, saved, savedText, watchPage } from './support/app-state';
import { scenario } from './support/scenarios';

const webApiDb = scenario('04-web-api-db');
const shot = (name: string) =>
  process.env.SHOTS_DIR ? `${process.env.SHOTS_DIR}/${name}` : test.info().outputPath(name);

/** Every flow row as `from to port/protocol verdict`, as the table shows them. */
function flowRows(page: Page): Promise<string[]> {
  return page
    .getByTestId('flow-row')
    .evaluateAll((rows) =>
      rows
        .map((r) =>
          ['from', 'to', 'port', 'protocol', 'verdict'].map((a) => r.getAttribute(`data-${a}`)).join(' '),
        )
        .sort(),
    );
}

async function createLink(page: Page): Promise<string> {
  await page.getByTestId('share').click();
  const status = page.getByTestId('share-status');
  await expect(status).toContainText('Link copied to the clipboard.');
  const link = await status.getByTestId('share-link').inputValue();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
  await status.getByRole('button', { name: 'Close' }).click();
  return link;
}

test.beforeEach(async ({ context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
});

test('a link opens the same text, namespace and flows in a fresh browser, and leaves the address bar', async ({
  page,
  browser,
  baseURL,
  toolbar,
  yaml,
  flows,
}) => {
  await page.goto('/');
  await appReady(page);
  await toolbar.loadExample(webApiDb.title);
  await yaml.gotoLine(1);
  await page.keyboard.type('# shared with a colleague\n');
  await page.getByLabel('Workspace namespace').fill('team-a');
  await page.getByLabel('Workspace namespace').press('Enter');
  const text = `# shared with a colleague\n${webApiDb.text}`;
  await expectSavedText(page, text);
  await flows.open();
  await expect(flows.row({ from: 'prod/api', to: 'prod/db', port: 3306 })).toHaveAttribute(
    'data-verdict',
    'allow',
  );
  const rows = await flowRows(page);
  const link = await createLink(page);
  expect(link.startsWith(`${baseURL}/#share=v1.`)).toBe(true);

  const other = await browser.newContext();
  const fresh = await other.newPage();
  const watch = watchPage(fresh);
  await fresh.goto(link);
  await expect(fresh.getByTestId('flow-row').first()).toBeVisible();
  await expect.poll(() => saved(fresh)).toEqual({ text, namespace: 'team-a', modified: false });
  await expect(fresh.getByLabel('Workspace namespace')).toHaveValue('team-a');
  await expect(fresh.locator('.toolbar__doc-name')).toHaveText('Shared workspace');
  await expect.poll(() => flowRows(fresh)).toEqual(rows);
  expect(fresh.url()).toBe(`${baseURL}/`);
  // A reload opens the saved workspace, without asking about the link again.
  await fresh.reload();
  await expect(fresh.getByTestId('flow-row').first()).toBeVisible();
  await expect(fresh.getByRole('dialog')).toHaveCount(0);
  expect(await savedText(fresh)).toBe(text);
  expect(watch.errors).toEqual([]);
  await other.close();
});

test('a tampered link says so and keeps the local work', async ({ page, yaml }) => {
  await page.goto('/');
  await appReady(page);
  await yaml.gotoLine(1);
  await page.keyboard.type('# local work\n');
  await expect.poll(() => savedText(page)).toContain('# local work');
  const local = await savedText(page);

  const link = await createLink(page);
  const tampered = `${link.slice(0, -12)}!!*garbage*!`;
  // From about:blank the app starts with the link (a new tab); from '/' only the fragment changes
  // (a link pasted into the address bar of the open app).
  const cases = [
    { url: tampered, from: 'about:blank' },
    { url: tampered, from: '/' },
    { url: '/#share=v1.', from: '/' },
    { url: '/#share=v1.N4Ig', from: 'about:blank' },
  ];
  for (const { url, from } of cases) {
    await page.goto(from);
    await page.goto(url);
    const notice = page.getByTestId('notice');
    await expect(notice).toContainText(/share link/i);
    await expect(notice).toContainText('Your workspace was not changed.');
    await expect(page.getByRole('dialog')).toHaveCount(0);
    expect(await savedText(page)).toBe(local);
    await expect.poll(() => yaml.visibleText()).toContain('# local work');
    expect(page.url()).not.toContain('#');
  }
});

test('with local edits the app asks first: Cancel keeps them, Download saves them, Replace opens the link', async ({
  page,
  context,
  yaml,
}) => {
  await page.goto('/');
  await appReady(page);
  await yaml.gotoLine(1);
  await page.keyboard.type('# shared version\n');
  await expect.poll(() => savedText(page)).toContain('# shared version');
  const link = await createLink(page);
  const shared = (await savedText(page))!;
  // Then the local work moves on.
  await yaml.gotoLine(1);
  await page.keyboard.type('# my newer local work\n');
  await expect.poll(() => savedText(page)).toContain('# my newer local work');
  const local = (await savedText(page))!;

  // Opened in a new tab of the same browser (same saved workspace): the app asks.
  const tab = await context.newPage();
  await tab.goto(link);
  const dialog = tab.getByRole('dialog', { name: 'Open the shared workspace?' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('Your current work will be replaced');
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await tab.screenshot({ path: shot('share-dialog.png') });
  const [download] = await Promise.all([
    tab.waitForEvent('download'),
    dialog.getByRole('button', { name: 'Download current' }).click(),
  ]);
  expect(await (await import('node:fs/promises')).readFile(await download.path(), 'utf8')).toBe(local);
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  expect(await savedText(tab)).toBe(local);
  expect(tab.url()).not.toContain('#');
  await tab.close();

  // Pasted into the open app's address bar: asks again; Escape cancels, then Replace opens it.
  await page.goto(link);
  const again = page.getByRole('dialog', { name: 'Open the shared workspace?' });
  await expect(again).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(again).toBeHidden();
  expect(await savedText(page)).toBe(local);
  await page.goto(link);
  await again.getByRole('button', { name: 'Replace' }).click();
  await expectSavedText(page, shared);
  await expect.poll(() => yaml.visibleText()).not.toContain('# my newer local work');
});

test('a workspace too large for a link says so', async ({ page, toolbar }, testInfo) => {
  await page.goto('/');
  await appReady(page);
  let seed = 1;
  const noise = () =>
    Array.from({ length: 100 }, () =>
      String.fromCharCode(33 + ((seed = (seed * 1103515245 + 12345) % 2147483648) % 90)),
    ).join('');
  const big = `${Array.from({ length: 6000 }, () => `# ${noise()}`).join('\n')}\n${webApiDb.text}`;
  const path = testInfo.outputPath('big.yaml');
  await (await import('node:fs/promises')).writeFile(path, big);
  await toolbar.importFiles(path);
  await expectSavedText(page, big);
  await page.getByTestId('share').click();
  await expect(page.getByTestId('notice')).toContainText('too large for a link');
  await expect(page.getByTestId('share-status')).toHaveCount(0);
});
