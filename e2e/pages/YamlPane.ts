import { expect, type Locator, type Page } from '@playwright/test';

/** The Monaco editor, driven through the keyboard as a user would. */
export class YamlPane {
  readonly root: Locator;
  readonly editor: Locator;

  constructor(private readonly page: Page) {
    this.root = page.getByTestId('yaml-editor');
    this.editor = this.root.locator('.monaco-editor');
  }

  async ready(): Promise<void> {
    await expect(this.root.locator('.view-lines')).toBeVisible();
  }

  async focus(): Promise<void> {
    await this.ready();
    await this.root.locator('.view-lines').click();
  }

  /** Puts the cursor at column 1 of `line` with Monaco's "Go to line" (Ctrl+G). */
  async gotoLine(line: number): Promise<void> {
    await this.focus();
    await this.page.keyboard.press('Control+G');
    const input = this.page.locator('.quick-input-widget input');
    await expect(input).toBeVisible();
    // Ctrl+G opens quick access with the `:` (go to line) prefix; keep it.
    await input.fill(`:${line}`);
    await this.page.keyboard.press('Enter');
    await expect(input).toBeHidden();
  }

  /** Puts the cursor at the very end of the text. */
  async goToEnd(): Promise<void> {
    await this.focus();
    await this.page.keyboard.press('Control+End');
  }

  /** Selects whole lines `from`..`to` (1-based, inclusive) and deletes them. */
  async deleteLines(from: number, to: number): Promise<void> {
    await this.gotoLine(from);
    for (let i = from; i <= to; i++) await this.page.keyboard.press('Shift+ArrowDown');
    await this.page.keyboard.press('Delete');
  }

  /** Types at the end of `line` (Monaco's auto-indent may follow a newline). */
  async typeAtEndOf(line: number, text: string): Promise<void> {
    await this.gotoLine(line);
    await this.page.keyboard.press('End');
    await this.page.keyboard.type(text);
  }

  async undo(): Promise<void> {
    await this.focus();
    await this.page.keyboard.press('Control+Z');
  }

  async redo(): Promise<void> {
    await this.focus();
    await this.page.keyboard.press('Control+Shift+Z');
  }

  /** The text Monaco has rendered (visible lines only), top to bottom, with plain spaces. */
  visibleText(): Promise<string> {
    return this.root.locator('.view-lines').evaluate((element) =>
      [...element.querySelectorAll<HTMLElement>('.view-line')]
        .sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top))
        .map((line) => (line.textContent ?? '').replace(/\u00a0/g, ' '))
        .join('\n'),
    );
  }
}
