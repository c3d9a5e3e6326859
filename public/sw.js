// 한가람일보 service worker: reading offline.
// - The app shell (shell.html and the hashed .js/.wasm/.css it names) is kept at install.
// - Pages are network-first and each page read is kept: a prerendered page holds its own
//   data, so it opens again offline as it was; an address never read gets the shell.
// - API data is network-first, so news is never stale online; every answer is kept, so the
//   articles a reader opened open again with no network.
// - Images are kept as they are seen.
// Registered by the app in release builds only (src/offline.rs): `trunk serve` never sees it.
// The app registers it as /sw.js?api=<the page's news-api-base>, so data is recognised wherever
// the deployer put the API (another path, or another origin that allows CORS).

const VERSION = 'v3';
const SHELL = `shell-${VERSION}`;
const DATA = `data-${VERSION}`;
const MEDIA = `media-${VERSION}`;
const PAGES = `pages-${VERSION}`;
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
      const keep = [SHELL, DATA, MEDIA, PAGES];
      for (const key of await caches.keys()) if (!keep.includes(key)) await caches.delete(key);
      await self.clients.claim();
    })(),
  );
});

// The page loaded some data before this worker controlled it: it sends those addresses here,
// and hears back once they are kept (so it knows that reading offline is ready).
self.addEventListener('message', (event) => {
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
          if (response.ok) await cache.put(url.href, response);
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

async function networkFirst(request, cacheName, key = request) {
  const cache = await caches.open(cacheName);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(key, response.clone());
    return response;
  } catch (error) {
    const kept = await cache.match(key);
    if (kept) return kept;
    throw error;
  }
}

async function cacheFirst(request, cacheName) {
  const cache = await caches.open(cacheName);
  const kept = await cache.match(request);
  if (kept) return kept;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}
