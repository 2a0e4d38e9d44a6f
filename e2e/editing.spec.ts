import { expect, test } from './fixtures';
import { documentLines, scenario } from './support/scenarios';

const frontendBackend = scenario('03-frontend-backend-ingress');

test.describe('editing the YAML', () => {
  test.beforeEach(async ({ page, toolbar, canvas, yaml }) => {
    await page.goto('/');
    await toolbar.loadExample(frontendBackend.title);
    await canvas.waitForGraph();
    await yaml.ready();
  });

  test('deleting the allow policy turns the frontend edge and its flow into deny-ingress', async ({
    canvas,
    yaml,
    flows,
  }) => {
    const edge = canvas.endpointEdge('default/frontend', 'default/backend');
    const row = flows.row({ from: 'default/frontend', to: 'default/backend', port: 8080 });
    await canvas.expectEdgeVerdict(edge, 'allow');
    await expect(row).toHaveAttribute('data-verdict', 'allow');

    const { from, to } = documentLines(frontendBackend.text, 'name: backend-allow-ingress-frontend');
    // Take the document's `---` separator too, so the documents around it stay well-formed.
    await yaml.deleteLines(from - 1, to);

    await canvas.expectEdgeVerdict(edge, 'deny-ingress');
    await expect(row).toHaveAttribute('data-verdict', 'deny-ingress');
    await expect(canvas.endpointEdge('default/not-frontend', 'default/backend')).toHaveAttribute(
      'data-verdict',
      'deny-ingress',
    );
  });

  test('a syntax error is a problem with its line, and the last good graph stays, marked stale', async ({
    canvas,
    yaml,
    problems,
  }) => {
    await expect.poll(() => canvas.edges().count()).toBeGreaterThan(0);
    const edgeCount = await canvas.edges().count();
    await expect(canvas.staleBanner).toBeHidden();

    const line = documentLines(frontendBackend.text, 'name: backend-ingress-deny').from + 2;
    await yaml.typeAtEndOf(line, ' [unclosed');

    await problems.open();
    await expect(problems.errors().first()).toBeVisible();
    const reported = Number(await problems.errors().first().getAttribute('data-line'));
    expect(reported).toBeGreaterThanOrEqual(line);
    await expect(problems.errors().first()).toContainText(`line ${reported}`);
    await expect(canvas.staleBanner).toBeVisible();
    await expect(canvas.edges()).toHaveCount(edgeCount);
    await expect(canvas.endpointEdge('default/frontend', 'default/backend')).toHaveAttribute(
      'data-verdict',
      'allow',
    );

    // Clicking the problem takes the cursor to its line.
    await problems.atLine(reported).first().click();
    await expect(
      yaml.root.locator('.monaco-editor .view-overlays .current-line, .monaco-editor .selected-text').first(),
    ).toBeVisible();

    // Fixing the text clears the banner.
    await yaml.undo();
    await expect(canvas.staleBanner).toBeHidden();
  });
});
