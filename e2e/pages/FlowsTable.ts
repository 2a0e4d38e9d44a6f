import type { Locator, Page } from '@playwright/test';

export interface FlowKey {
  from: string;
  to: string;
  port: number | 'any';
  protocol?: string;
}

/** The Flows tab: one row per flow with its verdict in data attributes. */
export class FlowsTable {
  readonly tab: Locator;
  readonly table: Locator;
  readonly rows: Locator;

  constructor(page: Page) {
    this.tab = page.getByRole('tab', { name: /^Flows/ });
    this.table = page.getByTestId('flows-table');
    this.rows = this.table.getByTestId('flow-row');
  }

  async open(): Promise<void> {
    if ((await this.tab.getAttribute('aria-selected')) !== 'true') await this.tab.click();
  }

  row({ from, to, port, protocol = 'TCP' }: FlowKey): Locator {
    const protocolAttr = port === 'any' ? '' : protocol;
    return this.table.locator(
      `[data-testid="flow-row"][data-from="${from}"][data-to="${to}"][data-port="${port}"][data-protocol="${protocolAttr}"]`,
    );
  }
}
