// When the engine's worker fails, the page says so and rebuilds the same cluster in a new worker, without a reload.
import { describe, expect, it } from 'vitest';
import { servedApp } from './served-app';

const app = servedApp();

/** Keeps every Worker the page makes, so the test can make the engine's fail as a crashing worker would. */
const CAPTURE_WORKERS = `
(() => {
  const NativeWorker = window.Worker;
  window.__workers = [];
  window.Worker = class extends NativeWorker {
    constructor(url, options) {
      super(url, options);
      window.__workers.push(this);
    }
  };
})();
`;

describe('worker recovery', () => {
  it('shows that the engine stopped and restores the cluster from what the user did', async () => {
    const blocked: string[] = [];
    const page = await app.newPage(blocked);
    await page.addInitScript({ content: CAPTURE_WORKERS });
    await page.goto(app.url);
    const input = page.getByLabel('command');
    const run = async (line: string) => {
      await input.fill(line);
      await input.press('Enter');
    };
    await run('kubectl create deployment web --image=nginx:1.27 --replicas=3');
    await expect.poll(() => page.locator('.console').innerText(), { timeout: 20_000 }).toContain('deployment.apps/web created');
    await run('kubectl rollout status deployment/web');
    await expect.poll(() => page.locator('.console').innerText(), { timeout: 30_000 }).toContain('successfully rolled out');
    await page.getByRole('button', { name: 'Pause' }).click();
    await run('kubectl get pods -o name');
    await expect.poll(() => page.locator('.console .output').last().innerText(), { timeout: 20_000 }).toContain('pod/web-');
    const before = await page.locator('.console .output').last().innerText();

    // The engine worker (the one the page made first) fails as an uncaught error in it would.
    const engineWorkers = await page.evaluate(() => {
      const workers = (window as unknown as { __workers: Worker[] }).__workers;
      const count = workers.length;
      workers[0].dispatchEvent(new ErrorEvent('error', { message: 'Uncaught RangeError: simulated crash' }));
      return count;
    });
    await expect.poll(() => page.locator('.banner').innerText(), { timeout: 20_000 }).toContain('The engine stopped');
    expect(await page.locator('.banner').innerText()).toContain('simulated crash');
    expect(await page.evaluate(() => (window as unknown as { __workers: Worker[] }).__workers.length)).toBeGreaterThan(engineWorkers);

    // Same pods, same names: the journal replayed on the same seed rebuilt the cluster.
    const outputs = await page.locator('.console .output').count();
    await run('kubectl get pods -o name');
    await expect.poll(() => page.locator('.console .output').count(), { timeout: 30_000 }).toBe(outputs + 1);
    expect(await page.locator('.console .output').last().innerText()).toBe(before);
    await expect.poll(() => page.locator('.banner').innerText(), { timeout: 20_000 }).toContain('was restored from its journal');
    await page.screenshot({ path: 'test-results/worker-recovered.png' });
    expect(blocked).toEqual([]);
  }, 180_000);
});
