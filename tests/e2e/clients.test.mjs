// The prerendered site as clients we did not write read it: a link-preview library
// (open-graph-scraper, as chat apps and portals build previews) on every page type, and
// feedparser (PyPI, as feed readers parse) on every feed, with the pages' feed links.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import ogs from 'open-graph-scraper';
import { startSite } from './browser.mjs';

const DIST = process.env.DIST_DIR || 'dist';
let site;
before(async () => {
  site = await startSite();
});
after(async () => {
  await site?.close();
});

/** Width and height from a PNG's IHDR or a JPEG's start-of-frame. */
function dimensions(bytes) {
  if (bytes.subarray(1, 4).toString() === 'PNG') return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
  for (let at = 2; at < bytes.length; ) {
    const marker = bytes[at + 1];
    if (marker >= 0xc0 && marker <= 0xc3) return [bytes.readUInt16BE(at + 7), bytes.readUInt16BE(at + 5)];
    at += 2 + bytes.readUInt16BE(at + 2);
  }
  return null;
}

const PAGES = {
  '/': '한가람일보',
  '/section/gyeonggi': '경기',
  '/section/gyeonggi/2': '경기 (2쪽)',
  '/article/1065': null,
  '/article/1054': null,
  '/tag/%EC%A7%80%EC%97%AD%EA%B2%BD%EC%A0%9C': '#지역경제 관련 기사',
  '/policy/privacy': null,
  '/photo': null,
  '/tv': null,
};

test('a link-preview library reads a title, a description, a JPEG or PNG image and the address of every page type', async () => {
  for (const [address, title] of Object.entries(PAGES)) {
    const response = await fetch(site.server.url + address);
    assert.equal(response.status, 200, address);
    const { result } = await ogs({ html: await response.text() });
    assert.ok(result.ogTitle, `${address}: no title`);
    if (title) assert.equal(result.ogTitle, title);
    assert.ok(result.ogDescription?.length > 0, `${address}: no description`);
    assert.equal(new URL(result.ogUrl).pathname, new URL(address, 'http://x').pathname, address);
    const [image] = result.ogImage;
    assert.match(image.url, /\/preview\/[\w-]+\.(jpg|png)$/, address);
    assert.equal([image.width, image.height].map(Number).join('x'), '1200x630', address);
    assert.equal(image.type, image.url.endsWith('.png') ? 'image/png' : 'image/jpeg', address);
    // The file is there, in the format and size the page says.
    const file = await fetch(site.server.url + new URL(image.url).pathname);
    assert.equal(file.status, 200, image.url);
    const bytes = Buffer.from(await file.arrayBuffer());
    const png = image.url.endsWith('.png');
    assert.equal(bytes.subarray(0, 4).toString('hex'), png ? '89504e47' : 'ffd8ffe0', image.url);
    assert.deepEqual(dimensions(bytes), [1200, 630], image.url);
    assert.equal(result.twitterImage?.[0]?.url, image.url, address);
  }
});

test('feedparser reads every feed without a fault, and each names itself where the pages link it', async () => {
  const feeds = JSON.parse(execFileSync('python3', ['tests/e2e/feeds.py', DIST], { encoding: 'utf8' }));
  const files = Object.keys(feeds);
  assert.ok(files.includes('rss/allArticle.xml') && files.includes('rss/section/gyeonggi.xml'));
  assert.ok(files.some((file) => file.startsWith('rss/tag/')));
  for (const [file, feed] of Object.entries(feeds)) {
    assert.equal(feed.bozo, false, `${file}: ${feed.problem}`);
    assert.ok(feed.entries > 0 && feed.dated, file);
    assert.equal(decodeURIComponent(new URL(feed.self).pathname), `/${file}`, file);
  }
  // Every feed a page links is one of them, named by the same address.
  const links = [];
  for (const address of Object.keys(PAGES)) {
    const html = await (await fetch(site.server.url + address)).text();
    for (const [, href] of html.matchAll(/<link[^>]*type="?application\/rss\+xml"?[^>]*href="?([^" >]+)/g))
      links.push(href);
  }
  const selves = new Set(Object.values(feeds).map((feed) => feed.self));
  for (const href of links) assert.ok(selves.has(href), `${href} is linked but is no feed's own address`);
  assert.ok(links.some((href) => href.includes('/rss/section/')) && links.some((href) => href.includes('/rss/tag/')));
});
