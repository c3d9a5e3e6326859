// The shell (shell.html, made by scripts/prerender from the app's own components): what an
// address that has no prerendered page gets, such as an article published after the last
// run. It shows the page's frame (header, menu, the article's loading shape) before the wasm
// has loaded, fetches the page's JSON beside the wasm and, on an article, puts its headline
// into the top of an article page the components drew (<template id="article-head">); the
// app takes over that response, and the headline does not move.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { layoutShift, recordShifts, startSite } from './browser.mjs';
import { answerJson } from './server.mjs';

const ID = '1065';
const ARTICLE_API = `/api/articles/${ID}.json`;
const article = JSON.parse(fs.readFileSync(`public/api/articles/${ID}.json`, 'utf8'));
const SHARED = ['site', 'weather', 'most-viewed', 'photo-news', 'sns-tv', 'banners'].map((name) => `/api/${name}.json`);

let site;
before(async () => {
  site = await startSite({ prerendered: false });
});
after(async () => {
  await site?.close();
});

/** Opens `path` with the wasm refused, so only the HTML and its inline scripts run. */
async function openWithoutWasm(path, options = {}) {
  const opened = await site.open('/robots.txt', { serviceWorkers: 'block', ...options });
  await opened.page.route('**/*.wasm', (route) => route.abort());
  await opened.page.goto(site.server.url + path);
  return opened;
}

test('before the wasm, the shell shows the frame and a working menu', async () => {
  const { page, problems, cspViolations, close } = await openWithoutWasm('/photo');
  const shell = page.locator('#prerendered');
  assert.equal(await shell.locator('.site-header__name').textContent(), '한가람일보');
  assert.ok(await shell.locator('.article--loading').isVisible());
  assert.ok((await shell.locator('.section-menu__list a[href^="/section/"]').count()) >= 5);
  // Nothing of any one page is baked into the shell.
  assert.equal(await shell.locator('h1').count(), 0);
  assert.equal(await page.locator('meta[property="og:title"]').count(), 0);
  assert.deepEqual(await cspViolations(), []);
  // Only the refused wasm fails.
  assert.deepEqual(
    problems.filter((p) => !p.includes('Failed to fetch')),
    [],
  );
  await close();
});

for (const width of [390, 800, 1280]) {
  test(`at ${width} px the shell shows an article's headline early, where the app will draw it`, async () => {
    const early = await openWithoutWasm(`/article/${ID}`, { width });
    const title = early.page.locator('#prerendered h1.article__title');
    await title.waitFor();
    assert.equal(await title.textContent(), article.title);
    assert.equal(await early.page.locator('#prerendered .article__section').textContent(), article.section.name);
    assert.deepEqual(
      await early.page.locator('#prerendered .article__subtitles p').allTextContents(),
      article.subtitles,
    );
    assert.equal(await early.page.locator('#prerendered .article-body, #prerendered .byline').count(), 0);
    const earlyBox = await title.boundingBox();
    assert.deepEqual(await early.cspViolations(), []);
    await early.close();

    // The app at the moment it takes over: the article is there, the shared data is not yet.
    for (const url of SHARED) site.server.delays.set(url, 2000);
    try {
      const { page, problems, close } = await site.open(`/article/${ID}`, { width, serviceWorkers: 'block' });
      const drawn = page.locator('main h1.article__title');
      await drawn.waitFor();
      const appBox = await drawn.boundingBox();
      assert.ok(
        Math.abs(appBox.y - earlyBox.y) < 0.5 && Math.abs(appBox.x - earlyBox.x) < 0.5,
        `early headline at ${JSON.stringify(earlyBox)}, app headline at ${JSON.stringify(appBox)}`,
      );
      assert.deepEqual(problems, []);
      await close();
    } finally {
      for (const url of SHARED) site.server.delays.delete(url);
    }
  });
}

test('the early headline stays until the app has drawn its own, and nothing moves', async () => {
  // The shell is on screen first, then the article's JSON arrives and its headline is painted,
  // then the wasm comes and the app first draws its loading shape, then the article: the
  // reader must never see the headline go and come back, nor anything move.
  site.server.delays.set(ARTICLE_API, 400);
  try {
    const { page, problems, close } = await site.open('/robots.txt', {
      width: 800,
      height: 900,
      serviceWorkers: 'block',
    });
    await page.route('**/*.wasm', async (route) => {
      await new Promise((done) => setTimeout(done, 1200));
      await route.continue();
    });
    await page.addInitScript(recordShifts);
    await page.addInitScript(() => {
      window.__seen = [];
      new MutationObserver(() => {
        // What the reader sees: the shell while it stands (the app is hidden), then the app.
        const pre = document.getElementById('prerendered');
        const shown = pre ? pre.querySelector('h1') : document.querySelector('main h1');
        window.__seen.push(shown ? shown.textContent : null);
      }).observe(document, { childList: true, subtree: true, characterData: true });
    });
    await page.goto(`${site.server.url}/article/${ID}`);
    await page.locator('#prerendered h1.article__title').waitFor();
    await page.waitForFunction(() => !document.getElementById('prerendered'));
    await page.locator('main h1.article__title').waitFor();
    const seen = await page.evaluate(() => window.__seen);
    const first = seen.indexOf(article.title);
    assert.ok(first >= 0, 'the headline was painted early');
    assert.deepEqual(
      seen.slice(first).filter((t) => t !== article.title),
      [],
      'the headline went away and came back',
    );
    await page.waitForTimeout(300);
    const { cls } = await layoutShift(page);
    assert.ok(cls <= 0.01, `CLS ${cls.toFixed(4)}`);
    assert.deepEqual(problems, []);
    await close();
  } finally {
    site.server.delays.delete(ARTICLE_API);
  }
});

test('a hostile headline in the shell is text, never markup', async () => {
  const hostile = {
    ...article,
    title: '<img src=x onerror="window.__xss=1">"><svg onload=alert(1)>',
    section: { slug: 'x', name: '<script>window.__xss=2</script>' },
    subtitles: ['<b>굵게</b>', 42, null],
  };
  await site.server.withFaults({ [ARTICLE_API]: answerJson(hostile) }, async () => {
    const { page, close } = await openWithoutWasm(`/article/${ID}`);
    const title = page.locator('#prerendered h1.article__title');
    await title.waitFor();
    assert.equal(await title.textContent(), hostile.title);
    assert.equal(await page.locator('#prerendered .article__section').textContent(), hostile.section.name);
    // A number is read as its digits, as the app reads it (docs/api-extensions.md); null is no line.
    assert.deepEqual(await page.locator('#prerendered .article__subtitles p').allTextContents(), ['<b>굵게</b>', '42']);
    assert.equal(
      await page.locator('#prerendered main img, #prerendered main svg, #prerendered script, #prerendered b').count(),
      0,
    );
    assert.equal(await page.evaluate(() => window.__xss), undefined);
    await close();
  });
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
  for (const [path, ready] of [
    ['/', '.lead-story'],
    ['/section/gyeonggi', '.section-page'],
    ['/no/such/page', '.not-found'],
  ]) {
    const { page, problems, close } = await site.open(path, { serviceWorkers: 'block' });
    await page.locator(ready).waitFor();
    assert.equal(await page.locator('#prerendered').count(), 0, path);
    assert.deepEqual(problems, []);
    await close();
  }
});

test('only plain page addresses start an early request', async () => {
  const seen = () =>
    document.addEventListener('DOMContentLoaded', () => {
      window.__earlyAtLoad = window.__newsEarly?.url ?? null;
    });
  for (const [path, expected] of [
    [`/article/${ID}`, ARTICLE_API],
    ['/', '/api/home.json'],
    ['/section/gyeonggi', '/api/sections/gyeonggi/1.json'],
    ['/section/gyeonggi?page=2', '/api/sections/gyeonggi/2.json'],
    ['/section/gyeonggi/2', '/api/sections/gyeonggi/2.json'],
    ['/section/gyeonggi/02', null],
    ['/section/gyeonggi?page=02', null],
    ['/section/gyeonggi?page=-1', null],
    ['/article/..%2Fsite', null],
    ['/article/%ED%95%9C', null],
    ['/article/1065/x', null],
    ['/photo', null],
  ]) {
    const { page, close } = await site.open(path, { serviceWorkers: 'block', init: seen });
    await page.locator('main h1').first().waitFor();
    assert.equal(await page.evaluate(() => window.__earlyAtLoad), expected, path);
    await close();
  }
});
