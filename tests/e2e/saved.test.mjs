// 저장한 기사 and 최근 본 기사, with no login: the save button, the /saved page, storage that
// is corrupted or full, two tabs, and saved articles opening offline while the offline caches
// stay within their bound.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { startSite, waitForAsync } from './browser.mjs';
import { answerJson } from './server.mjs';

const article = (id) => JSON.parse(fs.readFileSync(`public/api/articles/${id}.json`, 'utf8'));
const SAVED = 'saved-articles';
const RECENT = 'recent-articles';

let site;
before(async () => {
  site = await startSite();
});
after(async () => {
  await site?.close();
});

/** Opens an article with the service worker, once it has kept the page, saves the article and
 * waits until the worker has kept its copy; `window.__worker` collects what the worker says. */
async function openAndSave(path) {
  const listen = () => {
    window.__worker = [];
    navigator.serviceWorker.addEventListener('message', (event) => window.__worker.push(event.data?.type));
    navigator.serviceWorker.startMessages();
  };
  const opened = await site.open(path, { init: listen });
  await opened.page.waitForFunction(() => window.__worker.includes('kept'), null, { timeout: 20000 });
  await opened.page.getByRole('button', { name: '저장', exact: true }).click();
  await opened.page.waitForFunction(() => window.__worker.includes('saved'), null, { timeout: 20000 });
  return opened;
}

const savedTitles = (page) => page.locator('.saved-list--saved .article-list__title').allTextContents();
const recentTitles = (page) => page.locator('.saved-list--recent .article-list__title').allTextContents();

test('an article is saved by keyboard, listed on /saved with the articles read, and removed there', async () => {
  const first = article('1065');
  const second = article('1051');
  const { page, problems, close } = await site.open('/article/1065', { serviceWorkers: 'block' });
  const save = page.getByRole('button', { name: '저장', exact: true });
  assert.equal(await save.getAttribute('aria-pressed'), 'false');
  await save.focus();
  await page.keyboard.press('Enter');
  assert.equal(await save.getAttribute('aria-pressed'), 'true');
  await page.locator('.reader-tools__status', { hasText: '저장했습니다' }).waitFor();
  // Read another, then open the list from the header.
  await page.goto(`${site.server.url}/article/1051`);
  await page.waitForFunction(() => !document.getElementById('prerendered'));
  await page.getByRole('link', { name: '저장한 기사' }).click();
  await page.waitForURL((url) => url.pathname === '/saved');
  await page.getByRole('heading', { level: 1, name: '저장한 기사' }).waitFor();
  assert.deepEqual(await savedTitles(page), [first.title]);
  assert.deepEqual(await recentTitles(page), [second.title, first.title]);
  // Saved entries open their article.
  await page.locator('.saved-list--saved .saved-list__link').first().click();
  await page.locator('h1.article__title', { hasText: first.title }).waitFor();
  await page.goBack();
  await page.locator('.saved-list--saved').waitFor();
  await page.getByRole('button', { name: `삭제: ${first.title}` }).click();
  await page.getByText('저장한 기사가 없습니다.').waitFor();
  await page.getByRole('button', { name: '기록 지우기' }).click();
  await page.getByText('최근 본 기사가 없습니다.').waitFor();
  assert.deepEqual(await page.evaluate((key) => JSON.parse(localStorage.getItem(key)), RECENT), []);
  assert.deepEqual(problems, []);
  await close();
});

test('the articles read are remembered most recent first, the last 50 only', async () => {
  const seeded = Array.from({ length: 50 }, (_, i) => ({ id: `${9000 + i}`, title: `예전 기사 ${i}` }));
  const { page, close } = await site.open('/article/1052', {
    serviceWorkers: 'block',
    init: ([key, list]) => {
      if (!sessionStorage.getItem('seeded')) {
        localStorage.setItem(key, JSON.stringify(list));
        sessionStorage.setItem('seeded', '1');
      }
    },
    initArg: [RECENT, seeded],
  });
  const recent = await page.evaluate((key) => JSON.parse(localStorage.getItem(key)), RECENT);
  assert.equal(recent.length, 50);
  assert.equal(recent[0].id, '1052');
  assert.equal(recent[0].title, article('1052').title);
  assert.equal(recent.at(-1).id, '9048');
  await close();
});

test('a damaged list keeps what it can read, says so in Korean, and keeps the rest aside', async () => {
  const raw = JSON.stringify([{ id: '1051', title: article('1051').title }, 5, { id: '../x', title: '밖' }, 'x']);
  const { page, problems, close } = await site.open('/saved', {
    serviceWorkers: 'block',
    init: ([key, value]) => {
      if (!sessionStorage.getItem('seeded')) {
        localStorage.setItem(key, value);
        sessionStorage.setItem('seeded', '1');
      }
    },
    initArg: [SAVED, raw],
  });
  await page.getByRole('alert').filter({ hasText: '일부를 읽지 못했습니다' }).waitFor();
  assert.deepEqual(await savedTitles(page), [article('1051').title]);
  assert.equal(await page.evaluate((key) => localStorage.getItem(`${key}-backup`), SAVED), raw);
  // Not JSON at all: an empty list, the message, and saving still works.
  await page.evaluate((key) => localStorage.setItem(key, '{이건 JSON이 아님'), SAVED);
  await page.goto(`${site.server.url}/article/1053`);
  await page.waitForFunction(() => !document.getElementById('prerendered'));
  await page.getByRole('button', { name: '저장', exact: true }).click();
  const stored = await page.evaluate((key) => JSON.parse(localStorage.getItem(key)), SAVED);
  assert.deepEqual(
    stored.map((entry) => entry.id),
    ['1053'],
  );
  assert.deepEqual(problems, []);
  await close();
});

test('when the browser refuses to store, nothing already saved is lost and the reader is told', async () => {
  const kept = [{ id: '1051', title: article('1051').title }];
  const { page, problems, close } = await site.open('/article/1054', {
    serviceWorkers: 'block',
    init: ([key, list]) => {
      localStorage.setItem(key, JSON.stringify(list));
      const setItem = Storage.prototype.setItem;
      Storage.prototype.setItem = function (name, value) {
        if (name === 'saved-articles') throw new DOMException('full', 'QuotaExceededError');
        return setItem.call(this, name, value);
      };
    },
    initArg: [SAVED, kept],
  });
  const save = page.getByRole('button', { name: '저장', exact: true });
  await save.click();
  await page.locator('.reader-tools__status', { hasText: '저장 공간이 부족하거나' }).waitFor();
  assert.equal(await save.getAttribute('aria-pressed'), 'false');
  assert.deepEqual(await page.evaluate((key) => JSON.parse(localStorage.getItem(key)), SAVED), kept);
  await page.getByRole('link', { name: '저장한 기사' }).click();
  await page.locator('.saved-list__link').first().waitFor();
  assert.deepEqual(await savedTitles(page), [kept[0].title]);
  assert.deepEqual(problems, []);
  await close();
});

test('two tabs share the lists: a save in one shows in the other, and an unsave comes back', async () => {
  const { page, problems, close } = await site.open('/saved', { serviceWorkers: 'block' });
  await page.getByText('저장한 기사가 없습니다.').waitFor();
  const other = await page.context().newPage();
  await other.goto(`${site.server.url}/article/1056`);
  await other.waitForFunction(() => !document.getElementById('prerendered'));
  const save = other.getByRole('button', { name: '저장', exact: true });
  await save.click();
  // The first tab hears of it without a reload.
  await page.locator('.saved-list--saved .saved-list__link', { hasText: article('1056').title }).waitFor();
  await page.getByRole('button', { name: `삭제: ${article('1056').title}` }).click();
  await other.waitForFunction(
    () => document.querySelector('.reader-tools__save')?.getAttribute('aria-pressed') === 'false',
  );
  assert.deepEqual(problems, []);
  await close();
});

test('a saved article opens offline while older articles leave the bounded caches', { timeout: 90000 }, async () => {
  // The worker as deployed, with room for two articles and 20 KB of images, so the test need
  // not read 201 articles.
  const worker = fs.readFileSync('dist/sw.js', 'utf8');
  assert.match(worker, /MAX_ARTICLES\s*=\s*200\b/);
  assert.match(worker, /MAX_MEDIA_BYTES\s*=\s*50 \* 1024 \* 1024/);
  const small = worker
    .replace(/MAX_ARTICLES\s*=\s*200\b/, 'MAX_ARTICLES = 2')
    .replace(/MAX_MEDIA_BYTES\s*=\s*50 \* 1024 \* 1024/, 'MAX_MEDIA_BYTES = 20 * 1024');
  const serveSmall = (res) => {
    res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-store' });
    res.end(small);
  };
  await site.server.withFaults({ '/sw.js': serveSmall }, async () => {
    const { page, problems, close } = await openAndSave('/article/1057');
    for (const id of ['1058', '1059', '1060', '1061']) {
      await page.goto(`${site.server.url}/article/${id}`);
      await page.waitForFunction(() => !document.getElementById('prerendered'));
    }
    const pages = await page.evaluate(async () => {
      const cache = await caches.open('pages-v4');
      return (await cache.keys())
        .map((request) => new URL(request.url).pathname)
        .filter((p) => p.startsWith('/article/'));
    });
    assert.deepEqual(pages, ['/article/1060', '/article/1061']);
    // Images: within their budget (20 KB for the test; these pages show about 50 KB of them).
    const media = await page.evaluate(async () => {
      const cache = await caches.open('media-v4');
      const sizes = [];
      for (const request of await cache.keys()) {
        // The worker may drop an entry between keys() and match(): it holds nothing then.
        const response = await cache.match(request);
        if (response) sizes.push([new URL(request.url).pathname, (await response.blob()).size]);
      }
      return sizes;
    });
    const total = media.reduce((sum, [, size]) => sum + size, 0);
    assert.ok(total > 0 && total <= 20 * 1024, `${total} bytes in ${media.length} images`);

    await page.context().setOffline(true);
    await page.goto(`${site.server.url}/article/1057`);
    await page.locator('h1.article__title', { hasText: article('1057').title }).waitFor();
    await page.goto(`${site.server.url}/article/1061`);
    await page.locator('h1.article__title', { hasText: article('1061').title }).waitFor();
    // The oldest read, not saved, is gone: the shell opens and says it cannot load it.
    await page.goto(`${site.server.url}/article/1058`);
    await page.locator('.error-notice', { hasText: '기사: 네트워크에 연결할 수 없습니다' }).waitFor();
    await page.context().setOffline(false);

    // Unsaved, it is let go of.
    await page.goto(`${site.server.url}/saved`);
    await page.getByRole('button', { name: `삭제: ${article('1057').title}` }).click();
    await page.waitForFunction(() => window.__worker.includes('unsaved'), null, { timeout: 20000 });
    const left = await page.evaluate(async () =>
      (await (await caches.open('saved')).keys()).map((request) => new URL(request.url).pathname),
    );
    assert.deepEqual(left, []);
    assert.deepEqual(problems, []);
    await close();
  });
});

test('an article the paper took down is forgotten on the next visit: lists, page, data and saved copy', {
  timeout: 90000,
}, async () => {
  const { page, problems, close } = await openAndSave('/article/1062');
  await page.goto(`${site.server.url}/article/1063`);
  await page.waitForFunction(() => !document.getElementById('prerendered'));
  // What the device holds of an article: in the lists, and in the worker's caches.
  const held = (id) =>
    page.evaluate(
      async ([id, saved, recent]) => {
        const paths = async (name) =>
          (await (await caches.open(name)).keys()).map((request) => decodeURIComponent(new URL(request.url).pathname));
        const all = [...(await paths('pages-v4')), ...(await paths('data-v4')), ...(await paths('saved'))];
        const listed = [saved, recent].flatMap((key) => JSON.parse(localStorage.getItem(key) || '[]'));
        return {
          lists: listed.filter((entry) => entry.id === id).length,
          cached: all.filter(
            (p) => p === `/article/${id}` || p.endsWith(`/articles/${id}.json`) || p.endsWith(`/${id}`),
          ),
        };
      },
      [id, SAVED, RECENT],
    );
  await waitForAsync(page, () => caches.has('pages-v4'));
  const before = await held('1062');
  assert.equal(before.lists, 2, 'saved and read');
  assert.ok(before.cached.includes('/article/1062'), JSON.stringify(before));
  assert.ok(
    before.cached.some((p) => p.endsWith('/articles/1062.json')),
    JSON.stringify(before),
  );

  // The paper takes 1062 down (the prerender command's removed.json names it); the reader comes back.
  await site.server.withFaults({ '/removed.json': answerJson({ articles: ['1062'] }) }, async () => {
    await page.goto(`${site.server.url}/`);
    await waitForAsync(page, async ([saved]) => JSON.parse(localStorage.getItem(saved) || '[]').length === 0, [SAVED], {
      timeout: 20000,
    });
    await page.waitForFunction(() => window.__worker.includes('unsaved'), null, { timeout: 20000 });
    const after = await held('1062');
    assert.deepEqual(after, { lists: 0, cached: [] });
    // The rest stays: the other article read, its page kept for reading offline.
    const other = await held('1063');
    assert.equal(other.lists, 1);
    assert.ok(other.cached.includes('/article/1063'), JSON.stringify(other));
    await page.goto(`${site.server.url}/saved`);
    await page.getByText('저장한 기사가 없습니다.').waitFor();
    assert.deepEqual(await recentTitles(page), [article('1063').title]);
  });
  assert.deepEqual(problems, []);
  await close();
});
