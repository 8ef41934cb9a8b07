import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { servedApp } from './served-app';

const app = servedApp();

const podsOf = (page: Page, prefix: string) =>
  page
    .locator(`.cluster-graph .pod[data-namespace="default"]`)
    .evaluateAll(
      (els, p) =>
        els
          .map((e) => ({ name: e.getAttribute('data-pod')!, status: e.getAttribute('data-status')!, category: e.getAttribute('data-category')! }))
          .filter((x) => x.name.startsWith(p)),
      prefix,
    );

describe('the cluster graph', () => {
  it('shows the control plane and three workers; a Deployment typed in the console gets pods that turn Running; deleting one from the context menu brings a replacement', async () => {
    const blocked: string[] = [];
    const page = await app.newPage(blocked);
    await page.goto(app.url);

    const graph = page.locator('.cluster-graph');
    await expect.poll(() => graph.locator('.react-flow__node-controlPlane [data-component]').count(), { timeout: 20_000 }).toBe(4);
    await expect
      .poll(() => graph.locator('.react-flow__node-machine [data-node]').evaluateAll((els) => els.map((e) => e.getAttribute('data-node'))), {
        timeout: 20_000,
      })
      .toEqual(['worker-1', 'worker-2', 'worker-3']);
    await expect(graph.locator('[data-node="worker-1"] .machine-status').innerText()).resolves.toBe('Ready');
    await page.screenshot({ path: 'test-results/graph-start.png' });

    const input = page.getByLabel('command');
    await input.fill('kubectl create deployment web --image=nginx --replicas=3');
    await input.press('Enter');
    await expect.poll(async () => (await podsOf(page, 'web-')).length, { timeout: 20_000 }).toBe(3);
    await expect
      .poll(async () => (await podsOf(page, 'web-')).map((p) => `${p.status}/${p.category}`), { timeout: 40_000 })
      .toEqual(['Running/running', 'Running/running', 'Running/running']);
    // Each pod is drawn inside the box of the worker it runs on.
    for (const pod of await podsOf(page, 'web-')) {
      const podBox = (await graph.locator(`.pod[data-pod="${pod.name}"]`).boundingBox())!;
      const boxes = await Promise.all(['worker-1', 'worker-2', 'worker-3'].map((n) => graph.locator(`[data-node="${n}"]`).boundingBox()));
      const inside = boxes.filter(
        (b) => b && podBox.x >= b.x && podBox.y >= b.y && podBox.x + podBox.width <= b.x + b.width && podBox.y + podBox.height <= b.y + b.height,
      );
      expect(inside).toHaveLength(1);
    }
    await page.screenshot({ path: 'test-results/graph-running.png' });

    const before = await podsOf(page, 'web-');
    const victim = before[0].name;
    await graph.locator(`.pod[data-pod="${victim}"]`).click({ button: 'right' });
    const menu = page.getByRole('menu');
    await expect.poll(() => menu.isVisible()).toBe(true);
    await page.screenshot({ path: 'test-results/graph-context-menu.png' });
    await menu.getByRole('menuitem', { name: 'Delete pod' }).click();
    await expect.poll(() => page.locator('.graph-toast').last().innerText(), { timeout: 10_000 }).toContain(`pod "${victim}" deleted`);
    await expect.poll(() => page.locator('.graph-toast').last().innerText()).toContain(`kubectl delete pod ${victim} -n default`);
    await expect
      .poll(
        async () => {
          const now = await podsOf(page, 'web-');
          return now.filter((p) => p.name !== victim && p.status === 'Running').length;
        },
        { timeout: 60_000 },
      )
      .toBe(3);
    await expect.poll(async () => (await podsOf(page, 'web-')).map((p) => p.name), { timeout: 60_000 }).not.toContain(victim);
    await page.screenshot({ path: 'test-results/graph-replaced.png' });

    await page.getByRole('button', { name: 'Toggle theme' }).click();
    await page.screenshot({ path: 'test-results/graph-replaced-other-theme.png' });
    expect(blocked).toEqual([]);
  }, 150_000);
});
