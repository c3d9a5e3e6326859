// Every API endpoint failing in every way, one at a time: the part that needs it says so in
// Korean (or, for banners, disappears) and retries; the rest of the page is untouched.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { startSite } from './browser.mjs';

const ID = '1065';
const ARTICLE = `/api/articles/${ID}.json`;
const article = JSON.parse(fs.readFileSync(`public/api/articles/${ID}.json`, 'utf8'));

// Which part shows the failure of which endpoint, by the label its notice starts with.
const PARTS = {
  [ARTICLE]: '기사',
  '/api/site.json': '메뉴',
  '/api/weather.json': '날씨',
  '/api/most-viewed.json': '많이 본 뉴스',
  '/api/photo-news.json': '포토뉴스',
  '/api/sns-tv.json': 'SNS TV',
  '/api/banners.json': null, // an ad slot that fails simply takes no space
};
const FAULTS = {
  404: '요청하신 내용을 찾을 수 없습니다.',
  500: '오류 코드 500',
  503: '오류 코드 503',
  malformed: '형식이 올바르지 않아',
  empty: '형식이 올바르지 않아',
  'wrong-shape': '형식이 올바르지 않아',
  html: '형식이 올바르지 않아',
  drop: '네트워크에 연결할 수 없습니다',
};

let site;
before(async () => {
  site = await startSite({ prerendered: false });
});
after(async () => {
  await site?.close();
});

async function articleIsReadable(page) {
  await page.locator('h1.article__title', { hasText: article.title }).waitFor();
  assert.equal(
    await page.locator('.article-body > p').count(),
    article.body.filter((b) => b.type === 'paragraph').length,
  );
}

for (const [endpoint, label] of Object.entries(PARTS)) {
  for (const [fault, message] of Object.entries(FAULTS)) {
    test(`${endpoint} answering ${fault}`, async () => {
      await site.server.withFaults({ [endpoint]: fault }, async () => {
        const { page, problems, close } = await site.open(`/article/${ID}`, { width: 1280, height: 900 });
        if (endpoint === ARTICLE && fault === '404') {
          await page.getByRole('heading', { name: '페이지를 찾을 수 없습니다' }).waitFor();
        } else if (label === null) {
          await articleIsReadable(page);
          await page.waitForFunction(() => !document.querySelector('.banner-slot--pending'));
          const banners = await page.locator('.banner-slot').count();
          // Wrong-shape JSON reads as a banner list with no slots: also nothing to show.
          assert.equal(banners, 0);
        } else {
          const notice = page.locator('.error-notice', { hasText: `${label}: ` });
          await notice.waitFor();
          assert.match(await notice.textContent(), new RegExp(message.replace(/[.()]/g, '\\$&')));
          assert.equal(await page.locator('.error-notice').count(), 1, 'only the failing part complains');
          if (endpoint !== ARTICLE) await articleIsReadable(page);
          site.server.faults.delete(endpoint);
          await notice.getByRole('button', { name: '다시 시도' }).click();
          await page.waitForFunction(() => !document.querySelector('.error-notice'));
          if (endpoint === ARTICLE) await articleIsReadable(page);
        }
        assert.deepEqual(problems, []);
        await close();
      });
    });
  }
}

test('every widget endpoint past the 10 s timeout at once: the article is untouched', async () => {
  const widgets = Object.keys(PARTS).filter((p) => p !== ARTICLE);
  const slow = Object.fromEntries(widgets.map((endpoint) => [endpoint, 'slow']));
  await site.server.withFaults(slow, async () => {
    const { page, problems, close } = await site.open(`/article/${ID}`, { width: 1280, height: 900 });
    await articleIsReadable(page);
    // Loading placeholders hold the space meanwhile; then each part says it timed out.
    await page.waitForFunction(() => document.querySelectorAll('.error-notice').length === 5, null, { timeout: 14000 });
    const notices = await page.locator('.error-notice__message').allTextContents();
    for (const label of ['메뉴', '날씨', '많이 본 뉴스', '포토뉴스', 'SNS TV']) {
      assert.ok(
        notices.includes(`${label}: 서버 응답이 늦어지고 있습니다. 잠시 후 다시 시도해 주세요.`),
        notices.join(' / '),
      );
    }
    assert.equal(await page.locator('.banner-slot').count(), 0);
    assert.deepEqual(problems, []);
    await close();
  });
});
