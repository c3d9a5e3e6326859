// Reading offline: an article opened once opens again with no network at all (the browser
// offline and the server gone), with a Korean notice; the manifest makes the site installable.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { startSite, waitForAsync } from './browser.mjs';

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
  await waitForAsync(page, async (urls) => (await Promise.all(urls.map((u) => caches.match(u)))).every(Boolean), kept);
  // The shell keeps shell.html (which holds the styles), the JS glue, the wasm and the glue's
  // search snippet.
  await waitForAsync(
    page,
    async () =>
      (await caches.keys()).includes('shell-v4') && (await (await caches.open('shell-v4')).keys()).length === 4,
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
    await waitForAsync(
      page,
      async (urls) =>
        (await Promise.all(urls.map((u) => caches.open('data-v4').then((c) => c.match(u))))).every(Boolean),
      kept,
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

test('the image budget holds at every moment: bursts of 30 images, and across an update of the worker', {
  timeout: 90000,
}, async () => {
  // The worker as deployed with 20 KB of images; `build` marks a redeploy of it.
  const worker = fs.readFileSync('dist/sw.js', 'utf8');
  assert.match(worker, /MAX_MEDIA_BYTES\s*=\s*50 \* 1024 \* 1024/);
  const BUDGET = 20 * 1024;
  let build = 1;
  const serveSmall = (res) => {
    res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-store' });
    res.end(
      `${worker.replace(/MAX_MEDIA_BYTES\s*=\s*50 \* 1024 \* 1024/, `MAX_MEDIA_BYTES = ${BUDGET}`)}\n// build ${build}\n`,
    );
  };
  const photos = fs.readdirSync('dist/img/photo').map((name) => `/img/photo/${name}`);
  // A server of its own: the tests above stop theirs.
  const own = await startSite();
  await own.server
    .withFaults({ '/sw.js': serveSmall }, async () => {
      const { page, problems, close } = await own.open(`/article/${ID}`);
      await page.evaluate(() => navigator.serviceWorker.ready);
      await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
      // What the image cache holds, summed from the bodies, once the worker's ledger agrees with
      // it (a put under way has been counted in the ledger before it lands, so the two can differ
      // for a moment, the ledger high).
      const settled = () =>
        waitForAsync(page, async () => {
          const cache = await caches.open('media-v4');
          let total = 0;
          for (const request of await cache.keys()) total += (await (await cache.match(request))?.blob())?.size ?? 0;
          const ledger = await (await (await caches.open('ledger-v4')).match('/__media-bytes'))?.text();
          return Number(ledger) === total && total;
        });
      // 30 images asked for at once, each a new address, while the cache is read over and over:
      // the largest total seen at any moment of the burst.
      const burst = (tag, during) =>
        page.evaluate(
          async ({ photos, tag, during }) => {
            let done = false;
            let largest = 0;
            const sample = async () => {
              while (!done) {
                const cache = await caches.open('media-v4');
                let total = 0;
                for (const request of await cache.keys())
                  total += (await (await cache.match(request))?.blob())?.size ?? 0;
                largest = Math.max(largest, total);
                await new Promise((resolve) => setTimeout(resolve, 2));
              }
            };
            const sampling = sample();
            const loads = Array.from({ length: 30 }, (_, i) =>
              fetch(`${photos[i % photos.length]}?burst=${tag}-${i}`).then((response) => response.blob()),
            );
            // An update of the worker while the burst is under way: the old one and its successor
            // both serve and keep.
            if (during === 'update') await (await navigator.serviceWorker.getRegistration()).update();
            const sizes = await Promise.all(loads);
            done = true;
            await sampling;
            return { largest, loaded: sizes.filter((blob) => blob.size > 0).length };
          },
          { photos, tag, during },
        );

      for (const tag of ['a', 'b', 'c']) {
        const { largest, loaded } = await burst(tag);
        assert.equal(loaded, 30);
        assert.ok(largest <= BUDGET, `burst ${tag}: ${largest} bytes at one moment, over ${BUDGET}`);
        const total = await settled();
        assert.ok(total > BUDGET / 2 && total <= BUDGET, `burst ${tag}: ${total} bytes kept`);
      }

      // A redeploy of the worker, taking over during a burst, then one more burst under it.
      build = 2;
      const changed = page.evaluate(
        () => new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve)),
      );
      const during = await burst('update', 'update');
      await changed;
      const after = await burst('after');
      for (const [name, { largest, loaded }] of Object.entries({ during, after })) {
        assert.equal(loaded, 30);
        assert.ok(largest <= BUDGET, `${name} the update: ${largest} bytes at one moment, over ${BUDGET}`);
      }
      const total = await settled();
      assert.ok(total > BUDGET / 2 && total <= BUDGET, `after the update: ${total} bytes kept`);
      assert.deepEqual(problems, []);
      await close();
    })
    .finally(() => own.close());
});
