/** Debian's Chromium driven by playwright-core, with every request off localhost blocked (proves offline). */
import { chromium, type Browser, type Page } from 'playwright-core';

/**
 * Headless Chromium (156) builds its own address-bar popup, a WebUI page of ~200 files (chrome://omnibox-popup.top-chrome),
 * in every new window; each cold load of the page opens one, and on a 2-core machine that work competed with the page
 * and made its first paint ~0.4 s later. A user's window has built it long before, so the figures leave it out.
 */
const BROWSER_UI_OFF = '--disable-features=WebUIOmniboxPopup,WebUIOmniboxAimPopup';

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', BROWSER_UI_OFF],
  });
}

export async function offlinePage(browser: Browser, blocked: string[]): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  await page.route('**/*', (route) => {
    const host = new URL(route.request().url()).hostname;
    if (host === '127.0.0.1' || host === 'localhost') return route.continue();
    blocked.push(route.request().url());
    return route.abort();
  });
  return page;
}
