import { expect, test } from './fixtures';
import { scenario } from './support/scenarios';

const MARKER = '# edited in the e2e test';

test('reload restores the edited text; undo and redo step through the edit', async ({
  page,
  toolbar,
  canvas,
  yaml,
}) => {
  await page.goto('/');
  await toolbar.loadExample(scenario('03-frontend-backend-ingress').title);
  await canvas.waitForGraph();

  await yaml.gotoLine(1);
  await page.keyboard.type(`${MARKER}\n`);
  await expect.poll(() => yaml.visibleText()).toContain(MARKER);
  await expect(page.locator('.toolbar__modified')).toBeVisible();

  // Saved as the user types; debounce and storage are quick, but not instant.
  await expect
    .poll(() => page.evaluate(() => localStorage.getItem('netpol-canvas:workspace') ?? ''))
    .toContain('edited in the e2e test');
  await page.reload();
  await yaml.ready();
  await expect.poll(() => yaml.visibleText()).toContain(MARKER);
  await expect(toolbar.documentName).toHaveText('Saved workspace');

  // A fresh page has no history; make an edit, then undo and redo it from the editor and the toolbar.
  await yaml.gotoLine(1);
  await page.keyboard.type('# second edit\n');
  await expect.poll(() => yaml.visibleText()).toContain('# second edit');
  await yaml.undo();
  await expect.poll(() => yaml.visibleText()).not.toContain('# second edit');
  await expect.poll(() => yaml.visibleText()).toContain(MARKER);
  await toolbar.redoButton.click();
  await expect.poll(() => yaml.visibleText()).toContain('# second edit');
  await toolbar.undoButton.click();
  await expect.poll(() => yaml.visibleText()).not.toContain('# second edit');
  await yaml.redo();
  await expect.poll(() => yaml.visibleText()).toContain('# second edit');
});

test('undo reverts loading an example', async ({ page, toolbar, canvas, flows }) => {
  await page.goto('/');
  await canvas.waitForGraph();
  await toolbar.loadExample(scenario('04-web-api-db').title);
  await expect(flows.row({ from: 'prod/api', to: 'prod/db', port: 3306 })).toBeVisible();
  await toolbar.undoButton.click();
  await expect(flows.row({ from: 'default/frontend', to: 'default/backend', port: 8080 })).toBeVisible();
});
