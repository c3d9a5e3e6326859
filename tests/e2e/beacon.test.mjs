// The article-view beacon (js/beacon.js, <meta name="news-beacon">) and its reference receiver
// (scripts/most-viewed): one view, one request, with the right three fields and nothing
// else, for a prerendered page, the shell's app and moves in the app; nothing without the tag;
// and the receiver's counts become the 가장 많이 본 뉴스 the app shows.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { spawn, execFileSync } from 'node:child_process';
import { startSite, waitForAsync } from './browser.mjs';
import { answerJson } from './server.mjs';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

let site; // pages that name a receiver: the test server's /beacon, which hands each view on
let plain; // pages without the tag
let receiver; // scripts/most-viewed serve
let receiverPort;
let work;
const views = []; // what reached /beacon: its query fields and the headers that matter

before(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'beacon-e2e-'));
  receiver = spawn('scripts/most-viewed', ['serve', '--port', '0', '--log', path.join(work, 'beacon.log')]);
  receiverPort = await new Promise((resolve, reject) => {
    receiver.stdout.on('data', (chunk) => {
      const found = String(chunk).match(/127\.0\.0\.1:(\d+)/);
      if (found) resolve(Number(found[1]));
    });
    receiver.on('exit', (code) => reject(new Error(`the receiver stopped (${code})`)));
  });
  site = await startSite({ head: '<meta name="news-beacon" content="/beacon">' });
  site.server.faults.set('/beacon', (res, req) => {
    const url = new URL(req.url, 'http://x');
    views.push({
      method: req.method,
      fields: Object.fromEntries(url.searchParams),
      cookie: req.headers.cookie,
      referer: req.headers.referer,
    });
    // On to the reference receiver, as a publisher's proxy would.
    http
      .request({ port: receiverPort, path: req.url, method: req.method }, (answer) => {
        res.writeHead(answer.statusCode).end();
      })
      .end();
  });
  plain = await startSite();
});

after(async () => {
  await site?.close();
  await plain?.close();
  receiver?.kill();
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

/** Waits until `count` views have come in (and a moment more, for any that should not). */
async function viewsReach(count) {
  for (let tries = 0; tries < 100 && views.length < count; tries += 1) await sleep(50);
  await sleep(400);
  return views.slice();
}

test('a prerendered article is one view, counted before the app, with three fields and no cookie', async () => {
  views.length = 0;
  const { page, problems, close } = await site.open('/article/1065', {
    beforeGoto: (page) => page.context().addCookies([{ name: 'reader', value: 'someone', url: site.server.url }]),
  });
  const seen = await viewsReach(1);
  assert.equal(seen.length, 1, JSON.stringify(seen));
  assert.equal(seen[0].method, 'POST');
  assert.deepEqual(seen[0].fields, { article: '1065', section: '인천', ref: 'direct' });
  assert.equal(seen[0].cookie, undefined, 'the beacon carried a cookie');
  assert.equal(seen[0].referer, undefined, "the beacon carried the page's address");

  // Moves in the app: each article shown is one view, from inside the site.
  await page.locator('.related a').first().click();
  await page.waitForURL((url) => url.pathname !== '/article/1065');
  const moved = new URL(page.url()).pathname.split('/').pop();
  await page.locator('h1.article__title').waitFor();
  await page.goBack();
  await page.waitForURL((url) => url.pathname === '/article/1065');
  await page.locator('h1.article__title').waitFor();
  const all = await viewsReach(3);
  assert.deepEqual(
    all.slice(1).map((view) => [view.fields.article, view.fields.ref]),
    [
      [moved, 'internal'],
      ['1065', 'internal'],
    ],
  );
  assert.deepEqual(problems, []);
  await close();
});

test('the shell (a legacy address) is one view, sent by the app, with where the reader came from', async () => {
  views.length = 0;
  const { page, close } = await site.open('/news/articleView.html?idxno=1060', {
    beforeGoto: (page) => page.setExtraHTTPHeaders({ referer: 'https://m.news.naver.com/read?oid=1' }),
  });
  await page.locator('h1.article__title').waitFor();
  const seen = await viewsReach(1);
  assert.equal(seen.length, 1, JSON.stringify(seen));
  assert.equal(seen[0].fields.article, '1060');
  assert.equal(seen[0].fields.ref, 'portal');
  await close();
});

test('a page restored from the back-forward cache counts nothing; one loaded again counts once', async () => {
  views.length = 0;
  const { page, close } = await site.open('/article/1065', {
    init: () => {
      window.addEventListener('pageshow', (event) => {
        sessionStorage.setItem('restored', String(event.persisted));
      });
    },
  });
  await viewsReach(1);
  await page.goto(`${site.server.url}/policy/privacy`);
  await page.goBack();
  await page.waitForURL((url) => url.pathname === '/article/1065');
  const restored = await waitForAsync(page, () => sessionStorage.getItem('restored'));
  const seen = await viewsReach(2);
  assert.equal(seen.length, restored === 'true' ? 1 : 2, `restored ${restored}: ${JSON.stringify(seen)}`);
  await close();
});

test('without the tag nothing is sent', async () => {
  const { page, close } = await plain.open('/article/1065');
  await page.locator('.related a').first().click();
  await page.locator('h1.article__title').waitFor();
  await sleep(600);
  assert.deepEqual(
    plain.server.requests.filter((at) => at.includes('beacon') && !at.endsWith('.js')),
    [],
  );
  await close();
});

test("the receiver's log becomes the most-viewed.json the app shows; hostile beacons are not counted", async () => {
  // Hostile and broken views, straight to the receiver.
  for (const query of [
    'article=../../etc/passwd&ref=direct',
    'article=&ref=direct',
    `article=1058&section=${'가'.repeat(600)}&ref=direct`,
    'article=1058&ref=%3Cscript%3E',
    'nothing=at all',
  ]) {
    await fetch(`http://127.0.0.1:${receiverPort}/beacon?${query}`, { method: 'POST' });
  }
  assert.equal((await fetch(`http://127.0.0.1:${receiverPort}/elsewhere`)).status, 404);
  const log = path.join(work, 'beacon.log');
  const lines = fs.readFileSync(log, 'utf8').trim().split('\n');
  assert.ok(
    lines.every((line) => /^\S+\+\d\d:\d\d article=[A-Za-z0-9_-]+&section=[^ ]*&ref=[a-z]+$/.test(line)),
    lines.join('\n'),
  );
  assert.ok(!lines.some((line) => line.includes('passwd') || line.includes('script')));
  // 1065 was viewed most in these tests, 1058 came in twice (the hostile fields cleaned).
  const out = path.join(work, 'most-viewed.json');
  const said = execFileSync('scripts/most-viewed', ['build', '--log', log, '--api', 'public/api', '--out', out], {
    encoding: 'utf8',
  });
  assert.match(said, /0 line\(s\) skipped/);
  // The same, said as JSON for a cron job's log.
  const summary = JSON.parse(
    execFileSync('scripts/most-viewed', ['build', '--log', log, '--api', 'public/api', '--out', out, '--json'], {
      encoding: 'utf8',
    }),
  );
  assert.equal(summary.lines_skipped, 0);
  assert.equal(summary.views_this_week, lines.length);
  assert.equal(summary.written, out);
  const document = JSON.parse(fs.readFileSync(out, 'utf8'));
  const day = document.periods.find((period) => period.key === 'day');
  assert.equal(day.label, '일간');
  assert.equal(day.articles[0].id, '1065', JSON.stringify(day.articles.map((a) => a.id)));
  assert.ok(day.articles.some((a) => a.id === '1058'));
  await site.server.withFaults({ '/api/most-viewed.json': answerJson(document) }, async () => {
    const { page, close } = await site.open('/section/gyeonggi');
    const first = page.locator('[role=tabpanel]:not([hidden]) .ranked__item a').first();
    await first.waitFor();
    assert.equal((await first.getAttribute('href')).split('/').pop(), '1065');
    assert.match(await first.textContent(), /인천대교/);
    await close();
  });
});
