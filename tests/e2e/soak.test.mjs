// A long reading session: 300 in-app navigations between articles and sections in one tab.
// After forced garbage collection, JS heap and DOM nodes must come back within 10 % of their
// value after the first 20 navigations, and live timers must not pile up.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startSite } from './browser.mjs';

const NAVIGATIONS = 300;
const BASELINE_AT = 20;

let site;
before(async () => {
  site = await startSite();
});
after(async () => {
  await site?.close();
});

// Counts live timers by wrapping the browser's timer functions before the app starts.
function countTimers() {
  const live = { intervals: new Set(), timeouts: new Set() };
  const { setInterval, clearInterval, setTimeout, clearTimeout } = window;
  window.setInterval = function (...args) {
    const id = setInterval.apply(this, args);
    live.intervals.add(id);
    return id;
  };
  window.clearInterval = function (id) {
    live.intervals.delete(id);
    return clearInterval.call(this, id);
  };
  window.setTimeout = function (callback, ...rest) {
    let id;
    const run =
      typeof callback === 'function'
        ? function (...args) {
            live.timeouts.delete(id);
            return callback.apply(this, args);
          }
        : callback;
    id = setTimeout.call(this, run, ...rest);
    live.timeouts.add(id);
    return id;
  };
  window.clearTimeout = function (id) {
    live.timeouts.delete(id);
    return clearTimeout.call(this, id);
  };
  window.__liveTimers = () => ({ intervals: live.intervals.size, timeouts: live.timeouts.size });
}

test(`${NAVIGATIONS} navigations leave no growing heap, DOM or timers`, { timeout: 240000 }, async () => {
  const { page, problems, close } = await site.open('/article/1065', { width: 1280, height: 900 });
  await page.addInitScript(countTimers);
  await page.reload();
  await page.locator('.ranked__item a').first().waitFor();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');

  // Measured on the same page each time (the front page, through the menu's 홈 link), so that
  // the counts compare like with like.
  async function measure() {
    await page.locator('.section-menu a[href="/"]').click();
    await page.locator('#main h1[data-page="/"]').waitFor();
    await page.locator('.carousel__slide').first().waitFor({ state: 'attached' });
    await page.waitForTimeout(300);
    for (let i = 0; i < 3; i++) await cdp.send('HeapProfiler.collectGarbage');
    const { metrics } = await cdp.send('Performance.getMetrics');
    const metric = (name) => metrics.find((m) => m.name === name).value;
    return {
      heap: metric('JSHeapUsedSize'),
      nodes: metric('Nodes'),
      listeners: metric('JSEventListeners'),
      ...(await page.evaluate(() => window.__liveTimers())),
    };
  }

  async function navigate(i) {
    // Two articles from the ranked list, then a section from the menu, over and over.
    const href = await page.evaluate((i) => {
      const links =
        i % 3 === 2
          ? [...document.querySelectorAll('.section-menu a[href^="/section/"]')]
          : [...document.querySelectorAll('[role=tabpanel]:not([hidden]) .ranked__item a:not([aria-current])')];
      const link = links[i % links.length];
      link.click();
      return link.getAttribute('href');
    }, i);
    await page.locator(`#main h1[data-page="${href}"]`).waitFor();
  }

  let baseline;
  for (let i = 1; i <= NAVIGATIONS; i++) {
    await navigate(i);
    if (i === BASELINE_AT) baseline = await measure();
  }
  const final = await measure();
  const figures = { baseline, final, heapRatio: final.heap / baseline.heap, nodeRatio: final.nodes / baseline.nodes };
  console.log(`soak figures: ${JSON.stringify(figures)}`);

  assert.ok(final.heap <= baseline.heap * 1.1, `JS heap ${baseline.heap} → ${final.heap}`);
  assert.ok(final.nodes <= baseline.nodes * 1.1, `DOM nodes ${baseline.nodes} → ${final.nodes}`);
  assert.ok(final.listeners <= baseline.listeners * 1.1, `listeners ${baseline.listeners} → ${final.listeners}`);
  assert.equal(final.intervals, baseline.intervals, 'live intervals');
  assert.ok(final.timeouts <= baseline.timeouts + 2, `live timeouts ${baseline.timeouts} → ${final.timeouts}`);
  assert.equal(final.intervals, 2, 'weather strip + carousel');
  assert.deepEqual(problems, []);
  await close();
});
