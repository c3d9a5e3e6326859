// Valid HTML on every page type the prerender command writes: the Nu HTML Checker finds no
// error (KWCAG 2.2 keeps 마크업 오류 방지, which Korean web-accessibility certification audits).
// The hostile API's pages are checked in prerender.test.mjs.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { htmlErrors } from './vnu.mjs';

const DIST = process.env.DIST_DIR || 'dist';

test('the Nu HTML Checker finds no error on any page type', () => {
  const article = (id) => JSON.parse(fs.readFileSync(`public/api/articles/${id}.json`, 'utf8'));
  const ids = fs.readdirSync(`${DIST}/article`).map((name) => name.replace(/\.html$/, ''));
  const withPhoto = ids.find((id) => article(id).body.some((block) => block.type === 'image'));
  const withoutPhoto = ids.find((id) => !article(id).body.some((block) => block.type === 'image'));
  assert.ok(withPhoto && withoutPhoto);
  const pages = [
    'index.html',
    'section/gyeonggi.html',
    'section/gyeonggi/2.html',
    `article/${withPhoto}.html`,
    `article/${withoutPhoto}.html`,
    'tag/지역경제.html',
    'tag/수도권 교통.html',
    'policy/privacy.html',
    'reporter/seoyeon-kim.html',
    'photo.html',
    'tv.html',
    'shell.html',
    '404.html',
    // The template the pages are made from, which a host serves at /app.html too.
    'app.html',
  ].map((file) => path.join(DIST, file));
  for (const file of pages) assert.ok(fs.existsSync(file), file);
  assert.deepEqual(htmlErrors(pages), []);
});
