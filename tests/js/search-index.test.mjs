// scripts/search-index.mjs on a small bundle of its own: what it does with bookkeeping it
// cannot read. (Publishing, updating and taking down through the page are in
// tests/e2e/search.test.mjs.)
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';

const script = new URL('../../scripts/search-index.mjs', import.meta.url).pathname;
const NOW = '2026-11-25T12:00:00+09:00';
const index = (dist, ...args) => spawnSync('node', [script, dist, '--now', NOW, ...args], { encoding: 'utf8' });

/** A bundle of two articles of November 2026, each its page and its search record. */
function bundle() {
  const dist = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'search-index-')), 'dist');
  fs.mkdirSync(path.join(dist, 'article'), { recursive: true });
  fs.mkdirSync(path.join(dist, '.search-records'));
  for (const [id, words] of [
    ['1051', '무지개다리 축제'],
    ['1052', '은하수 전설'],
  ]) {
    fs.writeFileSync(path.join(dist, 'article', `${id}.html`), `<h1>${words}</h1>`);
    const html = `<!DOCTYPE html><html lang="ko"><meta charset="utf-8"><article data-pagefind-body><h1>${words}</h1></article>`;
    fs.writeFileSync(path.join(dist, '.search-records', `${id}.json`), JSON.stringify({ month: '2026-11', html }));
  }
  return dist;
}

test('a run without a journal rebuilds the index when a shard says nothing readable of its pages', () => {
  const dist = bundle();
  try {
    const first = index(dist, '--whole');
    assert.equal(first.status, 0, first.stderr);
    // A bundle of an earlier version (no journal), with a shard's page list damaged.
    fs.rmSync(path.join(dist, '.search-records/journal'));
    const members = path.join(dist, 'pagefind/.shards/2026-11.json');
    fs.writeFileSync(members, '{"ids": 5');

    const again = index(dist);
    assert.equal(again.status, 0, again.stderr);
    assert.match(again.stderr, /the whole index is built again/);
    assert.deepEqual(JSON.parse(fs.readFileSync(members, 'utf8')).ids, ['1051', '1052']);
    const manifest = JSON.parse(fs.readFileSync(path.join(dist, 'pagefind/shards.json'), 'utf8'));
    assert.deepEqual(manifest.periods, [{ name: '2026-11', path: '/pagefind/2026-11/' }]);
    assert.equal(manifest.recent, null);
    assert.ok(fs.existsSync(path.join(dist, 'pagefind/2026-11/pagefind.js')));
  } finally {
    fs.rmSync(path.dirname(dist), { recursive: true, force: true });
  }
});
