#!/usr/bin/env node
// Stems a word list with a generated browser stemmer, to diff against rust-stemmers on the same words.
//
//   node tools/stemmers/stem.mjs <code> <file>      (code: es, fr, pt, it, de, nl; file "-" reads standard input)
//
// Reads one word per line (blank lines skipped, no folding or lowercasing: give it what sinew would stem) and prints
// `word<TAB>stem` for each, using themes/default/static/stemmers/<code>.js.

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const [code, file] = process.argv.slice(2);
if (!code || !file || !/^[a-z]{2}$/.test(code)) {
  console.error('usage: node tools/stemmers/stem.mjs <code> <file|->');
  process.exit(2);
}
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const module = join(root, 'themes', 'default', 'static', 'stemmers', `${code}.js`);
if (!existsSync(module)) {
  console.error(`stem.mjs: no ${module} (run node tools/stemmers/build.mjs)`);
  process.exit(2);
}
const { stem } = await import(pathToFileURL(module).href);

const out = [];
for (const line of readFileSync(file === '-' ? 0 : file, 'utf8').split('\n')) {
  const word = line.trim();
  if (word) out.push(`${word}\t${stem(word)}\n`);
}
process.stdout.write(out.join(''));
