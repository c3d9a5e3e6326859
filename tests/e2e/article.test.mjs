// The article page on the built site, served as a static host would, in headless Chromium.
// Served through the shell (as an article not prerendered yet), so the app fetches the article
// and its faults can be tried; tests/e2e/prerender.test.mjs covers the prerendered page.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { startSite } from './browser.mjs';

const ID = '1065';
const article = JSON.parse(fs.readFileSync(`public/api/articles/${ID}.json`, 'utf8'));
const paragraphs = article.body.filter((b) => b.type === 'paragraph').map((b) => b.text);
const ARTICLE_API = `/api/articles/${ID}.json`;

let site;
before(async () => {
  site = await startSite({ prerendered: false });
});
after(async () => {
  await site?.close();
});

test('a deep link to an article shows headline, byline, times and body', async () => {
  const { page, problems, close } = await site.open(`/article/${ID}`);
  await page.locator('h1.article__title').waitFor();
  assert.equal(await page.locator('h1.article__title').textContent(), article.title);
  assert.equal(await page.locator('html').getAttribute('lang'), 'ko');
  assert.equal(await page.locator('.article__section').textContent(), article.section.name);
  assert.deepEqual(await page.locator('.article__subtitles p').allTextContents(), article.subtitles);
  assert.equal(await page.locator('.byline__outlet').textContent(), article.byline.outlet);
  assert.equal(await page.locator('.byline__reporter').textContent(), `${article.byline.reporter} 기자`);
  assert.equal(await page.locator('.byline__email').getAttribute('href'), `mailto:${article.byline.email}`);
  assert.deepEqual(await page.locator('.byline time').allTextContents(), ['2026.11.24 06:30', '2026.11.24 09:15']);
  assert.deepEqual(await page.locator('.article-body > p').allTextContents(), paragraphs);
  assert.equal(await page.locator('.article-body figure img').count(), 1);
  assert.equal(await page.locator('.article__tags li').count(), article.tags.length);
  assert.equal(await page.locator('.related li').count(), article.related.length);
  // Shell from site.json: section menu and footer.
  assert.ok((await page.locator('.section-menu a', { hasText: '경기' }).count()) >= 1);
  await page.locator('.site-footer__copyright').waitFor();
  await page.waitForFunction((title) => document.title === `${title} - 한가람일보`, article.title);
  assert.deepEqual(problems, []);
  await close();
});

test('a missing article shows the Korean not-found page with a way home', async () => {
  const { page, problems, close } = await site.open('/article/999999');
  await page.getByRole('heading', { name: '페이지를 찾을 수 없습니다' }).waitFor();
  await page.getByRole('link', { name: '홈으로 가기' }).click();
  await page.locator('.lead-story').waitFor();
  assert.equal(new URL(page.url()).pathname, '/');
  assert.deepEqual(problems, []);
  await close();
});

test('an unknown address shows the not-found page', async () => {
  const { page, close } = await site.open('/no/such/page');
  await page.getByRole('heading', { name: '페이지를 찾을 수 없습니다' }).waitFor();
  await close();
});

test('an API 500 shows the Korean error, and retry loads the article', async () => {
  await site.server.withFaults({ [ARTICLE_API]: '500' }, async () => {
    const { page, problems, close } = await site.open(`/article/${ID}`);
    const notice = page.locator('.error-notice');
    await notice.waitFor();
    assert.match(await notice.textContent(), /기사: 서버에 문제가 생겨 내용을 불러오지 못했습니다\. \(오류 코드 500\)/);
    // The rest of the page is intact.
    await page.locator('.site-footer__copyright').waitFor();
    site.server.faults.delete(ARTICLE_API);
    await page.getByRole('button', { name: '다시 시도' }).click();
    await page.locator('h1.article__title', { hasText: article.title }).waitFor();
    assert.equal(await page.locator('.error-notice').count(), 0);
    assert.deepEqual(problems, []);
    await close();
  });
});

test('malformed JSON shows the format error, not a broken page', async () => {
  await site.server.withFaults({ [ARTICLE_API]: 'malformed' }, async () => {
    const { page, problems, close } = await site.open(`/article/${ID}`);
    await page.locator('.error-notice', { hasText: '형식이 올바르지 않아' }).waitFor();
    assert.equal(
      await page
        .locator('.error-notice')
        .getAttribute('data-error')
        .then((e) => e.startsWith('malformed JSON: EOF')),
      true,
    );
    assert.deepEqual(problems, []);
    await close();
  });
});

test('a response slower than 10 s times out with the Korean message', async () => {
  await site.server.withFaults({ [ARTICLE_API]: 'slow' }, async () => {
    const { page, problems, close } = await site.open(`/article/${ID}`);
    const started = Date.now();
    await page.locator('.error-notice', { hasText: '서버 응답이 늦어지고 있습니다' }).waitFor({ timeout: 14000 });
    const waited = Date.now() - started;
    assert.ok(waited > 8000, `timed out after only ${waited} ms`);
    assert.deepEqual(problems, []);
    await close();
  });
});

test('moving from the front page to an article does not reload the page', async () => {
  const { page, problems, close } = await site.open('/');
  await page.locator('.lead-story').waitFor();
  await page.evaluate(() => {
    window.__sameDocument = true;
  });
  await page.locator('.lead-story a').click();
  await page.locator('h1.article__title').waitFor();
  assert.match(new URL(page.url()).pathname, /^\/article\/\d+$/);
  assert.equal(await page.evaluate(() => window.__sameDocument), true);
  assert.deepEqual(problems, []);
  await close();
});
