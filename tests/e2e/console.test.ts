/** The console and events panel in Chromium against `vite preview`, with every non-localhost request blocked. */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { servedApp } from './served-app';

const app = servedApp();

async function run(page: Page, command: string): Promise<void> {
  const input = page.getByLabel('command');
  await input.fill(command);
  await input.press('Enter');
}

/** Text of the newest console entry once it has finished. */
async function lastOutput(page: Page): Promise<string> {
  const entry = page.locator('.kp-console .entry').last();
  if (await entry.evaluate((e) => e.classList.contains('running'))) return '';
  return entry.innerText();
}

describe('kubectl console and events panel', () => {
  it('runs commands with history, completion, clear and kubeplay actions; events show scheduling; nothing leaves localhost', async () => {
    const blocked: string[] = [];
    const page = await app.newPage(blocked);
    await page.goto(app.url);
    const input = page.getByLabel('command');
    const consolePanel = page.locator('.kp-console');

    await run(page, 'kubectl get nodes');
    await expect.poll(() => consolePanel.innerText(), { timeout: 20_000 }).toContain('worker-3');

    await input.fill('kubectl get po');
    await expect
      .poll(
        async () => {
          await input.fill('kubectl get po');
          await input.press('Tab');
          return input.inputValue();
        },
        { timeout: 10_000 },
      )
      .toBe('kubectl get pods ');

    await run(page, 'kubectl create deployment web --image=nginx:1.27 --replicas=3');
    await expect.poll(() => lastOutput(page), { timeout: 20_000 }).toContain('deployment.apps/web created');
    await input.press('ArrowUp');
    expect(await input.inputValue()).toBe('kubectl create deployment web --image=nginx:1.27 --replicas=3');
    await input.fill('');

    await expect
      .poll(
        async () => {
          await run(page, 'kubectl get pods');
          await expect.poll(() => lastOutput(page), { timeout: 10_000 }).not.toBe('');
          return ((await lastOutput(page)).match(/^web-\S+\s+1\/1\s+Running/gm) ?? []).length;
        },
        { timeout: 30_000, interval: 1000 },
      )
      .toBe(3);
    expect(await lastOutput(page)).toMatch(/NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE/);

    await run(page, 'kubectl get pods nope');
    await expect.poll(() => page.locator('.kp-console .stderr').last().textContent(), { timeout: 10_000 }).toBe(
      'Error from server (NotFound): pods "nope" not found\n',
    );

    await run(page, 'kubeplay node add worker-4');
    await expect.poll(() => lastOutput(page), { timeout: 10_000 }).toContain('node/worker-4 added');
    await run(page, 'kubectl get nodes');
    await expect.poll(() => lastOutput(page), { timeout: 10_000 }).toContain('worker-4');

    await input.fill('kubectl get deploy');
    await input.press('Tab');
    await input.press('Tab');
    await input.press('Tab');
    expect(await input.inputValue()).toBe('kubectl get deployments web ');
    await input.fill('kubectl apply -f - <<EOF');
    await input.press('Enter');
    await input.pressSequentially('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: greeting\ndata:\n  message: hello\nEOF');
    await input.press('Enter');
    await expect.poll(() => lastOutput(page), { timeout: 10_000 }).toContain('configmap/greeting created');
    await page.screenshot({ path: 'test-results/console.png' });

    await run(page, 'clear');
    await expect.poll(() => consolePanel.locator('.entry').count(), { timeout: 10_000 }).toBe(0);

    await page.getByRole('tab', { name: 'Events' }).click();
    const events = page.locator('.events-panel');
    await expect.poll(() => events.locator('tbody tr', { hasText: 'Scheduled' }).count(), { timeout: 10_000 }).toBeGreaterThanOrEqual(3);
    expect(await events.locator('tbody tr', { hasText: 'Scheduled' }).first().innerText()).toMatch(/Successfully assigned default\/web-\S+ to worker-\d/);
    await page.getByLabel('Filter events').fill('web');
    await expect.poll(() => events.locator('tbody tr').count()).toBeGreaterThan(3);
    await page.screenshot({ path: 'test-results/events.png' });

    await page.getByRole('tab', { name: 'Console' }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('command');
    expect(blocked).toEqual([]);
  }, 120_000);
});
