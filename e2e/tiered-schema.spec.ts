import { expect, test } from './fixtures';

/** Typed line by line at column 1; flow mappings keep Monaco's auto-indent out of the way. */
const CNP = [
  'apiVersion: policy.networking.k8s.io/v1alpha2',
  'kind: ClusterNetworkPolicy',
  'metadata: {name: guard}',
  'spec: {tier: Admn, priority: 10, subject: {namespaces: {}}}',
];
const SPEC_LINE = 4;

test.describe('ClusterNetworkPolicy in the YAML pane', () => {
  test.use({ viewport: { width: 1440, height: 900 } });

  test('a bad tier is an error marker and a problem; hover and completion come from the schema', async ({
    page,
    yaml,
    problems,
  }, testInfo) => {
    await page.goto('/');
    await yaml.focus();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    for (const [i, line] of CNP.entries()) {
      await page.keyboard.type(line);
      // Escape first: Enter would accept a completion the schema offers for the value just typed.
      await page.keyboard.press('Escape');
      if (i < CNP.length - 1) await page.keyboard.press('Enter');
    }
    await expect.poll(() => yaml.visibleText()).toBe(CNP.join('\n'));

    // The engine's validator: one error on the spec's line, shown as a marker and in Problems.
    await problems.open();
    const problem = problems.atLine(SPEC_LINE);
    await expect(problem).toHaveAttribute('data-severity', 'error');
    await expect(problem).toContainText('tier "Admn" is not supported');
    await expect(problem).toContainText('"Admin", "Baseline"');
    await expect(yaml.root.locator('.squiggly-error')).toHaveCount(1);

    // Hover on `priority`: the schema's description, with the engine's range.
    await yaml.gotoLine(SPEC_LINE);
    for (let i = 0; i <= CNP[SPEC_LINE - 1]!.indexOf('priority'); i++)
      await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Control+K');
    await page.keyboard.press('Control+I');
    const hover = page.locator('.monaco-hover').filter({ hasText: 'lower numbers are evaluated first' });
    await expect(hover.first()).toBeVisible();
    await expect(hover.first()).toContainText('0 to 1000');
    await page.screenshot({ path: testInfo.outputPath('tiered-schema.png') });
    await page.keyboard.press('Escape');

    // Completion on the tier's value offers the two tiers.
    await yaml.gotoLine(SPEC_LINE);
    const afterValue = CNP[SPEC_LINE - 1]!.indexOf('Admn') + 'Admn'.length;
    for (let i = 0; i < afterValue; i++) await page.keyboard.press('ArrowRight');
    for (let i = 0; i < 'Admn'.length; i++) await page.keyboard.press('Backspace');
    await page.keyboard.press('Control+Space');
    const suggest = page.locator('.monaco-editor .suggest-widget');
    await expect(suggest).toBeVisible();
    await expect(suggest).toContainText('Admin');
    await expect(suggest).toContainText('Baseline');
    await page.keyboard.press('Escape');
    await page.keyboard.type('Admin');

    // Fixed: the problem and the marker go away.
    await expect(problems.atLine(SPEC_LINE)).toHaveCount(0);
    await expect(yaml.root.locator('.squiggly-error')).toHaveCount(0);
  });
});
