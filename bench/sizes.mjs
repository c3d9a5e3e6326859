// Prints the size of what a reader downloads to start the app: wasm, JS and CSS in dist/ (the
// stylesheet is inlined into every page: the <style> of index.html counts as its CSS), raw,
// gzip (level 9) and brotli (quality 11), and saves them as JSON for comparison. With
// --budget, it also holds the brotli totals to the budget that file writes down (bench/budget.json),
// and exits 1 above it: scripts/test runs it so on every build.
//   node bench/sizes.mjs [dist] [out.json] [--budget bench/budget.json]

import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const args = process.argv.slice(2);
const flag = args.indexOf('--budget');
const budgetFile = flag >= 0 ? args.splice(flag, 2)[1] : null;
const dist = args[0] || 'dist';
const out = args[1] || 'target/bench/sizes.json';

const kinds = { '.wasm': 'wasm', '.js': 'js', '.css': 'css' };
const measure = (file, kind, data) => ({
  file,
  kind,
  raw: data.length,
  gzip: zlib.gzipSync(data, { level: 9 }).length,
  brotli: zlib.brotliCompressSync(data, {
    params: {
      [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length,
    },
  }).length,
});
const files = fs
  .readdirSync(dist)
  .filter((name) => kinds[path.extname(name)])
  .map((name) => measure(name, kinds[path.extname(name)], fs.readFileSync(path.join(dist, name))));
const inlineStyles = [
  ...fs.readFileSync(path.join(dist, 'index.html'), 'utf8').matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/g),
].map(([, css], n) => measure(`index.html <style> ${n + 1}`, 'css', Buffer.from(css)));
const rows = [...files, ...inlineStyles];

const sum = (filter) =>
  ['raw', 'gzip', 'brotli'].reduce((total, key) => {
    total[key] = rows.filter(filter).reduce((n, row) => n + row[key], 0);
    return total;
  }, {});
const totals = { 'wasm + js': sum((r) => r.kind !== 'css'), css: sum((r) => r.kind === 'css') };

const kb = (n) => `${(n / 1024).toFixed(1)} KB`.padStart(10);
console.log(`${'file'.padEnd(40)}${'raw'.padStart(10)}${'gzip'.padStart(10)}${'brotli'.padStart(10)}`);
for (const row of rows) console.log(`${row.file.padEnd(40)}${kb(row.raw)}${kb(row.gzip)}${kb(row.brotli)}`);
for (const [name, t] of Object.entries(totals))
  console.log(`${(`total ${name}`).padEnd(40)}${kb(t.raw)}${kb(t.gzip)}${kb(t.brotli)}`);

fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, JSON.stringify({ when: new Date().toISOString(), files: rows, totals }, null, 2));
console.log(`saved ${out}`);

if (budgetFile) {
  const budget = JSON.parse(fs.readFileSync(budgetFile, 'utf8'));
  let over = false;
  for (const [name, limit] of Object.entries(budget.brotli)) {
    const size = totals[name]?.brotli;
    if (size === undefined) throw new Error(`${budgetFile}: no total named ${name}`);
    const fits = size <= limit;
    over ||= !fits;
    console.log(`budget ${name}: ${size} of ${limit} bytes brotli${fits ? '' : ' — OVER BUDGET'}`);
  }
  if (over) {
    console.error(
      `Over the size budget. A change that needs more raises ${budgetFile} in the same commit, and says why.`,
    );
    process.exit(1);
  }
}
