// The Nu HTML Checker (npm vnu-jar, run by Debian's Java), as a validator or a KWCAG audit
// (마크업 오류 방지) reads a page.

import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';

const jar = path.join(
  path.dirname(createRequire(import.meta.url).resolve('vnu-jar/package.json')),
  'build/dist/vnu.jar',
);

/** The checker's errors in `files`, each as `file:line: message`. */
export function htmlErrors(files) {
  const run = spawnSync('java', ['-jar', jar, '--format', 'json', '--errors-only', ...files], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.error) throw run.error;
  const { messages } = JSON.parse(run.stderr);
  return messages.map(
    (m) => `${decodeURIComponent(new URL(m.url).pathname)}:${m.lastLine ?? '?'}: ${m.message} ${m.extract ?? ''}`,
  );
}
