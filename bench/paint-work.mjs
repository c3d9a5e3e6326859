// Where the main thread's time goes before the first paint (issue #33): the prerendered
// article against the plain page of the same article (bench/baseline.mjs), cold loads on the
// phone profile (bench/phone.mjs) traced, in turn. For each page, the medians of its first
// contentful paint and of the work before it, summed from the trace's top-level events by
// kind (parse, which holds the inline scripts it runs; other scripts; style; layout; paint). A
// benchmark: it asserts nothing.
//   node bench/paint-work.mjs [runs] [article id] [path on the built site]...

import fs from 'node:fs';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from '../tests/e2e/browser.mjs';
import { startServer } from '../tests/e2e/server.mjs';
import { writeBaseline } from './baseline.mjs';
import { median, NETWORK } from './phone.mjs';

const RUNS = Number(process.argv[2] || 15);
const ID = process.argv[3] || '1065';
const KINDS = {
  ParseHTML: 'parse',
  EvaluateScript: 'script',
  FunctionCall: 'script',
  UpdateLayoutTree: 'style',
  Layout: 'layout',
  PrePaint: 'paint',
  Paint: 'paint',
};
const COLUMNS = ['fcp', 'parse', 'script', 'style', 'layout', 'paint', 'work'];

const SITE = 'target/bench/site';
fs.rmSync(SITE, { recursive: true, force: true });
fs.cpSync('dist', SITE, { recursive: true });
const { plain } = writeBaseline(SITE, ID);
const paths = [`/article/${ID}`, plain, ...process.argv.slice(4)];

/** One cold load of `url`, traced: its FCP and the work before it, in ms. */
async function load(browser, url) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, serviceWorkers: 'block' });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', NETWORK);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  const events = [];
  cdp.on('Tracing.dataCollected', ({ value }) => events.push(...value));
  const done = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.start', {
    categories: 'devtools.timeline,disabled-by-default-devtools.timeline,loading,blink.user_timing',
    transferMode: 'ReportEvents',
  });
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForTimeout(800);
  await cdp.send('Tracing.end');
  await done;
  await context.close();
  const path = new URL(url).pathname;
  const start = events.find((e) => e.name === 'navigationStart' && e.args?.data?.documentLoaderURL?.includes(path));
  const fcp = events.find((e) => e.pid === start?.pid && e.name === 'firstContentfulPaint');
  if (!start || !fcp) throw new Error(`${url}: no navigation or no first contentful paint in the trace`);
  const counted = events.filter((e) => e.pid === start.pid && KINDS[e.name] && e.ts >= start.ts && e.ts < fcp.ts);
  // Only the outermost events: a script the parser runs is inside its ParseHTML.
  const outer = counted.filter(
    (e) =>
      !counted.some(
        (o) =>
          o !== e && o.tid === e.tid && o.ts <= e.ts && o.ts + o.dur >= e.ts + e.dur && (o.ts < e.ts || o.dur > e.dur),
      ),
  );
  const sums = { fcp: (fcp.ts - start.ts) / 1000, parse: 0, script: 0, style: 0, layout: 0, paint: 0 };
  for (const e of outer) sums[KINDS[e.name]] += e.dur / 1000;
  sums.work = sums.parse + sums.script + sums.style + sums.layout + sums.paint;
  return sums;
}

const server = await startServer({ dist: SITE });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: CHROMIUM_ARGS,
});
const runs = Object.fromEntries(paths.map((path) => [path, []]));
for (let i = 0; i < RUNS; i++) for (const path of paths) runs[path].push(await load(browser, server.url + path));
await browser.close();
await server.close();

console.log(
  `work on the main thread before FCP, ms: ${RUNS} cold loads each, in turn, 390 px, 4x CPU, fast 3G (medians)`,
);
console.log(`${''.padEnd(40)}${COLUMNS.map((c) => c.padStart(8)).join('')}`);
const summary = {};
for (const path of paths) {
  summary[path] = Object.fromEntries(COLUMNS.map((c) => [c, median(runs[path].map((r) => r[c]))]));
  console.log(`${path.padEnd(40)}${COLUMNS.map((c) => summary[path][c].toFixed(0).padStart(8)).join('')}`);
}
fs.writeFileSync('target/bench/paint-work.json', `${JSON.stringify({ runs: RUNS, summary }, null, 2)}\n`);
console.log('saved target/bench/paint-work.json');
