// The site on a real nginx (Debian's, run as a plain process) with deploy/nginx.conf, as a
// publisher deploys it: prerendered pages, the shell for other addresses, real 404s under
// /api/, caching, compression, and the old CMS addresses moved with a 301.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from './browser.mjs';

const article = JSON.parse(fs.readFileSync('public/api/articles/1065.json', 'utf8'));
let nginx;
let base;
let work;

function freePort() {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

before(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'nginx-e2e-'));
  const port = await freePort();
  const server = fs
    .readFileSync('deploy/nginx.conf', 'utf8')
    .replace(/listen 80;/, `listen 127.0.0.1:${port};`)
    .replace(/root \/srv\/news\/dist;/, `root ${path.resolve('dist')};`)
    .replace('# if ($wordpress_new)', 'if ($wordpress_new)');
  assert.ok(server.includes(`127.0.0.1:${port}`) && server.includes(path.resolve('dist')), 'the two marked lines');
  // The old WordPress addresses, as scripts/import wordpress writes them.
  fs.writeFileSync(
    path.join(work, 'redirects.map'),
    [
      '"/?p=1065" "/article/1065";',
      '"/2026/11/24/%ec%9d%b8%ec%b2%9c%eb%8c%80%ea%b5%90/" "/article/1065";',
      '"/category/incheon/" "/section/incheon";',
      '',
    ].join('\n'),
  );
  fs.writeFileSync(
    path.join(work, 'nginx.conf'),
    `
daemon off;
pid ${work}/nginx.pid;
error_log ${work}/error.log;
events { worker_connections 64; }
http {
  include /etc/nginx/mime.types;
  access_log off;
  client_body_temp_path ${work}/body; proxy_temp_path ${work}/proxy; fastcgi_temp_path ${work}/fastcgi;
  uwsgi_temp_path ${work}/uwsgi; scgi_temp_path ${work}/scgi;
  map_hash_bucket_size 256; map_hash_max_size 524288;
  map $request_uri $wordpress_new { default ""; include ${work}/redirects.map; }
  ${server}
}`,
  );
  nginx = spawn(
    '/usr/sbin/nginx',
    ['-p', work, '-c', path.join(work, 'nginx.conf'), '-e', path.join(work, 'error.log')],
    { stdio: 'inherit' },
  );
  base = `http://127.0.0.1:${port}`;
  let exited = null;
  nginx.on('exit', (code) => {
    exited = code;
  });
  for (let tries = 0; ; tries += 1) {
    try {
      await fetch(`${base}/robots.txt`);
      break;
    } catch (error) {
      if (exited !== null)
        throw new Error(`nginx exited with ${exited}: ${fs.readFileSync(path.join(work, 'error.log'), 'utf8')}`);
      if (tries > 100) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
});

after(() => {
  nginx?.kill('SIGTERM');
  fs.rmSync(work, { recursive: true, force: true });
});

const get = (address, headers = {}) => fetch(base + address, { headers, redirect: 'manual' });

test('an address answers its prerendered page, revalidated; other addresses the shell', async () => {
  const page = await get('/article/1065');
  assert.equal(page.status, 200);
  assert.match(page.headers.get('content-type'), /^text\/html/);
  assert.equal(page.headers.get('cache-control'), 'no-cache');
  assert.ok((await page.text()).includes(`property="og:title" content="${article.title}"`));
  const front = await (await get('/')).text();
  assert.ok(front.includes('class="lead-story"'));
  // Keyword pages: Hangul and spaces in the address, the file named by the decoded keyword.
  for (const [address, heading] of [
    [`/tag/${encodeURIComponent('수도권 교통')}`, '#수도권 교통'],
    [`/tag/${encodeURIComponent('지역경제')}/2`, '#지역경제'],
  ]) {
    const keyword = await get(address);
    assert.equal(keyword.status, 200, address);
    assert.ok((await keyword.text()).includes(`class="section-page__title">${heading}</h1>`), address);
  }
  const tagApi = await get(`/api/tags/${encodeURIComponent('수도권 교통')}/1.json`);
  assert.equal((await tagApi.json()).tag, '수도권 교통');
  for (const address of [
    '/article/999999',
    '/no/such/page',
    '/section/gyeonggi/99',
    `/tag/${encodeURIComponent('a/b')}`,
  ]) {
    const shell = await get(address);
    assert.equal(shell.status, 200, address);
    assert.ok((await shell.text()).includes('article--loading'), address);
  }
});

test('a missing API file is a 404, never a page', async () => {
  assert.equal((await get('/api/articles/999999.json')).status, 404);
  const found = await get('/api/articles/1065.json');
  assert.equal(found.status, 200);
  assert.equal((await found.json()).title, article.title);
});

test("the prerender command's own files are not served; removed.json is, revalidated", async () => {
  const own = ['/.prerender.lock', '/pagefind/.state.json', '/.search-records/journal', '/.search-records/1065.json'];
  for (const file of own) assert.ok(fs.existsSync(`dist${file}`), file);
  for (const file of own) {
    assert.equal((await get(file)).status, 404, file);
  }
  const removed = await get('/removed.json');
  assert.equal(removed.status, 200);
  assert.equal(removed.headers.get('cache-control'), 'no-cache');
  assert.ok(Array.isArray((await removed.json()).articles));
  const shards = await get('/pagefind/shards.json');
  assert.equal(shards.status, 200);
  assert.ok((await shards.json()).periods.length >= 1);
});

test('hashed assets are immutable for a year; everything textual is compressed', async () => {
  const index = await (await get('/')).text();
  const assets = [...index.matchAll(/\/[\w.-]+-[0-9a-f]{8,16}(?:_bg)?\.(?:js|wasm|css)/g)].map((m) => m[0]);
  assert.ok(assets.some((a) => a.endsWith('.wasm')) && assets.some((a) => a.endsWith('.js')), assets.join(' '));
  // The stylesheet comes inside the page, not as a second request before the first paint.
  assert.match(index, /<style>[\s\S]{1000,}?<\/style>/);
  assert.doesNotMatch(index, /rel="?stylesheet/);
  for (const asset of new Set(assets)) {
    const response = await get(asset, { 'accept-encoding': 'gzip' });
    assert.equal(response.status, 200, asset);
    assert.equal(response.headers.get('cache-control'), 'public, max-age=31536000, immutable', asset);
    assert.equal(response.headers.get('content-encoding'), 'gzip', asset);
  }
  const html = await get('/article/1065', { 'accept-encoding': 'gzip' });
  assert.equal(html.headers.get('content-encoding'), 'gzip');
  const feed = await get('/rss/allArticle.xml', { 'accept-encoding': 'gzip' });
  assert.match(feed.headers.get('content-type'), /^application\/rss\+xml/);
  assert.equal(feed.headers.get('content-encoding'), 'gzip');
});

test("nginx answers every kind of file with the headers of deploy/headers.json, the deploy's table", async () => {
  const table = JSON.parse(fs.readFileSync('deploy/headers.json', 'utf8'));
  const hashed = new RegExp(table.hashed_asset.pattern);
  const expected = (file) => {
    const extension = file.split('.').pop();
    const type =
      file.startsWith('rss/') && extension === 'xml' ? table.feed_type : (table.types[extension] ?? table.default_type);
    const cache = hashed.test(file) ? table.hashed_asset.cache_control : table.default_cache_control;
    return [type, cache];
  };
  const glue = fs.readdirSync('dist').find((f) => /^news-front-[0-9a-f]+\.js$/.test(f));
  const wasm = fs.readdirSync('dist').find((f) => f.endsWith('.wasm'));
  const files = [
    'index.html',
    'article/1065.html',
    'section/gyeonggi.html',
    glue,
    wasm,
    'sw.js',
    'ad-frames.js',
    'rss/allArticle.xml',
    'sitemap.xml',
    'robots.txt',
    'removed.json',
    'api/articles/1065.json',
    'manifest.webmanifest',
    'icons/icon-192.png',
    'img/photo/incheon-bridge-640.webp',
  ];
  const differ = [];
  for (const file of files) {
    assert.ok(fs.existsSync(`dist/${file}`), file);
    const response = await get(`/${file}`);
    const got = [response.headers.get('content-type'), response.headers.get('cache-control')];
    if (JSON.stringify(got) !== JSON.stringify(expected(file)))
      differ.push(`${file}: nginx ${got} vs the table ${expected(file)}`);
  }
  assert.deepEqual(differ, []);
});

test('old CMS article links and ?page= section links move with a 301', async () => {
  const legacy = await get('/news/articleView.html?idxno=1065');
  assert.equal(legacy.status, 301);
  assert.equal(new URL(legacy.headers.get('location'), base).pathname, '/article/1065');
  const hostile = await get('/news/articleView.html?idxno=..%2Fsite');
  assert.equal(hostile.status, 200, 'anything else is the shell, and the app says not found');
  const paged = await get('/section/gyeonggi?page=2');
  assert.equal(paged.status, 301);
  assert.equal(new URL(paged.headers.get('location'), base).pathname, '/section/gyeonggi/2');
  assert.equal((await get('/section/gyeonggi?page=1')).status, 200);
});

test("old WordPress addresses move with a 301: /?p=N, and the import's map of permalinks", async () => {
  for (const [old, now] of [
    ['/?p=1065', '/article/1065'],
    ['/?p=1066', '/article/1066'],
    ['/2026/11/24/%ec%9d%b8%ec%b2%9c%eb%8c%80%ea%b5%90/', '/article/1065'],
    ['/category/incheon/', '/section/incheon'],
  ]) {
    const moved = await get(old);
    assert.equal(moved.status, 301, old);
    assert.equal(new URL(moved.headers.get('location'), base).pathname, now, old);
  }
  for (const kept of ['/?p=..%2Fsite', '/?p=', '/2026/11/24/other/']) {
    assert.notEqual((await get(kept)).status, 301, kept);
  }
});

test('in a browser, the site on nginx reads and browses as on any host', async () => {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
  });
  try {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    const problems = [];
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(`${base}/news/articleView.html?idxno=1065`);
    await page.waitForURL('**/article/1065');
    await page.waitForFunction(() => !document.getElementById('prerendered'));
    assert.equal(await page.locator('h1.article__title').textContent(), article.title);
    await page.locator('.related a').first().click();
    await page.waitForURL((url) => url.pathname === `/article/${article.related[0].id}`);
    await page.locator('h1.article__title', { hasText: article.related[0].title }).waitFor();
    await page.goto(`${base}/article/999999`);
    await page.getByRole('heading', { name: '페이지를 찾을 수 없습니다' }).waitFor();
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
  }
});
