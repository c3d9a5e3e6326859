// What a news site must withstand: hostile text and links from the API, under a strict
// Content-Security-Policy, with no script of anyone else's ever running.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import crypto from 'node:crypto';
import { startSite } from './browser.mjs';
import { answerJson } from './server.mjs';
import { hostile, PAYLOAD, LONG_PARAGRAPH } from './fixtures/hostile.mjs';

let site;
before(async () => {
  site = await startSite({ prerendered: false });
});
after(async () => {
  await site?.close();
});

/** Serves the hostile fixtures in place of the demo API for the length of `body`. */
function withHostileApi(body) {
  const answers = Object.fromEntries(Object.entries(hostile).map(([path, data]) => [path, answerJson(data)]));
  return site.server.withFaults(answers, body);
}

test('index.html and 404.html carry a strict Content-Security-Policy', () => {
  for (const file of ['dist/index.html', 'dist/404.html']) {
    const html = fs.readFileSync(file, 'utf8');
    const policy = html.match(/http-equiv="Content-Security-Policy" content="([^"]+)"/)?.[1];
    assert.ok(policy, `${file} has no policy`);
    const scriptSrc = policy.split('; ').find((d) => d.startsWith('script-src '));
    assert.match(scriptSrc, /^script-src 'self' 'wasm-unsafe-eval'( 'sha256-[A-Za-z0-9+/]+=*')+$/);
    assert.ok(!policy.includes('unsafe-inline'));
    assert.ok(policy.includes("img-src 'self' https:"));
    assert.ok(policy.includes("object-src 'none'"));
    // The policy comes before every script it governs.
    assert.ok(html.indexOf('Content-Security-Policy') < html.indexOf('<script'));
  }
});

test('the stylesheet inside every page is allowed by its hash, and by nothing looser', () => {
  const files = [
    'dist/index.html',
    'dist/404.html',
    'dist/shell.html',
    'dist/article/1065.html',
    'dist/section/gyeonggi.html',
  ];
  for (const file of files) {
    const html = fs.readFileSync(file, 'utf8');
    const policy = html.match(/http-equiv="Content-Security-Policy" content="([^"]+)"/)?.[1];
    const styleSrc = policy.split('; ').find((d) => d.startsWith('style-src '));
    const styles = [...html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/g)].map((m) => m[1]);
    assert.equal(styles.length, 1, `${file}: one <style>, the whole stylesheet`);
    const hash = `'sha256-${crypto.createHash('sha256').update(styles[0]).digest('base64')}'`;
    assert.equal(styleSrc, `style-src 'self' ${hash}`, file);
    assert.doesNotMatch(html, /rel="?stylesheet/, `${file} needs no stylesheet request`);
    // Before the page's markup, so the first paint is styled.
    assert.ok(html.indexOf('<style') < html.indexOf('<body'), file);
  }
});

test('every script and stylesheet Trunk links carries an integrity that matches the file', () => {
  const html = fs.readFileSync('dist/index.html', 'utf8');
  const links = [...html.matchAll(/<link\b[^>]*>/g)].map(([tag]) => tag).filter((tag) => /integrity=/.test(tag));
  assert.ok(links.length >= 2, 'js glue and wasm are linked with integrity');
  for (const tag of links) {
    const href = tag.match(/href="?\/([^"\s>]+)/)[1];
    const integrity = tag.match(/integrity="?(sha384-[A-Za-z0-9+/=]+)/)[1];
    const actual = `sha384-${crypto
      .createHash('sha384')
      .update(fs.readFileSync(`dist/${href}`))
      .digest('base64')}`;
    assert.equal(integrity, actual, href);
  }
  // The JS glue ships minified (scripts/hooks/minify-glue.mjs): no indented lines are left.
  const glue = fs.readdirSync('dist').find((f) => /^news-front-[0-9a-f]+\.js$/.test(f));
  assert.doesNotMatch(fs.readFileSync(`dist/${glue}`, 'utf8'), /\n {4}/);
});

test('the site runs under its policy with no violation', async () => {
  const { page, problems, cspViolations, close } = await site.open('/article/1065', { width: 1280, height: 900 });
  await page.locator('h1.article__title').waitFor();
  await page.locator('.carousel__slide img').first().waitFor();
  await page.locator('.ranked__item a').first().waitFor();
  // The app neither adds a second copy of the styles nor loses the page's as it navigates.
  const styles = () =>
    page.evaluate(() => ({
      style: document.querySelectorAll('style').length,
      linked: document.querySelectorAll('link[rel=stylesheet]').length,
      rules: [...document.styleSheets].reduce((n, sheet) => n + sheet.cssRules.length, 0),
    }));
  const first = await styles();
  assert.equal(first.style, 1);
  assert.equal(first.linked, 0);
  assert.ok(first.rules > 100, `${first.rules} rules`);
  await page.locator('.section-menu__list a[href^="/section/"]').first().click();
  await page.waitForURL(/\/section\//);
  await page.locator('.article-list__item').first().waitFor();
  assert.deepEqual(await styles(), first);
  assert.deepEqual(await cspViolations(), []);
  assert.deepEqual(problems, []);
  await close();
});

test('hostile text is shown as text and runs nothing, on every part of the page', async () => {
  await withHostileApi(async () => {
    const { page, problems, cspViolations, close } = await site.open('/article/666', { width: 390, height: 844 });
    const dialogs = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      d.dismiss();
    });
    await page.locator('h1.article__title').waitFor();
    await page.locator('.ranked__item a').first().waitFor();
    await page.locator('.weather__city').first().waitFor({ state: 'attached' });
    await page.waitForTimeout(500);

    assert.equal(await page.locator('h1.article__title').textContent(), PAYLOAD.script);
    const paragraphs = await page.locator('.article-body > p').allTextContents();
    for (const text of [PAYLOAD.img, PAYLOAD.svg, PAYLOAD.rtl, PAYLOAD.zeroWidth, PAYLOAD.emoji, PAYLOAD.longWord]) {
      assert.ok(paragraphs.includes(text), `missing ${JSON.stringify(text.slice(0, 40))}`);
    }
    assert.ok(
      paragraphs.some((p) => p.length === LONG_PARAGRAPH.length),
      '50,000-character paragraph',
    );
    // A paragraph's runs: bold and italic kept, every bad address dropped with its words kept;
    // runs that would add words are not used (the plain text shows, without the payload).
    const runs = page.locator('.article-body > p', { has: page.locator('strong') }).first();
    assert.equal(await runs.locator('strong').count(), 7); // one for each bad address
    assert.equal(await runs.locator('a').count(), 0);
    assert.deepEqual(await runs.locator('em').allTextContents(), [PAYLOAD.img]);
    assert.ok(paragraphs.includes('짧은 문단'));
    assert.ok(!paragraphs.some((p) => p.includes('짧은 문단') && p.includes('__pwned')));
    assert.equal(await page.locator('.site-header__name').textContent(), PAYLOAD.script);
    assert.ok((await page.locator('.weather__name').allTextContents()).includes(PAYLOAD.img));
    assert.equal(
      await page.locator('[role=tabpanel]:not([hidden]) .ranked__item a').first().textContent(),
      PAYLOAD.svg,
    );

    // Nothing ran: no element came from the payloads, no handler fired, no dialog opened.
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
    assert.deepEqual(dialogs, []);
    assert.equal(await page.locator('#main script, #main svg[onload], #main img[onerror], #main iframe').count(), 0);
    // No link or image address outside the allow-list survived.
    const addresses = await page.evaluate(() => [
      ...[...document.querySelectorAll('a[href]')].map((a) => a.getAttribute('href')),
      ...[...document.querySelectorAll('img')].map((img) => img.getAttribute('src')),
      ...[...document.querySelectorAll('img[srcset]')].map((img) => img.getAttribute('srcset')),
    ]);
    for (const address of addresses) {
      assert.match(address, /^(https?:\/\/|\/(?![/\\])|mailto:[^:]+@[^:]+$|#main$)/i, address);
      assert.doesNotMatch(address, /javascript:|data:|vbscript:/i, address);
    }
    // Long words wrap: nothing pushes the phone layout sideways.
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1));
    assert.deepEqual(await cspViolations(), []);
    assert.deepEqual(problems, []);
    await close();
  });
});

test('an article id with /, .., %, spaces or Hangul stays inside the API folder', async () => {
  // The router decodes %2F (even %252F) in parameters: such ids must not reach the server.
  const escapes = ['..%2Fsite', '..%252Fsite', '..%5Csite', 'x%2F..%2F..%2Fsite'];
  const encoded = ['a%20b', '%EA%B2%BD%EA%B8%B0', '1065%3Fx%3D1', '100%25'];
  for (const id of escapes) {
    const before = site.server.requests.length;
    // Requests are counted: the service worker's own fetches are left out.
    const { page, problems, close } = await site.open(`/article/${id}`, { serviceWorkers: 'block' });
    await page.getByRole('heading', { name: '페이지를 찾을 수 없습니다' }).waitFor();
    const articleRequests = site.server.requests.slice(before).filter((r) => r.startsWith('/api/articles/'));
    assert.deepEqual(articleRequests, [], `${id} requested ${articleRequests}`);
    assert.deepEqual(problems, []);
    await close();
  }
  const ids = encoded;
  for (const id of ids) {
    const before = site.server.requests.length;
    // Requests are counted: the service worker's own fetches are left out.
    const { page, problems, close } = await site.open(`/article/${id}`, { serviceWorkers: 'block' });
    await page.getByRole('heading', { name: '페이지를 찾을 수 없습니다' }).waitFor();
    const articleRequests = site.server.requests
      .slice(before)
      .filter(
        (r) => r.startsWith('/api/') && !r.match(/^\/api\/(site|weather|most-viewed|photo-news|sns-tv|banners)\.json$/),
      );
    assert.equal(articleRequests.length, 1, `${id}: ${articleRequests}`);
    assert.match(articleRequests[0], /^\/api\/articles\/[^/]+\.json$/, `${id} requested ${articleRequests[0]}`);
    assert.deepEqual(problems, []);
    await close();
  }
});
