// The details panel in the built app: describe text and the scheduler's reasoning for a running and a pending pod.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { servedApp } from './served-app';

const app = servedApp();

async function run(page: Page, command: string, expected: string): Promise<void> {
  const input = page.getByLabel('command');
  await input.fill(command);
  await input.press('Enter');
  await expect.poll(() => page.locator('.kp-console, .console').first().innerText(), { timeout: 20_000 }).toContain(expected);
}

/** Clicks a pod whose name starts with `prefix` in the cluster graph. */
async function clickPod(page: Page, prefix: string): Promise<void> {
  const pod = page.locator(`.graph [data-pod^="${prefix}"]`).first();
  await pod.waitFor({ timeout: 20_000 });
  await pod.click();
}

describe('the details panel', () => {
  it('describes a pod and shows why the scheduler chose its node, or why none fits', async () => {
    const blocked: string[] = [];
    const page = await app.newPage(blocked);
    await page.goto(app.url);
    await run(page, 'kubectl create deployment web --image=nginx:1.27 --replicas=2', 'deployment.apps/web created');
    await run(page, 'kubectl create deployment hog --image=nginx --replicas=0', 'deployment.apps/hog created');
    await run(page, 'kubectl set resources deployment hog --requests=cpu=100', 'resource requirements updated');
    await run(page, 'kubectl scale deployment hog --replicas=1', 'deployment.apps/hog scaled');

    await clickPod(page, 'web-');
    const details = page.getByRole('region', { name: 'Details' });
    await expect.poll(() => details.locator('.kubectl-text').innerText(), { timeout: 20_000 }).toMatch(/^Name:\s+web-[\s\S]*\nNode:\s+worker-\d\//);
    await page.screenshot({ path: 'test-results/details-describe.png' });

    await details.getByRole('tab', { name: 'Scheduling' }).click();
    const rows = details.locator('.sched-table tbody tr');
    await expect.poll(() => rows.count(), { timeout: 20_000 }).toBe(4);
    const table = await details.locator('.sched-table').innerText();
    for (const n of ['control-plane', 'worker-1', 'worker-2', 'worker-3']) expect(table).toContain(n);
    expect(await details.locator('tr.verdict-selected').count()).toBe(1);
    const winner = (await details.locator('tr.verdict-selected th').innerText()).replace('★', '').trim();
    expect(await details.locator('.headline').innerText()).toContain(`Scheduled on ${winner}`);
    await page.screenshot({ path: 'test-results/details-scheduling.png' });

    await clickPod(page, 'hog-');
    await expect.poll(() => details.locator('.headline').innerText(), { timeout: 20_000 }).toBe('Pending: no node fits this pod.');
    expect(await details.locator('.message code').innerText()).toMatch(/^0\/4 nodes are available: 1 node\(s\) had untolerated taint .*3 Insufficient cpu\./);
    expect(await details.locator('tr.verdict-rejected').count()).toBe(4);
    expect(await details.locator('.sched-table').innerText()).toContain('Insufficient cpu');
    await details.getByRole('tab', { name: 'Events' }).click();
    await expect.poll(() => details.getByRole('table', { name: 'Events' }).innerText(), { timeout: 20_000 }).toContain('FailedScheduling');
    await details.getByRole('tab', { name: 'Scheduling' }).click();
    await page.getByRole('button', { name: 'Toggle theme' }).click();
    await page.screenshot({ path: 'test-results/details-pending-dark.png' });
    expect(blocked).toEqual([]);
  }, 180_000);
});
