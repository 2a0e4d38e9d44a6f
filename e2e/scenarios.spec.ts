import { expect, test } from './fixtures';
import { cliTestResults, probeResults, scenarios } from './support/scenarios';
import type { FlowsTable } from './pages/FlowsTable';

async function expectProbeRows(flows: FlowsTable, path: string, text: string): Promise<void> {
  await flows.open();
  const expected = cliTestResults(path);
  expect(expected.length).toBeGreaterThan(0);
  // The CLI and the engine in Node agree (the app's worker runs the same engine).
  expect(probeResults(text).map((r) => r.verdict)).toEqual(expected.map((r) => r.verdict));
  for (const probe of expected) {
    const row = flows.row({ from: probe.from, to: probe.to, port: probe.port, protocol: probe.protocol });
    await expect(row, `${probe.from} -> ${probe.to} ${probe.port}/${probe.protocol}`).toHaveAttribute(
      'data-verdict',
      probe.verdict,
    );
  }
}

for (const scenario of scenarios()) {
  test.describe(scenario.id, () => {
    test('loads from the Examples menu with the CLI’s verdicts', async ({ page, toolbar, flows, canvas }) => {
      await page.goto('/');
      await canvas.waitForGraph();
      await toolbar.loadExample(scenario.title);
      await expect(toolbar.documentName).toHaveText(scenario.title);
      await expectProbeRows(flows, scenario.path, scenario.text);
      await expect(canvas.edges().first()).toBeVisible();
    });

    test('loads from the file input with the CLI’s verdicts', async ({ page, toolbar, flows, canvas }) => {
      await page.goto('/');
      await canvas.waitForGraph();
      await toolbar.importFiles(scenario.path);
      await expect(toolbar.documentName).toHaveText(scenario.file);
      await expectProbeRows(flows, scenario.path, scenario.text);
    });
  });
}
