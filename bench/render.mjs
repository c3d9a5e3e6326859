// Render timings of the built site against its baselines (bench/baseline.mjs), as a reader on
// a cheap phone would see them: cold loads of one article under 4x CPU throttling and a
// fast-3G network (1.6 Mbit/s, 150 ms RTT), app, plain baseline and fetched baseline runs in
// turn, a fresh profile each run, all served compressed by the same server. "app" is the
// prerendered article (scripts/prerender); "fallback" the same address on a host that answers
// it with the shell, as for an article published after the last prerender run. Prints medians,
// the app/baseline ratio and the app/fetched ratio, and saves target/bench/render.json. A
// benchmark: it asserts nothing.
//   node bench/render.mjs [runs] [article id]

import fs from 'node:fs';
import { chromium } from 'playwright-core';
import { startServer } from '../tests/e2e/server.mjs';
import { CHROMIUM_ARGS } from '../tests/e2e/browser.mjs';
import { writeBaseline } from './baseline.mjs';
import { NETWORK, figures, median, phonePage } from './phone.mjs';

const RUNS = Number(process.argv[2] || 7);
const ID = process.argv[3] || '1065';
const METRICS = ['headline', 'fcp', 'lcp', 'cls', 'bytes', 'longest', 'takeover'];

async function load(browser, url) {
  const { context, page } = await phonePage(browser);
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForFunction(() => window.__bench.headline !== null, null, { timeout: 60000 });
  // A prerendered page: until the app has taken over (its long tasks are counted).
  await page.waitForFunction(() => !document.getElementById('prerendered'), null, { timeout: 60000 });
  await page.waitForTimeout(1500); // let late paints, shifts and tasks be reported
  const result = await figures(page);
  await context.close();
  return result;
}

// The app and the baseline from one directory, so one server serves both the same way.
const SITE = 'target/bench/site';
fs.rmSync(SITE, { recursive: true, force: true });
fs.cpSync('dist', SITE, { recursive: true });
const { plain: baselinePath, fetched: fetchedPath } = writeBaseline(SITE, ID);
const appPath = `/article/${ID}`;

const server = await startServer({ dist: SITE });
const shellServer = await startServer({ dist: SITE, prerendered: false });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: CHROMIUM_ARGS,
});
const runs = { app: [], fallback: [], baseline: [], fetched: [] };
for (let i = 0; i < RUNS; i++) {
  runs.app.push(await load(browser, server.url + appPath));
  runs.fallback.push(await load(browser, shellServer.url + appPath));
  runs.baseline.push(await load(browser, server.url + baselinePath));
  runs.fetched.push(await load(browser, server.url + fetchedPath));
}
await browser.close();
await server.close();
await shellServer.close();

const summarise = (list) => Object.fromEntries(METRICS.map((key) => [key, median(list.map((r) => r[key]))]));
const app = summarise(runs.app);
const baseline = summarise(runs.baseline);
const fetched = summarise(runs.fetched);
const fallback = summarise(runs.fallback);
const ratioTo = (other) => Object.fromEntries(METRICS.map((key) => [key, other[key] ? app[key] / other[key] : null]));
const ratio = ratioTo(baseline);
const ratioFetched = ratioTo(fetched);

const show = {
  headline: ['headline in DOM', (v) => `${v.toFixed(0)} ms`],
  fcp: ['FCP', (v) => `${v.toFixed(0)} ms`],
  lcp: ['LCP', (v) => `${v.toFixed(0)} ms`],
  cls: ['CLS', (v) => v.toFixed(4)],
  bytes: ['transferred', (v) => `${(v / 1024).toFixed(1)} KB`],
  longest: ['longest task', (v) => `${v.toFixed(0)} ms`],
  takeover: ['app took over', (v) => (v === null || v === undefined ? '-' : `${v.toFixed(0)} ms`)],
};
console.log(
  `${appPath} vs ${baselinePath} and ${fetchedPath}: ${RUNS} cold loads each, in turn, 390 px, 4x CPU, fast 3G (medians)`,
);
console.log(
  `${''.padEnd(18)}${'app'.padStart(12)}${'baseline'.padStart(12)}${'app/base'.padStart(10)}${'fetched'.padStart(12)}${'app/fetched'.padStart(13)}${'fallback'.padStart(12)}${'fallb./base'.padStart(13)}`,
);
const times = (r) => (r === null ? '–' : `${r.toFixed(2)}×`);
for (const key of METRICS) {
  const [label, format] = show[key];
  console.log(
    `${label.padEnd(18)}${format(app[key]).padStart(12)}${format(baseline[key]).padStart(12)}${times(ratio[key]).padStart(10)}` +
      `${format(fetched[key]).padStart(12)}${times(ratioFetched[key]).padStart(13)}` +
      `${format(fallback[key]).padStart(12)}${times(baseline[key] ? fallback[key] / baseline[key] : null).padStart(13)}`,
  );
}
fs.mkdirSync('target/bench', { recursive: true });
fs.writeFileSync(
  'target/bench/render.json',
  JSON.stringify(
    {
      when: new Date().toISOString(),
      app: appPath,
      baseline: baselinePath,
      fetched: fetchedPath,
      runs: RUNS,
      network: NETWORK,
      cpuThrottling: 4,
      medians: { app, fallback, baseline, fetched },
      ratio,
      ratioFetched,
      all: runs,
    },
    null,
    2,
  ),
);
console.log('saved target/bench/render.json');
