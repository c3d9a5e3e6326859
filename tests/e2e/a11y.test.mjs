// Accessibility: axe-core finds no violation (WCAG 2.1 A and AA, and axe's best practices) on
// the front page, an article, a section page, the not-found page and the search page (results
// and none), on a phone and a desktop.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { startSite } from './browser.mjs';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const PAGES = {
  '/': '.lead-story',
  '/article/1065': 'h1.article__title',
  '/section/gyeonggi?page=2': '.section-page',
  [`/tag/${encodeURIComponent('지역경제')}`]: '.section-page .article-list',
  [`/tag/${encodeURIComponent('없는 키워드')}`]: '.section-page__empty',
  '/policy/privacy': '.policy .article-body',
  '/reporter/seoyeon-kim': '.reporter-page .article-list',
  '/saved': '.saved-page__empty',
  '/no-such-page': '.not-found',
  '/search?q=도서관': '.search-results',
  '/search?q=없는낱말': '.search-page__empty',
};

let site;
before(async () => {
  site = await startSite();
});
after(async () => {
  await site?.close();
});

for (const [path, ready] of Object.entries(PAGES)) {
  for (const width of [390, 1280]) {
    test(`${path} at ${width} px has no axe violation`, async () => {
      // axe is injected as a script: this context alone lets the page's CSP allow it.
      const { page, close } = await site.open(path, { width, height: 900, bypassCSP: true });
      await page.locator(ready).first().waitFor();
      await page.locator('.ranked__item a, .not-found').first().waitFor();
      await page.waitForTimeout(300);
      await page.addScriptTag({ path: AXE });
      const result = await page.evaluate(() =>
        axe.run(document, {
          runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
          // Off by default in axe, on in Lighthouse: a control's name holds its visible text.
          rules: { 'label-content-name-mismatch': { enabled: true } },
        }),
      );
      // axe leaves a label-in-name mismatch for review ("incomplete"); Lighthouse fails it.
      const mismatches = result.incomplete.filter((v) => v.id === 'label-content-name-mismatch');
      const violations = [...result.violations, ...mismatches].map(
        (v) =>
          `${v.id} (${v.impact}): ${v.help} — ${v.nodes
            .slice(0, 3)
            .map((n) => n.target.join(' '))
            .join(', ')}`,
      );
      assert.deepEqual(violations, []);
      await close();
    });
  }
}
