// Reporter pages (기자 페이지): the byline's name links to /reporter/{slug}, which lists the
// reporter's articles, newest first, with 기자 구독 (the reporter's RSS feed); prerendered, so
// they read with no script.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { startSite } from './browser.mjs';
import { answerJson } from './server.mjs';

const api = (file) => JSON.parse(fs.readFileSync(`public/api/${file}`, 'utf8'));

let site;
before(async () => {
  site = await startSite();
});
after(async () => {
  await site?.close();
});

test("the byline's reporter leads, by keyboard, to the reporter's articles and feed", async () => {
  const article = api('articles/1054.json');
  const listing = api(`reporters/${article.byline.reporter_slug}/1.json`);
  const { page, problems, cspViolations, close } = await site.open('/article/1054');
  const link = page.locator('.byline__reporter a');
  assert.equal(await link.textContent(), `${article.byline.reporter} 기자`);
  assert.equal(await link.getAttribute('href'), `/reporter/${article.byline.reporter_slug}`);
  await link.focus();
  await page.keyboard.press('Enter');
  await page.waitForURL((url) => url.pathname === `/reporter/${article.byline.reporter_slug}`);
  await page
    .getByRole('heading', { level: 1 })
    .filter({ hasText: `${listing.reporter.name} 기자` })
    .waitFor();
  assert.equal(await page.title(), `${listing.reporter.name} 기자 - 한가람일보`);
  assert.deepEqual(
    await page.locator('.article-list__title').allTextContents(),
    listing.articles.map((summary) => summary.title),
  );
  const feed = `/rss/reporter/${listing.reporter.slug}.xml`;
  assert.equal(await page.getByRole('link', { name: '기자 구독 (RSS)' }).getAttribute('href'), feed);
  assert.ok(
    (
      await page
        .locator('link[rel="alternate"][type="application/rss+xml"]')
        .evaluateAll((links) => links.map((l) => l.href))
    ).some((href) => href.endsWith(feed)),
  );
  const xml = await (await fetch(`${site.server.url}${feed}`)).text();
  for (const summary of listing.articles) assert.ok(xml.includes(`/article/${summary.id}<`), summary.id);
  await page.goBack();
  await page.locator('h1.article__title', { hasText: article.title }).waitFor();
  assert.deepEqual(problems, []);
  assert.deepEqual(await cspViolations(), []);
  await close();
});

test('the prerendered reporter page reads and browses with no script', async () => {
  const listing = api('reporters/seoyeon-kim/1.json');
  const { page, close } = await site.open('/reporter/seoyeon-kim', { javaScriptEnabled: false });
  assert.equal(await page.locator('#prerendered h1').textContent(), '김서연 기자');
  assert.deepEqual(
    await page.locator('#prerendered .article-list__title').allTextContents(),
    listing.articles.map((summary) => summary.title),
  );
  await page.locator('#prerendered .article-list__item a').first().click();
  await page.waitForURL((url) => url.pathname === `/article/${listing.articles[0].id}`);
  assert.equal(await page.locator('.byline__reporter a').getAttribute('href'), '/reporter/seoyeon-kim');
  await close();
});

test('an unknown reporter, and one whose page fails, say so in Korean', async () => {
  const missing = await site.open('/reporter/nobody-here');
  await missing.page.getByRole('heading', { level: 1 }).filter({ hasText: '페이지를 찾을 수 없습니다' }).waitFor();
  assert.deepEqual(missing.problems, []);
  await missing.close();

  await site.server.withFaults({ '/api/reporters/seoyeon-kim/2.json': '500' }, async () => {
    const failing = await site.open('/reporter/seoyeon-kim/2');
    await failing.page.locator('.error-notice').waitFor();
    assert.match(await failing.page.locator('.error-notice').textContent(), /기자의 기사 목록/);
    assert.deepEqual(failing.problems, []);
    await failing.close();
  });
});

test('hostile reporter text from the API stays text', async () => {
  const hostile = {
    reporter: { slug: 'seoyeon-kim', name: '<img src=x onerror=alert(1)>김서연', email: 'javascript:alert(1)' },
    page: 1,
    total_pages: 1,
    articles: api('reporters/seoyeon-kim/1.json').articles,
  };
  await site.server.withFaults({ '/api/reporters/seoyeon-kim/1.json': answerJson(hostile) }, async () => {
    // Page 1 at its longer address is not prerendered: the app asks the API for it.
    const { page, problems, cspViolations, close } = await site.open('/reporter/seoyeon-kim/1');
    const heading = page.getByRole('heading', { level: 1 });
    await heading.filter({ hasText: '김서연 기자' }).waitFor();
    assert.equal(await heading.textContent(), '<img src=x onerror=alert(1)>김서연 기자');
    assert.equal(await page.locator('main img[src="x"]').count(), 0);
    assert.equal(await page.locator('a[href^="javascript:"]').count(), 0);
    assert.deepEqual(problems, []);
    assert.deepEqual(await cspViolations(), []);
    await close();
  });
});
