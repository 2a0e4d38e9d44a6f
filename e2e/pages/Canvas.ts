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

  /**
   * Selects an edge as a user would: a click halfway along its curve when nothing lies on top of
   * it there, else the keyboard (focus the edge, Enter).
   */
  async clickEdge(edge: Locator): Promise<void> {
    const hitPoint = () =>
      edge.locator('.flow-edge__hit').evaluate((path: SVGPathElement) => {
        const matrix = path.getScreenCTM()!;
        const length = path.getTotalLength();
        for (const share of [0.5, 0.4, 0.6, 0.3, 0.7]) {
          const at = path.getPointAtLength(length * share);
          const x = Math.round(at.x * matrix.a + at.y * matrix.c + matrix.e);
          const y = Math.round(at.x * matrix.b + at.y * matrix.d + matrix.f);
          if (path.closest('.react-flow__edge')?.contains(document.elementFromPoint(x, y))) return { x, y };
        }
        return null;
      });
    // The view may still be settling (fit to view after layout): wait until the edge stays put.
    let point = await hitPoint();
    for (let i = 0; i < 20; i++) {
      await this.page.waitForTimeout(100);
      const again = await hitPoint();
      if (again && point && again.x === point.x && again.y === point.y) break;
      point = again;
    }
    if (point) {
      // Hovering lifts the edge above the others (a re-render); click once it has settled.
      await this.page.mouse.move(point.x, point.y);
      await this.page.waitForTimeout(250);
      await this.page.mouse.click(point.x, point.y);
    } else {
      await edge.focus();
      await this.page.keyboard.press('Enter');
    }
  }

  async waitForGraph(): Promise<void> {
    // The first layout after a page load waits for ELK and the engine worker to start: slow on a busy machine.
    await expect(this.root.locator('.react-flow__node').first()).toBeVisible({ timeout: 20_000 });
  }
}
