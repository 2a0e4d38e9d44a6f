import { test as base, expect } from '@playwright/test';
import { Builder } from './pages/Builder';
import { Canvas } from './pages/Canvas';
import { FlowsTable } from './pages/FlowsTable';
import { Problems } from './pages/Problems';
import { Toolbar } from './pages/Toolbar';
import { YamlPane } from './pages/YamlPane';

interface AppFixtures {
  canvas: Canvas;
  yaml: YamlPane;
  problems: Problems;
  flows: FlowsTable;
  toolbar: Toolbar;
  builder: Builder;
}

/** Playwright's `test` with one page object per region of the screen. */
export const test = base.extend<AppFixtures>({
  canvas: async ({ page }, use) => use(new Canvas(page)),
  yaml: async ({ page }, use) => use(new YamlPane(page)),
  problems: async ({ page }, use) => use(new Problems(page)),
  flows: async ({ page }, use) => use(new FlowsTable(page)),
  toolbar: async ({ page }, use) => use(new Toolbar(page)),
  builder: async ({ page }, use) => use(new Builder(page)),
});

export { expect };
