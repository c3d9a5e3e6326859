// The prerendered site (scripts/prerender): every page readable and browsable with no script at
// all, link previews read the right tags with a plain HTML parser, the app takes over without
// any visible change or second request, and hostile API text stays inert in the HTML.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { Parser } from 'htmlparser2';
import { startSite } from './browser.mjs';
import { startServer } from './server.mjs';
import { htmlErrors } from './vnu.mjs';
import { hostile, PAYLOAD } from './fixtures/hostile.mjs';

const json = (file) => JSON.parse(fs.readFileSync(`public/api/${file}`, 'utf8'));
const article = json('articles/1065.json');
const SHARED = ['site', 'weather', 'most-viewed', 'photo-news', 'sns-tv', 'banners'].map((n) => `/api/${n}.json`);
// The site address the build wrote into every page.
const SITE = new URL(scrape(fs.readFileSync('dist/index.html', 'utf8')).tags['site-url'][0]).origin;

let site;
before(async () => {
  site = await startSite();
});
after(async () => {
  await site?.close();
});

/** What a link-preview scraper reads: meta tags, canonical, title, JSON-LD; no script runs. */
function scrape(html) {
  const tags = {};
  const found = { tags, canonical: null, title: '', titles: 0, jsonLd: [], scripts: [], feeds: [] };
  let inTitle = false;
  let script = null;
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (name === 'meta' && attrs.content !== undefined) {
          const key = attrs.property || attrs.name;
          tags[key] = [...(tags[key] ?? []), attrs.content];
        }
        if (name === 'link' && attrs.rel === 'canonical') found.canonical = attrs.href;
        if (name === 'link' && attrs.rel === 'alternate' && attrs.type === 'application/rss+xml')
          found.feeds.push({ title: attrs.title, href: attrs.href });
        if (name === 'title') {
          inTitle = true;
          found.titles += 1;
        }
        if (name === 'script') {
          script = { attrs, text: '' };
          found.scripts.push(script);
        }
      },
      ontext(text) {
        if (inTitle) found.title += text;
        if (script) script.text += text;
      },
      onclosetag(name) {
        if (name === 'title') inTitle = false;
        if (name === 'script') {
          if (script.attrs.type === 'application/ld+json') found.jsonLd.push(JSON.parse(script.text));
          script = null;
        }
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  return found;
}

async function get(address) {
  const response = await fetch(site.server.url + address);
  assert.equal(response.status, 200, address);
  return response.text();
}

test('a link-preview scraper reads the right tags for an article, a section and the front page', async () => {
  const front = scrape(await get('/'));
  assert.equal(front.tags['og:title'][0], '한가람일보');
  assert.equal(front.tags['og:description'][0], json('site.json').tagline);
  assert.equal(front.canonical, `${SITE}/`);
  assert.deepEqual(front.feeds, [{ title: '한가람일보 전체기사', href: `${SITE}/rss/allArticle.xml` }]);
  assert.equal(front.jsonLd[0]['@type'], 'WebSite');
  assert.equal(front.jsonLd[0].potentialAction.target.urlTemplate, `${SITE}/search?q={search_term_string}`);

  const page = scrape(await get('/article/1065'));
  const photo = article.body.find((b) => b.type === 'image').image;
  assert.equal(page.titles, 1);
  assert.equal(page.title, `${article.title} - 한가람일보`);
  assert.equal(page.tags['og:title'][0], article.title);
  assert.equal(page.tags['og:description'][0], article.subtitles[0]);
  // The photo's own preview: cropped to 1200×630 and made a JPEG at prerender time.
  assert.match(page.tags['og:image'][0], new RegExp(`^${SITE}/preview/photo-[0-9a-f]{16}-1200x630\\.jpg$`));
  assert.equal(page.tags['og:image:width'][0], '1200');
  assert.equal(page.tags['og:image:height'][0], '630');
  assert.equal(page.tags['og:image:alt'][0], photo.alt);
  assert.equal(page.tags['og:type'][0], 'article');
  assert.equal(page.tags['og:locale'][0], 'ko_KR');
  assert.equal(page.tags['og:site_name'][0], '한가람일보');
  assert.equal(page.tags['twitter:card'][0], 'summary_large_image');
  assert.equal(page.tags['article:published_time'][0], article.published_at);
  assert.deepEqual(page.tags['article:tag'], article.tags);
  assert.equal(page.canonical, `${SITE}/article/1065`);
  assert.equal(page.tags['og:url'][0], `${SITE}/article/1065`);
  assert.equal(page.jsonLd.length, 1);
  const [news, crumbs] = page.jsonLd[0]['@graph'];
  assert.equal(news.headline, article.title);
  assert.equal(news.author[0].name, article.byline.reporter);
  // The reporter's own page (Byline.reporter_slug), which the byline links to.
  assert.equal(news.author[0].url, `${SITE}/reporter/${article.byline.reporter_slug}`);
  assert.equal(news.publisher['@type'], 'NewsMediaOrganization');
  assert.deepEqual(
    crumbs.itemListElement.map((crumb) => crumb.name),
    ['홈', article.section.name, article.title],
  );
  assert.equal(page.tags.author[0], article.byline.reporter);
  assert.deepEqual(page.feeds, [{ title: '한가람일보 전체기사', href: `${SITE}/rss/allArticle.xml` }]);

  const section = scrape(await get('/section/gyeonggi/2'));
  assert.equal(section.tags['og:title'][0], '경기 (2쪽)');
  assert.equal(section.canonical, `${SITE}/section/gyeonggi/2`);
  assert.deepEqual(section.feeds, [
    { title: '한가람일보 전체기사', href: `${SITE}/rss/allArticle.xml` },
    { title: '경기 최신 기사', href: `${SITE}/rss/section/gyeonggi.xml` },
  ]);
  const keyword = scrape(await get('/tag/%EC%A7%80%EC%97%AD%EA%B2%BD%EC%A0%9C'));
  assert.equal(keyword.feeds[1].href, `${SITE}/rss/tag/%EC%A7%80%EC%97%AD%EA%B2%BD%EC%A0%9C.xml`);
  // Every feed named exists and names itself.
  for (const { href } of [...section.feeds, ...keyword.feeds]) {
    const xml = await get(new URL(href).pathname);
    assert.ok(xml.includes(`<atom:link href="${href}" rel="self" type="application/rss+xml"/>`), href);
  }
});

test('with JavaScript off, prerendered pages read fully and browse by their links', async () => {
  const { page, close } = await site.open('/', { javaScriptEnabled: false });
  await page.locator('.lead-story').waitFor();
  assert.equal(await page.locator('noscript').count(), 0);
  await page.locator('.section-menu__list a', { hasText: '경기' }).click();
  await page.waitForURL('**/section/gyeonggi');
  assert.equal(await page.locator('h1').textContent(), '경기');
  await page.locator('.pagination a', { hasText: '다음' }).click();
  await page.waitForURL('**/section/gyeonggi/2');
  assert.ok((await page.locator('.section-page .article-list__item').count()) > 0);
  await page.goto(`${site.server.url}/article/1065`);
  assert.equal(await page.locator('h1.article__title').textContent(), article.title);
  assert.match(await page.locator('.byline').textContent(), new RegExp(`${article.byline.reporter}\\s*기자`));
  const paragraphs = article.body.filter((b) => b.type === 'paragraph').map((b) => b.text);
  assert.deepEqual(await page.locator('.article-body > p').allTextContents(), paragraphs);
  for (const alt of await page.locator('.article-body img').evaluateAll((imgs) => imgs.map((i) => i.alt)))
    assert.ok(alt.length > 0);
  // What needs the script (saving, listening, the saved list) is not offered without it.
  for (const selector of ['.header-saved', '.reader-tools__save', '.reader-tools__listen'])
    assert.equal(await page.locator(selector).isVisible(), false, selector);
  await page.locator('.related a').first().click();
  await page.waitForURL((url) => url.pathname === `/article/${article.related[0].id}`);
  assert.equal(await page.locator('h1.article__title').textContent(), article.related[0].title);
  // A paragraph with inline runs: its bold, italic and linked words, and the link browses.
  const marked = json('articles/1066.json').body.find((block) => block.runs);
  await page.goto(`${site.server.url}/article/1066`);
  const paragraph = page.locator('.article-body > p').nth(1);
  assert.equal(await paragraph.textContent(), marked.text);
  const wanted = (mark) => marked.runs.filter((run) => run[mark]).map((run) => run.text);
  assert.deepEqual(await paragraph.locator('strong').allTextContents(), wanted('bold'));
  assert.deepEqual(await paragraph.locator('em').allTextContents(), wanted('italic'));
  assert.deepEqual(await paragraph.locator('a').allTextContents(), wanted('href'));
  await paragraph.locator('a').click();
  await page.waitForURL('**/section/incheon');
  await close();
});

// At the top of the page the weather strip's date is filled in by the app (today's date is
// never baked in), so that strip is left out of the picture there.
for (const [width, y] of [
  [390, 500],
  [1280, 500],
  [1280, 0],
]) {
  test(`at ${width} px, scrolled to ${y}, the takeover changes nothing the reader sees and fetches nothing again`, async () => {
    for (const url of SHARED) site.server.delays.set(url, 4000); // widgets stay at their reserved size
    try {
      const { page, problems, close } = await site.open('/robots.txt', { width, height: 800, serviceWorkers: 'block' });
      let release;
      const gate = new Promise((resolve) => {
        release = resolve;
      });
      await page.route('**/*.wasm', async (route) => {
        await gate;
        await route.continue();
      });
      const from = site.server.requests.length;
      await page.goto(`${site.server.url}/article/1065`, { waitUntil: 'domcontentloaded' });
      await page.locator('#prerendered h1.article__title').waitFor();
      await page.evaluate(() => document.fonts.ready);
      // The reader scrolls and selects a phrase before the app has started.
      await page.evaluate((top) => {
        window.scrollTo(0, top);
        const text = document.querySelectorAll('#prerendered .article-body > p')[1].firstChild;
        const range = document.createRange();
        range.setStart(text, 3);
        range.setEnd(text, 20);
        getSelection().removeAllRanges();
        getSelection().addRange(range);
      }, y);
      await page.waitForTimeout(300);
      const strip = await page.locator('#prerendered .site-header__inner').boundingBox();
      const clip = y === 0 ? { x: 0, y: strip.y, width, height: 800 - strip.y } : undefined;
      const before = await page.screenshot({ clip });
      const selected = await page.evaluate(() => getSelection().toString());
      release();
      await page.waitForFunction(() => !document.getElementById('prerendered'));
      await page.waitForTimeout(300);
      const after = await page.screenshot({ clip });
      assert.equal(await page.evaluate(() => scrollY), y);
      assert.equal(await page.evaluate(() => getSelection().toString()), selected);
      assert.ok(after.equals(before), 'the screenshot changed at takeover');
      const asked = site.server.requests.slice(from);
      assert.ok(!asked.includes('/api/articles/1065.json'), asked.join(' '));
      assert.ok(!asked.includes('/api/site.json'), asked.join(' '));
      // One set of head tags: the app's.
      assert.equal(await page.locator('link[rel=canonical]').count(), 1);
      assert.equal(await page.locator('script[type="application/ld+json"]').count(), 1);
      assert.deepEqual(problems, []);
      await close();
    } finally {
      for (const url of SHARED) site.server.delays.delete(url);
    }
  });
}

test('after the takeover the app moves between articles in place, each loaded from the API', async () => {
  const { page, problems, close } = await site.open('/article/1065');
  await page.evaluate(() => {
    window.__noReload = true;
  });
  const next = article.related[0];
  await page.locator('.related a').first().click();
  await page.waitForURL((url) => url.pathname === `/article/${next.id}`);
  await page.locator('h1.article__title', { hasText: next.title }).waitFor();
  await page.goBack();
  await page.locator('h1.article__title', { hasText: article.title }).waitFor();
  assert.equal(await page.evaluate(() => window.__noReload), true);
  assert.deepEqual(problems, []);
  await close();
});

test('hostile API text, run through the prerender command, stays inert', async () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'prerender-hostile-'));
  const api = path.join(work, 'api');
  const dist = path.join(work, 'dist');
  fs.cpSync('public/api', api, { recursive: true });
  fs.cpSync('dist', dist, { recursive: true });
  for (const [file, data] of Object.entries(hostile)) {
    const target = path.join(api, file.slice('/api/'.length));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, JSON.stringify(data));
  }
  execFileSync(
    'scripts/prerender',
    ['--api', api, '--dist', dist, '--article', '666', '--site-url', 'https://news.example'],
    { stdio: 'pipe' },
  );
  const html = fs.readFileSync(path.join(dist, 'article/666.html'), 'utf8');
  const scraped = scrape(html);
  const data = hostile['/api/articles/666.json'];
  assert.equal(scraped.titles, 1);
  assert.equal(scraped.tags['og:title'][0], data.title);
  assert.equal(scraped.jsonLd[0]['@graph'][0].headline, data.title);
  // The only scripts are the page's own: the CSP-hashed inline ones, Trunk's loader, the data.
  const types = scraped.scripts.map((s) => s.attrs.type ?? '');
  assert.deepEqual(
    types.filter((t) => !['', 'module', 'application/ld+json', 'application/json'].includes(t)),
    [],
  );
  // Valid HTML, hostile text and all.
  assert.deepEqual(htmlErrors([path.join(dist, 'article/666.html'), path.join(dist, 'index.html')]), []);
  const embedded = JSON.parse(scraped.scripts.find((s) => s.attrs.id === 'news-data').text);
  assert.equal(embedded['articles/666.json'].title, data.title);
  assert.ok(
    !/javascript:|vbscript:|data:text/i.test(html.replace(/<script[\s\S]*?<\/script>/g, '')),
    'a hostile link made it into the markup',
  );

  // The feeds and sitemap carry the hostile site name and titles as text; the hostile section
  // slugs (`../../etc`, `a b?c#d`) get no files at all.
  const feed = fs.readFileSync(path.join(dist, 'rss/allArticle.xml'), 'utf8');
  const elements = [];
  let channelTitle = null;
  let inTitle = 0;
  const xml = new Parser(
    {
      onopentag(name) {
        elements.push(name);
        if (name === 'title') inTitle += 1;
      },
      ontext(text) {
        if (inTitle === 1 && channelTitle === null) channelTitle = '';
        if (inTitle === 1) channelTitle += text;
      },
      onclosetag(name) {
        if (name === 'title') inTitle = 2;
      },
    },
    { xmlMode: true, decodeEntities: true },
  );
  xml.write(feed);
  xml.end();
  assert.equal(channelTitle, hostile['/api/site.json'].name);
  assert.deepEqual(
    elements.filter((e) => ['script', 'img', 'svg'].includes(e.toLowerCase())),
    [],
  );
  assert.ok(
    !fs.existsSync(path.join(work, 'etc')) && !fs.existsSync(path.join(os.tmpdir(), 'etc.html')),
    'a slug left dist/',
  );
  for (const file of fs.readdirSync(path.join(dist, 'rss/section'))) assert.match(file, /^[A-Za-z0-9_-]+\.xml$/);
  // The hostile keyword's page is written under the decoded keyword, its text inert.
  const keywordFile = path.join(dist, 'tag', `${PAYLOAD.img}.html`);
  const keywordPage = fs.readFileSync(keywordFile, 'utf8').replace(/<script[\s\S]*?<\/script>/g, '');
  assert.ok(!/<(img|svg|script)\b[^>]*on(error|load)=/i.test(keywordPage), 'hostile markup in the keyword page');
  assert.ok(keywordPage.includes('#&lt;img src=x onerror='), 'the keyword is shown as text');
  assert.deepEqual(
    fs.readdirSync(path.join(dist, 'tag')).filter((f) => f.includes('script')),
    [],
  );

  const server = await startServer({ dist });
  // One browser, closed whatever happens: a failed assertion must not leave it running.
  const browser = await (await import('playwright-core')).chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu'],
  });
  try {
    for (const javaScriptEnabled of [false, true]) {
      const context = await browser.newContext({ javaScriptEnabled, serviceWorkers: 'block' });
      const page = await context.newPage();
      const errors = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(`${server.url}/tag/${encodeURIComponent(PAYLOAD.img)}`);
      await page.locator('h1.section-page__title').waitFor();
      assert.equal(await page.locator('h1.section-page__title').textContent(), `#${PAYLOAD.img}`);
      assert.equal(await page.locator('main img[onerror], main svg:not(.reader-tools__icon), main script').count(), 0);
      await page.goto(`${server.url}/article/666`);
      await page.locator('h1.article__title').waitFor();
      if (javaScriptEnabled) await page.waitForFunction(() => !document.getElementById('prerendered'));
      assert.equal(await page.locator('h1.article__title').textContent(), data.title);
      assert.equal(await page.evaluate(() => window.__pwned ?? null), null);
      assert.equal(await page.title(), `${data.title} - ${hostile['/api/site.json'].name}`);
      // The only svg is the page's own icon (본문 듣기), never one from the API.
      assert.equal(
        await page
          .locator('main img[onerror], main svg:not(.reader-tools__icon), main script, a[href^="javascript"]')
          .count(),
        0,
      );
      assert.ok(!errors.some((e) => e.includes('pwned')), errors.join(' '));
      await context.close();
    }
  } finally {
    await browser.close();
    await server.close();
    fs.rmSync(work, { recursive: true, force: true });
  }
});

test('the front page, sections and articles each have their file; other addresses get the shell', async () => {
  for (const file of [
    'index.html',
    'shell.html',
    '404.html',
    'article/1065.html',
    'section/gyeonggi.html',
    'section/gyeonggi/2.html',
    'photo.html',
    'tv.html',
  ]) {
    assert.ok(fs.existsSync(`dist/${file}`), file);
  }
  const shell = await get('/article/999999');
  assert.ok(shell.includes('id="prerendered"') && !shell.includes('data-prerendered '), 'not the shell');
});
