// The time controls in the page: the clock runs, pause stops it, step and "until quiet" move it, speed scales it.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { servedApp } from './served-app';

const app = servedApp();

/** Seconds since the cluster started, read from the clock in the top bar ("+2m12s"). */
async function elapsed(page: Page): Promise<number> {
  const text = await page.locator('.clock-elapsed').innerText();
  const m = /^\+(?:(\d+)h)?(?:(\d+)m)?(\d+)s$/.exec(text);
  if (!m) throw new Error(`unexpected clock text ${text}`);
  return Number(m[1] ?? 0) * 3600 + Number(m[2] ?? 0) * 60 + Number(m[3]);
}

describe('time controls', () => {
  it('runs, pauses, steps and speeds up the cluster clock', async () => {
    const blocked: string[] = [];
    const page = await app.newPage(blocked);
    await page.goto(app.url);
    // The page opens on a warmed-up cluster whose clock runs.
    await expect.poll(() => elapsed(page), { timeout: 30_000 }).toBeGreaterThanOrEqual(120);
    const start = await elapsed(page);
    await expect.poll(() => elapsed(page), { timeout: 10_000 }).toBeGreaterThan(start);

    await page.getByRole('button', { name: 'Pause' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Play' }).count()).toBe(1);
    const paused = await elapsed(page);
    await page.waitForTimeout(2_500);
    expect(await elapsed(page)).toBe(paused);

    // A deployment created while paused waits: nothing reconciles until time moves.
    const input = page.getByLabel('command');
    await input.fill('kubectl create deployment web --image=nginx:1.27 --replicas=2');
    await input.press('Enter');
    await expect.poll(() => page.locator('.console').innerText(), { timeout: 20_000 }).toContain('deployment.apps/web created');

    // "Until quiet" runs the control loop to the end: the pods are Running.
    await page.getByRole('button', { name: 'Until quiet' }).click();
    await expect.poll(() => elapsed(page), { timeout: 20_000 }).toBeGreaterThan(paused);
    await input.fill('kubectl get deployment web -o jsonpath={.status.readyReplicas}');
    await input.press('Enter');
    await expect.poll(() => page.locator('.console .output').last().innerText(), { timeout: 20_000 }).toBe('2');
    const quiet = await elapsed(page);
    await page.waitForTimeout(1_500);
    expect(await elapsed(page)).toBe(quiet);

    // Step runs one piece of scheduled work: the clock moves to it (never backwards) and stays paused.
    await page.getByRole('button', { name: 'Step', exact: true }).click();
    await expect.poll(() => elapsed(page), { timeout: 10_000 }).toBeGreaterThanOrEqual(quiet);
    await page.screenshot({ path: 'test-results/time-paused.png' });

    // 10x speed: about ten cluster seconds per real second.
    await page.getByLabel('Speed').selectOption('10');
    await page.getByRole('button', { name: 'Play' }).click();
    const t0 = await elapsed(page);
    await page.waitForTimeout(3_000);
    expect((await elapsed(page)) - t0).toBeGreaterThanOrEqual(15);
    expect(blocked).toEqual([]);
  }, 180_000);
});
