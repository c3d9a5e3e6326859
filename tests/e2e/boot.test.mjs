// The boot shell in index.html: before the wasm has loaded, an article page already shows its
// frame and headline, fetched by a few lines of inline script; the app then takes over that
// same response and the shell goes, with the headline exactly where it was.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { startSite } from './browser.mjs';

const ID = '1065';
const ARTICLE_API = `/api/articles/${ID}.json`;
const article = JSON.parse(fs.readFileSync(`public/api${ARTICLE_API.slice(4)}`, 'utf8'));
const SHARED = ['site', 'weather', 'most-viewed', 'photo-news', 'sns-tv', 'banners'].map((name) => `/api/${name}.json`);

let site;
before(async () => { site = await startSite(); });
after(async () => { await site?.close(); });

/** Opens `path` with the wasm refused, so only index.html and its inline scripts run. */
async function openWithoutWasm(path, options = {}) {
  const opened = await site.open('/robots.txt', { serviceWorkers: 'block', ...options });
  await opened.page.route('**/*.wasm', (route) => route.abort());
  await opened.page.goto(site.server.url + path);
  return opened;
}

for (const width of [390, 800, 1280]) {
  test(`at ${width} px the boot shell shows the headline where the app will draw it`, async () => {
    const boot = await openWithoutWasm(`/article/${ID}`, { width });
    const early = boot.page.locator('.boot h1.article__title');
    await early.waitFor();
    assert.equal(await early.textContent(), article.title);
    assert.equal(await boot.page.locator('.boot .article__section').textContent(), article.section.name);
    assert.equal(await boot.page.locator('.boot .site-header__name').textContent(), '한가람일보');
    const bootBox = await early.boundingBox();
    assert.deepEqual(await boot.cspViolations(), []);
    await boot.close();

    // The app at the moment it takes over: the article is there, the shared data is not yet.
    for (const url of SHARED) site.server.delays.set(url, 2000);
    try {
      const { page, problems, close } = await site.open(`/article/${ID}`, { width, serviceWorkers: 'block' });
      const drawn = page.locator('main h1.article__title');
      await drawn.waitFor();
      const appBox = await drawn.boundingBox();
      assert.ok(Math.abs(appBox.y - bootBox.y) < 0.5 && Math.abs(appBox.x - bootBox.x) < 0.5,
        `boot headline at ${JSON.stringify(bootBox)}, app headline at ${JSON.stringify(appBox)}`);
      assert.equal(await page.locator('.boot').count(), 0);
      // Before site.json, the app names the paper from the same meta tag as the shell.
      assert.equal(await page.locator('.site-header__name').textContent(), '한가람일보');
      assert.deepEqual(problems, []);
      await close();
    } finally {
      for (const url of SHARED) site.server.delays.delete(url);
    }
  });
}

test('the app takes over the early request: the page data is fetched once', async () => {
  for (const [path, ready, api] of [
    [`/article/${ID}`, 'main h1.article__title', ARTICLE_API],
    ['/', '.lead-story', '/api/home.json'],
    ['/section/gyeonggi?page=2', '.section-page .article-list__item', '/api/sections/gyeonggi/2.json'],
  ]) {
    const from = site.server.requests.length;
    const { page, problems, close } = await site.open(path, { serviceWorkers: 'block' });
    await page.locator(ready).first().waitFor();
    assert.equal(await page.locator('.boot').count(), 0, path);
    assert.equal(await page.evaluate(() => window.__newsEarly), undefined, `the app took the request for ${path}`);
    const fetched = site.server.requests.slice(from).filter((p) => p === api);
    assert.equal(fetched.length, 1, path);
    assert.deepEqual(problems, []);
    await close();
  }
});

test('other pages lose the boot shell as soon as the app draws them', async () => {
  for (const [path, ready] of [['/', '.lead-story'], ['/section/gyeonggi', '.section-page'], ['/no/such/page', '.not-found']]) {
    const { page, problems, close } = await site.open(path, { serviceWorkers: 'block' });
    await page.locator(ready).waitFor();
    assert.equal(await page.locator('.boot').count(), 0, path);
    assert.deepEqual(problems, []);
    await close();
  }
});

test('only plain page addresses start an early request', async () => {
  const seen = () => document.addEventListener('DOMContentLoaded', () => { window.__earlyAtLoad = window.__newsEarly?.url ?? null; });
  for (const [path, expected] of [
    [`/article/${ID}`, ARTICLE_API], ['/', '/api/home.json'],
    ['/section/gyeonggi', '/api/sections/gyeonggi/1.json'], ['/section/gyeonggi?page=2', '/api/sections/gyeonggi/2.json'],
    ['/section/gyeonggi?page=02', null], ['/section/gyeonggi?page=-1', null],
    ['/article/..%2Fsite', null], ['/article/%ED%95%9C', null], ['/article/1065/x', null], ['/photo', null],
  ]) {
    const { page, close } = await site.open(path, { serviceWorkers: 'block', init: seen });
    await page.locator('main h1').first().waitFor();
    assert.equal(await page.evaluate(() => window.__earlyAtLoad), expected, path);
    await close();
  }
});

test('a hostile headline in the boot shell is text, never markup', async () => {
  const hostile = {
    ...article,
    title: '<img src=x onerror="window.__xss=1">"><svg onload=alert(1)>',
    section: { slug: 'x', name: '<script>window.__xss=2</script>' },
    subtitles: ['<b>굵게</b>', 42, null],
  };
  site.server.faults.set(ARTICLE_API, (res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(hostile));
  });
  try {
    const { page, close } = await openWithoutWasm(`/article/${ID}`);
    const title = page.locator('.boot h1.article__title');
    await title.waitFor();
    assert.equal(await title.textContent(), hostile.title);
    assert.equal(await page.locator('.boot .article__section').textContent(), hostile.section.name);
    assert.deepEqual(await page.locator('.boot .article__subtitles p').allTextContents(), ['<b>굵게</b>']);
    assert.equal(await page.locator('.boot img, .boot svg, .boot script, .boot b').count(), 0);
    assert.equal(await page.evaluate(() => window.__xss), undefined);
    await close();
  } finally {
    site.server.faults.delete(ARTICLE_API);
  }
});

test('the boot shell cannot be focused or reached by screen readers', async () => {
  const { page, close } = await openWithoutWasm(`/article/${ID}`);
  await page.locator('.boot h1').waitFor();
  assert.equal(await page.locator('.boot').getAttribute('aria-hidden'), 'true');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.closest('.boot') ?? null), null);
  await close();
});

test('without JavaScript the reader gets the Korean message, not an empty frame', async () => {
  const { page, close } = await site.open(`/article/${ID}`, { javaScriptEnabled: false });
  await page.locator('noscript, body').first().waitFor();
  assert.equal(await page.locator('.boot').isVisible(), false);
  assert.match(await page.locator('body').innerText(), /자바스크립트를 켜 주세요/);
  await close();
});
