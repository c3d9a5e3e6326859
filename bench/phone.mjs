// The phone profile the render benchmarks share (bench/render.mjs, bench/first-paint.mjs): a
// 390 px page under 4x CPU throttling on fast 3G (1.6 Mbit/s, 150 ms RTT), what it records
// while it loads, and its figures once loaded.
//   import { NETWORK, phonePage, figures, median } from './phone.mjs'

export const NETWORK = { offline: false, latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 750e3 / 8 };

export const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

// Run in the page before its own scripts: when the headline appears, the LCP and CLS the page
// reports, the longest task and when the app took over a prerendered page.
function observe() {
  window.__bench = { headline: null, lcp: 0, cls: 0, longest: 0, takeover: null };
  // The longest task on the main thread (the app's start and its takeover are the big ones).
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.__bench.longest = Math.max(window.__bench.longest, entry.duration);
  }).observe({ type: 'longtask', buffered: true });
  // When the app took over a prerendered page (none for the others).
  let prerendered = false;
  new MutationObserver((_, observer) => {
    if (document.documentElement.hasAttribute('data-prerendered')) prerendered = true;
    else if (prerendered && !document.getElementById('prerendered')) {
      window.__bench.takeover = performance.now();
      observer.disconnect();
    }
  }).observe(document, { childList: true, subtree: true, attributes: true });
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

/** A fresh browser context on the phone profile and its page, recording from the first byte. */
export async function phonePage(browser) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, serviceWorkers: 'block' });
  const page = await context.newPage();
  await page.addInitScript(observe);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', NETWORK);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  return { context, page };
}

/** What the loaded page recorded, with its first contentful paint and the bytes it moved. */
export function figures(page) {
  return page.evaluate(() => {
    const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null;
    const bytes = [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')].reduce(
      (sum, entry) => sum + (entry.transferSize || 0),
      0,
    );
    return { ...window.__bench, fcp, bytes };
  });
}
