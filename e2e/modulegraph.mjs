// modulegraph.mjs: the page's first-load modules, the static imports of
// web/app.js followed to the end, against the <link rel="modulepreload">
// list in web/index.html. The list lets the browser fetch every module at
// once instead of one level of imports after another (four levels: each a
// round trip before the first diagram). `make lint` runs it; it fails, and
// prints the list to paste, when the two differ.
import fs from 'node:fs';
import path from 'node:path';

const web = new URL('../web/', import.meta.url);
const STATIC = /^\s*import\s+(?:[^'"]*?\s+from\s+)?['"](\.\/[^'"]+)['"]/gm;

/** The static imports of app.js, followed to the end, in the order met. */
function graph() {
  const seen = new Set();
  const visit = (rel) => {
    if (seen.has(rel)) return;
    seen.add(rel);
    const text = fs.readFileSync(new URL(rel, web), 'utf8');
    for (const m of text.matchAll(STATIC)) visit(path.posix.normalize(path.posix.join(path.posix.dirname(rel), m[1])));
  };
  visit('app.js');
  seen.delete('app.js');
  return [...seen];
}

const html = fs.readFileSync(new URL('index.html', web), 'utf8');
const listed = [...html.matchAll(/<link rel="modulepreload" href="([^"]+)">/g)].map((m) => m[1]);
const want = graph();
const missing = want.filter((m) => !listed.includes(m));
const extra = listed.filter((m) => !want.includes(m));
if (missing.length || extra.length) {
  console.error(`web/index.html: the modulepreload list differs from app.js's static imports (missing: ${missing.join(', ') || 'none'}; not imported: ${extra.join(', ') || 'none'}). The list to paste:`);
  console.error(want.sort().map((m) => `<link rel="modulepreload" href="${m}">`).join('\n'));
  process.exit(1);
}
