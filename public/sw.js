// 한가람일보 service worker: reading offline.
// - The app shell (shell.html, which holds the styles, and the hashed .js/.wasm it names) is kept
//   at install.
// - Pages are network-first and each page read is kept: a prerendered page holds its own
//   data, so it opens again offline as it was; an address never read gets the shell.
// - API data is network-first, so news is never stale online; every answer is kept, so the
//   articles a reader opened open again with no network.
// - Images are kept as they are seen.
// - Bounded: the last MAX_ARTICLES articles read (their pages and their data, each) and
//   MAX_MEDIA_BYTES of images; the oldest kept goes first. Everything else the API serves
//   (site.json, the widgets) is a handful of files and is not bounded.
// - Saved articles (저장한 기사, src/library.rs) are kept apart, in SAVED, with no bound and
//   across deploys: the page sends their addresses, and takes them back when unsaved.
// - A deploy that changes this file changes VERSION: the caches of the old one are removed.
// Registered by the app in release builds only (src/offline.rs): `trunk serve` never sees it.
// The app registers it as /sw.js?api=<the page's news-api-base>, so data is recognised wherever
// the deployer put the API (another path, or another origin that allows CORS).

const VERSION = 'v4';
const SHELL = `shell-${VERSION}`;
const DATA = `data-${VERSION}`;
const MEDIA = `media-${VERSION}`;
const PAGES = `pages-${VERSION}`;
const SAVED = 'saved';
// The images' total size, shared by every worker (see keep below).
const LEDGER = `ledger-${VERSION}`;
const MAX_ARTICLES = 200;
const MAX_MEDIA_BYTES = 50 * 1024 * 1024;
// Trunk's content hash is a 64-bit number in hex, without leading zeros: up to 16 digits.
const HASHED = /-[0-9a-f]{8,16}(_bg)?\.(js|wasm|css)$/;
// The JavaScript wasm-bindgen writes beside the glue (the search's), under a hashed folder:
// /snippets/news-front-<hash>/inline0.js, imported by the glue, so the app needs it to start.
const SNIPPET = /^\/snippets\/[\w.-]+-[0-9a-f]{8,16}\/[\w.-]+\.js$/;
// The API base, as an absolute address ending in '/'.
const API = new URL(
  `${(new URL(self.location.href).searchParams.get('api') || '/api').replace(/\/+$/, '')}/`,
  self.location.origin,
).href;
const isApi = (url) => url.href.startsWith(API);
const isMedia = (url) => url.pathname.startsWith('/img/') || url.pathname.startsWith('/icons/');
// What the bound counts: an article's page, and an article's data.
const isArticle = (url) =>
  url.pathname.startsWith('/article/') || (isApi(url) && url.href.slice(API.length).startsWith('articles/'));

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(SHELL);
      const response = await fetch('/shell.html', { cache: 'no-cache' });
      const html = await response.clone().text();
      await cache.put('/shell.html', response);
      // Minified HTML may leave attribute values unquoted: href=/main-….css
      const assets = [...html.matchAll(/["'=](\/[\w.-]+-[0-9a-f]{8,16}(?:_bg)?\.(?:js|wasm|css))/g)].map((m) => m[1]);
      await cache.addAll([...new Set(assets)]);
      // The snippets the glue imports (./snippets/…/inline0.js), kept with it.
      const snippets = [];
      for (const asset of assets.filter((path) => path.endsWith('.js'))) {
        const glue = await (await cache.match(asset))?.text();
        for (const m of glue?.matchAll(/["']\.?(\/?snippets\/[\w.-]+\/[\w.-]+\.js)["']/g) ?? []) {
          snippets.push(`/${m[1].replace(/^\//, '')}`);
        }
      }
      await cache.addAll([...new Set(snippets)].filter((path) => SNIPPET.test(path)));
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const keep = [SHELL, DATA, MEDIA, PAGES, SAVED, LEDGER];
      for (const key of await caches.keys()) if (!keep.includes(key)) await caches.delete(key);
      await self.clients.claim();
    })(),
  );
});

// A saved article: its addresses are kept in SAVED, with a list of them under MANIFEST + id so
// that unsaving lets go of exactly those (an image another saved article shows stays).
const MANIFEST = '/__saved/';
async function save(id, urls) {
  const cache = await caches.open(SAVED);
  const kept = [];
  for (const href of urls) {
    const url = new URL(href, self.location.origin);
    if (url.origin !== self.location.origin && !isApi(url)) continue;
    try {
      const response = await fetch(url.href, { cache: 'force-cache' });
      if (response.ok) {
        await cache.put(url.href, response);
        kept.push(url.href);
      }
    } catch {
      // Offline: what the bounded caches hold is copied instead.
      const copy = await caches.match(url.href);
      if (copy) {
        await cache.put(url.href, copy);
        kept.push(url.href);
      }
    }
  }
  await cache.put(MANIFEST + encodeURIComponent(id), Response.json(kept));
}
async function unsave(id) {
  const cache = await caches.open(SAVED);
  const key = MANIFEST + encodeURIComponent(id);
  const listed = await (await cache.match(key))?.json().catch(() => []);
  await cache.delete(key);
  const still = new Set();
  for (const other of await cache.keys()) {
    if (!new URL(other.url).pathname.startsWith(MANIFEST)) continue;
    for (const href of (await (await cache.match(other)).json().catch(() => [])) ?? []) still.add(href);
  }
  for (const href of Array.isArray(listed) ? listed : []) if (!still.has(href)) await cache.delete(href);
}

// The page loaded some data before this worker controlled it: it sends those addresses here,
// and hears back once they are kept (so it knows that reading offline is ready). It also sends
// the articles the reader saves and unsaves.
self.addEventListener('message', (event) => {
  const id = typeof event.data?.id === 'string' ? event.data.id : null;
  if (id && (Array.isArray(event.data.save) || event.data.unsave)) {
    event.waitUntil(
      (async () => {
        if (Array.isArray(event.data.save))
          await save(
            id,
            event.data.save.filter((u) => typeof u === 'string'),
          );
        else await unsave(id);
        event.source?.postMessage({ type: event.data.unsave ? 'unsaved' : 'saved', id });
      })(),
    );
    return;
  }
  const urls = Array.isArray(event.data?.keep) ? event.data.keep : [];
  event.waitUntil(
    (async () => {
      for (const href of urls) {
        const url = new URL(href, self.location.origin);
        const local = url.origin === self.location.origin;
        const kind = isApi(url) ? DATA : !local ? null : isMedia(url) ? MEDIA : PAGES;
        if (!kind) continue;
        const cache = await caches.open(kind);
        if (await cache.match(url.href)) continue;
        try {
          // The page has just loaded it: the browser's HTTP cache has it, so no second download.
          const response = await fetch(url.href, { cache: 'force-cache' });
          if (response.ok) await keep(cache, kind, url.href, response);
        } catch {
          /* offline already: nothing to keep */
        }
      }
      event.source?.postMessage({ type: 'kept', count: urls.length });
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (isApi(url)) {
    event.respondWith(networkFirst(request, DATA));
    return;
  }
  if (url.origin !== self.location.origin) return;
  if (url.pathname === REMOVED) {
    event.respondWith(fetchRemoved(request));
    return;
  }
  if (request.mode === 'navigate') {
    // Fresh when online; offline, the page as last read, else the shell (the app routes).
    event.respondWith(
      networkFirst(request, PAGES).catch(async (error) => {
        const shell = await (await caches.open(SHELL)).match('/shell.html');
        if (shell) return shell;
        throw error;
      }),
    );
  } else if (HASHED.test(url.pathname) || SNIPPET.test(url.pathname)) {
    event.respondWith(cacheFirst(request, SHELL));
  } else if (isMedia(url)) {
    event.respondWith(cacheFirst(request, MEDIA));
  }
});

// The articles the paper took down (removed.json, written by the prerender command; the app asks
// for it on each visit): as it passes, every copy this worker keeps of them goes, their pages,
// their data and their saved copies, before the app hears the list.
const REMOVED = '/removed.json';
async function fetchRemoved(request) {
  const response = await fetch(request);
  if (!response.ok) return response;
  const listed = await response
    .clone()
    .json()
    .catch(() => null);
  const ids = Array.isArray(listed?.articles) ? listed.articles.map(String) : [];
  if (ids.length) {
    const pages = await caches.open(PAGES);
    const data = await caches.open(DATA);
    for (const id of ids) {
      const path = `/article/${encodeURIComponent(id)}`;
      await pages.delete(new URL(path, self.location.origin).href, { ignoreSearch: true });
      await data.delete(`${API}articles/${encodeURIComponent(id)}.json`);
      await unsave(id);
    }
  }
  return response;
}

async function networkFirst(request, cacheName, key = request) {
  const cache = await caches.open(cacheName);
  try {
    const response = await fetch(request);
    if (response.ok) await keep(cache, cacheName, key, response.clone());
    return response;
  } catch (error) {
    const kept = (await cache.match(key)) || (await (await caches.open(SAVED)).match(key));
    if (kept) return kept;
    throw error;
  }
}

async function cacheFirst(request, cacheName) {
  const cache = await caches.open(cacheName);
  const kept = (await cache.match(request)) || (await (await caches.open(SAVED)).match(request));
  if (kept) return kept;
  const response = await fetch(request);
  if (response.ok) await keep(cache, cacheName, request, response.clone());
  return response;
}

// Every put into a bounded cache comes through keep(), and the bounds hold at every moment, not
// only once a put is done: room is made first (the oldest go first), then the response is put.
// Keeping runs one at a time for the whole origin: in order within this worker, and under a Web
// Lock across workers, because during an update the worker being replaced and its successor both
// serve, and both write these same caches.
const LOCK = 'bounded-caches';
let queue = Promise.resolve();
function keep(cache, cacheName, key, response) {
  const run = () => keepNow(cache, cacheName, key, response);
  const locked = self.navigator.locks ? () => self.navigator.locks.request(LOCK, run) : run;
  queue = queue.then(locked).catch(() => {});
  return queue;
}

// The images' total size lives in LEDGER, written under the lock before every change to MEDIA, so
// every worker reads the same figure; each worker counts the cache once when it starts (which
// also heals a figure left wrong by a worker stopped half way: it only ever errs high). Each
// image is kept with its size in a header, read from the body itself: Content-Length is the
// compressed size where the host compresses, or missing.
const TOTAL = '/__media-bytes';
const SIZE = 'x-kept-bytes';
let counted = false;
const sizeOf = async (response) => Number(response?.headers.get(SIZE)) || (await response?.clone().blob())?.size || 0;
async function mediaTotal(cache) {
  const ledger = await caches.open(LEDGER);
  const written = counted ? Number(await (await ledger.match(TOTAL))?.text()) : Number.NaN;
  if (Number.isFinite(written)) return written;
  let total = 0;
  for (const request of await cache.keys()) total += await sizeOf(await cache.match(request));
  await setMediaTotal(total);
  counted = true;
  return total;
}
const setMediaTotal = async (bytes) => (await caches.open(LEDGER)).put(TOTAL, new Response(String(bytes)));

// The response as kept: its body read once, its size in SIZE.
async function sized(response) {
  const body = await response.blob();
  const headers = new Headers(response.headers);
  for (const name of ['content-encoding', 'content-length']) headers.delete(name);
  headers.set(SIZE, String(body.size));
  return new Response(body, { status: response.status, statusText: response.statusText, headers });
}

async function keepNow(cache, cacheName, key, response) {
  if (cacheName === MEDIA) {
    const stored = await sized(response);
    const bytes = await sizeOf(stored);
    let total = await mediaTotal(cache);
    const old = await cache.match(key);
    if (old) {
      total -= await sizeOf(old);
      await cache.delete(key);
      await setMediaTotal(total);
    }
    // One image larger than the whole budget is not kept at all.
    if (bytes > MAX_MEDIA_BYTES) return;
    for (const request of await cache.keys()) {
      if (total + bytes <= MAX_MEDIA_BYTES) break;
      total -= await sizeOf(await cache.match(request));
      await cache.delete(request);
    }
    // Counted before it is put: a worker stopped in between leaves the figure high, never low.
    await setMediaTotal(total + bytes);
    await cache.put(key, stored);
    return;
  }
  await cache.delete(key);
  const url = new URL(typeof key === 'string' ? key : key.url);
  if ((cacheName === PAGES || cacheName === DATA) && isArticle(url)) {
    const articles = (await cache.keys()).filter((request) => isArticle(new URL(request.url)));
    for (const request of articles.slice(0, Math.max(0, articles.length + 1 - MAX_ARTICLES)))
      await cache.delete(request);
  }
  await cache.put(key, response);
}
