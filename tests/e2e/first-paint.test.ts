// The page draws the cluster the build prerendered, and the engine worker in the browser then sends the very same.
import { describe, expect, it } from 'vitest';
import { servedApp } from './served-app';
import { firstMessages } from '../../src/worker/first-messages';
import { freshStart } from '../../src/ui/engine/default-start';

const app = servedApp();

/** Keeps what the page's engine worker posts (set before the page's scripts run). */
const RECORD_WORKER = `
(() => {
  window.__workerSaid = [];
  const NativeWorker = window.Worker;
  window.Worker = class extends NativeWorker {
    constructor(url, options) {
      super(url, options);
      this.addEventListener('message', (e) => window.__workerSaid.push(e.data));
    }
  };
})();
`;

describe('the first paint', () => {
  it('is drawn from the cluster the build prerendered, which is exactly what the engine worker computes in the browser', async () => {
    const page = await app.newPage([]);
    await page.addInitScript({ content: RECORD_WORKER });
    await page.goto(app.url);
    const graph = page.locator('.cluster-graph');
    await expect.poll(() => graph.locator('.react-flow__node-machine [data-node]').count(), { timeout: 20_000 }).toBe(3);

    await page.waitForFunction(() => (window as unknown as { __workerSaid: { type: string }[] }).__workerSaid.some((m) => m.type === 'snapshot'), null, {
      timeout: 30_000,
    });
    const said = await page.evaluate(() => (window as unknown as { __workerSaid: { type: string }[] }).__workerSaid);
    const fromBrowser = said.filter((m) => m.type === 'ready' || m.type === 'snapshot').slice(0, 2);
    expect(fromBrowser).toEqual(firstMessages(freshStart(1, undefined)));
    await page.close();
  }, 120_000);
});
