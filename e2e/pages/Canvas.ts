import { expect, type Locator, type Page } from '@playwright/test';

/** The graph: nodes and edges by the React Flow ids of design.md's contract. */
export class Canvas {
  readonly root: Locator;
  readonly staleBanner: Locator;

  constructor(private readonly page: Page) {
    this.root = page.getByTestId('canvas');
    this.staleBanner = page.getByTestId('stale-banner');
  }

  node(id: string): Locator {
    return this.root.locator(`.react-flow__node[data-id="${id}"]`);
  }

  edge(id: string): Locator {
    return this.root.locator(`.react-flow__edge[data-id="${id}"]`);
  }

  /** The edge for an ordered pair of endpoints, e.g. `default/frontend` -> `default/backend`. */
  endpointEdge(from: string, to: string): Locator {
    return this.edge(`flow:ep:${from}->ep:${to}`);
  }

  edges(): Locator {
    return this.root.locator('.react-flow__edge');
  }

  async expectEdgeVerdict(edge: Locator, verdict: string): Promise<void> {
    await expect(edge).toHaveAttribute('data-verdict', verdict);
  }

  async waitForGraph(): Promise<void> {
    await expect(this.root.locator('.react-flow__node').first()).toBeVisible();
  }
}
