import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { TIERS_LOG as LOG } from './support/flow-log';
import { scenario } from './support/scenarios';

/** Three tiers; db is isolated for ingress and lets in only api on 3306. */
const tiers = scenario('04-web-api-db');

interface CliFlows {
  flows: { from: string; to: string; port: number; protocol: string; count: number; actual: string }[];
  observed: number;
  denied: number;
}

/** `netpol-canvas flows FILE --flows LOG --format json`, as CI runs it (exit 1 or 2 still prints JSON). */
function cliFlows(workspace: string, log: string): CliFlows {
  let stdout: string;
  try {
    stdout = execFileSync(
      process.execPath,
      ['--import', 'tsx', 'src/cli/main.ts', 'flows', workspace, '--flows', log, '--format', 'json'],
      { encoding: 'utf8' },
    );
  } catch (error) {
    stdout = String((error as { stdout?: string }).stdout ?? '');
  }
  return JSON.parse(stdout) as CliFlows;
}

async function downloadEverything(page: Page, path: string): Promise<string> {
  await page.getByRole('button', { name: 'More export options' }).click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('menuitem', { name: /Download everything/ }).click(),
  ]);
  await writeFile(path, await readFile(await download.path(), 'utf8'));
  return path;
}

const summary = (page: Page) => page.getByTestId('observed-summary');
const observedTab = (page: Page) => page.getByRole('tab', { name: /^Observed/ });

/** Writes the tiers log to `path` and imports it from the Observed tab; returns the path. */
async function importTiersLog(page: Page, path: string): Promise<string> {
  await writeFile(path, LOG);
  await observedTab(page).click();
  await page.getByTestId('import-flows-file').setInputFiles(path);
  return path;
}

test.describe('observed traffic', () => {
  test.beforeEach(async ({ page, toolbar, canvas }) => {
    await page.goto('/');
    await toolbar.loadExample(tiers.title);
    await canvas.waitForGraph();
  });

  test('a Hubble log shows what would break; generating policies from it brings that to zero, as the CLI agrees', async ({
    page,
    canvas,
    flows,
    toolbar,
  }, testInfo) => {
    const log = await importTiersLog(page, testInfo.outputPath('web-api-db.jsonl'));

    await expect(summary(page)).toHaveAttribute('data-observed', '5');
    await expect(summary(page)).toHaveAttribute('data-would-break', '2');
    await expect(summary(page)).toHaveAttribute('data-unknown', '1');
    await expect(observedTab(page)).toHaveText('Observed ⚠ 2');
    const breaking = page.getByTestId('would-break-flow');
    await expect(breaking).toHaveCount(1);
    await expect(breaking).toHaveAttribute('data-from', 'prod/web');
    await expect(breaking).toHaveAttribute('data-to', 'prod/db');
    await expect(breaking).toHaveAttribute('data-count', '2');
    await expect(page.getByTestId('flow-log-problem')).toHaveAttribute('data-line', '7');

    // On the canvas and in the flows table, marked (and counted) apart from what was seen and allowed.
    await expect(canvas.endpointEdge('prod/web', 'prod/db')).toHaveAttribute('data-observed', 'would-break');
    await expect(canvas.endpointEdge('prod/web', 'prod/db')).toHaveAttribute('data-observed-count', '2');
    await expect(canvas.endpointEdge('prod/web', 'prod/api')).toHaveAttribute('data-observed', 'allowed');
    await expect(canvas.endpointEdge('prod/web', 'prod/api')).toHaveAttribute('data-observed-count', '2');
    await expect(page.getByTestId('legend-observed-would-break')).toBeVisible();

    // The matrix marks the same cells.
    await page.getByTestId('view-matrix').first().click();
    await expect(page.getByTestId('matrix-view')).toHaveAttribute('data-ready', 'true');
    const cell = (from: string, to: string) =>
      page.locator(`[data-testid="matrix-cell"][data-from="${from}"][data-to="${to}"]`);
    await expect(cell('prod/web', 'prod/db')).toHaveAttribute('data-observed', 'would-break');
    await expect(cell('prod/api', 'prod/db')).toHaveAttribute('data-observed', 'allowed');
    await expect(cell('prod/db', 'prod/web')).not.toHaveAttribute('data-observed');
    await page.getByTestId('view-graph').first().click();

    // The CLI, given the same workspace and log, gives the same answer.
    const before = cliFlows(await downloadEverything(page, testInfo.outputPath('before.yaml')), log);
    expect([before.observed, before.denied]).toEqual([5, 2]);

    await flows.open();
    await expect(flows.row({ from: 'prod/web', to: 'prod/db', port: 3306 })).toHaveAttribute(
      'data-observed',
      'would-break',
    );
    await expect(flows.row({ from: 'prod/api', to: 'prod/db', port: 3306 })).toHaveAttribute(
      'data-observed',
      'allowed',
    );
    // Allowed, never seen: the candidates for tightening (db reaching api was never observed).
    await page.getByTestId('flows-never-seen').check();
    await expect(flows.row({ from: 'prod/db', to: 'prod/api', port: 8080 })).toHaveAttribute(
      'data-observed',
      'never-seen',
    );
    await expect(flows.row({ from: 'prod/web', to: 'prod/api', port: 8080 })).toHaveCount(0);
    await expect(canvas.endpointEdge('prod/db', 'prod/api')).toHaveAttribute('data-observed', 'never-seen');
    await page.getByTestId('flows-never-seen').uncheck();

    await observedTab(page).click();
    await page.getByTestId('generate-observed').click();
    const preview = page.getByTestId('generate-preview');
    await expect(preview).toBeVisible();
    await expect(preview.getByTestId('generate-yaml')).toContainText('name: db-observed-ingress');
    await expect(
      preview.locator('[data-testid="flow-difference"][data-from="prod/web"][data-to="prod/db"]'),
    ).toHaveAttribute('data-change', 'allowed');
    await preview.getByTestId('generate-apply').click();
    await expect(preview).toBeHidden();

    await expect(summary(page)).toHaveAttribute('data-would-break', '0');
    await expect(page.getByTestId('would-break-none')).toBeVisible();
    await expect(canvas.endpointEdge('prod/web', 'prod/db')).toHaveAttribute('data-observed', 'allowed');

    const after = cliFlows(await downloadEverything(page, testInfo.outputPath('after.yaml')), log);
    expect([after.observed, after.denied]).toEqual([5, 0]);
    expect(after.flows.every((flow) => flow.actual === 'allow')).toBe(true);

    // The whole generation is one undo step.
    await toolbar.undoButton.click();
    await expect(summary(page)).toHaveAttribute('data-would-break', '2');
    await toolbar.redoButton.click();
    await expect(summary(page)).toHaveAttribute('data-would-break', '0');
  });

  test('what would break follows the text as it is typed, and one flow can be allowed with a preview', async ({
    page,
    yaml,
  }, testInfo) => {
    await importTiersLog(page, testInfo.outputPath('web-api-db.jsonl'));
    await expect(summary(page)).toHaveAttribute('data-would-break', '2');

    // Retarget the policy's selector: db is no longer isolated, so nothing observed breaks.
    const line = tiers.text.split('\n').findIndex((l) => l.trim() === 'role: db') + 1;
    await yaml.typeAtEndOf(line, 'x');
    await expect(summary(page)).toHaveAttribute('data-would-break', '0');
    await yaml.undo();
    await expect(summary(page)).toHaveAttribute('data-would-break', '2');

    await page.getByTestId('allow-observed').click();
    const dialog = page.getByTestId('edit-preview');
    await expect(dialog.getByTestId('edit-preview-summary')).toContainText('prod/web');
    await dialog.getByTestId('edit-preview-accept').click();
    await expect(summary(page)).toHaveAttribute('data-would-break', '0');
  });

  test('a replaced engine worker is handed the log again: the marks come back with the next edit', async ({
    page,
    canvas,
    yaml,
  }, testInfo) => {
    await importTiersLog(page, testInfo.outputPath('web-api-db.jsonl'));
    await expect(summary(page)).toHaveAttribute('data-would-break', '2');
    const engine = page.workers().find((w) => w.url().includes('engine.worker'));
    expect(engine).toBeDefined();
    // The worker really ends (as when it runs out of memory); its replacement starts with nothing.
    void engine!.evaluate(() => (globalThis as unknown as { close(): void }).close()).catch(() => undefined);
    await expect(page.getByTestId('engine-restart')).toHaveAttribute('data-reason', 'died');
    // The next evaluation is the new worker's: what it shows of the log, it was handed again.
    await yaml.gotoLine(1);
    await page.keyboard.type('# after the restart\n');
    await expect(page.getByTestId('engine-restart')).toBeHidden();
    await expect(summary(page)).toHaveAttribute('data-would-break', '2');
    await expect(canvas.endpointEdge('prod/web', 'prod/db')).toHaveAttribute('data-observed', 'would-break');
  });

  test('a CSV log dropped on the window, and a pasted one, are read; bad lines are named and the rest kept', async ({
    page,
  }) => {
    await page.evaluate(() => {
      const data = new DataTransfer();
      data.items.add(
        new File(
          ['from,to,port,protocol\nprod/web,prod/db,3306,TCP\nprod/web,prod/db,99999,TCP\n'],
          'flows.csv',
        ),
      );
      window.dispatchEvent(new DragEvent('dragenter', { dataTransfer: data, bubbles: true }));
      window.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    });
    // A dropped log opens the Observed tab, and the workspace stays as it was.
    await expect(summary(page)).toHaveAttribute('data-would-break', '1');
    await expect(page.getByTestId('flow-log-problem')).toHaveAttribute('data-line', '3');
    await expect(page.getByTestId('flow-log-problem')).toContainText('flows.csv');
    await expect(page.getByTestId('canvas').locator('.react-flow__node[data-id="ep:prod/db"]')).toBeVisible();

    await page.getByTestId('paste-flows').click();
    const paste = page.getByTestId('paste-flow-log');
    await paste.getByRole('textbox').fill('from,to,port,protocol\nprod/api,prod/db,3306,TCP\n');
    await paste.getByTestId('paste-flow-log-read').click();
    await expect(summary(page)).toHaveAttribute('data-observed', '2');
    await expect(summary(page)).toHaveAttribute('data-would-break', '1');

    // Small logs are kept with the workspace.
    await page.reload();
    await observedTab(page).click();
    await expect(summary(page)).toHaveAttribute('data-observed', '2');
  });

  test('a connection to an outside address no ipBlock names is drawn on the edge to the internet', async ({
    page,
    canvas,
    flows,
  }) => {
    await observedTab(page).click();
    await page.getByTestId('paste-flows').click();
    const paste = page.getByTestId('paste-flow-log');
    await paste
      .getByRole('textbox')
      .fill('from,to,port,protocol\nprod/web,203.0.113.9,443,TCP\nprod/web,203.0.113.9,443,TCP\n');
    await paste.getByTestId('paste-flow-log-read').click();
    await expect(summary(page)).toHaveAttribute('data-observed', '2');
    const toInternet = canvas.edge('flow:ep:prod/web->ext:0.0.0.0/0');
    await expect(toInternet).toHaveAttribute('data-observed', 'allowed');
    await expect(toInternet).toHaveAttribute('data-observed-count', '2');
    await expect(toInternet.getByTestId('observed-badge')).toContainText('2 seen');
    // The table names the range, as the canvas does, and marks its row.
    await flows.open();
    await expect(
      page.locator('[data-testid="flow-row"][data-from="prod/web"][data-to="0.0.0.0/0"]'),
    ).toHaveAttribute('data-observed', 'allowed');
  });

  test('a log over 2 MB is kept in IndexedDB: after a reload its connections are back', async ({
    page,
  }, testInfo) => {
    const log = testInfo.outputPath('big.csv');
    const rows = Math.ceil((2.2 * 1024 * 1024) / 'prod/web,prod/db,3306,TCP\n'.length);
    // Every row would break (db lets in only api), but the last thousand, which are allowed.
    const breaking = rows - 1000;
    await writeFile(
      log,
      `from,to,port,protocol\n${'prod/web,prod/db,3306,TCP\n'.repeat(breaking)}${'prod/web,prod/api,8080,TCP\n'.repeat(1000)}`,
    );
    await observedTab(page).click();
    await page.getByTestId('import-flows-file').setInputFiles(log);
    // 2.2 MB is read in the worker: patient on a busy machine.
    await expect(summary(page)).toHaveAttribute('data-would-break', String(breaking), { timeout: 30_000 });
    await page.reload();
    await observedTab(page).click();
    await expect(summary(page)).toHaveAttribute('data-would-break', String(breaking), { timeout: 30_000 });
    await expect(summary(page)).toHaveAttribute('data-observed', String(rows));
    await expect(page.getByTestId('flow-log-missing')).toHaveCount(0);
  });

  test('a big log the browser refuses to keep is named at once, and again after a reload', async ({
    page,
  }, testInfo) => {
    // The browser's answer when its storage is full.
    await page.addInitScript(() => {
      IDBObjectStore.prototype.put = function () {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      };
    });
    await page.reload();
    const log = testInfo.outputPath('big.csv');
    const row = 'prod/web,prod/api,8080,TCP\n';
    await writeFile(log, `from,to,port,protocol\n${row.repeat(Math.ceil((2.2 * 1024 * 1024) / row.length))}`);
    await observedTab(page).click();
    await page.getByTestId('import-flows-file').setInputFiles(log);
    await expect(summary(page)).toHaveAttribute('data-would-break', '0', { timeout: 30_000 });
    await expect(page.getByTestId('notice')).toContainText(
      'big.csv (2.2 MB) could not be kept in this browser',
    );
    await expect(page.getByTestId('flow-log-unsaved')).toContainText('big.csv');
    await page.reload();
    await observedTab(page).click();
    await expect(page.getByTestId('flow-log-missing')).toContainText('big.csv');
    await expect(page.getByTestId('flow-log-missing')).toContainText('import it again');
  });
});
