import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startPreview, type Preview } from './preview-server';
import { launch, offlinePage } from './browser';

let preview: Preview;
let browser: Browser;
let page: Page;
const blocked: string[] = [];

beforeAll(async () => {
  preview = await startPreview();
  browser = await launch();
  page = await offlinePage(browser, blocked);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto(preview.url);
  await page.locator('.editor-panel .monaco-editor .view-lines').waitFor({ timeout: 30_000 });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  preview?.stop();
});

const LINE_HEIGHT = 22; // EditorPanel's lineHeight option

/**
 * Replace the editor's text as a user would: select all, paste. (Typed keys would be re-indented by Monaco after
 * each Enter, as in any code editor.)
 */
async function typeIntoEditor(text: string): Promise<void> {
  await page.locator('.editor-panel .monaco-editor .view-lines').click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await page.keyboard.press('ControlOrMeta+V');
  const last = text.trimEnd().split('\n').pop()!.trim();
  await expect.poll(editorText, { timeout: 10_000 }).toContain(last);
}

/** The visible text of the editor (Monaco renders spaces as no-break spaces). */
async function editorText(): Promise<string> {
  return (await page.locator('.editor-panel .view-lines').innerText()).replace(/\u00a0/g, ' ');
}

/** 1-based editor lines that carry an error squiggle (the editor is scrolled to the top). */
async function errorLines(): Promise<number[]> {
  return page.locator('.editor-panel .squiggly-error').evaluateAll(
    (els, lh) => els.map((el) => Math.round(parseFloat((el.parentElement as HTMLElement).style.top) / lh) + 1),
    LINE_HEIGHT,
  );
}

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: hello-editor
spec:
  replicas: 2
  selector:
    matchLabels:
      app: hello-editor
  template:
    metadata:
      labels:
        app: hello-editor
    spec:
      containers:
        - name: web
          image: nginx:1.27
`;

describe('the manifest editor', () => {
  it('applies a typed Deployment with Ctrl+Enter; its pods come up', async () => {
    await typeIntoEditor(DEPLOYMENT);
    await page.keyboard.press('Control+Enter');
    const result = page.getByRole('status', { name: 'Apply result' });
    await expect.poll(() => result.innerText(), { timeout: 20_000 }).toContain('deployment.apps/hello-editor created');
    await page.screenshot({ path: 'test-results/editor-applied.png' });

    // The pods appear on the workers in the graph and turn Running there.
    const graphPods = () =>
      page
        .locator('.cluster-graph .pod[data-namespace="default"]')
        .evaluateAll((els) =>
          els
            .map((e) => ({ name: e.getAttribute('data-pod')!, status: e.getAttribute('data-status')! }))
            .filter((p) => p.name.startsWith('hello-editor-')),
        );
    await expect
      .poll(async () => (await graphPods()).map((p) => p.status), { timeout: 45_000, interval: 500 })
      .toEqual(['Running', 'Running']);

    const input = page.getByLabel('command');
    await expect
      .poll(
        async () => {
          await input.fill('kubectl get pods');
          await input.press('Enter');
          await page.waitForTimeout(500);
          const text = await page.locator('.bottom-pane').innerText();
          return text.match(/hello-editor-\S+\s+1\/1\s+Running/g)?.length ?? 0;
        },
        { timeout: 45_000, interval: 1000 },
      )
      .toBeGreaterThanOrEqual(2);
    await page.screenshot({ path: 'test-results/editor-pods-running.png' });
  }, 90_000);

  it('shows an apply error of invalid YAML as a marker on the right line', async () => {
    const broken = DEPLOYMENT.replace('  selector:', ' selector:');
    await typeIntoEditor(broken); // line 7 is indented one space less than the keys above it
    await page.getByRole('button', { name: /Apply/ }).click();
    const result = page.getByRole('status', { name: 'Apply result' });
    await expect.poll(() => result.innerText(), { timeout: 20_000 }).toContain('error converting YAML to JSON');
    const [location] = await result.getByRole('button').allInnerTexts();
    expect(location).toBe('Line 7, column 1');
    await expect.poll(errorLines, { timeout: 10_000 }).toContain(7);
    // The marker carries kubectl's own message (hovering it shows it).
    const squiggle = page.locator('.editor-panel .squiggly-error').first();
    await squiggle.hover({ force: true });
    const hovers = page.locator('.editor-panel .marker.hover-contents');
    await expect.poll(async () => (await hovers.allInnerTexts()).join('\n'), { timeout: 10_000 }).toContain('error converting YAML to JSON');
    await page.screenshot({ path: 'test-results/editor-yaml-error.png' });
    await page.mouse.move(0, 0);
    await page.keyboard.press('Escape');
  }, 60_000);

  it('offers Kubernetes fields from the schema: replicas under a Deployment spec', async () => {
    await typeIntoEditor('apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  ');
    await page.keyboard.press('Control+Space');
    const suggest = page.locator('.suggest-widget');
    await expect.poll(() => suggest.innerText().catch(() => ''), { timeout: 15_000 }).toContain('replicas');
    await page.screenshot({ path: 'test-results/editor-completion.png' });
    await page.keyboard.press('Escape');
  }, 60_000);

  it('loads the multi-document bookstore template: no schema warnings, and it applies', async () => {
    await page.getByLabel('Insert a starter template').selectOption('bookstore');
    await expect.poll(editorText).toContain('bookstore-config');
    await page.waitForTimeout(1500); // monaco-yaml validates ~0.5 s after a change
    expect(await page.locator('.editor-panel .squiggly-warning, .editor-panel .squiggly-error').count()).toBe(0);
    await page.getByRole('button', { name: /Apply/ }).click();
    const result = page.getByRole('status', { name: 'Apply result' });
    await expect.poll(() => result.innerText(), { timeout: 20_000 }).toContain('statefulset.apps/postgres created');
    expect((await result.innerText()).match(/ created/g)).toHaveLength(8);
    await page.screenshot({ path: 'test-results/editor-bookstore.png' });
  }, 60_000);

  it('shows field docs on hover, and follows the dark theme', async () => {
    await page.getByRole('button', { name: 'Toggle theme' }).click();
    await expect.poll(() => page.locator('.editor-panel .monaco-editor').getAttribute('class')).toContain('vs-dark');
    await typeIntoEditor(DEPLOYMENT);
    await page.keyboard.press('Escape');
    const key = page.locator('.editor-panel .view-line span', { hasText: /^replicas$/ }).first();
    await key.hover();
    const hovers = page.locator('.editor-panel .monaco-hover');
    await expect.poll(async () => (await hovers.allInnerTexts()).join('\n'), { timeout: 10_000 }).toContain('Number of desired pods');
    await page.screenshot({ path: 'test-results/editor-hover-dark.png' });
    expect(blocked).toEqual([]);
  }, 60_000);
});
