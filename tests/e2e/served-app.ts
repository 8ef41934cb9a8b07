/** The built app served by `vite preview` and a Chromium to open it in, for one e2e test file. */
import { afterAll, beforeAll } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, offlinePage } from './browser';
import { startPreview, type Preview } from './preview-server';

export interface ServedApp {
  readonly url: string;
  /** A 1280x720 page whose requests off localhost are aborted and recorded in `blocked`. */
  newPage(blocked: string[]): Promise<Page>;
}

export function servedApp(): ServedApp {
  let preview: Preview | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    preview = await startPreview();
    browser = await launch();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    preview?.stop();
  });
  return {
    get url() {
      return preview!.url;
    },
    newPage: (blocked) => offlinePage(browser!, blocked),
  };
}
