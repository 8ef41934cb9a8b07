/**
 * UI figures from Debian Chromium against `vite preview`: first graph paint, JS shipped before the editor is
 * requested (gzip), frame times while a Deployment scales 0 -> 300 pods, and worker -> UI bytes per diff.
 * Printed, never asserted.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { launch, offlinePage } from '../tests/e2e/browser';
import { startPreview } from '../tests/e2e/preview-server';

const DIST = 'test-results/dist';
const SCALE_TO = Number(process.env.BENCH_UI_PODS ?? 300);
/** Real seconds of frames recorded after the scale-up (at 10x, 200 s of cluster time). */
const RECORD_S = Number(process.env.BENCH_UI_SECONDS ?? 20);

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** The JS index.html loads before anything is lazily requested: its module script and modulepreloads. */
function initialJs(): { files: string[]; gzip: number } {
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  const files = [...html.matchAll(/(?:src|href)="\/?([^"]+\.js)"/g)].map((m) => m[1]);
  const gzip = files.reduce((sum, f) => sum + gzipSync(readFileSync(join(DIST, f))).length, 0);
  return { files, gzip };
}

/**
 * Runs in the page before its scripts: records first graph paint, frame deltas, and worker message sizes. Plain
 * JavaScript text: a compiled function would carry the TypeScript runner's helpers, which the page lacks.
 */
const INSTRUMENT = `
(() => {
  const bench = { frames: [], diffBytes: [], firstGraphPaint: undefined, recording: false };
  window.__bench = bench;
  new MutationObserver((_m, obs) => {
    if (document.querySelector('.react-flow__node')) {
      requestAnimationFrame(() => { bench.firstGraphPaint = performance.now(); });
      obs.disconnect();
    }
  }).observe(document, { childList: true, subtree: true });
  let last = 0;
  const loop = (t) => {
    if (bench.recording && last) bench.frames.push(t - last);
    last = t;
    requestAnimationFrame(loop);
  };
  requestAnimationFrame(loop);
  const NativeWorker = window.Worker;
  window.Worker = class extends NativeWorker {
    constructor(url, options) {
      super(url, options);
      this.addEventListener('message', (e) => {
        if (e.data && e.data.type === 'diff') bench.diffBytes.push(new Blob([JSON.stringify(e.data)]).size);
      });
    }
  };
})();
`;

async function main() {
  const preview = await startPreview();
  const { files, gzip } = initialJs();
  console.log(`UI: JS before the editor is requested: ${kb(gzip)} gzip (${files.length} files; target < 300 KB)`);

  const browser = await launch();
  try {
    const blocked: string[] = [];
    const page = await offlinePage(browser, blocked);
    await page.addInitScript({ content: INSTRUMENT });
    await page.goto(preview.url);
    await page.waitForFunction(() => (window as unknown as { __bench: { firstGraphPaint?: number } }).__bench.firstGraphPaint !== undefined, null, { timeout: 30_000 });
    const paint = await page.evaluate(() => (window as unknown as { __bench: { firstGraphPaint: number } }).__bench.firstGraphPaint);
    console.log(`UI: first graph paint ${paint.toFixed(0)} ms after navigation start (target < 1000 ms)`);

    const input = page.getByLabel('command');
    const run = async (line: string) => {
      await input.fill(line);
      await input.press('Enter');
    };
    await page.getByLabel('Speed').selectOption('10');
    await run('kubectl create deployment big --image=nginx:1.27 --replicas=0');
    await page.waitForTimeout(1000);
    await page.evaluate(() => {
      const b = (window as unknown as { __bench: { recording: boolean; frames: number[]; diffBytes: number[] } }).__bench;
      b.frames.length = 0;
      b.diffBytes.length = 0;
      b.recording = true;
    });
    await run(`kubectl scale deployment big --replicas=${SCALE_TO}`);
    await page.waitForTimeout(RECORD_S * 1000);
    const { frames, diffBytes } = await page.evaluate(() => {
      const b = (window as unknown as { __bench: { recording: boolean; frames: number[]; diffBytes: number[] } }).__bench;
      b.recording = false;
      return { frames: [...b.frames], diffBytes: [...b.diffBytes] };
    });
    await run('kubectl get deployment big --no-headers');
    await page.waitForTimeout(1000);
    const status = (await page.locator('.console .output').last().innerText()).trim();
    const sortedFrames = frames.sort((a, b) => a - b);
    const sortedBytes = diffBytes.sort((a, b) => a - b);
    const mean = sortedBytes.reduce((s, b) => s + b, 0) / Math.max(1, sortedBytes.length);
    console.log(
      `UI: frames while scaling 0 -> ${SCALE_TO} (10x, ${RECORD_S} s): ${frames.length} frames, p50 ${percentile(sortedFrames, 50).toFixed(1)} ms, p95 ${percentile(sortedFrames, 95).toFixed(1)} ms, max ${sortedFrames[sortedFrames.length - 1]?.toFixed(1)} ms (target p95 < 16.7 ms)`,
    );
    console.log(
      `UI: worker -> UI diffs: ${sortedBytes.length}, mean ${kb(mean)}, p95 ${kb(percentile(sortedBytes, 95))}, max ${kb(sortedBytes[sortedBytes.length - 1] ?? 0)}`,
    );
    console.log(`UI: deployment at the end: ${status}`);
    if (blocked.length) console.log(`UI: requests off localhost were blocked: ${blocked.join(', ')}`);
  } finally {
    await browser.close();
    preview.stop();
  }
}

await main();
