// Ways to send the styles with the page, measured on the same prerendered article (issue #33):
// cold loads on the phone profile (bench/phone.mjs), then a repeat visit (a second article in
// the same browser, with what the first left in the cache), and the page's bytes raw and brotli.
//   built     the page as scripts/build writes it: all of main.css inside the page
//   critical  only the rules the first screen uses (at 390 and 1280 px, light and dark) inside
//             the page, and the whole stylesheet as a file linked at the end of the body, where
//             it blocks no paint (a second request, cached for the next page)
//   lazy      as built, with `content-visibility: auto` on the parts below the first screen, so
//             that the first layout skips them
// With `--parts`, five more pages that are not ways to ship but tell where the rest of the gap
// to the plain page goes: the page without its takeover data (`news-data`), without the
// takeover's script, with that script as a module, with it in the head (where it stood until
// stop 39), and without the parts beside and below the article (aside, widgets, footer).
// The critical rules are chosen in the browser: a rule is kept when its selector (without
// pseudo-classes) matches an element whose top is inside the first screen. Each variant keeps
// the page's Content-Security-Policy, with the hash of its own <style>. A benchmark: it asserts
// nothing. Results go to target/bench/first-paint.json.
//   node bench/first-paint.mjs [--parts] [runs] [article id] [second article id]

import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { chromium } from 'playwright-core';
import { startServer } from '../tests/e2e/server.mjs';
import { CHROMIUM_ARGS } from '../tests/e2e/browser.mjs';
import { NETWORK, figures, median, phonePage } from './phone.mjs';

const PARTS = process.argv[2] === '--parts';
const ARGS = process.argv.slice(PARTS ? 3 : 2);
const RUNS = Number(ARGS[0] || 9);
const ID = ARGS[1] || '1065';
const SECOND = ARGS[2] || '1064';
const SITE = 'target/bench/first-paint';
const STYLE = /<style\b[^>]*>([\s\S]*?)<\/style>/;
// The parts of an article page below its first screen on a phone (the aside is beside the
// article from 1024 px, and content-visibility leaves what is on screen alone).
const BELOW = ['.related', '.reporter-articles', '.page-grid__main > .widget', '.page-grid__aside', '.site-footer'];
const LAZY_CSS = `${BELOW.join(',')}{content-visibility:auto;contain-intrinsic-size:auto 600px}`;

const sha256 = (text) => crypto.createHash('sha256').update(text).digest('base64');
const brotli = (text) =>
  zlib.brotliCompressSync(Buffer.from(text), { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length;

/** The page with its <style> replaced by `css` (and the CSP's hash of it), `tail` before </body>. */
function withStyle(html, css, tail = '') {
  const old = STYLE.exec(html)[1];
  return html
    .replace(`'sha256-${sha256(old)}'`, `'sha256-${sha256(css)}'`)
    .replace(STYLE, (tag) => tag.replace(old, () => css))
    .replace('</body>', () => `${tail}</body>`);
}

/** Which rules of the page's first stylesheet style the first screen, as index paths. */
function firstScreenRules() {
  const height = innerHeight;
  const strip = (selector) =>
    selector
      .replace(/::?(before|after|placeholder|marker|selection|first-letter|first-line|-webkit-[\w-]+)\b/g, '')
      .replace(/:(hover|focus|focus-visible|focus-within|active|visited|checked|disabled|target|link)\b/g, '');
  const onScreen = (selector) => {
    let found;
    try {
      found = document.querySelectorAll(strip(selector) || '*');
    } catch {
      return true; // a selector this engine cannot query: keep it
    }
    for (const element of found) {
      const box = element.getBoundingClientRect();
      if (box.top < height) return true;
    }
    return false;
  };
  const kept = [];
  const walk = (rules, at) => {
    [...rules].forEach((rule, i) => {
      const here = [...at, i];
      if (rule instanceof CSSStyleRule) {
        if (onScreen(rule.selectorText)) kept.push(here.join('.'));
      } else if (rule.cssRules) {
        walk(rule.cssRules, here);
      } else {
        kept.push(here.join('.')); // @font-face, @keyframes' parts, @property: kept whole
      }
    });
  };
  walk(document.styleSheets[0].cssRules, []);
  return kept;
}

/** The stylesheet with only the rules at `kept` (and the group rules around them). */
function serialise(kept) {
  const keep = new Set(kept);
  const walk = (rules, at) =>
    [...rules]
      .map((rule, i) => {
        const here = [...at, i];
        if (rule instanceof CSSStyleRule || !rule.cssRules || rule instanceof CSSKeyframesRule) {
          return keep.has(here.join('.')) || (rule instanceof CSSKeyframesRule && keep.has(`${here.join('.')}.0`))
            ? rule.cssText
            : '';
        }
        const inner = walk(rule.cssRules, here);
        if (!inner) return '';
        const text = rule.cssText;
        return `${text.slice(0, text.indexOf('{'))}{${inner}}`;
      })
      .join('');
  return walk(document.styleSheets[0].cssRules, []);
}

async function criticalCss(browser, url) {
  const kept = new Set();
  let css = '';
  for (const width of [390, 1280]) {
    for (const theme of ['light', 'dark']) {
      const context = await browser.newContext({ viewport: { width, height: width < 600 ? 844 : 900 } });
      const page = await context.newPage();
      await page.addInitScript((t) => localStorage.setItem('theme', t), theme);
      // The prerendered page as it arrives, before the app takes it over.
      await page.route(/\.wasm$/, (route) => route.abort());
      await page.goto(url, { waitUntil: 'load' });
      for (const rule of await page.evaluate(firstScreenRules)) kept.add(rule);
      css = await page.evaluate(serialise, [...kept]);
      await context.close();
    }
  }
  return css;
}

async function measure(page, url) {
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForFunction(() => window.__bench.headline !== null, null, { timeout: 60000 });
  // Until the app has taken over (a page of --parts may never be: it lacks what the app needs).
  await page.waitForFunction(() => !document.getElementById('prerendered'), null, { timeout: 15000 }).catch(() => {});
  await page.waitForTimeout(1000);
  return figures(page);
}

/** A cold load of the first article, then the second in the same browser (a repeat visit). */
async function visit(browser, base, variant) {
  const { context, page } = await phonePage(browser);
  const cold = await measure(page, `${base}/${variant}/article-${ID}.html`);
  const repeat = await measure(page, `${base}/${variant}/article-${SECOND}.html`);
  await context.close();
  return { cold, repeat };
}

fs.rmSync(SITE, { recursive: true, force: true });
fs.cpSync('dist', SITE, { recursive: true });
const server = await startServer({ dist: SITE });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: CHROMIUM_ARGS,
});

const critical = await criticalCss(browser, `${server.url}/article/${ID}`);
const full = STYLE.exec(fs.readFileSync(path.join(SITE, 'index.html'), 'utf8'))[1];
const fullFile = `/first-paint-${crypto.createHash('sha256').update(full).digest('hex').slice(0, 16)}.css`;
fs.writeFileSync(path.join(SITE, fullFile), full);
const variants = {
  built: (html) => html,
  critical: (html) => withStyle(html, critical, `<link rel="stylesheet" href="${fullFile}">`),
  lazy: (html) => withStyle(html, STYLE.exec(html)[1] + LAZY_CSS),
};
/** `html` without the element that starts at `start` (a regular expression) and its content. */
const without = (html, start, tag) => {
  const at = html.search(start);
  if (at < 0) throw new Error(`no ${start} in the page`);
  let depth = 0;
  const re = new RegExp(`<(/?)${tag}\\b[^>]*>`, 'g');
  re.lastIndex = at;
  for (let m = re.exec(html); m; m = re.exec(html)) {
    depth += m[1] ? -1 : 1;
    if (depth === 0) return html.slice(0, at) + html.slice(m.index + m[0].length);
  }
  throw new Error(`${start} is not closed`);
};
if (PARTS) {
  Object.assign(variants, {
    'no-data': (html) => without(html, /<script type="application\/json" id="news-data">/, 'script'),
    'no-head-js': (html) => without(html, /<script>\(\(\)=>\{let /, 'script'),
    // The same script as a module: run after the page is parsed (deferred), still inline.
    'module-js': (html) => html.replace('<script>(()=>{let ', '<script type="module">(()=>{let '),
    // The takeover's script where it stood until stop 39: in the head, before the stylesheet
    // (a prerendered page now carries it after its markup).
    'head-js': (html) => {
      const script = /<script>(?:(?!<\/script>)[\s\S])*takeover:(?:(?!<\/script>)[\s\S])*<\/script>/.exec(html)[0];
      return html.replace(script, '').replace('<style', () => `${script}<style`);
    },
    'no-aside': (html) =>
      [
        ['aside', 'page-grid__aside'],
        ['footer', 'site-footer'],
        ['section', 'related'],
        ['section', 'reporter-articles'],
        ['section', 'sns-tv'],
        ['section', 'photo-widget'],
      ].reduce((page, [tag, name]) => without(page, new RegExp(`<${tag}\\b[^>]*class="[^"]*\\b${name}\\b`), tag), html),
  });
}
const bytes = {};
for (const [name, make] of Object.entries(variants)) {
  fs.mkdirSync(path.join(SITE, name), { recursive: true });
  for (const id of [ID, SECOND]) {
    const html = make(fs.readFileSync(path.join(SITE, 'article', `${id}.html`), 'utf8'));
    fs.writeFileSync(path.join(SITE, name, `article-${id}.html`), html);
    if (id === ID) bytes[name] = { raw: Buffer.byteLength(html), brotli: brotli(html) };
  }
}
bytes.critical.stylesheetFile = { raw: Buffer.byteLength(full), brotli: brotli(full) };
bytes.critical.inlineStyle = { raw: Buffer.byteLength(critical), brotli: brotli(critical) };

// FIRST_PAINT_ONLY=built,lazy measures those variants only.
const only = process.env.FIRST_PAINT_ONLY?.split(',');
if (only) for (const name of Object.keys(variants)) if (!only.includes(name)) delete variants[name];
const runs = Object.fromEntries(Object.keys(variants).map((name) => [name, []]));
for (let i = 0; i < RUNS; i++) {
  for (const name of Object.keys(variants)) runs[name].push(await visit(browser, server.url, name));
}
await browser.close();
await server.close();

const medians = {};
for (const [name, list] of Object.entries(runs)) {
  medians[name] = {};
  for (const visitKind of ['cold', 'repeat']) {
    medians[name][visitKind] = Object.fromEntries(
      ['headline', 'fcp', 'lcp', 'cls', 'bytes'].map((key) => [key, median(list.map((r) => r[visitKind][key]))]),
    );
  }
}
console.log(`/article/${ID} (cold) then /article/${SECOND} (repeat): ${RUNS} runs, 390 px, 4x CPU, fast 3G (medians)`);
console.log(
  `${''.padEnd(10)}${'page raw'.padStart(10)}${'brotli'.padStart(8)}  ${'cold: headline'.padStart(15)}${'FCP'.padStart(7)}${'LCP'.padStart(7)}${'CLS'.padStart(8)}${'KB'.padStart(7)}  ${'repeat: FCP'.padStart(12)}${'LCP'.padStart(7)}${'KB'.padStart(7)}`,
);
for (const [name, m] of Object.entries(medians)) {
  const { cold, repeat } = m;
  console.log(
    `${name.padEnd(10)}${String(bytes[name].raw).padStart(10)}${String(bytes[name].brotli).padStart(8)}  ` +
      `${cold.headline.toFixed(0).padStart(15)}${cold.fcp.toFixed(0).padStart(7)}${cold.lcp.toFixed(0).padStart(7)}${cold.cls.toFixed(4).padStart(8)}${(cold.bytes / 1024).toFixed(1).padStart(7)}  ` +
      `${repeat.fcp.toFixed(0).padStart(12)}${repeat.lcp.toFixed(0).padStart(7)}${(repeat.bytes / 1024).toFixed(1).padStart(7)}`,
  );
}
console.log(
  `critical: ${bytes.critical.inlineStyle.raw} B of rules inside the page (${bytes.critical.inlineStyle.brotli} brotli), ` +
    `the whole stylesheet ${bytes.critical.stylesheetFile.raw} B (${bytes.critical.stylesheetFile.brotli} brotli) as a file`,
);
fs.mkdirSync('target/bench', { recursive: true });
fs.writeFileSync(
  'target/bench/first-paint.json',
  JSON.stringify({ when: new Date().toISOString(), runs: RUNS, network: NETWORK, bytes, medians, all: runs }, null, 2),
);
console.log('saved target/bench/first-paint.json');
