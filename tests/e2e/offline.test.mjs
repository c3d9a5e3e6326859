// Reading offline: an article opened once opens again with no network at all (the browser
// offline and the server gone), with a Korean notice; the manifest makes the site installable.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { startSite } from './browser.mjs';

const ID = '1065';
const article = JSON.parse(fs.readFileSync(`public/api/articles/${ID}.json`, 'utf8'));

let site;
before(async () => {
  site = await startSite();
});
after(async () => {
  await site?.close();
});

test('the web app manifest names the paper and its icons', async () => {
  const manifest = JSON.parse(fs.readFileSync('dist/manifest.webmanifest', 'utf8'));
  assert.equal(manifest.name, '한가람일보');
  assert.equal(manifest.lang, 'ko');
  assert.equal(manifest.start_url, '/');
  for (const icon of manifest.icons) assert.ok(fs.existsSync(`dist${icon.src}`), icon.src);
  assert.ok(manifest.icons.some((icon) => icon.sizes === '512x512'));
  assert.match(fs.readFileSync('dist/index.html', 'utf8'), /<link[^>]+rel=["]?manifest/);
});

test('an article read once opens again offline, with a notice', { timeout: 60000 }, async () => {
  // The worker says when it has kept what this first visit loaded before it took over.
  const listen = () => {
    navigator.serviceWorker.addEventListener('message', (event) => {
      if (event.data?.type === 'kept') window.__offlineReady = true;
    });
    navigator.serviceWorker.startMessages();
  };
  const from = site.server.requests.length;
  const { page, problems, close } = await site.open(`/article/${ID}`, { width: 390, height: 844, init: listen });
  await page.locator('h1.article__title').waitFor();
  assert.equal(await page.locator('.offline-notice').count(), 0);
  // The worker takes over and keeps what this first visit loaded.
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.waitForFunction(() => window.__offlineReady === true, null, { timeout: 15000 });
  // The prerendered page holds the article and the site's menu; the widgets come from the API.
  const kept = [
    `/article/${ID}`,
    ...['weather', 'most-viewed', 'photo-news', 'sns-tv', 'banners'].map((n) => `/api/${n}.json`),
  ];
  await page.waitForFunction(
    async (urls) => (await Promise.all(urls.map((u) => caches.match(u)))).every(Boolean),
    kept,
    { timeout: 10000 },
  );
  // The shell keeps shell.html, the CSS, the JS glue, the wasm and the glue's search snippet.
  await page.waitForFunction(
    async () =>
      (await caches.keys()).includes('shell-v4') && (await (await caches.open('shell-v4')).keys()).length === 5,
  );
  // Kept from the browser's HTTP cache: the first visit downloaded each of them once.
  const downloads = site.server.requests.slice(from);
  for (const url of kept) assert.equal(downloads.filter((path) => path === url).length, 1, url);

  // No network at all: the browser offline, and the server gone.
  await page.context().setOffline(true);
  await site.server.close();
  await page.reload();
  await page.locator('h1.article__title', { hasText: article.title }).waitFor();
  assert.equal(
    await page.locator('.article-body > p').count(),
    article.body.filter((b) => b.type === 'paragraph').length,
  );
  await page.locator('.offline-notice', { hasText: '인터넷에 연결되어 있지 않습니다' }).waitFor();
  // Something never opened is not there: its part says so, and the page stands.
  await page.locator('.related a').first().click();
  await page.locator('.error-notice', { hasText: '기사: 네트워크에 연결할 수 없습니다' }).waitFor();
  // The widgets were kept with the first article: none of them complains.
  assert.deepEqual(await page.locator('.error-notice__message').allTextContents(), [
    '기사: 네트워크에 연결할 수 없습니다. 연결 상태를 확인해 주세요.',
  ]);
  assert.deepEqual(problems, []);
  await close();
});

test('reading offline works where the deployer moved the API (news-api-base)', { timeout: 60000 }, async () => {
  const moved = await startSite({ apiBase: '/cms/v1' });
  try {
    const listen = () => {
      navigator.serviceWorker.addEventListener('message', (event) => {
        if (event.data?.type === 'kept') window.__offlineReady = true;
      });
      navigator.serviceWorker.startMessages();
    };
    const { page, problems, close } = await moved.open(`/article/${ID}`, { init: listen });
    await page.locator('h1.article__title').waitFor();
    await page.evaluate(() => navigator.serviceWorker.ready);
    await page.waitForFunction(() => window.__offlineReady === true, null, { timeout: 15000 });
    const kept = ['weather', 'most-viewed', 'photo-news', 'sns-tv', 'banners'].map((n) => `/cms/v1/${n}.json`);
    await page.waitForFunction(
      async (urls) =>
        (await Promise.all(urls.map((u) => caches.open('data-v4').then((c) => c.match(u))))).every(Boolean),
      kept,
      { timeout: 10000 },
    );
    // Nothing asked the old place.
    assert.deepEqual(
      moved.server.requests.filter((path) => path.startsWith('/api/')),
      [],
    );

    await page.context().setOffline(true);
    await moved.server.close();
    await page.reload();
    await page.locator('h1.article__title', { hasText: article.title }).waitFor();
    await page.locator('.offline-notice').waitFor();
    await page.locator('.most-viewed .ranked__item a').first().waitFor();
    await page.locator('.weather__cities li').first().waitFor({ state: 'attached' });
    assert.deepEqual(await page.locator('.error-notice').count(), 0);
    assert.deepEqual(problems, []);
    await close();
  } finally {
    await moved.close();
  }
});
