/**
 * Bad input never crashes the app, never freezes it and never rewrites or loses the user's text.
 * Every file of the bad-input corpus is pasted into Monaco (select all, paste from the clipboard)
 * and then imported through the file input, a few files per page so the spec stays quick. The
 * problems list must match what the engine (the same code, run here in Node) reports, line for
 * line; a syntax error keeps the last good picture, marked stale; files that are not UTF-8 text
 * are refused with a message. Generated inputs add the extremes: 10,000-deep nesting, a 70 MB
 * file and random binary.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import {
  appReady,
  engineView,
  expectResponsive,
  expectSavedText,
  saved,
  shownProblems,
  watchPage,
} from './support/app-state';
import { corpusExpectations } from './support/corpus';
import { scenario } from './support/scenarios';
import type { Toolbar } from './pages/Toolbar';
import type { YamlPane } from './pages/YamlPane';

const CORPUS = fileURLToPath(new URL('../fixtures/bad-input/', import.meta.url));
const BATCHES = 4;

interface CorpusFile {
  name: string;
  path: string;
  bytes: Buffer;
  /** The text a user would see, or null when the file is not UTF-8 text (then it is import-only). */
  text: string | null;
}

function decode(bytes: Buffer): string | null {
  if (bytes.includes(0)) return null;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

const files: CorpusFile[] = readdirSync(CORPUS)
  .filter((name) => /\.(ya?ml|json|txt|bin)$/.test(name) && name !== 'expectations.json')
  .sort()
  .map((name) => {
    const bytes = readFileSync(`${CORPUS}${name}`);
    return { name, path: `${CORPUS}${name}`, bytes, text: decode(bytes) };
  });
const expectations = corpusExpectations(CORPUS);
const good = scenario('03-frontend-backend-ingress');

/** Line endings aside: a pasted text takes the editor's line ending (CRLF after a CRLF file was opened), as in any editor. */
const lf = (text: string) => text.replace(/\r\n/g, '\n');

async function expectSavedPaste(page: Page, text: string): Promise<void> {
  await expect
    .poll(async () => lf((await saved(page))?.text ?? ''), {
      message: 'the pasted text the app saved',
      timeout: 5000,
      intervals: [50],
    })
    .toBe(lf(text));
}

/** Replaces everything in the editor with `text` the way a user does: Ctrl+A, then Ctrl+V. */
async function pasteAll(page: Page, yaml: YamlPane, text: string): Promise<void> {
  await yaml.focus();
  await page.keyboard.press('Control+A');
  if (text === '') {
    await page.keyboard.press('Delete');
    return;
  }
  await page.evaluate((value) => navigator.clipboard.writeText(value), text);
  await page.keyboard.press('Control+V');
}

/**
 * Imports through the file input, confirming the replacement when the app asks: it must ask exactly
 * when edited work would be replaced by another text (`text`: what the file reads as; null, unreadable).
 */
async function importFile(page: Page, toolbar: Toolbar, path: string, text: string | null): Promise<void> {
  const before = await saved(page);
  const asks =
    text !== null && Boolean(before?.modified && before.text.trim() !== '' && before.text !== text);
  await toolbar.importInput.setInputFiles(path);
  if (asks) {
    const dialog = page.getByRole('dialog', { name: 'Replace your workspace?' });
    await expect(dialog).toBeVisible();
    await dialog.getByRole('button', { name: 'Replace' }).click();
    await expect(dialog).toBeHidden();
  }
}

/** The problems list shows what the engine reports for `text`, with line numbers. */
async function expectProblems(
  page: Page,
  name: string,
  text: string,
): Promise<ReturnType<typeof engineView>> {
  const view = engineView(text);
  await expect
    .poll(() => shownProblems(page), { message: `problems for ${name}`, timeout: 10_000, intervals: [50] })
    .toEqual(view.problems);
  const items = page.getByTestId('problems').getByTestId('problem');
  if (view.problems.length) {
    const first = items.first();
    await expect(first.locator('.problem__message')).not.toBeEmpty();
    await expect(first).toContainText(`line ${view.problems[0]!.line}`);
  } else {
    await expect(page.getByTestId('problems')).toContainText('No problems');
  }
  // The corpus's own table (written for the CLI): the same message at the same line.
  const stated = expectations.get(name);
  if (stated) {
    const at = page
      .getByTestId('problems')
      .locator(`[data-testid="problem"][data-line="${stated.line}"][data-severity="${stated.severity}"]`);
    await expect(
      at.locator('.problem__message').filter({ hasText: stated.message }).first(),
      `${name}: ${stated.severity} at line ${stated.line}`,
    ).toBeVisible();
  }
  return view;
}

test.describe('bad input from the corpus', () => {
  test.beforeEach(async ({ context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  });

  test('the corpus is there', () => {
    expect(files.length, `files in ${CORPUS}`).toBeGreaterThanOrEqual(45);
  });

  for (let batch = 0; batch < BATCHES; batch++) {
    const mine = files.filter((_, index) => index % BATCHES === batch);
    test(`batch ${batch + 1}/${BATCHES}: paste and import ${mine.length} files`, async ({
      page,
      toolbar,
      canvas,
      yaml,
      problems,
    }) => {
      test.setTimeout(120_000);
      const watch = watchPage(page);
      await page.goto('/');
      await appReady(page);
      await problems.open();
      // The picture the canvas keeps while the text is broken: the default example to begin with.
      let lastGood = { nodes: engineView(good.text).nodes, text: good.text };

      for (const file of mine) {
        await test.step(file.name, async () => {
          if (file.text !== null) {
            // (a) Pasted into the editor, over whatever was there.
            const view = engineView(file.text);
            // A syntax error must leave the last good picture in place: make sure there is one.
            const syntax = view.problems.some((p) => p.code.startsWith('yaml'));
            if (syntax && lastGood.nodes === 0) {
              await pasteAll(page, yaml, good.text);
              await expectSavedPaste(page, good.text);
              await expect(canvas.staleBanner).toBeHidden();
              lastGood = { nodes: engineView(good.text).nodes, text: good.text };
            }
            await pasteAll(page, yaml, file.text);
            await expectSavedPaste(page, file.text);
            await expectProblems(page, file.name, (await saved(page))!.text);
            if (file.text.trim() !== '') {
              if (syntax) {
                await expect(canvas.staleBanner).toContainText('Stale');
                await expect(canvas.root.locator('.react-flow__node')).toHaveCount(lastGood.nodes);
              } else if (view.blocking) {
                await expect(canvas.staleBanner).toBeVisible();
              } else {
                await expect(canvas.staleBanner).toBeHidden();
                lastGood = { nodes: view.nodes, text: file.text };
              }
            }
            expect(watch.errors, `uncaught errors after pasting ${file.name}`).toEqual([]);
          }

          // (b) Imported through the file input.
          const before = await saved(page);
          await importFile(page, toolbar, file.path, file.text?.replace(/^\uFEFF/, '') ?? null);
          if (file.text === null) {
            await expect(page.getByTestId('notice')).toContainText(/not UTF-8 text|binary/);
            await expect(page.getByTestId('notice')).toContainText(file.name);
            await expect(page.getByTestId('notice')).toContainText('Nothing was imported');
            expect((await saved(page))?.text).toBe(before?.text);
            await page.getByTestId('notice').getByRole('button', { name: 'Dismiss' }).click();
          } else {
            // Byte for byte what the file holds (a BOM is not text and is dropped).
            const text = file.text.replace(/^\uFEFF/, '');
            await expectSavedText(page, text);
            const view = await expectProblems(page, file.name, text);
            // A new workspace starts without a last good picture.
            lastGood = view.blocking ? { nodes: 0, text: '' } : { nodes: view.nodes, text };
          }
          await expectResponsive(page);
          expect(watch.errors, `uncaught errors after importing ${file.name}`).toEqual([]);
        });
      }
      expect(watch.dialogs).toEqual([]);
    });
  }
});

test.describe('generated extremes', () => {
  test.beforeEach(async ({ context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  });

  test('10,000-deep nesting, a 70 MB file and random binary: a message each, never a freeze', async ({
    page,
    toolbar,
    canvas,
    yaml,
    problems,
  }, testInfo) => {
    test.setTimeout(90_000);
    const watch = watchPage(page);
    await page.goto('/');
    await appReady(page);
    await problems.open();

    // Nesting 10,000 levels deep: the parser gives up with a message at line 1; the picture stays.
    const deep = `# 10,000 levels\nkind: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`;
    const expectTooDeep = async () => {
      const first = page.getByTestId('problems').getByTestId('problem').first();
      await expect(first).toHaveAttribute('data-line', '2');
      await expect(first).toHaveAttribute('data-severity', 'error');
      await expect(first).toContainText('nested too deeply');
    };
    await pasteAll(page, yaml, deep);
    await expectSavedText(page, deep);
    await expectTooDeep();
    await expect(canvas.staleBanner).toContainText('Stale');
    await expectResponsive(page);
    const deepPath = testInfo.outputPath('deep.yaml');
    writeFileSync(deepPath, deep);
    await importFile(page, toolbar, deepPath, deep);
    await expectSavedText(page, deep);
    await expectTooDeep();
    await expectResponsive(page);

    // 70 MB is over the engine's limit: refused up front, the workspace stays as it was.
    await toolbar.loadExample(good.title);
    await expectSavedText(page, good.text);
    const pod = (i: number) =>
      `---\napiVersion: v1\nkind: Pod\nmetadata: {name: pod-${i}, namespace: big, labels: {app: a${i % 50}}}\nspec: {containers: [{name: c, image: nginx}]}\n`;
    const chunk = Array.from({ length: 1000 }, (_, i) => pod(i)).join('');
    // Playwright hands buffers over 50 MB to the page only from a file.
    const hugePath = testInfo.outputPath('huge.yaml');
    writeFileSync(hugePath, chunk.repeat(Math.ceil((70 * 1024 * 1024) / chunk.length)));
    await toolbar.importInput.setInputFiles(hugePath);
    await expect(page.getByTestId('notice')).toContainText('huge.yaml is 70 MB');
    await expect(page.getByTestId('notice')).toContainText('at most 64 MB');
    await expectResponsive(page);
    expect((await saved(page))?.text).toBe(good.text);
    await expect(canvas.staleBanner).toBeHidden();

    // Random bytes with a YAML name: "not UTF-8 text" or "binary", never garbage in the editor.
    let seed = 7;
    const random = Buffer.from(
      Array.from({ length: 4096 }, () => (seed = (seed * 1103515245 + 12345) % 2147483648) >> 23),
    );
    for (const name of ['random.bin', 'random.yaml']) {
      await toolbar.importInput.setInputFiles({ name, mimeType: 'application/octet-stream', buffer: random });
      await expect(page.getByTestId('notice')).toContainText(name);
      await expect(page.getByTestId('notice')).toContainText(/not UTF-8 text|binary/);
      expect((await saved(page))?.text).toBe(good.text);
    }
    await expect.poll(() => yaml.visibleText()).toContain('apiVersion');
    expect(await yaml.visibleText()).not.toContain('\uFFFD');
    await expectResponsive(page);
    expect(watch.errors).toEqual([]);
    expect(watch.dialogs).toEqual([]);
  });
});
