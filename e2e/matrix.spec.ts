/**
 * The reachability matrix: the view on a 2,000-pod workspace (open, expand, scroll, explain a
 * cell as the CLI does, keyboard, axe), the CSV export against `reach --format csv`, and the
 * graph's SVG/PNG export.
 */
import { readFile, writeFile } from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { generateCluster, toListYaml } from '../src/testing/generate-cluster';
import { run } from '../src/cli/run';
import { declaredPorts, loadWorkspace, VERDICTS, type Verdict } from '../src/engine';
import { VERDICT_STYLE } from '../src/app/model/verdicts';
import { expect as baseExpect, test } from './fixtures';
import { TestsTab } from './pages/Insight';
import { expectSavedText, savedText } from './support/app-state';
import { scenario, scenarios } from './support/scenarios';

/** Evaluating and counting thousands of endpoints takes seconds on a shared 2-core machine. */
const expect = baseExpect.configure({ timeout: 30_000 });

function cli(...args: string[]): { code: number; stdout: string } {
  let stdout = '';
  const code = run(args, { stdout: (text) => void (stdout += text), stderr: () => undefined });
  return { code, stdout };
}

async function openMatrix(page: Page): Promise<void> {
  await page.getByTestId('view-matrix').click();
  await expect(page.getByTestId('matrix-view')).toHaveAttribute('data-ready', 'true');
}

async function importText(
  page: Page,
  toolbar: { importFiles(path: string): Promise<void> },
  path: string,
  text: string,
) {
  await writeFile(path, text);
  await page.goto('/');
  await expect(page.getByTestId('canvas')).toHaveAttribute('data-painted-seq', /\d+/);
  await toolbar.importFiles(path);
}

async function downloadFrom(page: Page, item: string): Promise<{ name: string; path: string }> {
  await page.getByRole('button', { name: 'More export options' }).click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('menuitem', { name: item }).click(),
  ]);
  return { name: download.suggestedFilename(), path: await download.path() };
}

/**
 * The 2,000-pod workspace, built on first use: at the top of a describe it would be built while
 * Playwright collects the file, for every test, even the small ones a `-g` picks.
 */
let big: { text: string; workspace: ReturnType<typeof loadWorkspace> } | undefined;
function bigWorkspace() {
  if (!big) {
    const text = toListYaml(generateCluster({ seed: 7, pods: 2000, policies: 400 }).items);
    big = { text, workspace: loadWorkspace([{ name: 'dump.yaml', text }]) };
  }
  return big;
}

test.describe('the matrix of a 2,000-pod workspace', () => {
  test.setTimeout(180_000);

  test('opens collapsed, expands, scrolls, explains a cell as the CLI does, and works from the keyboard', async ({
    page,
    toolbar,
  }, testInfo) => {
    const { text, workspace } = bigWorkspace();
    const file = testInfo.outputPath('dump-2k.yaml');
    await importText(page, toolbar, file, text);
    await expect(page.getByTestId('summary-bar')).toBeVisible({ timeout: 60_000 });
    await openMatrix(page);
    const grid = page.getByRole('grid', { name: /Reachability matrix/ });
    const namespaces = workspace.cluster.namespaces.size;
    // Collapsed: one line per namespace and one for the outside ranges.
    await expect(grid).toHaveAttribute('aria-rowcount', String(namespaces + 1 + 1));
    await expect(page.getByTestId('matrix-row-head').first()).toBeVisible();

    // Expand the first namespace: its workloads become rows and columns.
    const first = [...workspace.cluster.namespaces.keys()].sort()[0]!;
    const members = workspace.cluster.endpoints.filter((e) => e.namespace === first);
    await page
      .getByTestId('matrix-row-head')
      .filter({ hasText: first })
      .first()
      .getByRole('button', { name: `Expand ${first}` })
      .click();
    await expect(grid).toHaveAttribute('aria-rowcount', String(namespaces + 1 + members.length + 1));
    await expect(page.locator(`[data-testid=matrix-row-head][data-name="${members[0]!.id}"]`)).toBeVisible();

    // Scroll to the end: the last lines are rendered, the headers still in view.
    await grid.evaluate((element) => element.scrollTo(element.scrollWidth, element.scrollHeight));
    await expect(page.locator('[data-testid=matrix-row-head][data-name="(outside)"]')).toBeVisible();
    await expect(page.locator('[data-testid=matrix-col-head][data-name="(outside)"]')).toBeInViewport();
    await grid.evaluate((element) => element.scrollTo(0, 0));

    // A cell of two workloads explains its flow in the inspector, with the CLI's verdict and words.
    const to = members.find((e, i) => i > 0 && e.ports.length > 0)!;
    const from = members[0]!;
    const cell = page.locator(`[data-testid=matrix-cell][data-from="${from.id}"][data-to="${to.id}"]`);
    await cell.click();
    const inspector = page.getByTestId('inspector');
    await expect(inspector.getByRole('heading', { level: 2 })).toContainText(`${from.id} → ${to.id}`);
    const port = to.ports[0]!;
    const explained = cli(
      'explain',
      file,
      '--from',
      from.id,
      '--to',
      to.id,
      '--port',
      `${port.port}/${port.protocol}`,
      '--format',
      'json',
    );
    const answer = JSON.parse(explained.stdout) as { verdict: string; reason: string };
    const row = inspector.locator('.inspector__flow').filter({ hasText: `${port.protocol} ${port.port}` });
    await expect(row.locator('.inspector__reason')).toHaveText(answer.reason);
    await expect(row.locator(`.verdict-chip--${answer.verdict}`)).toBeVisible();

    // Keyboard: the clicked cell has the focus; arrows move, Enter explains the new cell.
    await cell.focus();
    await page.keyboard.press('ArrowRight');
    const next = page.locator('[data-testid=matrix-cell]:focus');
    await expect(next).toHaveAttribute('data-from', from.id);
    const nextTo = (await next.getAttribute('data-to'))!;
    expect(nextTo).not.toBe(to.id);
    await page.keyboard.press('ArrowDown');
    const below = page.locator('[data-testid=matrix-cell]:focus');
    await expect(below).toHaveAttribute('data-to', nextTo);
    const belowFrom = (await below.getAttribute('data-from'))!;
    await page.keyboard.press('Enter');
    if (belowFrom !== nextTo)
      await expect(inspector.getByRole('heading', { level: 2 })).toContainText(`${belowFrom} → ${nextTo}`);

    // The row of the selection is marked; axe finds nothing serious in the grid.
    const results = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
      .include('[data-testid=matrix-view]')
      .analyze();
    const serious = results.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join('; ')}`);
    expect(serious).toEqual([]);
  });
});

test.describe('the port filter of a collapsed 2,000-pod workspace', () => {
  test.setTimeout(180_000);

  test('offers every declared port and counts the graph and the matrix on it as reach --port does', async ({
    page,
    toolbar,
  }, testInfo) => {
    const { text, workspace } = bigWorkspace();
    const file = testInfo.outputPath('dump-2k.yaml');
    await importText(page, toolbar, file, text);
    await expect(page.getByTestId('summary-bar')).toBeVisible({ timeout: 60_000 });
    const declared = declaredPorts(workspace.cluster).map(({ port, protocol }) => `${port}/${protocol}`);
    expect(declared.length).toBeGreaterThan(1);
    const select = page.getByLabel('Show flows on this port');
    await expect(select.locator('option')).toHaveText(['any', ...declared]);

    const port = declared[declared.length - 1]!;
    const reach = cli('reach', file, '--port', port, '--format', 'json');
    expect(reach.code).toBe(0);
    const summary = JSON.parse(reach.stdout) as {
      rows: { from: string; to: string; verdicts: Record<Verdict, number> }[];
    };
    const counted = (verdicts: Record<Verdict, number>) =>
      VERDICTS.filter((verdict) => verdicts[verdict] > 0).map(
        (verdict) => [verdict, verdicts[verdict]] as const,
      );
    // Two namespaces the matrix shows without scrolling, with the most verdicts between them on that port.
    const first = [...workspace.cluster.namespaces.keys()].sort().slice(0, 3);
    const row = summary.rows
      .filter((r) => r.from !== r.to && first.includes(r.from) && first.includes(r.to))
      .sort((a, b) => counted(b.verdicts).length - counted(a.verdicts).length)[0]!;
    expect(row).toBeDefined();

    // The graph: the counted edge between the two namespaces says the port's counts.
    await page.getByRole('radio', { name: 'All', exact: true }).click();
    await select.selectOption(port);
    const edge = page.locator(`[data-testid="rf__edge-flow:ns:${row.from}->ns:${row.to}"]`);
    const allowed = row.verdicts.allow;
    const open = row.verdicts['allow-open'];
    const denied = row.verdicts['deny-egress'] + row.verdicts['deny-ingress'] + row.verdicts['deny-both'];
    const label = [
      allowed ? `${allowed.toLocaleString('en-US')} allowed` : '',
      open ? `${open.toLocaleString('en-US')} open` : '',
      denied ? `${denied.toLocaleString('en-US')} denied` : '',
    ]
      .filter(Boolean)
      .join(' · ');
    await expect(edge).toHaveAttribute('aria-label', `${row.from} to ${row.to}: ${label}`);

    // The matrix: the cell of the two namespaces counts the same flows per verdict, on that port.
    await openMatrix(page);
    await expect(select).toHaveValue(port);
    const words = counted(row.verdicts)
      .map(
        ([verdict, count]) =>
          `${count.toLocaleString('en-US')} ${VERDICT_STYLE[verdict].label.toLowerCase()}`,
      )
      .join(', ');
    const cell = page.locator(`[data-testid=matrix-cell][data-from="${row.from}"][data-to="${row.to}"]`);
    await expect(cell).toHaveAttribute('title', new RegExp(`on \\w+ \\d+: ${words} \\(`));
    // Back to any port: the cell counts whole pairs again.
    await select.selectOption('');
    await expect(cell).toHaveAttribute('title', /endpoint pairs/);
    await expect(cell).not.toHaveAttribute('title', / on \w+ \d+:/);
  });
});

test.describe('the matrix as CSV equals reach --format csv', () => {
  for (const example of scenarios()) {
    test(`on ${example.id}`, async ({ page, toolbar }) => {
      await page.goto('/');
      await toolbar.loadExample(example.title);
      await expect(page.getByTestId('canvas')).toHaveAttribute('data-painted-seq', /\d+/);
      const { name, path } = await downloadFrom(page, 'Matrix as CSV');
      expect(name).toBe('netpol-matrix.csv');
      const expected = cli('reach', example.path, '--format', 'csv');
      expect(expected.code).toBe(0);
      expect(await readFile(path, 'utf8')).toBe(expected.stdout);
      const markdown = await downloadFrom(page, 'Matrix as Markdown');
      expect(await readFile(markdown.path, 'utf8')).toBe(cli('reach', example.path, '--format', 'md').stdout);
    });
  }

  test('with a port chosen', async ({ page, toolbar }) => {
    const example = scenarios().find((s) => s.id.startsWith('05'))!;
    await page.goto('/');
    await toolbar.loadExample(example.title);
    await expect(page.getByTestId('canvas')).toHaveAttribute('data-painted-seq', /\d+/);
    const select = page.getByLabel('Show flows on this port');
    const port = (await select.locator('option').nth(1).getAttribute('value'))!;
    await select.selectOption(port);
    const { path } = await downloadFrom(page, 'Matrix as CSV');
    expect(await readFile(path, 'utf8')).toBe(
      cli('reach', example.path, '--format', 'csv', '--port', port).stdout,
    );
  });

  test('on a 300-pod workspace', async ({ page, toolbar }, testInfo) => {
    test.setTimeout(120_000);
    const file = testInfo.outputPath('dump-300.yaml');
    const text = toListYaml(generateCluster({ seed: 11, pods: 300, policies: 60 }).items);
    await importText(page, toolbar, file, text);
    await expect(page.getByTestId('summary-bar')).toBeVisible({ timeout: 60_000 });
    const all = await downloadFrom(page, 'Matrix as CSV');
    expect(await readFile(all.path, 'utf8')).toBe(cli('reach', file, '--format', 'csv').stdout);
  });
});

test('the graph exports as SVG with every node name, and as PNG', async ({
  page,
  toolbar,
  browser,
}, testInfo) => {
  const example = scenarios().find((s) => s.id.startsWith('05'))!;
  await page.goto('/');
  await toolbar.loadExample(example.title);
  await expect(page.getByTestId('canvas')).toHaveAttribute('data-painted-seq', /\d+/);
  const svg = await downloadFrom(page, 'Graph as SVG');
  expect(svg.name).toBe('netpol-graph.svg');
  const cluster = loadWorkspace([{ name: 'x.yaml', text: example.text }]).cluster;
  const names = [...cluster.namespaces.keys(), ...cluster.endpoints.map((e) => e.name)];
  const viewer = await browser.newPage();
  // Opened as a file of its own, as an image viewer or a design document would.
  const file = testInfo.outputPath('graph.svg');
  await writeFile(file, await readFile(svg.path));
  await viewer.goto(`file://${file}`);
  const texts = await viewer.locator('text').allTextContents();
  for (const name of names) expect(texts, name).toContain(name);
  expect(texts.join(' ')).toContain(example.title);
  expect(texts.join(' ')).toMatch(/\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC/);
  expect(texts.join(' ')).toContain('Denied: ingress');
  await viewer.close();
  const png = await downloadFrom(page, 'Graph as PNG');
  expect(png.name).toBe('netpol-graph.png');
  const bytes = await readFile(png.path);
  expect([...bytes.subarray(1, 4)].map((b) => String.fromCharCode(b)).join('')).toBe('PNG');
});

test('the matrix shows the view switch and the filters once, in the canvas bar, without the graph zoom', async ({
  page,
  toolbar,
}) => {
  await page.goto('/');
  await toolbar.loadExample(scenario('04-web-api-db').title);
  await expect(page.getByRole('button', { name: 'Tidy layout' })).toBeVisible();
  await openMatrix(page);
  await expect(page.getByRole('radiogroup', { name: 'View' })).toHaveCount(1);
  await expect(page.getByRole('group', { name: 'Filter flows' })).toHaveCount(1);
  await expect(page.getByRole('radiogroup', { name: 'View' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Tidy layout' })).toHaveCount(0);
  await page.getByRole('radio', { name: 'Graph', exact: true }).click();
  await expect(page.getByTestId('matrix-view')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Tidy layout' })).toBeVisible();
});

test('a node selected on the graph selects its row and column in the matrix, and back', async ({
  page,
  toolbar,
  builder,
}) => {
  await page.goto('/');
  await toolbar.loadExample(scenario('04-web-api-db').title);
  await expect(page.getByTestId('canvas')).toHaveAttribute('data-painted-seq', /\d+/);
  await builder.node('ep:prod/db').click();
  await openMatrix(page);
  await expect(page.locator('[data-testid=matrix-row-head][data-name="prod/db"]')).toHaveClass(/is-selected/);
  await expect(page.locator('[data-testid=matrix-col-head][data-name="prod/db"]')).toHaveClass(/is-selected/);
  await expect(
    page.locator('[data-testid=matrix-cell][data-from="prod/db"][data-to="prod/db"]'),
  ).toHaveAttribute('aria-selected', 'true');
  await expect(page.locator('[data-testid=matrix-row-head].is-selected')).toHaveCount(1);

  // A row's name selects its workload, on the graph too.
  await page.locator('[data-testid=matrix-row-head][data-name="prod/api"] .matrix__name').click();
  await expect(page.locator('[data-testid=matrix-col-head][data-name="prod/api"]')).toHaveClass(
    /is-selected/,
  );
  await expect(page.locator('[data-testid=matrix-row-head].is-selected')).toHaveCount(1);
  await page.getByRole('radio', { name: 'Graph', exact: true }).click();
  await expect(builder.node('ep:prod/api')).toHaveClass(/selected/);
  await expect(builder.node('ep:prod/db')).not.toHaveClass(/selected/);
});

test('the view choice is kept per workspace', async ({ page, toolbar }) => {
  const [a, b] = scenarios();
  await page.goto('/');
  await toolbar.loadExample(a!.title);
  await openMatrix(page);
  await toolbar.loadExample(b!.title);
  await expect(page.getByTestId('matrix-view')).toHaveCount(0);
  await toolbar.loadExample(a!.title);
  await expect(page.getByTestId('matrix-view')).toBeVisible();
  await page.reload();
  await expect(page.getByTestId('matrix-view')).toHaveAttribute('data-ready', 'true');
});

// `SCREENSHOTS=1` refreshes docs/screenshot-matrix-300pods.png; SHOTS_DIR keeps a 1280×800 one too.
test('screenshot: the matrix of a 300-pod workspace', async ({ page, toolbar }, testInfo) => {
  test.skip(!process.env.SCREENSHOTS && !process.env.SHOTS_DIR, 'only when refreshing screenshots');
  test.setTimeout(120_000);
  const file = testInfo.outputPath('dump-300.yaml');
  const text = toListYaml(generateCluster({ seed: 11, pods: 300, policies: 60 }).items);
  await importText(page, toolbar, file, text);
  await expect(page.getByTestId('summary-bar')).toBeVisible({ timeout: 60_000 });
  // Room for the grid: the canvas as wide as it goes, the drawer closed.
  const divider = page.getByRole('separator', { name: 'Resize canvas and YAML' });
  for (let i = 0; i < 10; i++) await divider.press('ArrowRight');
  await page.getByRole('button', { name: 'Collapse the drawer' }).click();
  await openMatrix(page);
  const namespace = [...loadWorkspace([{ name: 'x.yaml', text }]).cluster.namespaces.keys()].sort()[1]!;
  await page
    .getByRole('button', { name: `Expand ${namespace}`, exact: true })
    .first()
    .click();
  const cell = page.locator('.matrix__cell--single:not(.matrix__cell--diagonal)').nth(3);
  await cell.click();
  await expect(page.getByTestId('inspector')).toBeVisible();
  await cell.hover();
  if (process.env.SCREENSHOTS) await page.screenshot({ path: 'docs/screenshot-matrix-300pods.png' });
  if (process.env.SHOTS_DIR) {
    await page.screenshot({ path: `${process.env.SHOTS_DIR}/matrix-1440.png` });
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.screenshot({ path: `${process.env.SHOTS_DIR}/matrix-1280.png` });
  }
});

test.describe('a cell acts as its edge does', () => {
  const example = scenario('04-web-api-db');

  test('right-click a denied cell, Allow this flow…: the cell turns allowed, the YAML gains just the rule', async ({
    page,
    toolbar,
    builder,
  }, testInfo) => {
    await page.goto('/');
    await toolbar.loadExample(example.title);
    await expect(page.getByTestId('canvas')).toHaveAttribute('data-painted-seq', /\d+/);
    await openMatrix(page);
    const denied = page.locator(
      '[data-testid=matrix-cell].matrix__cell--single[data-verdict^="deny"]:not([data-from*="/0"]):not([data-to*="/0"])',
    );
    const cell = denied.first();
    const from = (await cell.getAttribute('data-from'))!;
    const to = (await cell.getAttribute('data-to'))!;
    await expectSavedText(page, example.text);
    const before = example.text;
    await cell.click({ button: 'right' });
    const menu = page.getByRole('menu', { name: 'Flow' });
    await expect(menu.getByRole('menuitem')).toHaveText([
      'Explain this flow',
      'Allow this flow…',
      'Remove this flow…',
      /^Add test: expect allow \(\w+ \d+\)$/,
      /^Add test: expect deny \(\w+ \d+\)$/,
    ]);
    for (const size of [
      { width: 1440, height: 900 },
      { width: 1280, height: 800 },
    ]) {
      await page.setViewportSize(size);
      await page.screenshot({ path: testInfo.outputPath(`cell-menu-${size.width}.png`) });
    }
    await menu.getByRole('menuitem', { name: 'Allow this flow…' }).click();
    await expect(builder.allowPopover).toContainText(from);
    await builder.allow();
    const same = page.locator(`[data-testid=matrix-cell][data-from="${from}"][data-to="${to}"]`);
    await expect(same).toHaveAttribute('data-verdict', 'allow');
    // Exactly one insertion: the text before and after it is the text as it was. Saving is
    // debounced, so the saved text may still be the one before the edit for a moment.
    await expect.poll(() => savedText(page)).not.toBe(before);
    const after = (await savedText(page))!;
    const a = before.split('\n');
    const b = after.split('\n');
    let head = 0;
    while (head < a.length && a[head] === b[head]) head++;
    let tail = 0;
    while (tail < a.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
    expect(a.slice(head, a.length - tail)).toEqual([]);
    // The peer that admits the source: its workload's labels, nothing else.
    const inserted = b.slice(head, b.length - tail).join('\n');
    const source = loadWorkspace([{ name: 'x.yaml', text: example.text }]).cluster.endpoints.find(
      (e) => e.id === from,
    )!;
    expect(inserted).toMatch(/^\s*- podSelector:\n\s+matchLabels:\n/);
    for (const [key, value] of Object.entries(source.labels)) expect(inserted).toContain(`${key}: ${value}`);
    expect(inserted.split('\n')).toHaveLength(2 + Object.keys(source.labels).length);
  });

  test('a probe added from a cell, from the keyboard, appears in the Tests tab', async ({
    page,
    toolbar,
  }) => {
    const tests = new TestsTab(page);
    await page.goto('/');
    await toolbar.loadExample(example.title);
    await expect(page.getByTestId('canvas')).toHaveAttribute('data-painted-seq', /\d+/);
    await openMatrix(page);
    const cell = page
      .locator('[data-testid=matrix-cell].matrix__cell--single[data-verdict^="deny"]:not([data-from*="/0"])')
      .first();
    const from = (await cell.getAttribute('data-from'))!;
    const to = (await cell.getAttribute('data-to'))!;
    await cell.focus();
    await page.keyboard.press('Shift+F10');
    await expect(page.getByRole('menuitem', { name: 'Explain this flow' })).toBeFocused();
    const item = page.getByRole('menuitem', { name: /^Add test: expect deny/ });
    const [, protocol, port] = /\((\w+) (\d+)\)/.exec((await item.textContent())!)!;
    await page.keyboard.press('Escape');
    await expect(item).toBeHidden();
    await expect(cell).toBeFocused();

    await tests.open();
    await expect(tests.results.first()).toBeVisible();
    const count = await tests.results.count();
    const same = tests.results.filter({ hasText: `${from} → ${to} ${port}/${protocol}` });
    const probed = await same.count();
    await cell.focus();
    await page.keyboard.press('ContextMenu');
    await item.click();
    await expect(tests.results).toHaveCount(count + 1);
    await expect(same).toHaveCount(probed + 1);
    // The flow is denied, so the new probe passes, as every probe of that flow does.
    await expect(same.and(page.locator('[data-pass="true"]'))).toHaveCount(probed + 1);
  });

  test('right-click an allowed cell, Remove this flow…: the inspector previews what it stops, Remove denies it', async ({
    page,
    toolbar,
    builder,
  }) => {
    await page.goto('/');
    await toolbar.loadExample(example.title);
    await expect(page.getByTestId('canvas')).toHaveAttribute('data-painted-seq', /\d+/);
    await openMatrix(page);
    const cell = page.locator('[data-testid=matrix-cell][data-from="prod/api"][data-to="prod/db"]');
    await expect(cell).toHaveAttribute('data-verdict', 'allow');
    await expectSavedText(page, example.text);
    await cell.click({ button: 'right' });
    await page
      .getByRole('menu', { name: 'Flow' })
      .getByRole('menuitem', { name: 'Remove this flow…' })
      .click();
    const preview = builder.inspector.getByTestId('remove-flow-preview');
    await expect(preview.getByTestId('remove-flow-summary')).toContainText('Stops prod/api -> prod/db');
    // Nothing changes before the user confirms.
    await expect(cell).toHaveAttribute('data-verdict', 'allow');
    expect(await savedText(page)).toBe(example.text);
    await preview.getByTestId('remove-flow-confirm').click();
    await expect(cell).toHaveAttribute('data-verdict', /^deny/);
    await expect.poll(() => savedText(page)).not.toBe(example.text);
  });
});

test('a cell of a collapsed workspace, outside the graph, allows its flow from the context menu; its namespace marks it once closed', async ({
  page,
  toolbar,
  builder,
}, testInfo) => {
  test.setTimeout(120_000);
  const text = toListYaml(generateCluster({ seed: 11, pods: 300, policies: 60 }).items);
  await importText(page, toolbar, testInfo.outputPath('dump-300.yaml'), text);
  await expect(page.getByTestId('summary-bar')).toBeVisible({ timeout: 60_000 });
  const { cluster } = loadWorkspace([{ name: 'x.yaml', text }]);
  const namespace = [...cluster.namespaces.keys()].sort()[0]!;
  await openMatrix(page);
  // The graph's banner about its boxes and edges gives way to the matrix's own count of rows.
  await expect(page.getByTestId('summary-bar')).toHaveCount(0);
  await expect(page.getByTestId('matrix-view').getByRole('status')).toContainText(
    `${cluster.endpoints.length} endpoints`,
  );
  await page
    .getByTestId('matrix-view')
    .getByRole('button', { name: `Expand ${namespace}`, exact: true })
    .first()
    .click();
  const cell = page
    .locator(
      `[data-testid=matrix-cell].matrix__cell--single[data-verdict^="deny"][data-from^="${namespace}/"][data-to^="${namespace}/"]`,
    )
    .first();
  const from = (await cell.getAttribute('data-from'))!;
  const to = (await cell.getAttribute('data-to'))!;
  // The graph keeps the namespace collapsed: the two workloads are not on it.
  await expect(page.locator(`.react-flow__node[data-id="ep:${from}"]`)).toHaveCount(0);
  await cell.click({ button: 'right' });
  await page.getByRole('menu', { name: 'Flow' }).getByRole('menuitem', { name: 'Allow this flow…' }).click();
  await expect(builder.allowPopover).toContainText(from);
  // Applying re-evaluates 300 pods: this file's patient expect, not the builder's 5 s one.
  await builder.allowPopover.getByTestId('allow-flow-confirm').click();
  await expect(builder.allowPopover).toBeHidden();
  const same = page.locator(`[data-testid=matrix-cell][data-from="${from}"][data-to="${to}"]`);
  await expect(same).toHaveAttribute('data-verdict', /^allow/);

  // The flow stays selected once its namespace closes again: the namespace's row and column mark it.
  await same.click();
  await expect(same).toHaveAttribute('aria-selected', 'true');
  await page.getByTestId('matrix-collapse-all').click();
  await expect(page.locator('[data-testid=matrix-cell].matrix__cell--single')).toHaveCount(0);
  const group = `[data-name="${namespace}"]`;
  await expect(page.locator(`[data-testid=matrix-row-head]${group}`)).toHaveClass(/is-selected/);
  await expect(page.locator(`[data-testid=matrix-col-head]${group}`)).toHaveClass(/is-selected/);
  await expect(
    page.locator(`[data-testid=matrix-cell][data-from="${namespace}"][data-to="${namespace}"]`),
  ).toHaveAttribute('aria-selected', 'true');
});
