import type { Locator, Page } from '@playwright/test';

/** The Problems tab of the drawer. */
export class Problems {
  readonly tab: Locator;
  readonly list: Locator;
  readonly items: Locator;

  constructor(page: Page) {
    this.tab = page.getByRole('tab', { name: /^Problems/ });
    this.list = page.getByTestId('problems');
    this.items = this.list.getByTestId('problem');
  }

  async open(): Promise<void> {
    if ((await this.tab.getAttribute('aria-selected')) !== 'true') await this.tab.click();
  }

  errors(): Locator {
    return this.list.locator('[data-testid="problem"][data-severity="error"]');
  }

  atLine(line: number): Locator {
    return this.list.locator(`[data-testid="problem"][data-line="${line}"]`);
  }
}
