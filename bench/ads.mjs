// The cost of ad networks' units to the reader (scripts/bench --ads): the article page on the
// phone profile (390 px, CPU slowed 4×) with the paper's own banners (the demo) and with the
// hostile stand-in network (tests/e2e/fixtures/hostile-ad.js: a 500 ms busy loop, an endless
// interval…) in every slot, its slot document on another site. For each, the median of RUNS
// loads: LCP, the headline's paint, CLS, the longest the page's main thread was held in the 4 s
// after load (a 10 ms timer's largest gap), and the frames loaded; then Lighthouse mobile on
// both; and the slot document's bytes. Results go to target/bench/ads.json.
//   node bench/ads.mjs [runs]

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { spawn } from 'node:child_process';
import { startSite } from '../tests/e2e/browser.mjs';
import { siteWithAds, startAdNetwork } from '../tests/e2e/fixtures/ad-network.mjs';

const RUNS = Number(process.argv[2] || 5);
const OUT = 'target/bench';
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function measure(dist) {
  const site = await startSite({ dist });
  const runs = [];
  try {
    for (let run = 0; run < RUNS; run += 1) {
      const { page, close } = await site.open('/article/1065', {
        width: 390,
        height: 844,
        waitForApp: false,
        serviceWorkers: 'block',
        beforeGoto: async (page) => {
          const cdp = await page.context().newCDPSession(page);
          await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
        },
        init: () => {
          window.__cls = 0;
          window.__lcp = 0;
          new PerformanceObserver((list) => {
            for (const e of list.getEntries()) if (!e.hadRecentInput) window.__cls += e.value;
          }).observe({ type: 'layout-shift', buffered: true });
          new PerformanceObserver((list) => {
            for (const e of list.getEntries()) window.__lcp = e.startTime;
          }).observe({ type: 'largest-contentful-paint', buffered: true });
          addEventListener('load', () => {
            window.__held = 0;
            let last = performance.now();
            const end = last + 4000;
            const tick = () => {
              const now = performance.now();
              window.__held = Math.max(window.__held, now - last);
              last = now;
              if (now < end) setTimeout(tick, 10);
              else window.__done = true;
            };
            setTimeout(tick, 10);
          });
        },
      });
      await page.waitForFunction(() => window.__done, null, { timeout: 60000 });
      runs.push(
        await page.evaluate(() => ({
          lcp: Math.round(window.__lcp),
          headline: Math.round(
            performance.getEntriesByType('paint').find((e) => e.name === 'first-contentful-paint')?.startTime ?? 0,
          ),
          cls: window.__cls,
          held: Math.round(window.__held),
          frames: document.querySelectorAll('.ad-unit__box > iframe').length,
        })),
      );
      await close();
    }
  } finally {
    await site.close();
  }
  const keys = Object.keys(runs[0]);
  return Object.fromEntries(keys.map((key) => [key, median(runs.map((r) => r[key]))]));
}

function lighthouse(dist, tag) {
  return new Promise((resolve, reject) => {
    const child = spawn('node', ['bench/lighthouse.mjs', '/article/1065'], {
      env: { ...process.env, DIST_DIR: dist, LIGHTHOUSE_TAG: tag, LIGHTHOUSE_PRESETS: 'mobile' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let said = '';
    child.stdout.on('data', (chunk) => {
      said += chunk;
    });
    child.on('exit', (code) => (code === 0 ? resolve(said) : reject(new Error(`lighthouse: ${code}`))));
  });
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'ads-bench-'));
const network = await startAdNetwork(work);
const results = {};
try {
  const sites = {
    house: 'dist',
    network: siteWithAds(work, network, 'network', { frameUrl: `${network.origin}/ad-slot.html` }),
  };
  for (const [name, dist] of Object.entries(sites)) {
    results[name] = await measure(dist);
    console.log(`${name.padEnd(8)} ${JSON.stringify(results[name])}`);
  }
  for (const [name, dist] of Object.entries(sites)) {
    const said = await lighthouse(dist, `-ads-${name}`);
    const lhr = JSON.parse(fs.readFileSync(path.join(OUT, `lighthouse-ads-${name}-mobile.json`), 'utf8'));
    results[name].lighthouse = {
      performance: Math.round(lhr.categories.performance.score * 100),
      lcp: lhr.audits['largest-contentful-paint'].displayValue,
      tbt: lhr.audits['total-blocking-time'].displayValue,
      cls: lhr.audits['cumulative-layout-shift'].displayValue,
    };
    console.log(`${name.padEnd(8)} Lighthouse mobile ${JSON.stringify(results[name].lighthouse)}`);
    if (!said) console.log('(lighthouse printed nothing)');
  }
} finally {
  await network.server.close();
  fs.rmSync(work, { recursive: true, force: true });
}
const slot = fs.readFileSync('dist/ad-slot.html');
results.slotDocument = {
  raw: slot.length,
  gzip: zlib.gzipSync(slot, { level: 9 }).length,
  brotli: zlib.brotliCompressSync(slot).length,
};
console.log(`slot document: ${JSON.stringify(results.slotDocument)} bytes`);
fs.mkdirSync(OUT, { recursive: true });
fs.writeFileSync(
  path.join(OUT, 'ads.json'),
  JSON.stringify({ when: new Date().toISOString(), runs: RUNS, results }, null, 2),
);
console.log(`saved ${OUT}/ads.json`);
