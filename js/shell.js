// The shell only (scripts/prerender leaves this script out of prerendered pages, which hold
// their JSON): on an address that was not prerendered, fetch the page's own JSON now, beside
// the wasm rather than after it; the app takes over this very response (window.__newsEarly),
// so it is downloaded once. On an article, put its section, headline and subtitles (as text,
// never as HTML) into the top of an article page that scripts/prerender left in the shell as
// <template id="article-head">, drawn by the app's own components.
// The addresses and API paths here are the app's (src/routes.rs, src/api/client.rs paths);
// tests/js/inline.test.mjs runs this file against a table the Rust tests keep current.
(() => {
  // The API path the app asks for on this address, or null; only plain ids.
  const apiPath = (where, search) => {
    const page = /[?&]page=([^&]*)/.exec(search)?.[1];
    if (where === '/') return 'home.json';
    const article = /^\/article\/([A-Za-z0-9_-]{1,64})$/.exec(where);
    if (article) return `articles/${article[1]}.json`;
    const section = /^\/section\/([A-Za-z0-9_-]{1,64})(?:\/([1-9][0-9]{0,5}))?$/.exec(where);
    if (!section) return null;
    if (section[2]) return `sections/${section[1]}/${section[2]}.json`;
    if (page === undefined) return `sections/${section[1]}/1.json`;
    return /^[1-9][0-9]{0,5}$/.test(page) ? `sections/${section[1]}/${page}.json` : null;
  };

  // The top of the article page, filled from its JSON as text.
  // Text as the app reads it (src/api/tolerant.rs): a string that is not blank, or a whole
  // number as its digits.
  const text = (value) => {
    const read = Number.isInteger(value) ? String(value) : value;
    return typeof read === 'string' && read.trim() !== '' ? read : null;
  };

  const paint = (article) => {
    const headline = text(article?.title);
    if (headline === null) return;
    const fill = () => {
      const pre = document.getElementById('prerendered');
      const template = document.getElementById('article-head');
      const loading = pre?.querySelector('.article--loading');
      if (!loading || !template?.content.firstElementChild) return;
      const head = template.content.firstElementChild.cloneNode(true);
      const section = head.querySelector('.article__section');
      const title = head.querySelector('.article__title');
      const subtitles = head.querySelector('.article__subtitles');
      const line = subtitles?.querySelector('p');
      if (!section || !title || !line) return;
      // A section is one with both a slug and a name, as in the app.
      const name = text(article.section?.slug) === null ? null : text(article.section?.name);
      const link = section.querySelector('a') || section;
      link.removeAttribute('href');
      link.textContent = name || '';
      title.textContent = headline;
      title.removeAttribute('data-page');
      const lines = (Array.isArray(article.subtitles) ? article.subtitles : []).map(text).filter((t) => t !== null);
      subtitles.replaceChildren(
        ...lines.map((text) => {
          const p = line.cloneNode(false);
          p.textContent = text;
          return p;
        }),
      );
      // Only what the JSON fills: the byline and the tools come with the app.
      head.replaceChildren(...[name === null ? null : section, title, lines.length ? subtitles : null].filter(Boolean));
      // The loading shape keeps its height (a screen): what stands below it must not move.
      loading.removeAttribute('aria-busy');
      loading.replaceChildren(head);
      window.__newsEarlyPainted = true;
    };
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', fill);
    else fill();
  };

  try {
    if (document.documentElement.hasAttribute('data-prerendered')) return;
    const path = apiPath(location.pathname, location.search);
    if (!path) return;
    const base = document.querySelector('meta[name="news-api-base"]')?.content.trim() || '/api';
    const url = `${base.replace(/\/+$/, '')}/${path}`;
    const controller = new AbortController();
    const response = fetch(url, { signal: controller.signal });
    window.__newsEarly = { url, response, controller };
    response.catch(() => {}); // a failure is the app's to report, not an unhandled rejection
    if (path.startsWith('articles/')) {
      response
        .then((r) => (r.ok ? r.clone().json() : null))
        .then(paint)
        .catch(() => {});
    }
  } catch {
    // no early fetch: the app asks for its data itself
  }
})();
