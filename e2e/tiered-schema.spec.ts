import { expect, test } from './fixtures';
import { importWorkspace } from './support/app-state';

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
    const hover = page.locator('.monaco-hover').filter({ hasText: 'lower numbers are evaluated first' });
    // The YAML worker may still be loading the schema when first asked: ask again until it answers.
    await expect(async () => {
      await page.keyboard.press('Escape');
      await page.keyboard.press('Control+K');
      await page.keyboard.press('Control+I');
      await expect(hover.first()).toBeVisible({ timeout: 2_000 });
    }).toPass({ timeout: 30_000 });
    await expect(hover.first()).toContainText('0 to 1000');
    await page.screenshot({ path: testInfo.outputPath('tiered-schema.png') });
    await page.keyboard.press('Escape');

    // Completion on the tier's value offers the two tiers.
    await yaml.gotoLine(SPEC_LINE);
    const afterValue = CNP[SPEC_LINE - 1]!.indexOf('Admn') + 'Admn'.length;
    // From the line's end: the cursor's column after a jump is not always the first.
    await page.keyboard.press('End');
    for (let i = afterValue; i < CNP[SPEC_LINE - 1]!.length; i++) await page.keyboard.press('ArrowLeft');
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

  test('a v1alpha1 policy next to a ClusterNetworkPolicy: a warning whose quick fix converts it, one undo step', async ({
    page,
    yaml,
    problems,
  }) => {
    await importWorkspace(
      page,
      [
        'apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n',
        'apiVersion: policy.networking.k8s.io/v1alpha2\nkind: ClusterNetworkPolicy\nmetadata: {name: guard}\nspec: {tier: Admin, priority: 1, subject: {namespaces: {}}}\n',
        'apiVersion: policy.networking.k8s.io/v1alpha1\nkind: AdminNetworkPolicy\nmetadata: {name: old}\nspec: {priority: 5, subject: {namespaces: {}}, egress: [{action: Allow, to: [{networks: [10.0.0.0/8]}]}]}\n',
      ].join('---\n'),
    );
    await yaml.ready();
    await problems.open();
    const warning = problems.list.locator(
      '[data-testid="problem"][data-code="lint/mixed-policy-api-versions"]',
    );
    await expect(warning).toHaveAttribute('data-severity', 'warning');
    await expect(warning).toContainText('AdminNetworkPolicy old is v1alpha1');
    await expect(warning.getByTestId('quick-fix')).toHaveText('Fix: Convert to ClusterNetworkPolicy');
    await warning.getByTestId('quick-fix').click();

    await expect(warning).toHaveCount(0);
    await expect
      .poll(() => yaml.visibleText())
      .toContain(
        'spec: {tier: Admin, priority: 5, subject: {namespaces: {}}, egress: [{action: Accept, to: [{networks: [10.0.0.0/8]}]}]}',
      );

    await yaml.undo();
    await expect.poll(() => yaml.visibleText()).toContain('kind: AdminNetworkPolicy');
    await expect(warning).toHaveCount(1);
  });
});
