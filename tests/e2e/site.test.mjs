// The whole site as a reader moves around it: in-app navigation without reloads, back and
// forward, focus and scroll, deep links on a cold load, legacy links and page metadata.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { startSite } from './browser.mjs';

const json = (path) => JSON.parse(fs.readFileSync(`public/api/${path}`, 'utf8'));
const pageTwo = json('sections/gyeonggi/2.json');

let site;
before(async () => {
  site = await startSite();
});
after(async () => {
  await site?.close();
});

const heading = (page) => page.locator('#main h1').first().textContent();
const path = (page) => {
  const url = new URL(page.url());
  return url.pathname + url.search;
};

test('front page → section → page 2 → article → related → back twice, with no reload', async () => {
  const { page, problems, close } = await site.open('/', { width: 1280, height: 900 });
  await page.locator('.lead-story').waitFor();
  await page.evaluate(() => {
    window.__noReload = 'still here';
  });

  await page.locator('.section-menu a', { hasText: '경기' }).click();
  await page.waitForURL('**/section/gyeonggi');
  await page.locator('#main h1', { hasText: '경기' }).waitFor();
  assert.equal(await page.locator('.section-menu a[aria-current=page]').textContent(), '경기');

  await page.locator('.pagination a', { hasText: '2' }).click();
  await page.waitForURL('**/section/gyeonggi/2');
  await page.locator('.pagination a[aria-current=page]', { hasText: '2' }).waitFor();
  assert.deepEqual(
    await page.locator('.section-page .article-list__title').allTextContents(),
    pageTwo.articles.map((a) => a.title),
  );

  const first = pageTwo.articles[0];
  await page.locator('.section-page .article-list__item a').first().click();
  await page.waitForURL(`**/article/${first.id}`);
  await page.locator('h1.article__title', { hasText: first.title }).waitFor();
  await page.waitForFunction(() => document.activeElement?.tagName === 'H1');

  const related = json(`articles/${first.id}.json`).related[0];
  await page.locator('.related a').first().click();
  await page.waitForURL(`**/article/${related.id}`);
  await page.locator('h1.article__title', { hasText: related.title }).waitFor();

  await page.goBack();
  await page.waitForURL(`**/article/${first.id}`);
  await page.locator('h1.article__title', { hasText: first.title }).waitFor();
  await page.goBack();
  await page.waitForURL('**/section/gyeonggi/2');
  await page.locator('.pagination a[aria-current=page]', { hasText: '2' }).waitFor();
  assert.equal(await heading(page), '경기');
  await page.goForward();
  await page.locator('h1.article__title', { hasText: first.title }).waitFor();

  assert.equal(await page.evaluate(() => window.__noReload), 'still here');
  assert.deepEqual(problems, []);
  await close();
});

test('back returns to where the reader had scrolled', async () => {
  const { page, close } = await site.open('/article/1065', { width: 390, height: 700 });
  await page.locator('.related a').first().waitFor();
  await page.locator('.related').scrollIntoViewIfNeeded();
  await page.waitForTimeout(200);
  const y = await page.evaluate(() => window.scrollY);
  assert.ok(y > 1000, `scrolled to ${y}`);
  await page.locator('.related a').first().click();
  await page.waitForURL((url) => url.pathname !== '/article/1065');
  await page.locator('h1.article__title').waitFor();
  await page.waitForFunction(() => window.scrollY < 10);
  await page.goBack();
  await page.waitForURL('**/article/1065');
  await page.waitForFunction((y) => Math.abs(window.scrollY - y) < 40, y, { timeout: 5000 });
  await close();
});

test('deep links work on a cold load', async () => {
  for (const [address, expected] of [
    ['/section/gyeonggi?page=2', '경기'],
    ['/article/1059', json('articles/1059.json').title],
    ['/photo', '포토뉴스'],
    ['/tv', 'SNS TV'],
  ]) {
    const { page, problems, close } = await site.open(address);
    await page.locator('#main h1', { hasText: expected }).waitFor();
    assert.equal(path(page), address);
    assert.deepEqual(problems, []);
    await close();
  }
});

test('a page past the last, or an unknown section, is not found', async () => {
  for (const address of ['/section/gyeonggi?page=9', '/section/no-such-section']) {
    const { page, close } = await site.open(address);
    await page.getByRole('heading', { name: '페이지를 찾을 수 없습니다' }).waitFor();
    await close();
  }
});

test('legacy CMS links lead to the article', async () => {
  const { page, close } = await site.open('/news/articleView.html?idxno=1065');
  await page.waitForURL('**/article/1065');
  await page.locator('h1.article__title', { hasText: json('articles/1065.json').title }).waitFor();
  const legacy = await site.open('/news/articleView.html?idxno=abc');
  await legacy.page.getByRole('heading', { name: '페이지를 찾을 수 없습니다' }).waitFor();
  await legacy.close();
  await close();
});

test('old WordPress links lead on any host: /?p=N to the article, /category/slug/ to the section', async () => {
  const { page, problems, close } = await site.open('/?p=1065');
  await page.waitForURL('**/article/1065');
  await page.locator('h1.article__title', { hasText: json('articles/1065.json').title }).waitFor();
  assert.deepEqual(problems, []);
  await close();
  const category = await site.open('/category/incheon/');
  await category.page.waitForURL((url) => url.pathname === '/section/incheon');
  await category.page.locator('.section-page .article-list').waitFor();
  await category.close();
  // Anything else stays where it is: the front page for a p that is no id.
  const front = await site.open('/?p=..%2Fsite');
  await front.page.locator('.lead-story').waitFor();
  assert.equal(new URL(front.page.url()).pathname, '/');
  await front.close();
});

test('an article carries title, description, canonical, Open Graph, Twitter and JSON-LD', async () => {
  const article = json('articles/1065.json');
  const { page, close } = await site.open('/article/1065');
  await page.locator('h1.article__title').waitFor();
  await page.waitForFunction((t) => document.title === `${t} - 한가람일보`, article.title);
  const meta = (selector) => page.locator(selector).first().getAttribute('content');
  assert.equal(await meta('meta[property="og:title"]'), article.title);
  assert.equal(await meta('meta[name="twitter:title"]'), article.title);
  assert.equal(await meta('meta[name="description"]'), article.subtitles[0]);
  assert.equal(await meta('meta[property="og:type"]'), 'article');
  assert.equal(await meta('meta[name="twitter:card"]'), 'summary_large_image');
  assert.match(
    await meta('meta[property="og:image"]'),
    /^http:\/\/127\.0\.0\.1:\d+\/img\/photo\/incheon-bridge-1200\.webp$/,
  );
  // The site's address as the build set it (index.html's site-url), else the page's own.
  const origin = (await page.locator('meta[name="site-url"]').getAttribute('content')) || site.server.url;
  assert.equal(await page.locator('link[rel=canonical]').getAttribute('href'), `${origin}/article/1065`);
  const ld = JSON.parse(await page.locator('script[type="application/ld+json"]').textContent())['@graph'][0];
  assert.equal(ld['@type'], 'NewsArticle');
  assert.equal(ld.headline, article.title);
  assert.equal(ld.datePublished, article.published_at);
  assert.equal(ld.dateModified, article.updated_at);
  assert.equal(ld.articleSection, article.section.name);
  assert.equal(ld.author[0].name, article.byline.reporter);
  // Moving on replaces the tags rather than piling them up.
  await page.locator('.related a').first().click();
  await page.waitForURL((url) => url.pathname !== '/article/1065');
  await page.waitForFunction(
    () =>
      document.querySelectorAll('script[type="application/ld+json"]').length === 1 &&
      document.querySelectorAll('link[rel=canonical]').length === 1 &&
      !document.querySelector('link[rel=canonical]').href.endsWith('/article/1065'),
  );
  await close();
});

test('on a phone the section menu folds behind an accessible button', async () => {
  const { page, close } = await site.open('/article/1065', { width: 390, height: 844 });
  const toggle = page.getByRole('button', { name: '전체 메뉴' });
  await toggle.waitFor();
  await page.locator('.section-menu a', { hasText: '경제' }).waitFor({ state: 'attached' });
  assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
  assert.equal(await page.locator('.section-menu a', { hasText: '경제' }).isVisible(), false);
  await toggle.focus();
  await page.keyboard.press('Enter');
  assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
  await page.locator('.section-menu a', { hasText: '경제' }).click();
  await page.waitForURL('**/section/economy');
  await page.waitForFunction(
    () => document.querySelector('.section-menu__toggle').getAttribute('aria-expanded') === 'false',
  );
  await close();
});

test('the skip link moves focus to the main content', async () => {
  const { page, close } = await site.open('/article/1065', { width: 1280, height: 900 });
  await page.locator('h1.article__title').waitFor();
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), '본문 바로가기');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'main');
  assert.equal(path(page), '/article/1065');
  await close();
});

test('crawlers find a robots.txt that lets them in, not the app shell', async () => {
  const response = await fetch(`${site.server.url}/robots.txt`);
  assert.equal(response.status, 200);
  assert.match(response.headers.get('content-type'), /^text\/plain/);
  const text = await response.text();
  assert.match(text, /^User-agent: \*$/m);
  assert.doesNotMatch(text, /<html|Disallow: \/\s*$/im);
});

test('the menu marks the section of the article being read, and the section page itself', async () => {
  const { page, problems, close } = await site.open('/article/1065', { width: 1280, height: 900 });
  await page.locator('h1.article__title').waitFor();
  const marked = page.locator('.section-menu a[aria-current]');
  await page.locator('.section-menu a[aria-current="true"]').waitFor();
  assert.deepEqual(await marked.allTextContents(), ['인천']);

  await page.locator('.section-menu a', { hasText: '경기' }).click();
  await page.waitForURL('**/section/gyeonggi');
  await page.locator('.section-menu a[aria-current="page"]', { hasText: '경기' }).waitFor();
  assert.deepEqual(await marked.allTextContents(), ['경기']);

  await page.goBack();
  await page.locator('h1.article__title').waitFor();
  await page.locator('.section-menu a[aria-current="true"]', { hasText: '인천' }).waitFor();
  await page.locator('.site-header__brand').click();
  await page.locator('.lead-story').waitFor();
  assert.deepEqual(await marked.allTextContents(), ['홈']);
  assert.deepEqual(problems, []);
  await close();
});
