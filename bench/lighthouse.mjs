// Lighthouse on the built article page, with its mobile (default: Moto G class phone, slow
// 4G, 4x CPU, simulated) and desktop presets, in Debian's Chromium. Prints the four category
// scores and saves them, with the full reports, under target/bench/.
//   node bench/lighthouse.mjs [path]
// DIST_DIR serves another built site; LIGHTHOUSE_TAG names its reports
// (lighthouse<tag>-mobile.json); LIGHTHOUSE_PRESETS=mobile runs one preset.

import fs from 'node:fs';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { startServer } from '../tests/e2e/server.mjs';
import { CHROMIUM_ARGS } from '../tests/e2e/browser.mjs';

const PATH = process.argv[2] || '/article/1065';
const HERE = path.dirname(fileURLToPath(import.meta.url));
const CLI = path.join(HERE, 'node_modules/.bin/lighthouse');
const OUT = 'target/bench';
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];
const TAG = process.env.LIGHTHOUSE_TAG || '';
const PRESETS = (process.env.LIGHTHOUSE_PRESETS || 'mobile,desktop').split(',');

async function run(server, preset) {
  const profile = fs.mkdtempSync('/tmp/lighthouse-profile-');
  const report = path.join(OUT, `lighthouse${TAG}-${preset}.json`);
  const flags = [...CHROMIUM_ARGS, '--headless=new', `--user-data-dir=${profile}`].join(' ');
  const args = [
    server.url + PATH,
    '--quiet',
    '--output=json',
    `--output-path=${report}`,
    `--chrome-flags=${flags}`,
    `--only-categories=${CATEGORIES.join(',')}`,
  ];
  if (preset === 'desktop') args.push('--preset=desktop');
  await promisify(execFile)(CLI, args, {
    env: { ...process.env, CHROME_PATH: process.env.CHROMIUM_PATH || '/usr/bin/chromium' },
    maxBuffer: 64 * 1024 * 1024,
  });
  fs.rmSync(profile, { recursive: true, force: true });
  const lhr = JSON.parse(fs.readFileSync(report, 'utf8'));
  const scores = Object.fromEntries(CATEGORIES.map((c) => [c, Math.round(lhr.categories[c].score * 100)]));
  // What cost points: every audit that counts towards a score and did not pass.
  const failing = Object.values(lhr.audits)
    .filter(
      (a) => a.score !== null && a.score < 1 && a.scoreDisplayMode !== 'informative' && a.scoreDisplayMode !== 'manual',
    )
    .map((a) => `${a.id} (${a.displayValue || a.score})`);
  const metrics = Object.fromEntries(
    [
      'first-contentful-paint',
      'largest-contentful-paint',
      'total-blocking-time',
      'cumulative-layout-shift',
      'speed-index',
    ].map((id) => [id, lhr.audits[id]?.displayValue ?? null]),
  );
  return { scores, metrics, failing };
}

fs.mkdirSync(OUT, { recursive: true });
const server = await startServer({ dist: process.env.DIST_DIR || 'dist' });
const results = {};
try {
  for (const preset of PRESETS) results[preset] = await run(server, preset);
} finally {
  await server.close();
}

console.log(`Lighthouse on ${PATH}`);
console.log(`${''.padEnd(10)}${CATEGORIES.map((c) => c.padStart(16)).join('')}`);
for (const [preset, r] of Object.entries(results)) {
  console.log(`${preset.padEnd(10)}${CATEGORIES.map((c) => String(r.scores[c]).padStart(16)).join('')}`);
}
for (const [preset, r] of Object.entries(results)) {
  console.log(
    `${preset}: ${Object.entries(r.metrics)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
  );
  if (r.failing.length) console.log(`${preset} audits not passed: ${r.failing.join('; ')}`);
}
fs.writeFileSync(
  path.join(OUT, `lighthouse${TAG}.json`),
  JSON.stringify({ when: new Date().toISOString(), path: PATH, results }, null, 2),
);
console.log(`saved ${OUT}/lighthouse.json (full reports: ${OUT}/lighthouse-mobile.json, lighthouse-desktop.json)`);
