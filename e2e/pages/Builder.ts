import { expect, type Locator, type Page } from '@playwright/test';

export type PeerWidth = 'workload' | 'namespace-pods' | 'namespace-label';

/** The canvas's editing gestures: drawing connections, the popovers they open, toggles and menus. */
export class Builder {
  readonly canvas: Locator;
  readonly allowPopover: Locator;
  readonly report: Locator;
  readonly inspector: Locator;
  readonly policyEditor: Locator;
  readonly preview: Locator;

  constructor(private readonly page: Page) {
    this.canvas = page.getByTestId('canvas');
    this.allowPopover = page.getByTestId('allow-flow');
    this.report = page.getByTestId('edit-report');
    this.inspector = page.getByTestId('inspector');
    this.policyEditor = page.getByTestId('policy-editor');
    this.preview = page.getByTestId('edit-preview');
  }

  node(id: string): Locator {
    return this.canvas.locator(`.react-flow__node[data-id="${id}"]`);
  }

  /**
   * Drags from a node's handle to the middle of another node with real mouse moves, as a user
   * would; the allow-flow popover opens at the drop point.
   */
  async drag(fromNodeId: string, toNodeId: string): Promise<void> {
    // A summary from an earlier edit must not pass for the next one's (see allow()).
    await this.dismissReport();
    await this.settle();
    const from = this.node(fromNodeId);
    await from.hover();
    const handle = from.getByTestId('connect-source');
    await expect(handle).toBeVisible();
    const start = (await handle.boundingBox())!;
    const target = (await this.node(toNodeId).boundingBox())!;
    await this.page.mouse.move(start.x + start.width / 2, start.y + start.height / 2);
    await this.page.mouse.down();
    const endX = target.x + target.width / 2;
    const endY = target.y + target.height / 2;
    await this.page.mouse.move((start.x + endX) / 2, (start.y + endY) / 2, { steps: 8 });
    await this.page.mouse.move(endX, endY, { steps: 8 });
    await this.page.mouse.up();
    await expect(this.allowPopover).toBeVisible();
  }

  /**
   * Fills the allow-flow popover and confirms with Enter; waits until the edit is made. `isolate`
   * ticks the lock-down choices for sides that are open now (nothing is isolated unless asked).
   */
  async allow(
    options: {
      ports?: string | 'all';
      width?: PeerWidth;
      except?: string;
      isolate?: readonly ('ingress' | 'egress')[];
    } = {},
  ): Promise<void> {
    const popover = this.allowPopover;
    if (options.ports === 'all') await popover.getByTestId('allow-all-ports').check();
    else if (options.ports !== undefined) await popover.getByTestId('allow-ports').fill(options.ports);
    for (const side of options.isolate ?? []) await popover.getByTestId(`allow-isolate-${side}`).check();
    if (options.width) await popover.getByTestId(`peer-width-${options.width}`).check();
    if (options.except !== undefined) await popover.getByTestId('allow-except').fill(options.except);
    await popover.getByTestId('allow-flow-confirm').focus();
    await this.page.keyboard.press('Enter');
    await expect(popover).toBeHidden();
    await this.waitForEdit();
  }

  /** The edit was applied and its summary shown (the worker may be busy evaluating: allow it time). */
  async waitForEdit(): Promise<void> {
    await expect(this.report).toHaveAttribute('data-tone', 'info', { timeout: 15_000 });
  }

  async dismissReport(): Promise<void> {
    if (await this.report.isVisible()) await this.report.getByRole('button', { name: 'Dismiss' }).click();
  }

  /** Waits until the view stops moving (the first layout frames itself with a short animation). */
  async settle(): Promise<void> {
    const viewport = this.canvas.locator('.react-flow__viewport');
    let last = '';
    await expect
      .poll(
        async () => {
          const now = (await viewport.getAttribute('style')) ?? '';
          const still = now === last;
          last = now;
          return still;
        },
        { intervals: [150], timeout: 5000 },
      )
      .toBe(true);
  }

  /** Right-clicks a flow edge's path (a third of the way, clear of its label), as a user would. */
  async rightClickEdge(edgeId: string): Promise<void> {
    await this.settle();
    const path = this.canvas.locator(`.react-flow__edge[data-id="${edgeId}"] .flow-edge__path`);
    const point = await path.evaluate((element) => {
      const svgPath = element as SVGPathElement;
      const at = svgPath.getPointAtLength(svgPath.getTotalLength() * 0.3);
      const matrix = svgPath.getScreenCTM()!;
      return {
        x: at.x * matrix.a + at.y * matrix.c + matrix.e,
        y: at.x * matrix.b + at.y * matrix.d + matrix.f,
      };
    });
    // Hovering first, as a hand does: the hovered edge is drawn above the namespace groups.
    await this.page.mouse.move(point.x, point.y, { steps: 4 });
    await expect(
      this.canvas.locator(`.react-flow__edge[data-id="${edgeId}"] .flow-edge.is-focus`),
    ).toHaveCount(1);
    await this.page.mouse.click(point.x, point.y, { button: 'right' });
  }

  denyToggle(namespace: string, direction: 'ingress' | 'egress'): Locator {
    return this.node(`ns:${namespace}`).getByTestId(`deny-toggle-${direction}`);
  }

  async openAddMenu(): Promise<void> {
    await this.canvas.getByTestId('canvas-add').click();
  }

  async openPolicy(id: string): Promise<void> {
    await this.canvas.getByTestId('policies-menu').click();
    await this.page
      .getByRole('menuitem', { name: new RegExp(`^${id.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}`) })
      .click();
    await expect(this.policyEditor).toHaveAttribute('data-policy', id);
  }
}
