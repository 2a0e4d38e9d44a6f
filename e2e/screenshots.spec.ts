import { fileURLToPath } from 'node:url';
import { expect, test } from './fixtures';
import { scenario } from './support/scenarios';

const DOCS = fileURLToPath(new URL('../docs/', import.meta.url));

// Writes the README's pictures; off by default so test runs leave the work tree alone.
test.skip(!process.env.SCREENSHOTS, 'set SCREENSHOTS=1 to refresh docs/screenshot-*.png');

for (const id of ['01-eks-ui-egress', '03-frontend-backend-ingress']) {
  test(`screenshot of ${id}`, async ({ page, toolbar, canvas, yaml }) => {
    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto('/');
    await toolbar.loadExample(scenario(id).title);
    await canvas.waitForGraph();
    await yaml.ready();
    await expect(page.locator('.toolbar__busy')).toHaveCount(0);
    // Let the fit-view animation settle.
    await page.waitForTimeout(600);
    await page.screenshot({ path: `${DOCS}screenshot-${id}.png` });
  });
}
