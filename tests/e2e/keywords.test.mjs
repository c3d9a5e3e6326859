// Keyword pages (키워드 관련기사): an article's tags link to /tag/{keyword}, which lists that
// keyword's articles, newest first, with pages; prerendered, so they read with no script.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { startSite } from './browser.mjs';
import { answerJson } from './server.mjs';

const api = (file) => JSON.parse(fs.readFileSync(`public/api/${file}`, 'utf8'));
const tagPath = (keyword, page = 1) => `/tag/${encodeURIComponent(keyword)}${page > 1 ? `/${page}` : ''}`;

let site;
before(async () => {
  site = await startSite();
});
after(async () => {
  await site?.close();
});

test("an article's tags lead, by keyboard, to the keyword's articles, newest first", async () => {
  const article = api('articles/1055.json');
  const listing = api('tags/수도권 교통/1.json');
  const { page, problems, cspViolations, close } = await site.open('/article/1055');
  const tags = page.getByRole('list', { name: '태그' });
  assert.deepEqual(
    await tags.getByRole('link').allTextContents(),
    article.tags.map((tag) => `#${tag}`),
  );
  const link = tags.getByRole('link', { name: '#수도권 교통' });
  assert.equal(await link.getAttribute('href'), tagPath('수도권 교통'));
  await link.focus();
  await page.keyboard.press('Enter');
  await page.waitForURL((url) => url.pathname === tagPath('수도권 교통'));
  const heading = page.getByRole('heading', { level: 1 });
  await heading.filter({ hasText: '#수도권 교통' }).waitFor();
  assert.equal(await page.title(), '#수도권 교통 관련 기사 - 한가람일보');
  const titles = await page.locator('.article-list__title').allTextContents();
  assert.deepEqual(
    titles,
    listing.articles.map((summary) => summary.title),
  );
  assert.ok(titles.includes(article.title));
  // Back returns to the article.
  await page.goBack();
  await page.locator('h1.article__title', { hasText: article.title }).waitFor();
  assert.deepEqual(problems, []);
  assert.deepEqual(await cspViolations(), []);
  await close();
});

test('a keyword with more articles than a page has pages, and the prerendered ones read with no script', async () => {
  const second = api('tags/지역경제/2.json');
  assert.equal(second.total_pages, 2);
  const { page, problems, close } = await site.open(tagPath('지역경제'), { width: 1280, height: 900 });
  const pages = page.getByRole('navigation', { name: '페이지' });
  await pages.getByRole('link', { name: '2' }).click();
  await page.waitForURL((url) => url.pathname === tagPath('지역경제', 2));
  await page.locator('.article-list__title', { hasText: second.articles[0].title }).waitFor();
  assert.equal(await page.title(), '#지역경제 관련 기사 (2쪽) - 한가람일보');
  assert.equal(await pages.locator('[aria-current="page"]').textContent(), '2');
  assert.deepEqual(problems, []);
  await close();

  const plain = await site.open(tagPath('지역경제', 2), { javaScriptEnabled: false });
  assert.equal(await plain.page.locator('#prerendered h1').textContent(), '#지역경제');
  assert.deepEqual(
    await plain.page.locator('#prerendered .article-list__title').allTextContents(),
    second.articles.map((summary) => summary.title),
  );
  assert.equal(
    await plain.page.locator('link[rel="canonical"]').getAttribute('href'),
    `${new URL(await plain.page.locator('meta[property="og:url"]').getAttribute('content')).origin}${tagPath('지역경제', 2)}`,
  );
  await plain.close();
});

test('a keyword without a list offers its search; a page past the last is not found; a failure can be retried', async () => {
  // A CMS without the extension answers 404: the page says so and offers the search.
  const none = await site.open(tagPath('없는 키워드'));
  await none.page.getByText('이 키워드의 기사 목록이 없습니다.').waitFor();
  const search = none.page.getByRole('link', { name: '‘없는 키워드’ 검색 결과 보기' });
  assert.equal(await search.getAttribute('href'), `/search?q=${encodeURIComponent('없는 키워드')}`);
  await none.close();

  const past = await site.open(tagPath('지역경제', 3));
  await past.page.getByRole('heading', { name: '페이지를 찾을 수 없습니다' }).waitFor();
  await past.close();

  // (A keyword that was not prerendered: its list is fetched.)
  await site.server.withFaults({ '/api/tags/새 키워드/1.json': '500' }, async () => {
    const failing = await site.open(tagPath('새 키워드'));
    await failing.page.getByRole('button', { name: '다시 시도' }).waitFor();
    assert.match(await failing.page.locator('.error-notice').textContent(), /기사 목록/);
    await failing.close();
  });
});

test('hostile keywords stay text and inside the API folder', async () => {
  const article = api('articles/1065.json');
  const hostile = ['<img src=x onerror="window.__pwned=1">', '../../site', 'a/b', '50% 할인?#x'];
  await site.server.withFaults(
    { '/api/articles/9996.json': answerJson({ ...article, id: '9996', tags: hostile }) },
    async () => {
      const { page, problems, close } = await site.open('/article/9996');
      const links = page.getByRole('list', { name: '태그' }).getByRole('link');
      assert.deepEqual(
        await links.allTextContents(),
        hostile.map((tag) => `#${tag}`),
      );
      assert.deepEqual(
        await links.evaluateAll((all) => all.map((a) => a.getAttribute('href'))),
        hostile.map((tag) => tagPath(tag)),
      );
      for (const [index, tag] of hostile.entries()) {
        const before = site.server.requests.length;
        await links.nth(index).click();
        await page
          .getByRole('heading', { level: 1 })
          .filter({ hasText: `#${tag}` })
          .or(page.getByRole('heading', { name: '페이지를 찾을 수 없습니다' }))
          .waitFor();
        const asked = site.server.requests.slice(before).filter((path) => path.startsWith('/api/'));
        for (const path of asked) assert.ok(!path.includes('site.json') || path === '/api/site.json', path);
        assert.ok(
          asked.every((path) => !path.startsWith('/api/tags/') || path.split('/').length === 5),
          asked.join(),
        );
        await page.goBack();
        await links.first().waitFor();
      }
      assert.equal(await page.evaluate(() => window.__pwned), undefined);
      assert.deepEqual(problems, []);
      await close();
    },
  );
});
