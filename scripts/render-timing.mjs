// Render timings of the built site, as a reader on a cheap phone would see them: cold loads of
// an article under 4x CPU throttling and a fast-3G network (1.6 Mbit/s, 150 ms RTT), fresh
// profile each run. Prints medians and saves target/bench/render.json. A benchmark: it asserts
// nothing. (Issue 6 adds a plain-HTML baseline and Lighthouse beside it.)
//   node scripts/render-timing.mjs [runs] [path]

import fs from 'node:fs';
import { chromium } from 'playwright-core';
import { startServer } from '../tests/e2e/server.mjs';
import { CHROMIUM_ARGS } from '../tests/e2e/browser.mjs';

const RUNS = Number(process.argv[2] || 7);
const PATH = process.argv[3] || '/article/1065';
const NETWORK = { offline: false, latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 750e3 / 8 };

// Records when the headline appears, and the LCP and CLS the page reports.
function observe() {
  window.__bench = { headline: null, lcp: 0, cls: 0 };
  new MutationObserver((_, observer) => {
    if (document.querySelector('h1.article__title')) {
      window.__bench.headline = performance.now();
      observer.disconnect();
    }
  }).observe(document, { childList: true, subtree: true });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.__bench.lcp = entry.startTime;
  }).observe({ type: 'largest-contentful-paint', buffered: true });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__bench.cls += entry.value;
  }).observe({ type: 'layout-shift', buffered: true });
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

const server = await startServer({ dist: 'dist' });
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: CHROMIUM_ARGS });
const runs = [];
for (let i = 0; i < RUNS; i++) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, serviceWorkers: 'block' });
  const page = await context.newPage();
  await page.addInitScript(observe);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', NETWORK);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await page.goto(server.url + PATH, { waitUntil: 'load' });
  await page.waitForFunction(() => window.__bench.headline !== null, null, { timeout: 60000 });
  await page.waitForTimeout(1500); // let late paints and shifts be reported
  const result = await page.evaluate(() => {
    const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null;
    const bytes = [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')]
      .reduce((sum, entry) => sum + (entry.transferSize || 0), 0);
    return { headline: window.__bench.headline, fcp, lcp: window.__bench.lcp, cls: window.__bench.cls, bytes };
  });
  runs.push(result);
  await context.close();
}
await browser.close();
await server.close();

const summary = Object.fromEntries(['headline', 'fcp', 'lcp', 'cls', 'bytes'].map((key) => [key, median(runs.map((r) => r[key]))]));
console.log(`${PATH}, ${RUNS} cold loads, 4x CPU, fast 3G (medians):`);
console.log(`  headline in DOM   ${summary.headline.toFixed(0)} ms`);
console.log(`  FCP               ${summary.fcp.toFixed(0)} ms`);
console.log(`  LCP               ${summary.lcp.toFixed(0)} ms`);
console.log(`  CLS               ${summary.cls.toFixed(4)}`);
console.log(`  transferred       ${(summary.bytes / 1024).toFixed(1)} KB`);
fs.mkdirSync('target/bench', { recursive: true });
fs.writeFileSync('target/bench/render.json', JSON.stringify({ when: new Date().toISOString(), path: PATH, summary, runs }, null, 2));
console.log('saved target/bench/render.json');
