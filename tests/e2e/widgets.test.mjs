// The page's live parts on the built site: carousel and tabs by keyboard and mouse, one
// endpoint failing at a time, and shared data fetched once per visit.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { startSite } from './browser.mjs';

const ID = '1065';
const article = JSON.parse(fs.readFileSync(`public/api/articles/${ID}.json`, 'utf8'));
const photoNews = JSON.parse(fs.readFileSync('public/api/photo-news.json', 'utf8'));
const SHARED = ['site', 'weather', 'most-viewed', 'photo-news', 'sns-tv', 'banners'].map((n) => `/api/${n}.json`);

let site;
before(async () => {
  site = await startSite({ prerendered: false });
});
after(async () => {
  await site?.close();
});

const shownSlide = (page) => page.locator('.carousel__slide:not([hidden])').getAttribute('aria-label');

test('the carousel moves by click and keyboard, wraps, and pauses', async () => {
  const { page, problems, close } = await site.open(`/article/${ID}`, { width: 1280, height: 900 });
  const total = photoNews.items.length;
  await page.locator('.carousel__slide').first().waitFor({ state: 'attached' });
  assert.equal(await shownSlide(page), `1 / ${total}`);
  await page.getByRole('button', { name: '다음 사진' }).click();
  assert.equal(await shownSlide(page), `2 / ${total}`);
  await page.getByRole('button', { name: '이전 사진' }).click();
  await page.getByRole('button', { name: '이전 사진' }).click();
  assert.equal(await shownSlide(page), `${total} / ${total}`);
  // Keyboard: focus a control, then arrows move the slides.
  await page.getByRole('button', { name: '다음 사진' }).focus();
  await page.keyboard.press('ArrowRight');
  assert.equal(await shownSlide(page), `1 / ${total}`);
  await page.keyboard.press('ArrowRight');
  assert.equal(await shownSlide(page), `2 / ${total}`);
  await page.getByRole('button', { name: '3번째 사진' }).click();
  assert.equal(await shownSlide(page), `3 / ${total}`);
  assert.equal(
    await page.locator('.carousel__slide:not([hidden]) .carousel__title').textContent(),
    photoNews.items[2].title,
  );
  // Pause by keyboard (Enter on the rotation control).
  await page.getByRole('button', { name: '자동 넘김 멈추기' }).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: '자동 넘김 시작' }).waitFor();
  assert.deepEqual(problems, []);
  await close();
});

test('the carousel rotates by itself, but not when paused or hovered', async () => {
  const { page, close } = await site.open(`/article/${ID}`, { width: 1280, height: 900 });
  await page.locator('.carousel__slide').first().waitFor({ state: 'attached' });
  await page.mouse.move(0, 0);
  await page.waitForFunction(
    () => document.querySelector('.carousel__slide:not([hidden])')?.getAttribute('aria-label')?.startsWith('2 /'),
    null,
    { timeout: 8000 },
  );
  await page.locator('.carousel__slides').hover();
  const hovered = await shownSlide(page);
  await page.waitForTimeout(6000);
  assert.equal(await shownSlide(page), hovered, 'no rotation while hovered');
  await close();
});

test('under prefers-reduced-motion the carousel never rotates', async () => {
  const { page, close } = await site.open(`/article/${ID}`, { width: 1280, height: 900 });
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.reload();
  await page.getByRole('button', { name: '자동 넘김 시작' }).waitFor();
  await page.mouse.move(0, 0);
  await page.waitForTimeout(6000);
  assert.equal(await shownSlide(page), `1 / ${photoNews.items.length}`);
  await close();
});

test('most-viewed tabs switch by click and arrow keys, and mark the open article', async () => {
  const { page, problems, close } = await site.open(`/article/${ID}`, { width: 1280, height: 900 });
  const day = page.getByRole('tab', { name: '일간' });
  const week = page.getByRole('tab', { name: '주간' });
  await day.waitFor();
  assert.equal(await day.getAttribute('aria-selected'), 'true');
  assert.equal(await page.locator('[role=tabpanel]:not([hidden]) .ranked__item').count(), 10);
  const current = page.locator('[role=tabpanel]:not([hidden]) a[aria-current=page]');
  assert.equal(await current.textContent(), article.title);
  await week.click();
  assert.equal(await week.getAttribute('aria-selected'), 'true');
  await page.keyboard.press('ArrowLeft');
  assert.equal(await day.getAttribute('aria-selected'), 'true');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), '일간');
  assert.deepEqual(problems, []);
  await close();
});

for (const endpoint of SHARED) {
  test(`with ${endpoint} failing, the article is still readable`, async () => {
    await site.server.withFaults({ [endpoint]: '500' }, async () => {
      const { page, problems, close } = await site.open(`/article/${ID}`, { width: 1280, height: 900 });
      await page.locator('h1.article__title', { hasText: article.title }).waitFor();
      assert.deepEqual(
        await page.locator('.article-body > p').allTextContents(),
        article.body.filter((b) => b.type === 'paragraph').map((b) => b.text),
      );
      if (endpoint.endsWith('banners.json')) {
        await page.waitForFunction(() => !document.querySelector('.banner-slot--pending'));
        assert.equal(await page.locator('.banner-slot').count(), 0);
      } else {
        const notice = page.locator('.error-notice', { hasText: '오류 코드 500' });
        await notice.first().waitFor();
        assert.equal(await notice.count(), 1);
        // Retry brings the part back once the API recovers.
        site.server.faults.delete(endpoint);
        await notice.getByRole('button', { name: '다시 시도' }).click();
        await page.waitForFunction(() => !document.querySelector('.error-notice'));
      }
      if (endpoint.endsWith('weather.json')) {
        assert.match(
          await page.locator('.weather-strip__date').textContent(),
          /^\d{4}\.\d{2}\.\d{2} \([월화수목금토일]\)$/,
        );
      }
      assert.deepEqual(problems, []);
      await close();
    });
  });
}

test('moving between articles fetches the shared data only once', async () => {
  const before = site.server.requests.length;
  // The app's own requests are counted: the service worker, which on a first visit fetches
  // what the page loaded before it was in control once more to keep it, is left out here.
  const { page, problems, close } = await site.open(`/article/${ID}`, {
    width: 1280,
    height: 900,
    serviceWorkers: 'block',
  });
  await page.locator('h1.article__title').waitFor();
  await page.locator('.ranked__item a').first().waitFor();
  // Two in-app moves: a most-viewed link, then a related article.
  await page.locator('[role=tabpanel]:not([hidden]) .ranked__item a:not([aria-current])').first().click();
  await page.waitForFunction(
    (title) => document.querySelector('h1.article__title')?.textContent !== title,
    article.title,
  );
  await page.locator('.related a').first().click();
  await page.waitForURL((url) => url.pathname.startsWith('/article/'));
  await page.locator('h1.article__title').waitFor();
  await page.goBack();
  await page.locator('h1.article__title').waitFor();
  const requests = site.server.requests.slice(before);
  for (const endpoint of SHARED) {
    assert.equal(requests.filter((r) => r === endpoint).length, 1, `${endpoint}: ${requests.join(' ')}`);
  }
  assert.ok(requests.filter((r) => r.startsWith('/api/articles/')).length >= 3);
  assert.deepEqual(problems, []);
  await close();
});

test('the list pages behind 더보기 show every photo and video', async () => {
  const { page, close } = await site.open(`/article/${ID}`, { width: 1280, height: 900 });
  await page.getByRole('link', { name: '포토뉴스 더보기' }).click();
  await page.getByRole('heading', { name: '포토뉴스', level: 1 }).waitFor();
  assert.equal(await page.locator('.photo-grid__item').count(), photoNews.items.length);
  await page.goBack();
  await page.getByRole('link', { name: 'SNS TV 더보기' }).click();
  await page.getByRole('heading', { name: 'SNS TV', level: 1 }).waitFor();
  const tv = JSON.parse(fs.readFileSync('public/api/sns-tv.json', 'utf8'));
  assert.equal(await page.locator('.video-list__item').count(), tv.items.length);
  await close();
});

test('a swipe on a phone moves the carousel; a short drag does not', async () => {
  const { page, close } = await site.open(`/article/${ID}`, { width: 390, height: 844 });
  const slides = page.locator('.carousel__slides');
  await slides.scrollIntoViewIfNeeded();
  await page.getByRole('button', { name: '자동 넘김 멈추기' }).click();
  const swipe = (dx) =>
    slides.evaluate((el, dx) => {
      const at = (type, x) =>
        el.dispatchEvent(
          new PointerEvent(type, {
            bubbles: true,
            clientX: x,
            clientY: 200,
            pointerType: 'touch',
            isPrimary: true,
          }),
        );
      at('pointerdown', 200);
      at('pointerup', 200 + dx);
    }, dx);
  await swipe(-120);
  assert.match(await shownSlide(page), /^2 \//);
  await swipe(-20);
  assert.match(await shownSlide(page), /^2 \//, 'a short drag is not a swipe');
  await swipe(120);
  await swipe(120);
  assert.equal(await shownSlide(page), `${photoNews.items.length} / ${photoNews.items.length}`);
  await close();
});
