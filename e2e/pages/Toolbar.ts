import { expect, type Locator, type Page } from '@playwright/test';

/** Examples, Import, Export, Undo/Redo and the namespace field. */
export class Toolbar {
  readonly examples: Locator;
  readonly importInput: Locator;
  readonly exportButton: Locator;
  readonly undoButton: Locator;
  readonly redoButton: Locator;
  readonly documentName: Locator;

  constructor(private readonly page: Page) {
    this.examples = page.getByRole('button', { name: 'Examples' });
    this.importInput = page.getByTestId('import-file');
    this.exportButton = page.getByTestId('export-yaml');
    this.undoButton = page.getByRole('button', { name: 'Undo' });
    this.redoButton = page.getByRole('button', { name: 'Redo' });
    this.documentName = page.locator('.toolbar__doc-name');
  }

  async loadExample(title: string): Promise<void> {
    await this.examples.click();
    await this.page.getByRole('menuitem', { name: title }).click();
    await this.confirmIfAsked();
  }

  async importFiles(paths: string | string[]): Promise<void> {
    await this.importInput.setInputFiles(paths);
    await this.confirmIfAsked();
  }

  /** Replacing modified work asks first; the tests always mean it. */
  async confirmIfAsked(): Promise<void> {
    const dialog = this.page.getByRole('dialog', { name: 'Replace your workspace?' });
    if (await dialog.isVisible({ timeout: 300 }).catch(() => false)) {
      await dialog.getByRole('button', { name: 'Replace' }).click();
      await expect(dialog).toBeHidden();
    }
  }

  async openExportMenu(): Promise<void> {
    await this.page.getByRole('button', { name: 'More export options' }).click();
  }
}
