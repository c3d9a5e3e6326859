// Shared set-up for the end-to-end tests: one Chromium and one fault-injecting server per
// test file, a fresh browser context per page, and a record of what went wrong in the page.

import { chromium } from 'playwright-core';
import { startServer } from './server.mjs';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The built site on a test server; `prerendered: false` serves the shell for every page.
 * `popupBlocker: true` keeps Chromium's popup blocker on, as in a reader's browser (Playwright
 * turns it off by default). */
export async function startSite({
  prerendered = true,
  apiBase = '/api',
  head = '',
  dist = process.env.DIST_DIR || 'dist',
  popupBlocker = false,
} = {}) {
  const server = await startServer({ dist, prerendered, apiBase, head });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    ignoreDefaultArgs: popupBlocker ? ['--disable-popup-blocking'] : [],
  });

  /** Opens `path` in a fresh context; `problems` collects page errors and Rust panics. */
  async function open(
    path,
    {
      width = 390,
      height = 844,
      colorScheme = 'light',
      reducedMotion = 'no-preference',
      bypassCSP = false,
      serviceWorkers = 'allow',
      javaScriptEnabled = true,
      init,
      initArg,
      // Called with the page before it loads (to hold back or answer some requests).
      beforeGoto,
      // Whether to wait for the app to take over before handing the page back.
      waitForApp = true,
    } = {},
  ) {
    const context = await browser.newContext({
      viewport: { width, height },
      locale: 'ko-KR',
      colorScheme,
      reducedMotion,
      bypassCSP,
      serviceWorkers,
      javaScriptEnabled,
    });
    const page = await context.newPage();
    const problems = [];
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    page.on('console', (message) => {
      const text = message.text();
      if (text.includes('panicked at')) problems.push(`panic: ${text}`);
      if (text.includes('Content Security Policy')) problems.push(`csp: ${text}`);
      // js/takeover.js could not pair the prerendered page with the app's copy.
      if (text.startsWith('takeover:')) problems.push(text);
    });
    // Every violation of the page's Content-Security-Policy, also those not logged.
    await page.addInitScript(() => {
      window.__cspViolations = [];
      document.addEventListener('securitypolicyviolation', (e) => {
        window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`);
      });
    });
    if (init) await page.addInitScript(init, initArg);
    if (beforeGoto) await beforeGoto(page);
    await page.goto(server.url + path);
    // A prerendered page (or the shell) is plain HTML until the app has taken over: wait for
    // that, so a test acts on the app, not on the page it replaces.
    if (javaScriptEnabled && waitForApp) await page.waitForFunction(() => !document.getElementById('prerendered'));
    const cspViolations = () => page.evaluate(() => window.__cspViolations);
    return { page, context, problems, cspViolations, close: () => context.close() };
  }

  return {
    server,
    open,
    close: async () => {
      await browser.close();
      await server.close();
    },
  };
}

/** An init script for `open`: records every layout shift the reader did not cause, with what
 * moved, in window.__shifts. */
export function recordShifts() {
  window.__shifts = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.hadRecentInput) continue;
      const box = (r) => `${Math.round(r.x)},${Math.round(r.y)} ${Math.round(r.width)}×${Math.round(r.height)}`;
      const moved = entry.sources.map(
        (s) => `${s.node?.className || s.node?.nodeName} ${box(s.previousRect)} → ${box(s.currentRect)}`,
      );
      window.__shifts.push({ value: entry.value, moved });
    }
  }).observe({ type: 'layout-shift', buffered: true });
}

/** The page's Cumulative Layout Shift so far (see `recordShifts`), and the shifts it adds up. */
export async function layoutShift(page) {
  const shifts = await page.evaluate(() => window.__shifts);
  return { cls: shifts.reduce((sum, shift) => sum + shift.value, 0), shifts };
}

/** Waits until `predicate`, run in the page, answers something truthy, and returns that answer.
 * Unlike `page.waitForFunction`, which takes the promise an async function returns for a truthy
 * answer at once, it awaits the predicate: use it for anything that asks the Cache Storage or
 * another asynchronous API. */
export async function waitForAsync(page, predicate, arg, { timeout = 10000, interval = 50 } = {}) {
  const end = Date.now() + timeout;
  for (;;) {
    const answer = await page.evaluate(predicate, arg);
    if (answer) return answer;
    if (Date.now() > end) throw new Error(`no truthy answer within ${timeout} ms from ${predicate}`);
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
}
