import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { importWorkspace } from './support/app-state';
import type { YamlPane } from './pages/YamlPane';

const POLICY = [
  'apiVersion: networking.k8s.io/v1',
  'kind: NetworkPolicy',
  'metadata: {name: deny-all, namespace: shop}',
  'spec:',
  '  podSelector: {}',
  '  policyTypes: [Ingress]',
  '---',
  'apiVersion: v1',
  'kind: Pod',
  'metadata: {name: web, namespace: shop, labels: {app: web}}',
  'spec: {containers: [{name: web, image: nginx}]}',
].join('\n');
const SELECTOR_LINE = 5;
/** Over Monaco's 300,000 lines; the objects come first, so their lines are the same in both files. */
const LARGE = `${POLICY}\n${'# filler\n'.repeat(300_000)}`;

/** The schema's hover on the policy's podSelector, asked for with the keyboard (Ctrl+K Ctrl+I). */
async function askHover(page: Page, yaml: YamlPane): Promise<void> {
  await yaml.gotoLine(SELECTOR_LINE);
  await page.keyboard.press('End');
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+K');
  await page.keyboard.press('Control+I');
}

/** Monaco marks the element it was created in with the model's language. */
const editorHost = (yaml: YamlPane) => yaml.root.locator('[data-mode-id]');

const schemaHover = (page: Page) =>
  page.locator('.monaco-hover').filter({ hasText: 'The pods this policy applies to' });

test.describe('the YAML pane on a large file', () => {
  test.use({ viewport: { width: 1440, height: 900 } });

  test('over 300,000 lines it is plain text and says so; a small file after it gets the schema back', async ({
    page,
    yaml,
  }, testInfo) => {
    test.setTimeout(180_000);
    await importWorkspace(page, LARGE);
    const badge = page.getByTestId('yaml-large-file');
    await expect(badge).toHaveText('Large file: no YAML completion or hover');
    await expect(badge).toHaveAttribute('title', /without YAML colours, completion, hover, folding or links/);
    await page.screenshot({ path: testInfo.outputPath('large-file.png') });

    // Plain text to Monaco: monaco-yaml's features (registered for YAML) never get the 2.7 MB.
    await expect(editorHost(yaml)).toHaveAttribute('data-mode-id', 'plaintext');

    // The same objects as a small file: the schema answers again.
    await page
      .getByTestId('import-file')
      .setInputFiles({ name: 'small.yaml', mimeType: 'application/yaml', buffer: Buffer.from(POLICY) });
    await expect(badge).toHaveCount(0);
    await expect(editorHost(yaml)).toHaveAttribute('data-mode-id', 'yaml');
    // The YAML worker takes the new model in and reads the schema again: beside another suite on
    // two cores that took more than 30 s of asking, so ask for longer and wait longer each time.
    await expect(async () => {
      await askHover(page, yaml);
      await expect(schemaHover(page).first()).toBeVisible({ timeout: 5_000 });
    }).toPass({ timeout: 75_000 });
  });

  test('a small file never enters the large-file mode', async ({ page, yaml }) => {
    await importWorkspace(page, POLICY);
    await expect(page.getByTestId('yaml-large-file')).toHaveCount(0);
    await expect(editorHost(yaml)).toHaveAttribute('data-mode-id', 'yaml');
    // The YAML worker takes the new model in and reads the schema again: beside another suite on
    // two cores that took more than 30 s of asking, so ask for longer and wait longer each time.
    await expect(async () => {
      await askHover(page, yaml);
      await expect(schemaHover(page).first()).toBeVisible({ timeout: 5_000 });
    }).toPass({ timeout: 75_000 });
  });
});
