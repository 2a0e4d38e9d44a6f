import { expect, type Locator, type Page } from '@playwright/test';

/** The drawer's Explain tab: the "can A reach B on port P?" query box and the explanation. */
export class ExplainPanel {
  readonly tab: Locator;
  readonly form: Locator;
  readonly explanation: Locator;
  readonly nearMisses: Locator;
  readonly ruleLinks: Locator;
  readonly preview: Locator;

  constructor(private readonly page: Page) {
    this.tab = page.getByRole('tab', { name: /^Explain/ });
    this.form = page.getByTestId('explain-query');
    this.explanation = page.getByTestId('explanation');
    this.nearMisses = this.explanation.getByTestId('near-miss');
    this.ruleLinks = this.explanation.getByTestId('rule-link');
    this.preview = page.getByTestId('fix-preview');
  }

  async open(): Promise<void> {
    if ((await this.tab.getAttribute('aria-selected')) !== 'true') await this.tab.click();
  }

  /** Types the question into the query box and asks it. */
  async ask(from: string, to: string, port: number, protocol = 'TCP'): Promise<void> {
    await this.open();
    await this.form.getByLabel('From', { exact: true }).fill(from);
    await this.form.getByLabel('To', { exact: true }).fill(to);
    await this.form.getByLabel('Port').fill(String(port));
    await this.form.getByLabel('Protocol').selectOption(protocol);
    await this.form.getByRole('button', { name: 'Explain' }).click();
    await expect(this.explanation).toBeVisible();
  }
}

/** The drawer's Tests tab. */
export class TestsTab {
  readonly tab: Locator;
  readonly results: Locator;

  constructor(page: Page) {
    this.tab = page.getByRole('tab', { name: /^Tests/ });
    this.results = page.getByTestId('tests').getByTestId('test-result');
  }

  async open(): Promise<void> {
    if ((await this.tab.getAttribute('aria-selected')) !== 'true') await this.tab.click();
  }
}

/** The drawer's Lessons tab. */
export class LessonsTab {
  readonly tab: Locator;
  readonly list: Locator;
  readonly lesson: Locator;

  constructor(page: Page) {
    this.tab = page.getByRole('tab', { name: /^Lessons/ });
    this.list = page.getByTestId('lesson-list');
    this.lesson = page.getByTestId('lesson');
  }

  async open(): Promise<void> {
    if ((await this.tab.getAttribute('aria-selected')) !== 'true') await this.tab.click();
  }
}

/** The line Monaco's cursor is on (the highlighted line number). */
export async function cursorLine(page: Page): Promise<number> {
  const text = await page
    .getByTestId('yaml-editor')
    .locator('.line-numbers.active-line-number')
    .first()
    .textContent();
  return Number(text);
}
