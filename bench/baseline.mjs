// The baselines the app is measured against, written from the same JSON with the same markup
// classes and the same stylesheet, inside the page as the app's pages carry it:
// - the plain static page: the article in the HTML, no script at all. Nothing can show that
//   article sooner, so it is the lower bound of all.
// - the fetched page: the same page without the article, and a few lines of inline script that
//   fetch the article's JSON and write it in (with the same renderer, run in the browser). It
//   is the lower bound for any page that gets its article from the API after the HTML, as the
//   app on a static host must: the HTML, then one more round trip.
//   import { writeBaseline } from './baseline.mjs'

import fs from 'node:fs';
import path from 'node:path';

const escapeHtml = (text) =>
  String(text)
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');

/** `2026-11-24T06:30:00+09:00` as Korean readers see it: `2026.11.24 06:30` (KST). */
function koreanTime(rfc3339) {
  const kst = new Date(Date.parse(rfc3339) + 9 * 3600 * 1000);
  const two = (n) => String(n).padStart(2, '0');
  return `${kst.getUTCFullYear()}.${two(kst.getUTCMonth() + 1)}.${two(kst.getUTCDate())} ${two(kst.getUTCHours())}:${two(kst.getUTCMinutes())}`;
}

function image(img, sizes) {
  const srcset = (img.srcset || []).map((s) => `${escapeHtml(s.src)} ${s.width}w`).join(', ');
  return `<img src="${escapeHtml(img.src)}"${srcset ? ` srcset="${srcset}" sizes="${sizes}"` : ''} alt="${escapeHtml(img.alt || '')}" width="${img.width}" height="${img.height}" loading="lazy" decoding="async">`;
}

function block(b) {
  switch (b.type) {
    case 'paragraph':
      return `<p>${escapeHtml(b.text)}</p>`;
    case 'heading':
      return `<h2 class="article-body__heading">${escapeHtml(b.text)}</h2>`;
    case 'quote':
      return `<figure class="article-body__quote"><blockquote><p>${escapeHtml(b.text)}</p></blockquote>${b.cite ? `<figcaption>— <cite>${escapeHtml(b.cite)}</cite></figcaption>` : ''}</figure>`;
    case 'image':
      return `<figure class="article-body__photo">${image(b.image, '(min-width: 1024px) 680px, 100vw')}${b.caption ? `<figcaption>${escapeHtml(b.caption)}</figcaption>` : ''}</figure>`;
    case 'list':
      return `<ul class="article-body__list">${b.items.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</ul>`;
    default:
      return '';
  }
}

function articleHtml(article) {
  const time = (label, at) =>
    `<span class="byline__time">${label} <time datetime="${escapeHtml(at)}">${koreanTime(at)}</time></span>`;
  return `<article class="article">
<header class="article__header"><p class="article__section"><a href="/section/${escapeHtml(article.section.slug)}">${escapeHtml(article.section.name)}</a></p>
<h1 class="article__title">${escapeHtml(article.title)}</h1>
<div class="article__subtitles">${(article.subtitles || []).map((s) => `<p>${escapeHtml(s)}</p>`).join('')}</div>
<div class="byline"><p class="byline__who"><span class="byline__outlet">${escapeHtml(article.byline.outlet)}</span><span class="byline__reporter">${escapeHtml(article.byline.reporter)} 기자</span>${article.byline.email ? `<a class="byline__email" href="mailto:${escapeHtml(article.byline.email)}">${escapeHtml(article.byline.email)}</a>` : ''}</p>
<p class="byline__times">${time('입력', article.published_at)}${article.updated_at ? time('수정', article.updated_at) : ''}</p></div></header>
<div class="article-body">${article.body.map(block).join('')}</div>
<ul class="article__tags" aria-label="태그">${(article.tags || []).map((t) => `<li>#${escapeHtml(t)}</li>`).join('')}</ul>
</article>`;
}

// The fetched page's script: the renderer above, run on the JSON once it arrives.
const fetchScript = (url) => `(function () {
var escapeHtml = ${escapeHtml};
${koreanTime}
${image}
${block}
${articleHtml}
var article = fetch(${JSON.stringify(url)}).then(function (r) { return r.json(); });
var ready = new Promise(function (done) {
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', done); else done();
});
Promise.all([article, ready]).then(function (both) {
  document.querySelector('.page-grid__main').innerHTML = articleHtml(both[0]);
});
})();`;

function page(site, article, css, fetchUrl) {
  const footer = site.footer || {};
  return `<!DOCTYPE html>
<html lang="ko">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(article.title)} - ${escapeHtml(site.name)}</title>
${fetchUrl ? `<script>${fetchScript(fetchUrl)}</script>` : ''}
<style>${css}</style>
</head>
<body>
<header class="site-header"><div class="site-header__inner"><a href="/" class="site-header__brand"><span class="site-header__name">${escapeHtml(site.name)}</span></a><p class="site-header__tagline">${escapeHtml(site.tagline || '')}</p></div>
<nav class="section-menu" aria-label="섹션"><ul class="section-menu__list">${site.sections.map((s) => `<li><a href="/section/${escapeHtml(s.slug)}">${escapeHtml(s.name)}</a></li>`).join('')}</ul></nav></header>
<main class="site-main" id="main"><div class="page-grid"><div class="page-grid__main">${fetchUrl ? '' : articleHtml(article)}</div></div></main>
<footer class="site-footer"><div class="site-footer__inner"><p class="site-footer__name">${escapeHtml(site.name)}</p><p class="site-footer__copyright">${escapeHtml(footer.copyright || '')}</p></div></footer>
</body>
</html>
`;
}

/**
 * Writes `baseline/article-<id>.html` and `baseline/article-<id>-fetched.html` into `dir` (a
 * copy of dist/), with the stylesheet the app's index.html carries, and returns the pages' paths
 * on the server.
 */
export function writeBaseline(dir, id) {
  const index = fs.readFileSync(path.join(dir, 'index.html'), 'utf8');
  // The stylesheet as the app's pages carry it: inside the page.
  const css = /<style\b[^>]*>([\s\S]*?)<\/style>/.exec(index)?.[1];
  if (!css) throw new Error('no <style> in index.html');
  const site = JSON.parse(fs.readFileSync(path.join(dir, 'api/site.json'), 'utf8'));
  const article = JSON.parse(fs.readFileSync(path.join(dir, `api/articles/${id}.json`), 'utf8'));
  fs.mkdirSync(path.join(dir, 'baseline'), { recursive: true });
  const api = `/api/articles/${id}.json`;
  fs.writeFileSync(path.join(dir, 'baseline', `article-${id}.html`), page(site, article, css));
  fs.writeFileSync(path.join(dir, 'baseline', `article-${id}-fetched.html`), page(site, article, css, api));
  return { plain: `/baseline/article-${id}.html`, fetched: `/baseline/article-${id}-fetched.html` };
}
