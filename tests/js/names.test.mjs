// The names the page's scripts and stylesheet share with the Rust side (src/page_names.rs),
// from the table tests/inline_scripts.rs keeps (tests/js/rust-side.json, `page_names`): every
// file the table names for a name still says it in its code, not only in a comment. A rename
// on one side fails here (or, on the Rust side, in tests/inline_scripts.rs first).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { test } from 'node:test';

const rust = JSON.parse(fs.readFileSync(new URL('./rust-side.json', import.meta.url), 'utf8'));
const root = new URL('../../', import.meta.url);

// Code without its comments (// lines in scripts, /* */ in both).
const strip = (text) => text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
const code = (file) => strip(fs.readFileSync(new URL(file, root), 'utf8'));

// The name as a whole word of the code: not a part of a longer name.
const says = (text, name) =>
  new RegExp(`(^|[^\\w-])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\w-])`, 'm').test(text);

test('the table names the shared names and the files that rely on them', () => {
  assert.ok(rust.page_names.length >= 10);
  for (const { name, files } of rust.page_names) {
    // An id, a class, an attribute, a global, or the prefix of the takeover's reports (`takeover:`).
    assert.match(name, /^[\w-]+:?$/);
    assert.ok(files.length > 0, name);
  }
});

test('every file the table names says each of its names in its code', () => {
  const missing = [];
  for (const { name, files } of rust.page_names) {
    for (const file of files) if (!says(code(file), name)) missing.push(`${file}: ${name}`);
  }
  assert.deepEqual(missing, []);
});

test('a name only in a comment, or inside a longer name, does not count', () => {
  assert.equal(says(strip('// #prerendered\n/* .is-open */'), 'prerendered'), false);
  assert.equal(says(strip('// #prerendered\n/* .is-open */'), 'is-open'), false);
  assert.equal(says(code('js/takeover.js').replace(/prerendered/g, 'pre'), 'prerendered'), false);
  assert.equal(says("x('data-prerendered-old')", 'data-prerendered'), false);
  assert.equal(says("x('is-opened')", 'is-open'), false);
});
