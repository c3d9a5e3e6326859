// Usable from the first byte: what a reader does on the prerendered page before the app has
// started (its wasm held back 2.5 s here, as on a slow phone) is not lost when the app takes
// over: the focused control, the text typed and its caret, the phone's menu and search row
// opened, the buttons pressed. Each test checks it acted before the takeover.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startSite } from './browser.mjs';

const HOLD_MS = 2500;
let site;
before(async () => {
  site = await startSite();
});
after(async () => {
  await site?.close();
});

/** Holds the app's wasm back, so the reader acts on the prerendered page. */
const holdTheApp = (page) =>
  page.route(/_bg\.wasm$/, async (route) => {
    await new Promise((resolve) => setTimeout(resolve, HOLD_MS));
    await route.continue();
  });
const early = (path, options = {}) =>
  site.open(path, { ...options, beforeGoto: holdTheApp, waitForApp: false, serviceWorkers: 'block' });
const stillPrerendered = async (page) =>
  assert.ok(await page.evaluate(() => !!document.getElementById('prerendered')), 'the app had started already');
const takeover = async (page) => {
  await page.waitForFunction(() => !document.getElementById('prerendered'), null, { timeout: 20000 });
  // The takeover puts focus back on the next frames too.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
};
/** The focused element, as the test can compare it across the takeover. */
const focused = (page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    return {
      tag: el.nodeName,
      id: el.id,
      cls: el.className,
      href: el.getAttribute('href'),
      text: el.textContent.trim().slice(0, 40),
      value: el.value ?? null,
      caret: typeof el.selectionStart === 'number' ? [el.selectionStart, el.selectionEnd] : null,
      prerendered: !!el.closest('#prerendered'),
    };
  });

test('text typed into the header search, its caret and the focus survive the takeover', async () => {
  const { page, problems, close } = await early('/article/1065', { width: 1280, height: 900 });
  const field = page.locator('#prerendered #header-search-query');
  await field.click();
  await page.keyboard.type('고양시 도서관');
  for (let i = 0; i < 4; i += 1) await page.keyboard.press('ArrowLeft');
  await stillPrerendered(page);
  const before = await focused(page);
  assert.equal(before.prerendered, true);
  await takeover(page);
  const after = await focused(page);
  assert.deepEqual(after, { ...before, prerendered: false });
  assert.deepEqual(after.caret, [3, 3]);
  // The app answers the search from here.
  await page.keyboard.press('Enter');
  await page.waitForURL((url) => url.pathname === '/search' && url.searchParams.get('q') === '고양시 도서관');
  assert.deepEqual(problems, []);
  await close();
});

test('a link and a button reached by keyboard keep the focus, by their place in the page', async () => {
  for (const target of ['.article__tags a', '.reader-tools__group .reader-tools__button']) {
    const { page, problems, close } = await early('/article/1065', { width: 1280, height: 900 });
    await page.locator(`#prerendered ${target}`).nth(1).focus();
    await stillPrerendered(page);
    const before = await focused(page);
    await takeover(page);
    assert.deepEqual(await focused(page), { ...before, prerendered: false }, target);
    assert.deepEqual(problems, []);
    await close();
  }
});

test('on a phone, 전체 메뉴 and 검색 open before the app and stay open after it', async () => {
  const { page, problems, close } = await early('/article/1065', { width: 390, height: 844 });
  const menu = page.locator('#prerendered .section-menu__toggle');
  await menu.click();
  await page.locator('#prerendered .section-menu__list a').first().waitFor({ state: 'visible' });
  assert.equal(await menu.getAttribute('aria-expanded'), 'true');
  await page.locator('#prerendered .header-search__toggle').click();
  await page.keyboard.type('인천');
  assert.equal(await page.locator('#prerendered #header-search-query').inputValue(), '인천');
  await stillPrerendered(page);
  await takeover(page);
  assert.equal(await page.locator('.section-menu__toggle').getAttribute('aria-expanded'), 'true');
  assert.ok(await page.locator('.section-menu__list a').first().isVisible());
  assert.equal(await page.locator('.header-search__toggle').getAttribute('aria-expanded'), 'true');
  const after = await focused(page);
  assert.equal(after.id, 'header-search-query');
  assert.equal(after.value, '인천');
  // And closes again, now by the app.
  await page.locator('.section-menu__toggle').click();
  assert.equal(await page.locator('.section-menu__toggle').getAttribute('aria-expanded'), 'false');
  assert.equal(await page.locator('.section-menu__list a').first().isVisible(), false);
  assert.deepEqual(problems, []);
  await close();
});

test('a button pressed before the app is pressed again on its copy, once', async () => {
  const { page, problems, close } = await early('/article/1065', { width: 1280, height: 900 });
  await page.locator('#prerendered .reader-tools__group .reader-tools__button', { hasText: '크게' }).click();
  await stillPrerendered(page);
  await takeover(page);
  await page.waitForFunction(() => document.documentElement.dataset.textSize === '3');
  assert.equal(await page.evaluate(() => localStorage.getItem('text-size')), '3');
  assert.deepEqual(problems, []);
  await close();
});

test('the takeover asks the API for nothing the page already holds', async () => {
  const from = site.server.requests.length;
  const { page, close } = await early('/article/1065', { width: 390, height: 844 });
  await page.locator('#prerendered .section-menu__toggle').click();
  await takeover(page);
  await page.waitForTimeout(300);
  const asked = site.server.requests.slice(from).filter((path) => path.startsWith('/api/'));
  assert.ok(!asked.includes('/api/articles/1065.json') && !asked.includes('/api/site.json'), asked.join(' '));
  assert.equal(new Set(asked).size, asked.length, `asked twice: ${asked.join(' ')}`);
  await close();
});

test('with JavaScript off, the phone shows the menu open and no control that needs the app', async () => {
  const { page, close } = await site.open('/article/1065', { width: 390, height: 844, javaScriptEnabled: false });
  assert.ok(await page.locator('.section-menu__list a', { hasText: '경기' }).isVisible());
  for (const control of [
    '.section-menu__toggle',
    '.header-search__toggle',
    '.theme-toggle',
    '.reader-tools__save',
    '.reader-tools__group',
  ]) {
    assert.equal(await page.locator(control).first().isVisible(), false, control);
  }
  // Its links are links.
  await page.locator('.section-menu__list a', { hasText: '경기' }).click();
  await page.waitForURL((url) => url.pathname === '/section/gyeonggi');
  await close();
});
