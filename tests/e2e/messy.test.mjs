// Real CMS data, messier than the contract (docs/api-extensions.md, "Tolerant reading"): the
// seed's article as a Korean CMS exports it (a numeric id, no byline, times without offset,
// an image without size, empty strings) shows with everything that could be read, its times
// in KST, no page error, and no layout shift while its unsized photo arrives.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { layoutShift, recordShifts, startSite } from './browser.mjs';
import { answerJson } from './server.mjs';

const messy = JSON.parse(fs.readFileSync('tests/fixtures/messy-article.json', 'utf8'));
const PHOTO = messy.body.find((block) => block.type === 'image').image.src;

let site;
before(async () => {
  // The shell for every address: the app reads the article itself, as for one published
  // after the last prerender run.
  site = await startSite({ prerendered: false });
});
after(async () => {
  await site?.close();
});

for (const width of [390, 1280]) {
  test(`the messy article reads whole at ${width} px, dates in KST, CLS ≤ 0.01`, async () => {
    await site.server.withFaults({ '/api/articles/8.json': answerJson(messy) }, async () => {
      site.server.delays.set(PHOTO, 700); // the unsized photo arrives after the text
      try {
        const { page, problems, close } = await site.open('/article/8', {
          width,
          height: 900,
          serviceWorkers: 'block',
          init: recordShifts,
        });
        await page.locator('h1.article__title', { hasText: messy.title }).waitFor();
        assert.deepEqual(await page.locator('.article__subtitles p').allTextContents(), [
          '시·연구기관·기업 30여 곳 참여',
          '2026',
        ]);
        // No byline (a press release); the times without offset are KST.
        assert.equal(await page.locator('.byline__who').count(), 0);
        const times = page.locator('.byline__time time');
        assert.deepEqual(await times.evaluateAll((all) => all.map((t) => [t.dateTime, t.textContent])), [
          ['2025-10-27T10:00:00+09:00', '2025.10.27 10:00'],
          ['2025-10-27T15:30:00+09:00', '2025.10.27 15:30'],
        ]);
        // Every block that holds something; the empty paragraph and list item are not drawn.
        assert.equal(await page.locator('.article-body > p').count(), 3);
        assert.deepEqual(await page.locator('.article-body li').allTextContents(), [
          '1단계: 기업 수요 조사',
          '2단계: 부지 검토',
        ]);
        assert.equal(await page.locator('.article-body cite').count(), 0);
        assert.deepEqual(await page.locator('.article__tags li').allTextContents(), ['#고양', '#바이오']);
        // The photo without a size has its 3:2 box before it arrives.
        const photo = page.locator('.article-body__photo img');
        assert.equal(await photo.getAttribute('class'), 'picture--unsized');
        const box = await photo.boundingBox();
        assert.ok(Math.abs(box.height - (box.width * 2) / 3) < 2, JSON.stringify(box));
        await page.waitForFunction(() => document.querySelector('.article-body__photo img').complete);
        await page.locator('.ranked__item a').first().waitFor();
        await page.waitForTimeout(300);
        // The related entry with a numeric id links; the one with a blank id is left out.
        assert.deepEqual(await page.locator('.related a').evaluateAll((all) => all.map((a) => a.pathname)), [
          '/article/1065',
        ]);
        assert.equal(await page.locator('.error-notice').count(), 0);
        const { cls } = await layoutShift(page);
        assert.ok(cls <= 0.01, `CLS ${cls.toFixed(4)}`);
        assert.deepEqual(problems, []);
        await close();
      } finally {
        site.server.delays.delete(PHOTO);
      }
    });
  });
}
