// A static server for the built site, as a publisher's host would run it (deploy/nginx.conf
// does the same): files from dist/, compressed (brotli or gzip), the prerendered page of an
// address (`/article/1065` from article/1065.html), the app's shell for every other address,
// real 404s under /api/. It can also misbehave on purpose: tests set a fault per API path to
// see how the page copes.
//
//   node tests/e2e/server.mjs [port] [dist]      serve by hand (default 8090, ./dist)
//   import { startServer } from './server.mjs'   in tests: { url, faults, delays, requests, close }
//
// With `prerendered: false` it answers every page address with the shell, as for an article
// published after the last prerender run: the app then fetches the page's data itself.
// With `apiBase: '/cms/v1'` it plays a deployer who moved the API: every page's news-api-base
// tag says /cms/v1, the data is served there, and /api/ answers 404. With `head`, every page
// gets those tags too (a news-search endpoint, say).

import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webp': 'image/webp',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webmanifest': 'application/manifest+json',
  '.txt': 'text/plain; charset=utf-8',
};

/** What a faulty API can do, by name: tests put one of these in `faults` for a path. */
const FAULTS = {
  404: (res) => send(res, 404, 'application/json', '{"error":"not found"}'),
  500: (res) => send(res, 500, 'text/plain', 'Internal Server Error'),
  503: (res) => send(res, 503, 'text/plain', 'Service Unavailable'),
  malformed: (res) => send(res, 200, 'application/json', '{"id": "1", "title": '),
  empty: (res) => send(res, 200, 'application/json', ''),
  'wrong-shape': (res) => send(res, 200, 'application/json', '{"items": 5, "title": []}'),
  html: (res) => send(res, 200, 'text/html', '<!DOCTYPE html><html><body>Gateway</body></html>'),
  slow: (res) => {
    setTimeout(() => send(res, 200, 'application/json', '{}'), 15000).unref();
  },
  drop: (res) => res.socket.destroy(),
};

/** A fault that answers `data` as JSON with status 200: hostile or odd content in place of the demo's. */
export const answerJson = (data) => (res) => send(res, 200, 'application/json', JSON.stringify(data));

function send(res, status, type, body) {
  if (res.destroyed) return;
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
  res.end(body);
}

export function startServer({ dist = 'dist', port = 0, prerendered = true, apiBase = '/api', head = '' } = {}) {
  const root = path.resolve(dist);
  const faults = new Map(); // '/api/articles/1065.json' -> fault name or a function (res, req)
  const requests = []; // every request path, in order, for counting fetches
  const delays = new Map(); // '/api/weather.json' -> milliseconds to wait before answering

  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://localhost');
    const pathname = decodeURIComponent(url.pathname);
    requests.push(pathname);
    const delay = delays.get(pathname);
    if (delay) setTimeout(() => handle(req, res, pathname), delay).unref();
    else handle(req, res, pathname);
  });

  function handle(req, res, requested) {
    const fault = faults.get(requested);
    if (fault) {
      return typeof fault === 'function' ? fault(res, req) : FAULTS[fault](res);
    }
    // The API moved: its files are still dist/api/, at the new address only.
    let pathname = requested;
    if (apiBase !== '/api') {
      if (requested.startsWith('/api/')) return send(res, 404, 'text/plain', 'Not Found');
      if (requested.startsWith(`${apiBase}/`)) pathname = `/api/${requested.slice(apiBase.length + 1)}`;
    }
    const serveFile = (res, file, req) => serve(res, file, req, apiBase, head);
    const file = path.join(root, pathname);
    if (!file.startsWith(root + path.sep) && file !== root) return send(res, 400, 'text/plain', 'bad path');
    const shell = path.join(root, 'shell.html');
    const isFile = (f) => {
      try {
        return fs.statSync(f).isFile();
      } catch {
        return false;
      }
    };
    // A page address has no extension, or has a prerendered file (a keyword may hold a dot).
    const page = !pathname.startsWith('/api/') && (!path.extname(pathname) || isFile(`${file}.html`));
    if (page && !prerendered) return serveFile(res, shell, req);
    if (pathname === '/' || pathname === '/index.html') return serveFile(res, path.join(root, 'index.html'), req);
    if (isFile(file)) return serveFile(res, file, req);
    // The API is data: a missing file is a 404. Every other address is a page: its
    // prerendered file, else the shell (legacy /news/articleView.html links included).
    if (pathname.startsWith('/api/')) return send(res, 404, 'text/plain', 'Not Found');
    if (page && isFile(`${file}.html`)) return serveFile(res, `${file}.html`, req);
    serveFile(res, shell, req);
  }

  return new Promise((resolve) => {
    server.listen(port, '127.0.0.1', () => {
      const { port: bound } = server.address();
      resolve({
        url: `http://127.0.0.1:${bound}`,
        faults,
        delays,
        requests,
        /** Sets `faultsByPath` ({ path: fault }) for the length of `run`, then clears them. */
        async withFaults(faultsByPath, run) {
          for (const [at, fault] of Object.entries(faultsByPath)) faults.set(at, fault);
          try {
            return await run();
          } finally {
            for (const at of Object.keys(faultsByPath)) faults.delete(at);
          }
        },
        close: () =>
          new Promise((done) => {
            server.closeAllConnections();
            server.close(done);
          }),
      });
    });
  });
}

const COMPRESSIBLE = new Set(['.html', '.js', '.wasm', '.css', '.json', '.svg', '.webmanifest']);
const compressed = new Map(); // `${file} ${mtime} ${encoding}` -> Buffer

/** The file's bytes, brotli or gzip compressed when the browser accepts it, as hosts do. */
function body(file, ext, accept) {
  const encoding = !COMPRESSIBLE.has(ext)
    ? null
    : /\bbr\b/.test(accept)
      ? 'br'
      : /\bgzip\b/.test(accept)
        ? 'gzip'
        : null;
  if (!encoding) return { data: fs.readFileSync(file), encoding };
  const key = `${file} ${fs.statSync(file).mtimeMs} ${encoding}`;
  if (!compressed.has(key)) {
    const raw = fs.readFileSync(file);
    compressed.set(
      key,
      encoding === 'br'
        ? zlib.brotliCompressSync(raw, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } })
        : zlib.gzipSync(raw, { level: 9 }),
    );
  }
  return { data: compressed.get(key), encoding };
}

function serve(res, file, req, apiBase, head) {
  const ext = path.extname(file);
  // Hashed assets never change; index.html must be revalidated so deploys show at once.
  const immutable = /-[0-9a-f]{8,16}(_bg)?\.(js|wasm|css)$/.test(file);
  const accept = req.headers['accept-encoding'] || '';
  const { data, encoding } =
    ext === '.html' && (apiBase !== '/api' || head)
      ? { data: Buffer.from(edited(fs.readFileSync(file, 'utf8'), apiBase, head)), encoding: null }
      : body(file, ext, accept);
  res.writeHead(200, {
    'content-type': TYPES[ext] || 'application/octet-stream',
    'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    'content-length': data.length,
    vary: 'accept-encoding',
    ...(encoding ? { 'content-encoding': encoding } : {}),
  });
  res.end(data);
}

/** `html` as a deployer edits it: its news-api-base tag pointing at `apiBase`, and `head`
 * (more tags, such as news-search) added after <meta charset>. */
function edited(html, apiBase, head) {
  const moved = html.replace(/<meta\b[^>]*\bnews-api-base\b[^>]*>/g, (tag) =>
    tag.replace(/\bcontent=("?)\/api\1/, `content="${apiBase}"`),
  );
  return moved.replace(/<meta charset=("?)utf-8\1>/i, (charset) => charset + head);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const port = Number(process.argv[2] || 8090);
  const { url } = await startServer({ port, dist: process.argv[3] || 'dist' });
  console.log(`serving ${process.argv[3] || 'dist'} at ${url}`);
}
