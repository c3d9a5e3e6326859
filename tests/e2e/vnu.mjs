// The Nu HTML Checker (npm vnu-jar, run by Debian's Java), as a validator or a KWCAG audit
// (마크업 오류 방지) reads a page.

import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';

const jar = path.join(
  path.dirname(createRequire(import.meta.url).resolve('vnu-jar/package.json')),
  'build/dist/vnu.jar',
);

// The stylesheet is inside every page, so the checker reads it too. Its CSS validator predates
// these properties of current specifications, which style/main.css uses on purpose (CSS
// Overflow 4's line-clamp beside -webkit-line-clamp; Scroll-driven Animations for the reading
// progress bar), and calls them unknown: exactly that message, for exactly these, is not an error.
const NEWER_CSS = ['line-clamp', 'animation-timeline', 'view-timeline', 'timeline-scope', 'animation-range'];
const newerCss = (message) => NEWER_CSS.some((name) => message === `CSS: “${name}”: Property “${name}” doesn't exist.`);

/** The checker's errors in `files`, each as `file:line: message`. */
export function htmlErrors(files) {
  const run = spawnSync('java', ['-jar', jar, '--format', 'json', '--errors-only', ...files], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.error) throw run.error;
  const { messages } = JSON.parse(run.stderr);
  return messages
    .filter((m) => !newerCss(m.message))
    .map((m) => `${decodeURIComponent(new URL(m.url).pathname)}:${m.lastLine ?? '?'}: ${m.message} ${m.extract ?? ''}`);
}
