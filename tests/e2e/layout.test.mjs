// No layout jumps: whatever order the page's data and the shared widgets arrive in, the
// page's Cumulative Layout Shift stays within the 0.01 budget, on a phone, a tablet and a desktop.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { layoutShift, recordShifts, startSite } from './browser.mjs';

const SHARED = ['site', 'weather', 'most-viewed', 'photo-news', 'sns-tv', 'banners'].map((name) => `/api/${name}.json`);
const PAGES = {
  '/': { data: '/api/home.json', ready: '.lead-story' },
  '/article/1065': { data: '/api/articles/1065.json', ready: 'h1.article__title' },
  '/section/gyeonggi': { data: '/api/sections/gyeonggi/1.json', ready: '.section-page .article-list' },
  '/policy/privacy': { data: '/api/policies/privacy.json', ready: '.policy .article-body' },
  '/reporter/seoyeon-kim': { data: '/api/reporters/seoyeon-kim/1.json', ready: '.reporter-page .article-list' },
  [`/tag/${encodeURIComponent('지역경제')}`]: {
    data: '/api/tags/지역경제/1.json',
    ready: '.section-page .article-list',
  },
};
const LATE = 700; // ms: long enough that the other half has settled before this half arrives

let site;
before(async () => {
  site = await startSite({ prerendered: false });
});
after(async () => {
  await site?.close();
});

for (const [path, { data, ready }] of Object.entries(PAGES)) {
  for (const late of ['page data', 'widgets']) {
    for (const width of [390, 800, 1280]) {
      test(`${path} at ${width} px, ${late} arriving last: CLS ≤ 0.01`, async () => {
        const slow = late === 'page data' ? [data] : SHARED;
        for (const url of slow) site.server.delays.set(url, LATE);
        try {
          const { page, problems, close } = await site.open(path, {
            width,
            height: 900,
            serviceWorkers: 'block',
            init: recordShifts,
          });
          await page.locator(ready).first().waitFor();
          await page.locator('.ranked__item a').first().waitFor();
          await page.waitForTimeout(500); // images decode, late shifts are reported
          const { cls, shifts } = await layoutShift(page);
          assert.ok(cls <= 0.01, `CLS ${cls.toFixed(4)}: ${JSON.stringify(shifts)}`);
          assert.deepEqual(problems, []);
          await close();
        } finally {
          for (const url of slow) site.server.delays.delete(url);
        }
      });
    }
  }
}
