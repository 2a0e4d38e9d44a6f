/**
 * The built app carries a Content-Security-Policy that allows only its own origin (plus what
 * Monaco needs), and nothing the app does violates it: loading, typing, completion, hover,
 * switching examples, exporting and sharing.
 */
import { expect, test } from './fixtures';
import { appReady } from './support/app-state';
import { scenario } from './support/scenarios';

declare global {
  interface Window {
    __cspViolations: string[];
  }
}

test('the CSP meta is present, strict, and nothing violates it', async ({
  page,
  context,
  toolbar,
  yaml,
  flows,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (event) => {
      window.__cspViolations.push(
        `${event.violatedDirective} blocked ${event.blockedURI || '(inline)'} at ${event.sourceFile}:${event.lineNumber}`,
      );
    });
  });
  const consoleViolations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) consoleViolations.push(message.text());
  });

  const response = await page.goto('/');
  // frame-ancestors only works from a header; the meta cannot carry it.
  const header = response!.headers()['content-security-policy'];
  expect(header).toContain("frame-ancestors 'none'");
  expect(header).toContain("script-src 'self'");
  expect(header).not.toContain('unsafe-eval');
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(csp).toBeTruthy();
  const directives = new Map(
    csp!
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .map(([name, ...values]) => [name!, values]),
  );
  expect(directives.get('default-src')).toEqual(["'self'"]);
  expect(directives.get('script-src')).toEqual(["'self'"]);
  expect(directives.get('connect-src')).toEqual(["'self'"]);
  expect(directives.get('object-src')).toEqual(["'none'"]);
  expect(directives.get('base-uri')).toEqual(["'none'"]);
  expect(csp).not.toContain('unsafe-eval');
  expect(directives.get('worker-src')).toEqual(["'self'", 'blob:']);

  await appReady(page);
  // Typing, completion (monaco-yaml's worker) and hover.
  await yaml.typeAtEndOf(1, ' edited');
  await page.keyboard.press('Enter');
  await page.keyboard.type('ki');
  await page.keyboard.press('Control+Space');
  await expect(page.locator('.monaco-editor .suggest-widget')).toBeVisible();
  await page.keyboard.press('Escape');
  await yaml.gotoLine(6);
  await page.keyboard.press('Control+K');
  await page.keyboard.press('Control+I');
  // Example switch, layout (ELK), export and share.
  await toolbar.examples.click();
  await page.getByRole('menuitem', { name: scenario('01-eks-ui-egress').title }).click();
  // The text was edited, so the app asks first.
  await page
    .getByRole('dialog', { name: 'Replace your workspace?' })
    .getByRole('button', { name: 'Replace' })
    .click();
  await expect(flows.rows.first()).toBeVisible();
  await Promise.all([page.waitForEvent('download'), toolbar.exportButton.click()]);
  await page.getByTestId('share').click();
  await expect(page.getByTestId('share-status')).toBeVisible();
  await page.waitForTimeout(300);

  expect(await page.evaluate(() => window.__cspViolations)).toEqual([]);
  expect(consoleViolations).toEqual([]);
});
