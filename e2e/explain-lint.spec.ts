import { test as base, expect } from './fixtures';
import { ExplainPanel, TestsTab, cursorLine } from './pages/Insight';
import { savedText } from './support/app-state';
import { scenario } from './support/scenarios';

const test = base.extend<{ explain: ExplainPanel; tests: TestsTab }>({
  explain: async ({ page }, use) => use(new ExplainPanel(page)),
  tests: async ({ page }, use) => use(new TestsTab(page)),
});

const orMistake = scenario('06-backend-egress-or-mistake');
const webApiDb = scenario('04-web-api-db');
const BACKEND = 'project-snake/backend-0';
const DB1 = 'project-snake/db1-0';
const DB2 = 'project-snake/db2-0';
const VAULT = 'project-snake/vault-0';

test.describe('explain, lint and teach', () => {
  test('the cross-product warning: marker, problem, lightbulb fix; only the intended flows stay allowed', async ({
    page,
    toolbar,
    canvas,
    yaml,
    problems,
    flows,
  }) => {
    await page.goto('/');
    await toolbar.loadExample(orMistake.title);
    await canvas.waitForGraph();
    await yaml.ready();

    // Before: the one rule allows every database on every port.
    await flows.open();
    const row = (to: string, port: number) => flows.row({ from: BACKEND, to, port });
    for (const [to, port] of [
      [DB2, 1111],
      [DB1, 2222],
      [DB1, 1111],
      [DB2, 2222],
    ] as const)
      await expect(row(to, port)).toHaveAttribute('data-verdict', 'allow');

    // A baseline to compare with afterwards.
    await page.getByRole('tab', { name: 'Compare' }).click();
    await page.getByRole('button', { name: 'Mark current as baseline' }).click();
    await expect(page.getByTestId('compare-summary')).toHaveText('No flow differs from the baseline.');

    // The warning is in the problems list, with a fix, and a squiggle in the editor at its line.
    await problems.open();
    const warning = problems.list.locator('[data-testid="problem"][data-code="lint/cross-product"]');
    await expect(warning).toHaveAttribute('data-severity', 'warning');
    await expect(warning.getByTestId('quick-fix')).toHaveText('Fix: Split into one rule per peer');
    const line = Number(await warning.getAttribute('data-line'));
    await warning.getByRole('button').first().click();
    await expect(yaml.root.locator('.squiggly-warning').first()).toBeVisible();
    // The problem selects the whole rule; the cursor is inside it.
    expect(await cursorLine(page)).toBeGreaterThanOrEqual(line);

    // The lightbulb: Ctrl+. on the marker offers the engine's fix.
    await page.keyboard.press('Control+.');
    const action = page.locator('.action-widget').getByText('Split into one rule per peer');
    await expect(action).toBeVisible();
    await action.click();

    await expect(warning).toHaveCount(0);
    await flows.open();
    await expect(row(DB2, 1111)).toHaveAttribute('data-verdict', 'deny-egress');
    await expect(row(DB1, 2222)).toHaveAttribute('data-verdict', 'deny-egress');
    await expect(row(DB1, 1111)).toHaveAttribute('data-verdict', 'allow');
    await expect(row(DB2, 2222)).toHaveAttribute('data-verdict', 'allow');
    // The flows that changed are marked on the canvas and in the table, and listed under Changes.
    await expect(row(DB2, 1111)).toHaveAttribute('data-change', 'denied');
    await expect(canvas.endpointEdge(BACKEND, DB2)).toHaveAttribute('data-change', 'denied');
    await expect(page.getByRole('tab', { name: 'Changes (2)' })).toBeVisible();
    await expect(row(DB2, 1111)).not.toHaveAttribute('data-change', /.*/, { timeout: 8000 });

    // Compare: the two unintended flows are now denied, relative to the baseline.
    await page.getByRole('tab', { name: 'Compare' }).click();
    const compared = page.getByTestId('compare-list').locator('[data-change="denied"]');
    await expect(compared).toHaveCount(2);
    await expect(page.getByTestId('compare-summary')).toContainText('2 newly denied');

    // One undo step brings the rule back.
    await yaml.undo();
    await flows.open();
    await expect(row(DB2, 1111)).toHaveAttribute('data-verdict', 'allow');
  });

  test('explain a denied flow from the query box: near misses, a rule link to the YAML, and a one-click fix', async ({
    page,
    toolbar,
    canvas,
    yaml,
    flows,
    explain,
  }) => {
    await page.goto('/');
    await toolbar.loadExample(orMistake.title);
    await canvas.waitForGraph();
    await yaml.ready();

    await explain.ask(BACKEND, VAULT, 3333);
    await expect(explain.explanation).toHaveAttribute('data-verdict', 'deny-egress');
    await expect(explain.explanation.getByTestId('explanation-phrase')).toHaveText(
      `denied by egress of ${BACKEND}`,
    );
    await expect(explain.explanation.getByTestId('explain-egress')).toContainText(
      'is isolated for egress by np-backend',
    );
    await expect(explain.explanation.getByTestId('explain-ingress')).toContainText(
      'is not isolated for ingress',
    );
    await expect(explain.nearMisses.first()).toContainText('not TCP 3333');
    await expect(explain.nearMisses.first()).toContainText('app=');

    // The rule's name is a link: the cursor goes to its line in the YAML, and the rule is marked.
    const link = explain.nearMisses.first().getByTestId('rule-link');
    await expect(link).toHaveText('np-backend egress rule 1 (line 40)');
    const ruleLine = Number(await link.getAttribute('data-line'));
    await link.click();
    await expect.poll(() => cursorLine(page)).toBe(ruleLine);
    expect(orMistake.text.split('\n')[ruleLine - 1]).toBe('    - to:');
    await expect(page.locator('.yaml-explained-line').first()).toBeVisible();

    // One click for a preview of the fix, one to apply it.
    await explain.explanation.getByTestId('allow-flow').click();
    await expect(explain.preview).toContainText(`Allows ${BACKEND} -> ${VAULT} on TCP 3333.`);
    await expect(explain.preview.getByTestId('edit-preview-diff')).toContainText('app: vault');
    await explain.preview.getByRole('button', { name: 'Apply' }).click();
    await expect(explain.explanation).toHaveAttribute('data-verdict', 'allow');
    await expect(
      explain.explanation.getByTestId('explain-egress').getByTestId('rule-link').first(),
    ).toBeVisible();
    await flows.open();
    await expect(flows.row({ from: BACKEND, to: VAULT, port: 3333 })).toHaveAttribute(
      'data-verdict',
      'allow',
    );
  });

  test('a test added from an edge is written into the ConnectivityTest and runs in the Tests tab', async ({
    page,
    toolbar,
    canvas,
    yaml,
    tests,
  }) => {
    await page.goto('/');
    await toolbar.loadExample(webApiDb.title);
    await canvas.waitForGraph();
    await yaml.ready();
    await tests.open();
    await expect(tests.results).toHaveCount(7);

    // The internet -> db edge: db is isolated for ingress, and no test probes it yet.
    await canvas.clickEdge(canvas.edge('flow:ext:0.0.0.0/0->ep:prod/db'));
    const inspector = page.getByTestId('inspector');
    await expect(inspector.locator('h2')).toContainText('0.0.0.0/0');
    const item = inspector.locator('.inspector__flow').filter({ hasText: 'TCP 3306' });
    await item.getByRole('button', { name: 'Add a test expecting deny' }).click();

    await tests.open();
    await expect(tests.results).toHaveCount(8);
    const added = tests.results.filter({ hasText: /\d+\.\d+\.\d+\.\d+ → prod\/db 3306\/TCP/ });
    await expect(added).toHaveCount(1);
    await expect(added).toHaveAttribute('data-pass', 'true');
    // Written into the scenario's own ConnectivityTest, after its last probe, as an outside address.
    await expect
      .poll(() => savedText(page))
      .toMatch(
        /port: 443, protocol: TCP, expect: allow\}\n- \{from: [\d.]+, to: prod\/db, port: 3306, protocol: TCP, expect: deny\}\n/,
      );
  });
});
