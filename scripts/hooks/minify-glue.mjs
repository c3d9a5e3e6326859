// Release builds: minifies the JS glue wasm-bindgen writes (Trunk's own minifier gives up on
// it), then puts the new SHA-384 into the integrity attribute Trunk wrote for it in index.html;
// and minifies the page's deferred scripts.
// Run by scripts/hooks/csp.py, the post-build hook, before the policy is computed.
//   node scripts/hooks/minify-glue.mjs <staging dir>

import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { minify } from 'terser';

const dir = process.argv[2] || 'dist';
const indexPath = path.join(dir, 'index.html');
let index = fs.readFileSync(indexPath, 'utf8');

for (const name of fs.readdirSync(dir).filter((file) => /-[0-9a-f]{8,16}\.js$/.test(file))) {
  const file = path.join(dir, name);
  const source = fs.readFileSync(file, 'utf8');
  const { code } = await minify(source, {
    module: true,
    compress: { passes: 2 },
    mangle: true,
    format: { comments: false },
  });
  fs.writeFileSync(file, code);
  const integrity = `sha384-${crypto.createHash('sha384').update(code).digest('base64')}`;
  // The <link> that names this file: replace the integrity inside that tag only.
  let found = false;
  index = index.replace(/<link\b[^>]*>/g, (tag) => {
    if (!tag.includes(`/${name}`)) return tag;
    found = true;
    return tag.replace(/sha384-[A-Za-z0-9+/=]+/, integrity);
  });
  if (!found) throw new Error(`no <link> names ${name} in index.html`);
  console.log(`minify-glue: ${name} ${source.length} → ${code.length} bytes`);
}
fs.writeFileSync(indexPath, index);

// The page's own deferred scripts (js/ad-frames.js, js/beacon.js): plain scripts, no integrity.
for (const name of ['ad-frames.js', 'beacon.js']) {
  const file = path.join(dir, name);
  if (!fs.existsSync(file)) continue;
  const source = fs.readFileSync(file, 'utf8');
  const { code } = await minify(source, { compress: { passes: 2 }, mangle: true, format: { comments: false } });
  fs.writeFileSync(file, code);
  console.log(`minify-glue: ${name} ${source.length} → ${code.length} bytes`);
}
