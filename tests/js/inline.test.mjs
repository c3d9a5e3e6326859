// The inline scripts in js/ run in Node (node:vm) with a stubbed page, against the table the
// Rust tests keep current (tests/js/rust-side.json, from tests/inline_scripts.rs): the shell's
// early fetch asks for exactly the API path the app would, under the page's API base, and the
// early preferences accept exactly the themes and text sizes the app stores.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { test } from 'node:test';
import vm from 'node:vm';

const rust = JSON.parse(fs.readFileSync(new URL('./rust-side.json', import.meta.url), 'utf8'));
const script = (name) => new vm.Script(fs.readFileSync(new URL(`../../js/${name}`, import.meta.url), 'utf8'));
const shell = script('shell.js');
const preferences = script('preferences.js');

// Runs the shell script on `address` and returns the URLs it fetched.
function earlyFetches(address, { apiBase = null, prerendered = false } = {}) {
  const url = new URL(address, 'https://news.example');
  const fetched = [];
  const page = {
    location: { pathname: url.pathname, search: url.search },
    document: {
      readyState: 'complete',
      documentElement: { hasAttribute: (name) => prerendered && name === 'data-prerendered' },
      querySelector: (selector) =>
        selector === 'meta[name="news-api-base"]' && apiBase !== null ? { content: apiBase } : null,
      getElementById: () => null,
      addEventListener: () => {},
    },
    fetch: (href) => {
      fetched.push(href);
      return Promise.resolve({ ok: false });
    },
    AbortController,
  };
  page.window = page;
  shell.runInNewContext(page);
  return fetched;
}

test('the shell fetches early exactly what the app asks for, under the default API base', () => {
  for (const { address, api_path } of rust.early_fetch) {
    assert.deepEqual(earlyFetches(address), [`${rust.default_api_base}/${api_path}`], address);
  }
});

test('the shell uses the API base of the page, with or without a trailing slash', () => {
  for (const base of ['https://cms.example/news/v1', 'https://cms.example/news/v1/', '/cms/']) {
    for (const { address, api_path } of rust.early_fetch) {
      assert.deepEqual(earlyFetches(address, { apiBase: base }), [`${base.replace(/\/+$/, '')}/${api_path}`]);
    }
  }
  // An empty tag is no tag.
  assert.deepEqual(earlyFetches('/', { apiBase: '  ' }), [`${rust.default_api_base}/home.json`]);
});

test('the shell fetches nothing where the app has no page data of its own or the id is not plain', () => {
  for (const address of rust.no_early_fetch) assert.deepEqual(earlyFetches(address), [], address);
});

test('a prerendered page (it holds its data) fetches nothing early', () => {
  for (const { address } of rust.early_fetch) assert.deepEqual(earlyFetches(address, { prerendered: true }), []);
});

// Runs the preferences script with `stored` in localStorage; returns the attributes it set.
function earlyPreferences(stored) {
  const set = {};
  const page = {
    localStorage: {
      getItem: (key) => {
        if (stored === 'throws') throw new Error('SecurityError');
        return stored[key] ?? null;
      },
    },
    document: {
      documentElement: {
        setAttribute: (name, value) => {
          set[name] = value;
        },
      },
    },
  };
  preferences.runInNewContext(page);
  return set;
}

test('the early preferences apply every theme and text size the app stores, and nothing else', () => {
  const { theme_key, themes, text_size_key, text_sizes } = rust.preferences;
  for (const theme of themes) assert.deepEqual(earlyPreferences({ [theme_key]: theme }), { 'data-theme': theme });
  for (let size = 0; size < text_sizes; size += 1) {
    assert.deepEqual(earlyPreferences({ [text_size_key]: String(size) }), { 'data-text-size': String(size) });
  }
  for (const wrong of [String(text_sizes), '-1', '1.5', ' 2', '', 'large']) {
    assert.deepEqual(earlyPreferences({ [text_size_key]: wrong }), {}, wrong);
  }
  for (const wrong of ['blue', 'Dark', '']) assert.deepEqual(earlyPreferences({ [theme_key]: wrong }), {}, wrong);
  // Storage that throws (blocked, private mode) leaves the defaults and throws nothing.
  assert.deepEqual(earlyPreferences('throws'), {});
});
