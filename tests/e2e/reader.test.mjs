// What readers of Korean news reach for: text size, share, print, dark mode, and the
// reporter's other articles, and how long an article takes to read.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { startSite } from './browser.mjs';
import { answerJson } from './server.mjs';

const ID = '1065';
const article = JSON.parse(fs.readFileSync(`public/api/articles/${ID}.json`, 'utf8'));
const bodySize = (page) => page.locator('.article-body').evaluate((el) => getComputedStyle(el).fontSize);

let site;
before(async () => {
  site = await startSite();
});
after(async () => {
  await site?.close();
});

test('text size changes in steps, affects the body only, and is kept before first paint', async () => {
  const { page, problems, close } = await site.open(`/article/${ID}`);
  await page.locator('h1.article__title').waitFor();
  assert.equal(await bodySize(page), '18px');
  const titleSize = await page.locator('h1.article__title').evaluate((el) => getComputedStyle(el).fontSize);
  await page.getByRole('button', { name: '글자 크게' }).click();
  await page.getByRole('button', { name: '글자 크게' }).click();
  assert.equal(await bodySize(page), '22px');
  assert.equal(await page.locator('h1.article__title').evaluate((el) => getComputedStyle(el).fontSize), titleSize);
  // Seven steps: the buttons stop at the ends.
  for (let i = 0; i < 6; i++) await page.getByRole('button', { name: '글자 크게' }).click({ force: true });
  assert.equal(await bodySize(page), '26px');
  assert.equal(await page.getByRole('button', { name: '글자 크게' }).isDisabled(), true);
  for (let i = 0; i < 3; i++) await page.getByRole('button', { name: '글자 작게' }).click();
  assert.equal(await bodySize(page), '20px');

  // After a reload the size is on <html> before the app's script has run.
  await page.addInitScript(() =>
    document.addEventListener('DOMContentLoaded', () => {
      window.__sizeAtDomReady = document.documentElement.getAttribute('data-text-size');
    }),
  );
  await page.reload();
  await page.locator('h1.article__title').waitFor();
  assert.equal(await page.evaluate(() => window.__sizeAtDomReady), '3');
  assert.equal(await bodySize(page), '20px');
  assert.deepEqual(problems, []);
  await close();
});

test('copy link confirms in Korean; without the Clipboard API the address is offered to copy', async () => {
  const { page, problems, close } = await site.open(`/article/${ID}`);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: site.server.url });
  await page.getByRole('button', { name: '링크 복사' }).click();
  await page.getByRole('status').filter({ hasText: '링크를 복사했습니다' }).waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), `${site.server.url}/article/${ID}`);
  assert.deepEqual(problems, []);
  await close();

  const old = await site.open(`/article/${ID}`);
  await old.page.addInitScript(() => {
    delete Navigator.prototype.clipboard;
  });
  await old.page.reload();
  await old.page.getByRole('button', { name: '링크 복사' }).click();
  await old.page.getByRole('status').filter({ hasText: '아래 주소를 복사해 주세요' }).waitFor();
  assert.equal(
    await old.page.getByRole('textbox', { name: '기사 주소' }).inputValue(),
    `${site.server.url}/article/${ID}`,
  );
  await old.close();
});

test('share links need no script and carry the address and title', async () => {
  const { page, close } = await site.open(`/article/${ID}`);
  await page.locator('.reader-tools__link').first().waitFor();
  const hrefs = await page
    .locator('.reader-tools__link')
    .evaluateAll((links) => links.map((a) => [a.href, a.rel, a.target]));
  const url = encodeURIComponent(`${site.server.url}/article/${ID}`);
  assert.deepEqual(
    hrefs.map(([href]) => href),
    [
      `https://blog.naver.com/openapi/share?url=${url}&title=${encodeURIComponent(article.title)}`,
      `https://band.us/plugin/share?body=${encodeURIComponent(article.title)}%0A${url}&route=${url}`,
      `https://www.facebook.com/sharer/sharer.php?u=${url}`,
      `https://twitter.com/intent/tweet?url=${url}&text=${encodeURIComponent(article.title)}`,
      `https://story.kakao.com/share?url=${url}`,
    ],
  );
  assert.ok(hrefs.every(([, rel, target]) => rel === 'noopener noreferrer' && target === '_blank'));
  await close();
});

test("the device's share sheet is offered only where there is one, with title and address", async () => {
  // A device without one (desktop Chromium on Linux has none; make sure of it).
  const plain = await site.open(`/article/${ID}`, {
    init: () => {
      delete Navigator.prototype.share;
    },
  });
  await plain.page.locator('.reader-tools__link').first().waitFor();
  assert.equal(await plain.page.getByRole('button', { name: '공유', exact: true }).count(), 0);
  await plain.close();

  // A device with a share sheet: the first share goes through, the second is cancelled.
  const withShare = () => {
    window.__shared = [];
    Object.defineProperty(Navigator.prototype, 'share', {
      configurable: true,
      value(data) {
        window.__shared.push({ title: data.title, url: data.url });
        return window.__shared.length === 1
          ? Promise.resolve()
          : Promise.reject(new DOMException('cancelled', 'AbortError'));
      },
    });
  };
  const { page, problems, close } = await site.open(`/article/${ID}`, { init: withShare });
  const button = page.getByRole('button', { name: '공유', exact: true });
  await button.click();
  await button.click();
  await page.waitForFunction(() => window.__shared.length === 2);
  const expected = { title: article.title, url: `${site.server.url}/article/${ID}` };
  assert.deepEqual(await page.evaluate(() => window.__shared), [expected, expected]);
  await page.waitForTimeout(200);
  assert.deepEqual(problems, [], 'a cancelled share is no error');
  await close();
});

test('print shows the article alone: no menus, ads, widgets or carousel', async () => {
  const { page, close } = await site.open(`/article/${ID}`, { width: 1280, height: 900 });
  await page.locator('.banner-slot a').first().waitFor();
  await page.emulateMedia({ media: 'print' });
  for (const hidden of [
    '.site-header',
    '.section-menu',
    '.banner-slot',
    '.widget',
    '.carousel',
    '.reader-tools',
    '.site-footer',
  ]) {
    const visible = await page
      .locator(hidden)
      .evaluateAll((els) =>
        els.some(
          (el) =>
            el.offsetParent !== null || (getComputedStyle(el).display !== 'none' && el.getClientRects().length > 0),
        ),
      );
    assert.equal(visible, false, `${hidden} prints`);
  }
  for (const shown of [
    'h1.article__title',
    '.byline',
    '.byline time',
    '.article-body > p',
    '.article-body__photo figcaption',
  ]) {
    assert.equal(await page.locator(shown).first().isVisible(), true, `${shown} does not print`);
  }
  await close();
});

test('dark mode follows the system, can be chosen, and is kept', async () => {
  const dark = await site.open(`/article/${ID}`, { colorScheme: 'dark' });
  await dark.page.locator('h1.article__title').waitFor();
  const background = () => dark.page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  assert.equal(await background(), 'rgb(18, 20, 24)');
  assert.equal(await dark.page.getByRole('button', { name: '다크 모드' }).getAttribute('aria-pressed'), 'true');
  await dark.close();

  const { page, problems, close } = await site.open(`/article/${ID}`, { colorScheme: 'light' });
  await page.locator('h1.article__title').waitFor();
  assert.equal(await page.evaluate(() => getComputedStyle(document.body).backgroundColor), 'rgb(255, 255, 255)');
  await page.getByRole('button', { name: '다크 모드' }).click();
  assert.equal(await page.evaluate(() => getComputedStyle(document.body).backgroundColor), 'rgb(18, 20, 24)');
  await page.reload();
  await page.locator('h1.article__title').waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.getAttribute('data-theme')), 'dark');
  assert.equal(await page.getByRole('button', { name: '다크 모드' }).getAttribute('aria-pressed'), 'true');
  assert.deepEqual(problems, []);
  await close();
});

test('dark mode keeps AA contrast (axe)', async () => {
  const axe = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
  for (const width of [390, 1280]) {
    const { page, close } = await site.open(`/article/${ID}`, { width, colorScheme: 'dark', bypassCSP: true });
    await page.locator('.ranked__item a').first().waitFor();
    await page.waitForTimeout(300);
    await page.addScriptTag({ path: axe });
    const result = await page.evaluate(() =>
      axe.run(document, { runOnly: { type: 'tag', values: ['wcag2aa', 'wcag21aa'] } }),
    );
    assert.deepEqual(
      result.violations.map(
        (v) =>
          `${v.id}: ${v.nodes
            .slice(0, 3)
            .map((n) => n.target.join(' '))
            .join(', ')}`,
      ),
      [],
    );
    await close();
  }
});

test("the reporter's other articles are listed under the article", async () => {
  const { page, close } = await site.open(`/article/${ID}`);
  const block = page.locator('.reporter-articles');
  await block.waitFor();
  assert.equal(await block.locator('h2').textContent(), `${article.byline.reporter} 기자의 다른 기사`);
  assert.deepEqual(
    await block.locator('.article-list__title').allTextContents(),
    article.reporter_articles.map((a) => a.title),
  );
  await close();
});

/** 읽는 데 약 N분 as src/format.rs counts it: the body's words at 202 a minute, at least one. */
function readingMinutes(body) {
  const texts = body.flatMap((block) => {
    if (block.type === 'list') return block.items;
    if (block.type === 'image') return [block.caption ?? ''];
    if (block.type === 'quote') return [block.text, block.cite ?? ''];
    return ['paragraph', 'heading'].includes(block.type) ? [block.text] : [];
  });
  const words = texts.join(' ').split(/\s+/).filter(Boolean).length;
  return Math.max(1, Math.ceil(words / 202));
}

test('the byline says how long the article takes to read (prerendered too), at 202 words a minute', async () => {
  const { page, problems, close } = await site.open(`/article/${ID}`, { javaScriptEnabled: false });
  assert.equal(await page.locator('.byline__reading').textContent(), `읽는 데 약 ${readingMinutes(article.body)}분`);
  await close();
  // A long article, read by the app itself: 10,000 words are 50 minutes.
  const long = { ...article, id: '9999', body: [{ type: 'paragraph', text: '가나다라 '.repeat(10000) }] };
  await site.server.withFaults({ '/api/articles/9999.json': answerJson(long) }, async () => {
    const app = await site.open('/article/9999');
    await app.page.locator('.byline__reading', { hasText: '읽는 데 약 50분' }).waitFor();
    assert.deepEqual(app.problems.concat(problems), []);
    await app.close();
  });
});

test('이전 기사 and 다음 기사 link the older and newer article of the section, by keyboard too', async () => {
  // 1065 is the newest of its section: an older one only; 1064 has both.
  const { page, problems, close } = await site.open(`/article/${ID}`);
  const nav = page.getByRole('navigation', { name: '이전 기사와 다음 기사' });
  await nav.waitFor();
  assert.equal(await nav.locator('.article-nav__next').count(), 0);
  const previous = nav.locator('.article-nav__previous');
  assert.equal(await previous.locator('.article-nav__title').textContent(), article.previous.title);
  await previous.focus();
  await page.keyboard.press('Enter');
  await page.waitForURL(new RegExp(`/article/${article.previous.id}$`));
  const older = JSON.parse(fs.readFileSync(`public/api/articles/${article.previous.id}.json`, 'utf8'));
  await page.locator('h1.article__title', { hasText: older.title }).waitFor();
  assert.equal(await nav.locator('.article-nav__next .article-nav__title').textContent(), older.next.title);
  assert.equal(older.next.id, ID);
  assert.deepEqual(problems, []);
  await close();
  // Without the fields there is no such navigation at all.
  const { previous: _p, next: _n, ...plain } = { ...article, id: '9998' };
  await site.server.withFaults({ '/api/articles/9998.json': answerJson(plain) }, async () => {
    const bare = await site.open('/article/9998');
    await bare.page.locator('h1.article__title').waitFor();
    assert.equal(await bare.page.locator('.article-nav').count(), 0);
    await bare.close();
  });
});

test('a progress bar fills as the body is read: no script, not announced, not printed', async () => {
  const paragraphs = Array.from({ length: 60 }, (_, i) => ({
    type: 'paragraph',
    text: `${i + 1}번째 문단. ${'가나다라 '.repeat(40)}`,
  }));
  const long = { ...article, id: '9997', body: paragraphs };
  await site.server.withFaults({ '/api/articles/9997.json': answerJson(long) }, async () => {
    const { page, problems, close } = await site.open('/article/9997', {
      width: 390,
      height: 844,
      reducedMotion: 'reduce',
    });
    await page.locator('.article-body p').last().waitFor();
    const bar = page.locator('.reading-progress');
    assert.equal(await bar.getAttribute('aria-hidden'), 'true');
    const filled = () =>
      bar.evaluate((el) => {
        const matrix = getComputedStyle(el).transform;
        return matrix === 'none' ? 1 : Number(matrix.slice(7).split(',')[0]);
      });
    const scrollTo = (share) =>
      page.evaluate((at) => {
        const body = document.querySelector('.article-body').getBoundingClientRect();
        const top = body.top + scrollY;
        scrollTo(0, top + (body.height - innerHeight) * at);
      }, share);
    await scrollTo(0);
    await page.waitForTimeout(100);
    assert.ok((await filled()) < 0.05, `at the start: ${await filled()}`);
    await scrollTo(0.5);
    await page.waitForTimeout(100);
    const half = await filled();
    assert.ok(half > 0.4 && half < 0.6, `half way: ${half}`);
    await scrollTo(1);
    await page.waitForTimeout(100);
    assert.ok((await filled()) > 0.95, `at the end: ${await filled()}`);
    // Still there under reduced motion (it moves only with the reader's scrolling); gone in print.
    assert.equal(await bar.isVisible(), true);
    await page.emulateMedia({ media: 'print' });
    assert.equal(await bar.isVisible(), false);
    assert.deepEqual(problems, []);
    await close();
  });
});
