import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startPreview, type Preview } from './preview-server';
import { launch, offlinePage } from './browser';

let preview: Preview;
let browser: Browser;

beforeAll(async () => {
  preview = await startPreview();
  browser = await launch();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  preview?.stop();
});

describe('the interim console page', () => {
  it('runs kubectl against the engine in a worker, with no request leaving localhost', async () => {
    const blocked: string[] = [];
    const page = await offlinePage(browser, blocked);
    await page.goto(preview.url);
    const input = page.getByLabel('command');
    await input.fill('kubectl get nodes');
    await input.press('Enter');
    await expect.poll(() => page.locator('.console').innerText(), { timeout: 20_000 }).toContain('worker-3');
    await input.fill('kubectl create deployment web --image=nginx:1.27');
    await input.press('Enter');
    await expect.poll(() => page.locator('.console').innerText(), { timeout: 20_000 }).toContain('deployment.apps/web created');
    await input.fill('kubectl get deployments.apps web -o jsonpath={.spec.replicas}');
    await input.press('Enter');
    await expect.poll(() => page.locator('.output').last().innerText(), { timeout: 20_000 }).toBe('1');
    await page.screenshot({ path: 'test-results/console.png' });
    expect(blocked).toEqual([]);
  }, 60_000);
});
