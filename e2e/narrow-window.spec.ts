import { writeFileSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { bigWorkspace } from './support/big-workspace';
import { expect as baseExpect, test } from './fixtures';

/** Evaluating 300 pods on a 2-core machine shared with other jobs takes seconds. */
const expect = baseExpect.configure({ timeout: 30_000 });

type Box = { x: number; y: number; width: number; height: number };
const overlaps = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

function clip(box: Box, to: Box): Box {
  const x = Math.max(box.x, to.x);
  const y = Math.max(box.y, to.y);
  return {
    x,
    y,
    width: Math.max(0, Math.min(box.x + box.width, to.x + to.width) - x),
    height: Math.max(0, Math.min(box.y + box.height, to.y + to.height) - y),
  };
}

async function boxOf(locator: Locator): Promise<Box | null> {
  return (await locator.isVisible()) ? locator.boundingBox() : null;
}

async function boxesOf(locator: Locator): Promise<Box[]> {
  const boxes: Box[] = [];
  for (const one of await locator.all()) {
    const box = await one.boundingBox();
    if (box) boxes.push(box);
  }
  return boxes;
}

/** Nothing covers anything: the canvas's controls, banner, legend and overview, and its nodes. */
async function expectNothingCovered(page: Page, when: string) {
  const chrome: [string, Box | null][] = [
    ['filter bar', await boxOf(page.locator('.canvas-filters'))],
    ['edit tools', await boxOf(page.locator('.edit-toolbar'))],
    ['zoom controls', await boxOf(page.locator('.react-flow__controls'))],
    ['summary banner', await boxOf(page.getByTestId('summary-bar'))],
    ['legend', await boxOf(page.locator('.legend'))],
    ['minimap', await boxOf(page.locator('.react-flow__minimap'))],
  ];
  const shown = chrome.filter((entry): entry is [string, Box] => entry[1] !== null);
  expect(shown.length, `${when}: every control is there`).toBeGreaterThanOrEqual(5);
  for (let i = 0; i < shown.length; i++)
    for (let j = i + 1; j < shown.length; j++)
      expect(overlaps(shown[i]![1], shown[j]![1]), `${when}: ${shown[i]![0]} and ${shown[j]![0]}`).toBe(
        false,
      );
  // A node is drawn only inside the graph's viewport: whatever lies beyond its edge is clipped, not covered.
  const view = (await page.locator('.canvas__viewport').boundingBox())!;
  const nodes = (await boxesOf(page.locator('.react-flow__node'))).map((box) => clip(box, view));
  for (const [name, box] of shown)
    for (const node of nodes) expect(overlaps(box, node), `${when}: ${name} covers a node`).toBe(false);

  // The zoom-in button is the topmost thing where it is drawn.
  const zoomIn = page.getByRole('button', { name: 'Zoom In' });
  const zoomBox = (await zoomIn.boundingBox())!;
  const hit = await page.evaluate(
    ({ x, y }) => document.elementFromPoint(x, y)?.closest('button')?.getAttribute('aria-label') ?? null,
    { x: zoomBox.x + zoomBox.width / 2, y: zoomBox.y + zoomBox.height / 2 },
  );
  expect(hit, `${when}: the zoom-in button is not covered`).toBe('Zoom In');

  // The legend keeps to at most two lines.
  // Items of one line share their middle (the row is centred), whatever their heights.
  const rows = await page.locator('.legend > li').evaluateAll((items) => {
    const middles = items.map((li) => li.getBoundingClientRect()).map((r) => r.top + r.height / 2);
    return middles.filter((m, i) => middles.findIndex((other) => Math.abs(other - m) < 4) === i).length;
  });
  expect(rows, `${when}: legend lines`).toBeLessThanOrEqual(2);

  // No horizontal scrolling.
  const scroll = await page.evaluate(() => ({
    width: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }));
  expect(scroll.width, `${when}: no horizontal scrolling`).toBeLessThanOrEqual(scroll.client);
}

for (const viewport of [
  { width: 1280, height: 800 },
  { width: 1440, height: 900 },
]) {
  test.describe(`at ${viewport.width}x${viewport.height}`, () => {
    test.use({ viewport });
    test.setTimeout(120_000);

    test('nothing covers anything, with the inspector closed or open', async ({
      page,
      canvas,
      toolbar,
    }, testInfo) => {
      const file = testInfo.outputPath('big-300.yaml');
      writeFileSync(file, bigWorkspace().text);
      await page.goto('/');
      await expect(canvas.root).toHaveAttribute('data-painted-seq', /\d+/);
      await toolbar.importFiles(file);
      await expect(page.getByTestId('summary-bar')).toBeVisible();
      await expect(canvas.node('ns:catalog')).toBeVisible();
      await expect(page.getByTestId('load-progress')).toBeHidden();
      await expectNothingCovered(page, 'inspector closed');

      await canvas.node('ns:catalog').locator('.namespace-node__name').click();
      await expect(page.getByTestId('inspector')).toContainText('catalog');
      await expectNothingCovered(page, 'inspector open');
    });

    test('a notice sits in a corner, inside the window, and goes away by itself', async ({
      page,
      canvas,
      toolbar,
    }, testInfo) => {
      const file = testInfo.outputPath('random.bin');
      writeFileSync(file, Buffer.from([0x89, 0x50, 0x00, 0x00, 0xff, 0xfe, 0x00, 0x01]));
      await page.goto('/');
      await expect(canvas.root).toHaveAttribute('data-painted-seq', /\d+/);
      await toolbar.importFiles(file);
      const notice = page.getByTestId('notice');
      await expect(notice).toContainText('random.bin');
      const box = (await notice.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(viewport.width);
      // The bottom-right corner, over neither the canvas's controls nor its nodes.
      expect(box.x + box.width).toBeGreaterThan(viewport.width - 40);
      expect(box.y + box.height).toBeGreaterThan(viewport.height - 40);
      for (const node of await boxesOf(
        page.locator('.react-flow__node, .react-flow__controls, .canvas-filters'),
      ))
        expect(overlaps(box, node)).toBe(false);
      await expect(notice).toBeHidden();
    });
  });
}
