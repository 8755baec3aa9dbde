import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's chromium package (`.ci/run` and the GitHub workflow install it), or CHROMIUM_PATH. */
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(`${CHROMIUM} not found: apt-get install chromium (as .ci/run does), or set CHROMIUM_PATH`);
  return chromium.launch({
    executablePath: CHROMIUM,
    // The flags that keep Chromium off the network it would otherwise probe at start.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A page that records console errors, uncaught exceptions and any request leaving `origin`. */
export async function watchedPage(browser: Browser, origin: string, width = 1200) {
  const page: Page = await browser.newPage({ viewport: { width, height: 900 } });
  const problems: string[] = [];
  const foreign: string[] = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(`${m.text()} ${m.location().url}`));
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('request', (r) => !r.url().startsWith(origin) && !r.url().startsWith('data:') && foreign.push(r.url()));
  return { page, problems, foreign };
}
