// The shell (shell.html, made by scripts/prerender from the app's own components): what an
// address that has no prerendered page gets, such as an article published after the last
// run. It shows the page's frame (header, menu, the article's loading shape) before the wasm
// has loaded, fetches the page's JSON beside the wasm, and the app takes over that response.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startSite } from './browser.mjs';

const ID = '1065';
const ARTICLE_API = `/api/articles/${ID}.json`;

let site;
before(async () => { site = await startSite({ prerendered: false }); });
after(async () => { await site?.close(); });

test('before the wasm, the shell shows the frame and a working menu', async () => {
  const { page, problems, cspViolations, close } = await site.open('/robots.txt', { serviceWorkers: 'block' });
  await page.route('**/*.wasm', (route) => route.abort());
  await page.goto(`${site.server.url}/article/${ID}`);
  const shell = page.locator('#prerendered');
  assert.equal(await shell.locator('.site-header__name').textContent(), '한가람일보');
  assert.ok(await shell.locator('.article--loading').isVisible());
  assert.ok((await shell.locator('.section-menu__list a[href^="/section/"]').count()) >= 5);
  // Nothing of any one page is baked into the shell.
  assert.equal(await shell.locator('h1').count(), 0);
  assert.equal(await page.locator('meta[property="og:title"]').count(), 0);
  assert.deepEqual(await cspViolations(), []);
  // Only the refused wasm fails.
  assert.deepEqual(problems.filter((p) => !p.includes('Failed to fetch')), []);
  await close();
});

test('the app takes over the early request: the page data is fetched once', async () => {
  for (const [path, ready, api] of [
    [`/article/${ID}`, 'main h1.article__title', ARTICLE_API],
    ['/', '.lead-story', '/api/home.json'],
    ['/section/gyeonggi?page=2', '.section-page .article-list__item', '/api/sections/gyeonggi/2.json'],
  ]) {
    const from = site.server.requests.length;
    const { page, problems, close } = await site.open(path, { serviceWorkers: 'block' });
    await page.locator(ready).first().waitFor();
    assert.equal(await page.locator('#prerendered').count(), 0, path);
    assert.equal(await page.evaluate(() => window.__newsEarly), undefined, `the app took the request for ${path}`);
    const fetched = site.server.requests.slice(from).filter((p) => p === api);
    assert.equal(fetched.length, 1, path);
    assert.deepEqual(problems, []);
    await close();
  }
});

test('the shell goes as soon as the app draws the page', async () => {
  for (const [path, ready] of [['/', '.lead-story'], ['/section/gyeonggi', '.section-page'], ['/no/such/page', '.not-found']]) {
    const { page, problems, close } = await site.open(path, { serviceWorkers: 'block' });
    await page.locator(ready).waitFor();
    assert.equal(await page.locator('#prerendered').count(), 0, path);
    assert.deepEqual(problems, []);
    await close();
  }
});

test('only plain page addresses start an early request', async () => {
  const seen = () => document.addEventListener('DOMContentLoaded', () => { window.__earlyAtLoad = window.__newsEarly?.url ?? null; });
  for (const [path, expected] of [
    [`/article/${ID}`, ARTICLE_API], ['/', '/api/home.json'],
    ['/section/gyeonggi', '/api/sections/gyeonggi/1.json'], ['/section/gyeonggi?page=2', '/api/sections/gyeonggi/2.json'],
    ['/section/gyeonggi/2', '/api/sections/gyeonggi/2.json'], ['/section/gyeonggi/02', null],
    ['/section/gyeonggi?page=02', null], ['/section/gyeonggi?page=-1', null],
    ['/article/..%2Fsite', null], ['/article/%ED%95%9C', null], ['/article/1065/x', null], ['/photo', null],
  ]) {
    const { page, close } = await site.open(path, { serviceWorkers: 'block', init: seen });
    await page.locator('main h1').first().waitFor();
    assert.equal(await page.evaluate(() => window.__earlyAtLoad), expected, path);
    await close();
  }
});
