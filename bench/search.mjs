// The search at scale (scripts/bench --search; not a test). For a built, prerendered and
// indexed site it reports, for the Korean query set (tests/search-queries.json):
// - hits and misses: a query is found when the articles it must find are all among its
//   results (recall, counted through Pagefind's own API with the page's filter) and its first
//   page shows no other article (precision of what a reader sees);
// - the index: its size on disk, and what the first search downloads;
// - the time from pressing Enter to the first result drawn, on the phone profile Lighthouse
//   uses (390 px, CPU 4× slower, 150 ms round trips, 1.6 Mbit/s): the first search of a
//   visit (the index loads) and the ones after it.
//
//   node bench/search.mjs <dist> <out.json> [demo|large]
//
// `large` is a site made by bench/large_api.py: article 100000 + n is a copy of the n % 20-th
// demo article, so a query must find every copy of the demo articles it finds.

import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { startServer } from '../tests/e2e/server.mjs';

const [dist, out, mode = 'demo'] = process.argv.slice(2);
const { queries } = JSON.parse(fs.readFileSync('tests/search-queries.json', 'utf8'));
const demoIds = fs
  .readdirSync('public/api/articles')
  .map((file) => file.replace('.json', ''))
  .sort();
const articleCount = fs.readdirSync(path.join(dist, 'article')).length;
// The articles a query must find, on this site.
const expected = ({ articles }) => {
  if (mode !== 'large') return articles;
  const all = [];
  for (let n = 0; n < articleCount; n += 1) {
    if (articles.includes(demoIds[n % demoIds.length])) all.push(String(100000 + n));
  }
  return all;
};
const relevant = (query) => new Set(expected(query));

function sizeOf(folder) {
  let bytes = 0;
  let files = 0;
  for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) {
      const inner = sizeOf(full);
      bytes += inner.bytes;
      files += inner.files;
    } else {
      bytes += fs.statSync(full).size;
      files += 1;
    }
  }
  return { bytes, files };
}

const server = await startServer({ dist });
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium' });

// Recall, through Pagefind's API with the page's own rule (every word held).
async function recall() {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${server.url}/photo`);
  const found = await page.evaluate(
    async (asked) => {
      // Every shard of the index (scripts/search-index.mjs), the cold ones' hidden pages left out.
      const manifest = await (await fetch('/pagefind/shards.json')).json();
      const hidden = new Set(manifest.hidden);
      const shards = manifest.periods
        .filter((p) => p.path)
        .map((p) => ({ path: p.path, cold: true }))
        .concat(manifest.recent ? [{ path: manifest.recent, cold: false }] : []);
      for (const shard of shards) {
        shard.pagefind = await import(`${shard.path}pagefind.js`);
        await shard.pagefind.init();
      }
      const all = [];
      for (const query of asked) {
        const words = query.toLowerCase().split(/\s+/).filter(Boolean);
        const ids = [];
        let raw = 0;
        for (const shard of shards) {
          // As the page asks (src/api/search.rs): each word's end of range loaded first.
          await shard.pagefind.preload([...words, ...words.map((word) => `${word}\u{10FFFF}`)].join(' '));
          const search = await shard.pagefind.search(query);
          raw += search.results.length;
          for (let i = 0; i < search.results.length; i += 50) {
            // A page taken down has no fragment any more (the page skips it the same way).
            const batch = await Promise.all(search.results.slice(i, i + 50).map((r) => r.data().catch(() => null)));
            for (const data of batch) {
              if (!data) continue;
              const url = data.url.replace(/\.html$/, '');
              if (shard.cold && hidden.has(url)) continue;
              const text = `${data.meta?.title ?? ''} ${data.content ?? ''}`.toLowerCase();
              if (words.every((word) => text.includes(word))) ids.push(url.replace(/^\/article\//, ''));
            }
          }
        }
        all.push({ raw, ids });
      }
      return all;
    },
    queries.map(({ query }) => stems(query)),
  );
  await context.close();
  return found;
}

// The words the page asks the index for (src/format.rs, index_query), with the particles the
// Rust tests keep in tests/js/rust-side.json.
const PARTICLES = JSON.parse(fs.readFileSync('tests/js/rust-side.json', 'utf8')).search_particles;
function stems(query) {
  return query
    .split(/\s+/)
    .filter(Boolean)
    .map((word) => {
      for (const particle of PARTICLES) {
        if (word.endsWith(particle) && [...word.slice(0, -particle.length)].length >= 2)
          return word.slice(0, -particle.length);
      }
      return word;
    })
    .join(' ');
}

// Typing to results on the phone profile, through the page itself.
async function timings() {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, serviceWorkers: 'block' });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await page.goto(`${server.url}/photo`);
  await page.locator('.photo-grid').waitFor();
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 150,
    downloadThroughput: (1.6 * 1024 * 1024) / 8,
    uploadThroughput: (750 * 1024) / 8,
  });
  const rows = [];
  for (const [i, query] of queries.entries()) {
    if (i === 0) {
      await page.locator('.header-search__toggle').click();
      await page.locator('#header-search-query').fill(query.query);
    } else {
      await page.locator('#search-page-query').fill(query.query);
    }
    const field = i === 0 ? '#header-search-query' : '#search-page-query';
    const started = Date.now();
    await page.locator(field).press('Enter');
    await page.waitForFunction(
      (asked) =>
        new URL(location.href).searchParams.get('q') === asked &&
        document.querySelector('.search-results__item, .search-page__empty, .search-page .error-notice'),
      query.query,
      { timeout: 60000, polling: 16 },
    );
    const ms = Date.now() - started;
    const shown = await page
      .locator('.search-results__title')
      .evaluateAll((all) => all.map((a) => a.pathname.replace('/article/', '')));
    rows.push({ query: query.query, ms, shown });
  }
  const downloaded = await page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .filter((entry) => entry.name.includes('/pagefind/'))
      .reduce((sum, entry) => sum + entry.transferSize, 0),
  );
  await context.close();
  return { rows, downloaded };
}

const found = await recall();
const { rows, downloaded } = await timings();
const report = queries.map((query, i) => {
  const want = relevant(query);
  const got = new Set(found[i].ids);
  const missing = [...want].filter((id) => !got.has(id)).length;
  const wrongShown = rows[i].shown.filter((id) => !want.has(id)).length;
  return {
    query: query.query,
    relevant: want.size,
    found: got.size - [...got].filter((id) => !want.has(id)).length,
    missing,
    extra: [...got].filter((id) => !want.has(id)).length,
    pagefind_raw: found[i].raw,
    shown: rows[i].shown.length,
    wrong_shown: wrongShown,
    hit: missing === 0 && wrongShown === 0,
    ms: rows[i].ms,
  };
});
const later = rows
  .slice(1)
  .map((row) => row.ms)
  .sort((a, b) => a - b);
const summary = {
  site: mode,
  articles: articleCount,
  queries: queries.length,
  hits: report.filter((row) => row.hit).length,
  index: sizeOf(path.join(dist, 'pagefind')),
  first_search_downloaded_bytes: downloaded,
  first_search_ms: rows[0].ms,
  later_search_median_ms: later[Math.floor(later.length / 2)],
  later_search_max_ms: later.at(-1),
};
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, JSON.stringify({ summary, report }, null, 1));
for (const row of report.filter((r) => !r.hit)) console.log(`  missed ${row.query}: ${JSON.stringify(row)}`);
console.log(JSON.stringify(summary));
await browser.close();
await server.close();
