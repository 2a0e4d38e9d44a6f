/**
 * No data loss: the workspace is saved as the user types and when the page goes away, comes back
 * after a reload or a crashed tab, survives a rendering error, is never silently replaced, and a
 * browser that cannot save says so.
 */
import { readFile } from 'node:fs/promises';
import { expect, test } from './fixtures';
import {
  appReady,
  editorReady,
  expectSavedText,
  saved,
  savedText,
  STORAGE_KEY,
  watchPage,
} from './support/app-state';
import { scenario } from './support/scenarios';

const frontendBackend = scenario('03-frontend-backend-ingress');
const webApiDb = scenario('04-web-api-db');
/** Screenshots of the new screens land in the test's output folder, or in SHOTS_DIR to keep them. */
const shot = (name: string) =>
  process.env.SHOTS_DIR ? `${process.env.SHOTS_DIR}/${name}` : test.info().outputPath(name);

test('saves every change within 500 ms and when the page is closed; comes back after a reload and after a crash', async ({
  page,
  context,
  yaml,
}) => {
  await page.goto('/');
  await appReady(page);
  await expectSavedText(page, frontendBackend.text);

  // Debounced: the change is in storage well within half a second after the last keystroke.
  await yaml.gotoLine(1);
  await page.keyboard.type('# first edit\n');
  const typed = Date.now();
  await expect
    .poll(async () => (await savedText(page)) ?? '', { intervals: [20], timeout: 2000 })
    .toContain('# first edit');
  expect(Date.now() - typed).toBeLessThan(500 + 150);
  expect((await saved(page))?.modified).toBe(true);

  // Closing or reloading the page writes what is still waiting for the debounce.
  await page.keyboard.type('# typed just before the reload\n');
  const pendingAtReload = await page.evaluate((key) => {
    const pending = !(localStorage.getItem(key) ?? '').includes('just before the reload');
    location.reload();
    return pending;
  }, STORAGE_KEY);
  expect(pendingAtReload, 'the edit was still waiting for the debounce when the page went away').toBe(true);
  await page.waitForLoadState('load');
  await editorReady(page);
  await expect.poll(() => yaml.visibleText()).toContain('# typed just before the reload');
  await expect(page.locator('.toolbar__modified')).toBeVisible();

  // A crashed tab loses at most the last half second; what was saved comes back in a new tab.
  await yaml.gotoLine(1);
  await page.keyboard.type('# before the crash\n');
  await expect
    .poll(async () => (await savedText(page)) ?? '', { intervals: [50] })
    .toContain('# before the crash');
  const cdp = await context.newCDPSession(page);
  const crashed = page.waitForEvent('crash');
  void cdp.send('Page.crash').catch(() => undefined);
  await crashed;
  const fresh = await context.newPage();
  await fresh.goto('/');
  await expect(fresh.getByTestId('yaml-editor').locator('.view-lines')).toContainText('# before the crash');
  await expect(fresh.getByTestId('yaml-editor').locator('.view-lines')).toContainText(
    '# typed just before the reload',
  );
});

test('a rendering error shows a clear screen that keeps the YAML, offers it as a download and a reload', async ({
  page,
  toolbar,
  yaml,
}) => {
  const watch = watchPage(page);
  // `?crash-test` (test-only, see src/app/App/CrashTestProbe.tsx) makes a component throw when the YAML holds `# crash now`.
  await page.goto('/?crash-test');
  await appReady(page);
  await toolbar.loadExample(webApiDb.title);
  await yaml.gotoLine(1);
  await page.keyboard.type('# my unsaved thought\n# crash now\n');

  const screen = page.getByTestId('crash-screen');
  await expect(screen).toBeVisible();
  await expect(screen.getByRole('heading')).toHaveText('Something went wrong on this screen');
  await expect(screen).toContainText('Your YAML is safe');
  await expect(screen).toContainText('Crash test: a component failed while rendering');
  const kept = `# my unsaved thought\n# crash now\n${webApiDb.text}`;
  await expect(screen.getByTestId('crash-text')).toHaveValue(kept);
  // Saved at once, without waiting for the debounce.
  expect(await savedText(page)).toBe(kept);
  await page.screenshot({ path: shot('error-boundary.png') });

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    screen.getByRole('button', { name: 'Download my YAML' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('netpol-workspace.yaml');
  expect(await readFile(await download.path(), 'utf8')).toBe(kept);

  // Reload: the text is still there (with the flag still set, the test component fails again).
  await Promise.all([page.waitForEvent('load'), screen.getByRole('button', { name: 'Reload' }).click()]);
  await expect(page.getByTestId('crash-text')).toHaveValue(kept);
  // Without the flag the app opens the same text.
  await page.goto('/');
  await editorReady(page);
  await expect.poll(() => yaml.visibleText()).toContain('# my unsaved thought');
  expect(watch.dialogs).toEqual([]);
});

for (const { problem, error } of [
  { problem: 'unavailable', error: "new DOMException('The operation is insecure.', 'SecurityError')" },
  { problem: 'full', error: "new DOMException('The quota has been exceeded.', 'QuotaExceededError')" },
]) {
  test(`storage that is ${problem}: a banner says the work is not saved, and export still works`, async ({
    page,
    yaml,
    toolbar,
  }) => {
    await page.addInitScript(`Storage.prototype.setItem = function () { throw ${error}; };`);
    const watch = watchPage(page);
    await page.goto('/');
    await appReady(page);
    const banner = page.getByTestId('storage-banner');
    await expect(banner.locator('.banner__text')).toHaveText(
      `Your work is not being saved in this browser: storage is ${problem}. Download it to keep it.`,
    );
    await expect(banner).toHaveAttribute('role', 'alert');
    // Non-blocking: the editor still takes typing and the picture follows.
    await yaml.gotoLine(1);
    await page.keyboard.type('# still editable\n');
    await expect.poll(() => yaml.visibleText()).toContain('# still editable');
    if (problem === 'unavailable') await page.screenshot({ path: shot('storage-banner.png') });
    const [download] = await Promise.all([page.waitForEvent('download'), toolbar.exportButton.click()]);
    expect(download.suggestedFilename()).toBe('netpol-policies.yaml');
    expect(await readFile(await download.path(), 'utf8')).toContain('kind: NetworkPolicy');
    await banner.getByRole('button', { name: 'Dismiss the storage warning' }).click();
    await expect(banner).toBeHidden();
    expect(watch.errors).toEqual([]);
  });
}

test('examples and imports never replace edited work without asking, even after a reload', async ({
  page,
  toolbar,
  yaml,
}) => {
  await page.goto('/');
  await appReady(page);
  await yaml.gotoLine(1);
  await page.keyboard.type('# my work\n');
  const mine = `# my work\n${frontendBackend.text}`;
  await expectSavedText(page, mine);

  const dialog = page.getByRole('dialog', { name: 'Replace your workspace?' });
  const keep = async () => {
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole('button', { name: 'Keep my work' })).toBeFocused();
    await dialog.getByRole('button', { name: 'Keep my work' }).click();
    await expect(dialog).toBeHidden();
    expect(await savedText(page)).toBe(mine);
    await expect.poll(() => yaml.visibleText()).toContain('# my work');
  };

  await toolbar.examples.click();
  await page.getByRole('menuitem', { name: webApiDb.title }).click();
  await keep();
  await toolbar.importInput.setInputFiles(webApiDb.path);
  // The same confirmation as a share link's: the work can be downloaded before it goes.
  await expect(dialog.getByRole('button', { name: 'Keep my work' })).toBeFocused();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    dialog.getByRole('button', { name: 'Download current' }).click(),
  ]);
  expect(await readFile(await download.path(), 'utf8')).toBe(mine);
  await dialog.getByRole('button', { name: 'Keep my work' }).focus();
  await keep();

  // After a reload the work is still "edited": it still asks, and Escape keeps it too.
  await page.reload();
  await editorReady(page);
  await toolbar.examples.click();
  await page.getByRole('menuitem', { name: webApiDb.title }).click();
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  expect(await savedText(page)).toBe(mine);

  // Replacing is one step back with Undo.
  await toolbar.examples.click();
  await page.getByRole('menuitem', { name: webApiDb.title }).click();
  await dialog.getByRole('button', { name: 'Replace' }).click();
  await expectSavedText(page, webApiDb.text);
  await toolbar.undoButton.click();
  await expectSavedText(page, mine);
});
