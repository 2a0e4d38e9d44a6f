/**
 * Black-box views of the app's state for robustness tests: what it saved in localStorage, what
 * the engine (the same code, in Node) says about a text, and guards for uncaught errors.
 */
import { expect, type Page } from '@playwright/test';
import { loadWorkspace } from '../../src/engine';
import { buildViewModel } from '../../src/app/view-model/build-view-model';

export const STORAGE_KEY = 'netpol-canvas:workspace';

export interface Saved {
  text: string;
  namespace: string;
  modified: boolean;
}

/** The workspace as the app saved it (the user's text, byte for byte), or null; without its time. */
export async function saved(page: Page): Promise<Saved | null> {
  const raw = await page.evaluate((key) => localStorage.getItem(key), STORAGE_KEY);
  if (!raw) return null;
  const { text, namespace, modified } = (JSON.parse(raw) as { state: Saved }).state;
  return { text, namespace, modified };
}

export async function savedText(page: Page): Promise<string | null> {
  return (await saved(page))?.text ?? null;
}

/** Waits until the saved text is `text` (saving is debounced, so this also waits for the store). */
export async function expectSavedText(page: Page, text: string, timeout = 5000): Promise<void> {
  await expect
    .poll(() => savedText(page), { timeout, message: 'the text the app saved', intervals: [50] })
    .toBe(text);
}

export interface ExpectedProblem {
  severity: string;
  line: number;
  code: string;
}

/** What the app's worker computes for a text: problems (sorted as the list shows them) and whether the picture is stale. */
export function engineView(text: string, namespace = 'default') {
  const model = buildViewModel(loadWorkspace([{ name: 'workspace.yaml', text }], { namespace }), 0);
  return {
    problems: model.diagnostics.map((d): ExpectedProblem => ({
      severity: d.severity,
      line: d.line,
      code: d.code,
    })),
    messages: model.diagnostics.map((d) => d.message),
    blocking: model.blocking,
    /** Canvas nodes: namespaces, workloads and outside nodes. */
    nodes: model.namespaces.length + model.endpoints.length + model.externals.length,
  };
}

/** The problems list as data: severity, line and code of every entry, top to bottom. */
export function shownProblems(page: Page): Promise<ExpectedProblem[]> {
  return page
    .getByTestId('problems')
    .getByTestId('problem')
    .evaluateAll((items) =>
      items.map((item) => ({
        severity: item.getAttribute('data-severity') ?? '',
        line: Number(item.getAttribute('data-line')),
        code: item.getAttribute('data-code') ?? '',
      })),
    );
}

/** Collects uncaught page errors and JavaScript dialogs (alert, confirm) from the moment it is called. */
export function watchPage(page: Page) {
  const errors: string[] = [];
  const dialogs: string[] = [];
  page.on('pageerror', (error) => errors.push(`${error.name}: ${error.message}`));
  page.on('dialog', (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss().catch(() => undefined);
  });
  return { errors, dialogs };
}

/** The page still answers: the shortcuts dialog opens and closes within a few seconds. */
export async function expectResponsive(page: Page, timeout = 5000): Promise<void> {
  await page.getByRole('button', { name: 'Keyboard shortcuts' }).click({ timeout });
  const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(dialog).toBeVisible({ timeout });
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden({ timeout });
}

/**
 * The app after a page load: the first picture on the canvas and the editor. Generous timeouts:
 * a loaded machine (parallel workers, other builds) makes a first load take several seconds.
 */
export async function appReady(page: Page): Promise<void> {
  await expect(page.getByTestId('canvas').locator('.react-flow__node').first()).toBeVisible({
    timeout: 20_000,
  });
  await editorReady(page);
}

export async function editorReady(page: Page): Promise<void> {
  await expect(page.getByTestId('yaml-editor').locator('.view-lines')).toBeVisible({ timeout: 20_000 });
}

/** Opens `text` as the workspace through the file input, as an import; waits for the graph and the save. */
export async function importWorkspace(page: Page, text: string): Promise<void> {
  await page.goto('/');
  await page
    .getByTestId('import-file')
    .setInputFiles({ name: 'workspace.yaml', mimeType: 'application/yaml', buffer: Buffer.from(text) });
  const confirm = page.getByRole('dialog', { name: 'Replace your workspace?' });
  if (await confirm.isVisible({ timeout: 300 }).catch(() => false))
    await confirm.getByRole('button', { name: 'Replace' }).click();
  // The first layout loads ELK; on a busy machine that takes a while.
  await expect(page.getByTestId('canvas').locator('.react-flow__node').first()).toBeVisible({
    timeout: 20_000,
  });
  await expectSavedText(page, text);
}
