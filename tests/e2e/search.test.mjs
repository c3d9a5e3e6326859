// 검색: from the header to the results, on the static index built from the prerendered
// articles (Pagefind, scripts/search-index) and on a publisher's own search endpoint
// (<meta name="news-search">). Korean words with particles find the articles that use the
// word (the fixed query set in tests/search-queries.json); the query stays in the address;
// hostile queries stay text; pages where nobody searches load nothing of the index.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { layoutShift, recordShifts, startSite } from './browser.mjs';
import { answerJson } from './server.mjs';

const { queries } = JSON.parse(fs.readFileSync('tests/search-queries.json', 'utf8'));
/** The share of the query set that must find all its articles in the first ten results. */
const MIN_HIT_RATE = 0.9;
const results = (page) =>
  page.locator('.search-results__title').evaluateAll((all) => all.map((a) => a.pathname.replace('/article/', '')));
const settled = (page) => page.locator('.search-results, .search-page__empty, .error-notice').first().waitFor();

let site;
before(async () => {
  site = await startSite();
});
after(async () => {
  await site?.close();
});

test(`the Korean query set finds its articles (at least ${MIN_HIT_RATE * 100} %)`, async () => {
  const { page, problems, close } = await site.open('/photo');
  const missed = [];
  for (const { query, articles } of queries) {
    await page.goto(`${site.server.url}/search?q=${encodeURIComponent(query)}`);
    await settled(page);
    const found = await results(page);
    if (!articles.every((id) => found.includes(id))) missed.push(`${query}: want ${articles}, got ${found}`);
  }
  const rate = 1 - missed.length / queries.length;
  console.log(
    `query set: ${queries.length - missed.length}/${queries.length} found${missed.map((m) => `\n  missed ${m}`).join('')}`,
  );
  assert.ok(queries.length >= 30, 'at least 30 queries');
  assert.ok(rate >= MIN_HIT_RATE, missed.join('\n'));
  assert.deepEqual(problems, []);
  await close();
});

test('typing a query in the header and pressing Enter shows the results, the words marked', async () => {
  const { page, problems, cspViolations, close } = await site.open('/', { width: 1280, height: 900 });
  await page.locator('.lead-story').waitFor();
  await page.getByRole('searchbox', { name: '기사 검색' }).fill('고양시가');
  await page.keyboard.press('Enter');
  await page.waitForURL((url) => url.pathname === '/search' && url.searchParams.get('q') === '고양시가');
  await settled(page);
  assert.equal(await page.locator('h1').textContent(), '‘고양시가’ 검색 결과');
  assert.match(await page.locator('.search-page__count').textContent(), /^검색 결과 \d+건$/);
  const first = page.locator('.search-results__item').first();
  assert.equal(await first.locator('.search-results__title').getAttribute('href'), '/article/1054');
  assert.ok((await first.locator('mark').allTextContents()).includes('고양시'));
  assert.equal(await first.locator('.search-results__section').textContent(), '경기');
  assert.equal(await first.locator('time').textContent(), '2026.11.21 16:40');
  // The search page's own form holds the query.
  assert.equal(await page.locator('#search-page-query').inputValue(), '고양시가');
  assert.deepEqual(await cspViolations(), []);
  assert.deepEqual(problems, []);
  await close();
});

test('on a phone, by keyboard alone: open the search, type, Enter, reach a result and open it', async () => {
  const { page, problems, close } = await site.open('/article/1065', { width: 390, height: 844 });
  await page.locator('h1.article__title').waitFor();
  const toggle = page.locator('.header-search__toggle');
  assert.equal(await page.locator('#header-search-query').isVisible(), false);
  for (let i = 0; i < 30 && !(await toggle.evaluate((el) => el === document.activeElement)); i += 1) {
    await page.keyboard.press('Tab');
  }
  assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
  await page.keyboard.press('Enter');
  assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
  await page.waitForFunction(() => document.activeElement?.id === 'header-search-query');
  await page.keyboard.type('인천대교를');
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/search\?q=/);
  await settled(page);
  // The header's form closed with the new page; the first result is the bridge story.
  assert.equal(await page.locator('#header-search-query').isVisible(), false);
  const link = page.locator('.search-results__title').first();
  for (let i = 0; i < 40 && !(await link.evaluate((el) => el === document.activeElement)); i += 1) {
    await page.keyboard.press('Tab');
  }
  assert.equal(await link.evaluate((el) => el === document.activeElement), true);
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/article\/1065$/);
  await page.locator('h1.article__title').waitFor();
  assert.deepEqual(problems, []);
  await close();
});

test('back and forward move between searches; a deep link and a reload keep the query', async () => {
  const { page, problems, close } = await site.open(`/search?q=${encodeURIComponent('인천대교를')}`);
  await settled(page);
  assert.deepEqual(await results(page), ['1065']);
  await page.locator('#search-page-query').fill('도서관에서');
  await page.locator('#search-page-query').press('Enter');
  await page.waitForURL((url) => url.searchParams.get('q') === '도서관에서');
  await page.locator('h1', { hasText: '도서관에서' }).waitFor();
  await settled(page);
  assert.deepEqual((await results(page)).sort(), ['1054', '1056']);
  await page.goBack();
  await page.locator('h1', { hasText: '인천대교를' }).waitFor();
  await settled(page);
  assert.deepEqual(await results(page), ['1065']);
  assert.equal(await page.locator('#search-page-query').inputValue(), '인천대교를');
  await page.goForward();
  await page.locator('h1', { hasText: '도서관에서' }).waitFor();
  await page.reload();
  await page.locator('h1', { hasText: '도서관에서' }).waitFor();
  await settled(page);
  assert.deepEqual((await results(page)).sort(), ['1054', '1056']);
  assert.deepEqual(problems, []);
  await close();
});

test('more results on demand: ten at a time, focus on the first new one', async () => {
  const { page, problems, close } = await site.open(`/search?q=${encodeURIComponent('기자')}`, { width: 1280 });
  await settled(page);
  assert.equal(await page.locator('.search-page__count').textContent(), '검색 결과 20건');
  assert.equal(await page.locator('.search-results__item').count(), 10);
  await page.getByRole('button', { name: '검색 결과 더 보기' }).click();
  await page.waitForFunction(() => document.querySelectorAll('.search-results__item').length === 20);
  assert.equal(
    await page.evaluate(() => document.activeElement === document.querySelectorAll('.search-results__title')[10]),
    true,
  );
  assert.equal(await page.getByRole('button', { name: '검색 결과 더 보기' }).count(), 0);
  assert.equal(new Set(await results(page)).size, 20);
  assert.deepEqual(problems, []);
  await close();
});

test('no results: a Korean message, what to try, and the sections to browse', async () => {
  // Pagefind alone would offer 1066 for 착륙 (it tries ever shorter beginnings of a word it does
  // not know: 차); a result must hold every word.
  const { page, problems, close } = await site.open(`/search?q=${encodeURIComponent('블록체인 착륙')}`);
  await page.locator('.search-page__empty').waitFor();
  assert.equal(await page.locator('.search-page__empty .search-page__count').textContent(), '검색 결과가 없습니다.');
  assert.equal(await page.locator('.search-page__tips li').count(), 3);
  await page.locator('.search-page__sections a').first().waitFor();
  assert.ok((await page.locator('.search-page__sections a').count()) >= 6);
  assert.deepEqual(problems, []);
  await close();
});

test('hostile queries are shown as text and break nothing', async () => {
  const hostile = [
    '<script>window.__xss=1</script>',
    '"><img src=x onerror="window.__xss=2">',
    '100% %zz %E0%A4%A 50%25',
    '\u202e역방향 \u0000널',
  ];
  const { page, problems, close } = await site.open('/photo');
  const shown = async () => {
    await settled(page);
    const heading = await page.locator('h1').textContent();
    assert.ok(heading.startsWith('‘') && heading.endsWith('’ 검색 결과'), heading);
    assert.equal(await page.locator('main img[src="x"], main script').count(), 0);
    return heading;
  };
  for (const query of hostile) {
    await page.goto(`${site.server.url}/search?q=${encodeURIComponent(query)}`);
    assert.equal(await shown(), `‘${query.trim()}’ 검색 결과`);
  }
  // 2,000 characters typed into the search box: searched and kept in the address as the first
  // 200, so any server takes the address back.
  await page.goto(`${site.server.url}/search`);
  await page.locator('#search-page-query').fill('가'.repeat(2000));
  await page.locator('#search-page-query').press('Enter');
  await page.waitForFunction(() => new URL(location.href).searchParams.get('q') === '가'.repeat(200));
  assert.equal(await shown(), `‘${'가'.repeat(200)}’ 검색 결과`);
  await page.reload();
  await shown();
  // A raw % sequence in the address, and a query of spaces only.
  await page.goto(`${site.server.url}/search?q=%zz%`);
  await page.locator('h1').waitFor();
  await page.goto(`${site.server.url}/search?q=${encodeURIComponent('   ')}`);
  await page.locator('.search-page__hint', { hasText: '찾을 낱말을 입력해 주세요.' }).waitFor();
  assert.equal(await page.evaluate(() => window.__xss), undefined);
  assert.deepEqual(problems, []);
  await close();
});

test('pages where nobody searches load nothing of the index; the search page stays still', async () => {
  const from = site.server.requests.length;
  const { page, problems, close } = await site.open('/article/1065', { width: 390 });
  await page.locator('h1.article__title').waitFor();
  await page.locator('.ranked__item a').first().waitFor();
  await page.waitForTimeout(300);
  assert.deepEqual(
    site.server.requests.slice(from).filter((path) => path.startsWith('/pagefind/')),
    [],
    'an article loads no search file',
  );
  await close();

  const searching = await site.open(`/search?q=${encodeURIComponent('도서관')}`, {
    width: 390,
    init: recordShifts,
  });
  await settled(searching.page);
  await searching.page.locator('.ranked__item a').first().waitFor();
  await searching.page.waitForTimeout(300);
  const { cls } = await layoutShift(searching.page);
  assert.ok(cls <= 0.01, `CLS ${cls.toFixed(4)}`);
  assert.ok(site.server.requests.slice(from).some((path) => path.startsWith('/pagefind/')));
  assert.deepEqual(await searching.cspViolations(), []);
  assert.deepEqual(problems.concat(searching.problems), []);
  await searching.close();
});

test('a publisher search endpoint (news-search) is used instead of the static index', async () => {
  const cms = await startSite({ head: '<meta name="news-search" content="/cms/search">' });
  const asked = [];
  const article = (id, title) => ({
    id,
    title,
    section: { slug: 'gyeonggi', name: '경기' },
    summary: `${title} 요약`,
    published_at: '2025-10-27 10:00:00',
  });
  try {
    cms.server.faults.set('/cms/search', (res, req) => {
      const url = new URL(req.url, 'http://x');
      asked.push([url.searchParams.get('q'), url.searchParams.get('page')]);
      const page = Number(url.searchParams.get('page'));
      answerJson({
        page,
        total_pages: 2,
        total: 3,
        articles:
          page === 1 ? [article(1065, 'CMS 첫 기사'), article('1054', 'CMS 둘째 기사')] : [article(1051, 'CMS 셋째')],
      })(res);
    });
    const { page, problems, close } = await cms.open(`/search?q=${encodeURIComponent('고양시 도서관')}`);
    await settled(page);
    assert.equal(await page.locator('.search-page__count').textContent(), '검색 결과 3건');
    assert.deepEqual(await results(page), ['1065', '1054']);
    assert.equal(await page.locator('.search-results__summary').first().textContent(), 'CMS 첫 기사 요약');
    assert.equal(
      await page.locator('.search-results time').first().getAttribute('datetime'),
      '2025-10-27T10:00:00+09:00',
    );
    await page.getByRole('button', { name: '검색 결과 더 보기' }).click();
    await page.waitForFunction(() => document.querySelectorAll('.search-results__item').length === 3);
    assert.deepEqual(asked, [
      ['고양시 도서관', '1'],
      ['고양시 도서관', '2'],
    ]);
    assert.equal(
      cms.server.requests.filter((path) => path.startsWith('/pagefind/')).length,
      0,
      'the static index is not loaded',
    );
    assert.deepEqual(problems, []);
    await close();
  } finally {
    await cms.close();
  }
});

test('publishing, updating and taking down renew the index shard by shard, and the search agrees', {
  timeout: 300000,
}, async () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'search-publish-'));
  const api = path.join(work, 'api');
  const dist = path.join(work, 'dist');
  fs.cpSync('public/api', api, { recursive: true });
  fs.cpSync('dist', dist, { recursive: true });
  const json = (file) => JSON.parse(fs.readFileSync(path.join(api, file), 'utf8'));
  const put = (file, data) => fs.writeFileSync(path.join(api, file), JSON.stringify(data));
  const write = (id, title, published) => {
    put(`articles/${id}.json`, { ...json('articles/1065.json'), id, title, published_at: published, related: [] });
    const summary = { id, title, section: { slug: 'incheon', name: '인천' }, published_at: published };
    for (const [file, key] of [
      ['home.json', 'lead'],
      ['sections/incheon/1.json', 'articles'],
    ]) {
      const list = json(file);
      list[key] = [summary, ...list[key].filter((entry) => entry.id !== id)];
      put(file, list);
    }
  };
  const prerender = (...args) =>
    execFileSync(
      'scripts/prerender',
      [
        '--api',
        api,
        '--dist',
        dist,
        '--site-url',
        'https://news.example',
        '--now',
        '2026-11-25T12:00:00+09:00',
        ...args,
      ],
      { stdio: 'pipe' },
    );
  const shards = () => JSON.parse(fs.readFileSync(path.join(dist, 'pagefind/shards.json'), 'utf8'));
  write('2001', '무지개다리 축제 열린다', '2026-11-25T10:00:00+09:00');
  write('2002', '무지개다리 준공식 파랑새', '2024-05-01T09:00:00+09:00');
  write('2005', '은하수 다리 뭉게구름섬 전설', '2024-05-02T09:00:00+09:00');
  prerender();
  assert.deepEqual(
    shards().periods.map((p) => p.name),
    ['2026-11', '2024-05'],
  );
  assert.equal(shards().recent, null);

  const local = await startSite({ dist });
  const { page, problems, close } = await local.open('/photo');
  const search = async (query) => {
    await page.goto(`${local.server.url}/search?q=${encodeURIComponent(query)}`);
    await settled(page);
    return results(page);
  };
  try {
    // Newest period first: this month's article before the one of 2024.
    assert.deepEqual(await search('무지개다리'), ['2001', '2002']);

    // A new article: only the recent shard is built.
    write('2003', '무지개다리 야경 명소', '2026-11-25T11:00:00+09:00');
    const publish = prerender('--article', '2003', '--json');
    const summary = JSON.parse(publish.toString());
    assert.ok(summary.stages.some((stage) => stage.name === 'search index'));
    assert.equal(shards().recent, '/pagefind/recent/');
    assert.deepEqual((await search('무지개다리')).slice(-1), ['2002']);
    assert.deepEqual((await search('무지개다리')).slice(0, 2).sort(), ['2001', '2003']);

    // An update of the 2024 article: its new words are found, its old ones no longer.
    write('2002', '무지개다리 보수 노랑새', '2024-05-01T09:00:00+09:00');
    prerender('--article', '2002');
    assert.ok(shards().hidden.includes('/article/2002'));
    assert.deepEqual(await search('노랑새'), ['2002']);
    assert.deepEqual(await search('파랑새'), []);

    // Taken down: gone from the results, and its text from the shard it was in.
    prerender('--remove', '2001');
    assert.deepEqual((await search('무지개다리')).sort(), ['2002', '2003']);
    const held = JSON.parse(fs.readFileSync(path.join(dist, 'pagefind/.shards/2026-11.json'), 'utf8'));
    const fragment = held.fragments['/article/2001'];
    assert.ok(fragment, 'its fragment was known');
    assert.equal(fs.existsSync(path.join(dist, 'pagefind/2026-11', fragment)), false);

    // A publish reads only what the prerender command noted, and empties the note.
    assert.equal(fs.readFileSync(path.join(dist, '.search-records/journal'), 'utf8'), '');

    // Moved to another month: its copy in the old month's shard is hidden, its old words gone.
    write('2005', '은하수 다리 새 전설', '2026-11-24T09:00:00+09:00');
    prerender('--article', '2005');
    assert.ok(shards().hidden.includes('/article/2005'));
    assert.deepEqual(await search('은하수'), ['2005']);
    assert.deepEqual(await search('뭉게구름섬'), []);

    // A date that tries to name a folder: the shard's name is made of digits, or "undated".
    write('2004', '무지개다리 날짜 소동', '../../../../tmp/x"><script>alert(1)</script>');
    prerender('--article', '2004');
    assert.deepEqual(await search('소동'), ['2004']);

    // A whole run folds the recent shard back into the periods' shards.
    prerender();
    assert.equal(shards().recent, null);
    assert.deepEqual(shards().hidden, []);
    assert.deepEqual(
      fs.readdirSync(path.join(dist, 'pagefind')).filter((name) => !name.startsWith('.')),
      ['2024-05', '2026-11', 'shards.json', 'undated'],
    );
    assert.deepEqual(await search('소동'), ['2004']);
    assert.deepEqual(await search('무지개다리'), ['2003', '2002', '2004']);
    assert.deepEqual(await search('은하수'), ['2005']);
    assert.deepEqual(await search('노랑새'), ['2002']);
    assert.deepEqual(await search('파랑새'), []);
    assert.deepEqual(problems, []);
  } finally {
    await close();
    await local.close();
    fs.rmSync(work, { recursive: true, force: true });
  }
});

test("a word that ends one part of a shard's index still finds its longer forms in the next part", {
  timeout: 120000,
}, async () => {
  // Pagefind splits a shard's words into parts and loads, for a word, the part it falls in:
  // here, by a small part size (Pagefind's own setting), 도서관 ends the first part and
  // 도서관과 starts the second, as they did in a shard of the 300,000-article bench.
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'search-parts-'));
  const dist = path.join(work, 'dist');
  fs.cpSync('dist', dist, { recursive: true });
  const articles = {
    1051: '<h1>도서관 도서관 도서관</h1><p>도서관 도서관</p>',
    1052: '<h1>도서관과</h1>',
    1053: '<h1>두고</h1>',
  };
  for (const name of fs.readdirSync(path.join(dist, 'article'))) {
    if (!(name.replace(/\.html$/, '') in articles)) fs.rmSync(path.join(dist, 'article', name), { recursive: true });
  }
  for (const folder of ['.search-records', 'pagefind']) fs.rmSync(path.join(dist, folder), { recursive: true });
  fs.mkdirSync(path.join(dist, '.search-records'));
  for (const [id, body] of Object.entries(articles)) {
    const html = `<!DOCTYPE html><html lang="ko"><meta charset="utf-8"><article data-pagefind-body>${body}</article>`;
    fs.writeFileSync(path.join(dist, '.search-records', `${id}.json`), JSON.stringify({ month: '2026-11', html }));
  }
  execFileSync('node', ['scripts/search-index.mjs', dist, '--whole', '--now', '2026-11-25T12:00:00+09:00'], {
    env: { ...process.env, PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE: '8' },
    stdio: 'pipe',
  });
  const local = await startSite({ dist });
  try {
    // Pagefind by itself finds only the article with the word as it is.
    const bare = await local.open('/photo');
    const alone = await bare.page.evaluate(async () => {
      const pagefind = await import('/pagefind/2026-11/pagefind.js');
      await pagefind.init();
      return (await pagefind.search('도서관')).results.length;
    });
    await bare.close();
    assert.equal(alone, 1, 'the index is split between 도서관 and 도서관과 (else this test shows nothing)');

    const { page, problems, close } = await local.open(`/search?q=${encodeURIComponent('도서관')}`);
    await settled(page);
    assert.deepEqual((await results(page)).sort(), ['1051', '1052']);
    assert.deepEqual(problems, []);
    await close();
  } finally {
    await local.close();
    fs.rmSync(work, { recursive: true, force: true });
  }
});
