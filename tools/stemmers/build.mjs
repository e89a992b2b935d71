#!/usr/bin/env node
// Builds themes/default/static/stemmers/<code>.js, the browser's Snowball stemmers, from the npm package
// snowball-stemmers@0.6.0: one self-contained ES module per language (`export function stem(word)`), holding only
// the shared base classes that language's stemmer uses plus the stemmer itself. The search index is stemmed in Rust
// with rust-stemmers 1.2 (src/search/words.rs); the query must be stemmed the same way. See README.md beside this file.
//
//   node tools/stemmers/build.mjs                   fetch with `npm pack`, check, (re)write the modules
//   node tools/stemmers/build.mjs --check           write nothing; exit 1 if a module on disk differs from a fresh build
//   node tools/stemmers/build.mjs --tarball FILE    use that .tgz instead of `npm pack` (still checked)
//
// Only node's standard library and `npm` (for `npm pack`). The output depends on nothing but the tarball, whose
// sha512 is checked against INTEGRITY below, so two runs give byte-identical files.

import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

const PACKAGE = 'snowball-stemmers';
const VERSION = '0.6.0';
// `npm view snowball-stemmers@0.6.0 dist.integrity`
const INTEGRITY = 'sha512-47VTJvsZzEme3VxhbUFc9wR0CX8fYKNMgL7AiBdJcHUrwbmN7htFroeX+8ESIAaoNgwEgwI2wnv1HIcqQqAdcA==';
const SOURCE = 'package/snowball-stemmers.js';

// Module name (the language code sinew uses) -> the package's stemmer class `<name>Stemmer`, which matches
// rust-stemmers' Algorithm of the same language. (The package also has arabic, matching Algorithm::Arabic.)
const LANGUAGES = {
  de: 'german',
  es: 'spanish',
  fr: 'french',
  it: 'italian',
  nl: 'dutch',
  pt: 'portuguese',
};

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const OUT_DIR = join(ROOT, 'themes', 'default', 'static', 'stemmers');

// The package ships no licence file: its package.json says "license": "ISC". This is the ISC licence text.
const ISC = `Permission to use, copy, modify, and/or distribute this software for any
purpose with or without fee is hereby granted, provided that the above
copyright notice and this permission notice appear in all copies.

THE SOFTWARE IS PROVIDED "AS IS" AND THE AUTHOR DISCLAIMS ALL WARRANTIES
WITH REGARD TO THIS SOFTWARE INCLUDING ALL IMPLIED WARRANTIES OF
MERCHANTABILITY AND FITNESS. IN NO EVENT SHALL THE AUTHOR BE LIABLE FOR
ANY SPECIAL, DIRECT, INDIRECT, OR CONSEQUENTIAL DAMAGES OR ANY DAMAGES
WHATSOEVER RESULTING FROM LOSS OF USE, DATA OR PROFITS, WHETHER IN AN
ACTION OF CONTRACT, NEGLIGENCE OR OTHER TORTIOUS ACTION, ARISING OUT OF
OR IN CONNECTION WITH THE USE OR PERFORMANCE OF THIS SOFTWARE.`;

// The stemmers are generated from the Snowball project's algorithms, whose licence (its COPYING) is BSD-3-Clause.
const SNOWBALL = `Copyright (c) 2001, Dr Martin Porter
Copyright (c) 2004,2005, Richard Boulton
Copyright (c) 2013, Yoshiki Shibukawa
All rights reserved.

Redistribution and use in source and binary forms, with or without
modification, are permitted provided that the following conditions
are met:

  1. Redistributions of source code must retain the above copyright notice,
     this list of conditions and the following disclaimer.
  2. Redistributions in binary form must reproduce the above copyright notice,
     this list of conditions and the following disclaimer in the documentation
     and/or other materials provided with the distribution.
  3. Neither the name of the Snowball project nor the names of its contributors
     may be used to endorse or promote products derived from this software
     without specific prior written permission.

THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS "AS IS" AND
ANY EXPRESS OR IMPLIED WARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE IMPLIED
WARRANTIES OF MERCHANTABILITY AND FITNESS FOR A PARTICULAR PURPOSE ARE
DISCLAIMED. IN NO EVENT SHALL THE COPYRIGHT OWNER OR CONTRIBUTORS BE LIABLE FOR
ANY DIRECT, INDIRECT, INCIDENTAL, SPECIAL, EXEMPLARY, OR CONSEQUENTIAL DAMAGES
(INCLUDING, BUT NOT LIMITED TO, PROCUREMENT OF SUBSTITUTE GOODS OR SERVICES;
LOSS OF USE, DATA, OR PROFITS; OR BUSINESS INTERRUPTION) HOWEVER CAUSED AND ON
ANY THEORY OF LIABILITY, WHETHER IN CONTRACT, STRICT LIABILITY, OR TORT
(INCLUDING NEGLIGENCE OR OTHERWISE) ARISING IN ANY WAY OUT OF THE USE OF THIS
SOFTWARE, EVEN IF ADVISED OF THE POSSIBILITY OF SUCH DAMAGE.`;

function fail(message) {
  console.error(`build.mjs: ${message}`);
  process.exit(1);
}

function parseArgs(argv) {
  const args = { check: false, tarball: null };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--check') args.check = true;
    else if (argv[i] === '--tarball' && i + 1 < argv.length) args.tarball = resolve(argv[++i]);
    else fail(`unknown argument ${argv[i]} (use --check, --tarball FILE)`);
  }
  return args;
}

/** The package's tarball, from `npm pack` into a temporary folder (or the file given), checked against INTEGRITY. */
function fetchTarball(given) {
  let bytes;
  if (given) {
    bytes = readFileSync(given);
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'sinew-stemmers-'));
    try {
      execFileSync('npm', ['pack', `${PACKAGE}@${VERSION}`, '--ignore-scripts', '--silent'], {
        cwd: dir,
        stdio: ['ignore', 'ignore', 'inherit'],
      });
      const tgz = readdirSync(dir).filter((f) => f.endsWith('.tgz'));
      if (tgz.length !== 1) fail(`npm pack left ${tgz.length} tarballs in ${dir}`);
      bytes = readFileSync(join(dir, tgz[0]));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const integrity = `sha512-${createHash('sha512').update(bytes).digest('base64')}`;
  if (integrity !== INTEGRITY) fail(`${PACKAGE}@${VERSION} tarball has integrity ${integrity}, expected ${INTEGRITY}`);
  return bytes;
}

/** The regular files of a .tgz (ustar, with pax/GNU long names), as a Map path -> Buffer. */
function untar(tgz) {
  const tar = gunzipSync(tgz);
  const files = new Map();
  const str = (buf, start, len) => {
    const end = buf.indexOf(0, start);
    return buf.toString('utf8', start, end === -1 || end > start + len ? start + len : end);
  };
  let longName = null;
  for (let off = 0; off + 512 <= tar.length; ) {
    const header = tar.subarray(off, off + 512);
    if (header.every((b) => b === 0)) break;
    const size = parseInt(str(header, 124, 12).trim() || '0', 8);
    const type = String.fromCharCode(header[156] || 48);
    const prefix = header.toString('utf8', 257, 263).startsWith('ustar') ? str(header, 345, 155) : '';
    let name = longName ?? (prefix ? `${prefix}/${str(header, 0, 100)}` : str(header, 0, 100));
    longName = null;
    const body = tar.subarray(off + 512, off + 512 + size);
    if (type === 'x') {
      const path = /(?:^|\n)\d+ path=([^\n]*)\n/.exec(body.toString('utf8'));
      if (path) longName = path[1];
    } else if (type === 'L') {
      longName = str(body, 0, body.length);
    } else if (type === '0' || type === '7') {
      files.set(name, Buffer.from(body));
    }
    off += 512 + Math.ceil(size / 512) * 512;
  }
  return files;
}

/**
 * The top-level declarations of the UMD script, in file order: [{name, text}]. The script is `var _typeof = ...;`
 * then `(function (global, factory) {...})(this, function (exports) { <body> });`, whose body's statements are
 * indented 4 spaces; each declaration (`var X = ...` or `function X(...)`) runs to the next statement.
 */
function declarations(source) {
  const lines = source.split('\n');
  const opening = lines.findIndex((l) => l === '})(this, function (exports) {');
  const closing = lines.lastIndexOf('});');
  if (!lines[0].startsWith('var _typeof = ') || opening < 0 || closing < opening) fail('unexpected script layout');
  const decls = [{ name: '_typeof', lines: [lines[0]] }];
  let current = null;
  for (const line of lines.slice(opening + 1, closing)) {
    if (line !== '' && !line.startsWith('    ')) fail(`unexpected line in the factory: ${line}`);
    const statement = /^ {4}[^ })\]]/.test(line);
    if (statement) {
      const m = /^ {4}(?:var (\w+) = |function (\w+)\()/.exec(line);
      current = m ? { name: m[1] || m[2], lines: [] } : null; // anything else ('use strict', exports...) is dropped
      if (current) decls.push(current);
    }
    if (current) current.lines.push(line.slice(4));
  }
  for (const d of decls) {
    while (d.lines.at(-1) === '') d.lines.pop();
    d.text = d.lines.join('\n');
  }
  return decls;
}

/** The declarations `root` needs (itself and, transitively, every declaration whose name it mentions), in order. */
function closure(decls, root) {
  const byName = new Map(decls.map((d) => [d.name, d]));
  if (!byName.has(root)) fail(`${SOURCE} has no ${root}`);
  const needed = new Set();
  const visit = (name) => {
    if (needed.has(name)) return;
    needed.add(name);
    for (const word of byName.get(name).text.match(/[A-Za-z_$][\w$]*/g)) if (byName.has(word)) visit(word);
  };
  visit(root);
  return decls.filter((d) => needed.has(d.name));
}

/**
 * Halves the 4-space indentation and drops blank lines. Safe only because the script has no template literal, no
 * block comment and no string continued over a line, which is checked first.
 */
function compact(code) {
  if (/[`\\]$|\/\*|`/m.test(code)) fail('the script has a multi-line construct: compact() is not safe on it');
  return code
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => {
      const indent = /^ */.exec(l)[0].length;
      return ' '.repeat(Math.floor(indent / 2)) + l.slice(indent);
    })
    .join('\n');
}

function comment(text) {
  return text
    .split('\n')
    .map((l) => (l ? `// ${l}` : '//'))
    .join('\n');
}

function moduleFor(language, decls, pkg) {
  const cls = `${language}Stemmer`;
  const parts = closure(decls, cls);
  const algorithm = language[0].toUpperCase() + language.slice(1);
  const header = `GENERATED FILE: do not edit by hand. Regenerate with \`node tools/stemmers/build.mjs\`.

The Snowball ${language} stemmer of sinew's search: stems query words as rust-stemmers' Algorithm::${algorithm}
stems the index. Call stem(word) on a lowercase word.

Generated by tools/stemmers/build.mjs from the npm package ${PACKAGE}@${VERSION}, file ${SOURCE.replace(/^package\//, '')}
(tarball ${INTEGRITY}), keeping only the declarations ${cls} needs:
  ${parts.map((d) => d.name).join(', ')}
with the UMD wrapper replaced by an ES module export and the indentation halved.

${PACKAGE} ${VERSION}: ISC licence (the package's package.json; the package ships no licence file),
Copyright (c) the ${PACKAGE} authors: ${pkg.author}, ${pkg.homepage}

${ISC}

The stemmers are generated from the Snowball algorithms (https://snowballstem.org/), whose licence follows.

${SNOWBALL}`;
  return `${comment(header)}

${compact(parts.map((d) => d.text).join('\n'))}

var stemmer = new ${cls}();

/** The Snowball ${language} stem of \`word\` (a lowercase word). */
export function stem(word) {
  stemmer.setCurrent(word);
  stemmer.stem();
  return stemmer.getCurrent();
}
`;
}

function main() {
  const args = parseArgs(process.argv.slice(2));
  const files = untar(fetchTarball(args.tarball));
  const source = files.get(SOURCE)?.toString('utf8');
  const pkgJson = files.get('package/package.json');
  if (!source || !pkgJson) fail(`the tarball has no ${SOURCE} or package/package.json`);
  const pkg = JSON.parse(pkgJson.toString('utf8'));
  if (pkg.name !== PACKAGE || pkg.version !== VERSION || pkg.license !== 'ISC') {
    fail(`unexpected package.json: ${pkg.name}@${pkg.version}, licence ${pkg.license}`);
  }
  const decls = declarations(source);

  let stale = 0;
  if (!args.check) mkdirSync(OUT_DIR, { recursive: true });
  for (const [code, language] of Object.entries(LANGUAGES)) {
    const text = moduleFor(language, decls, pkg);
    const path = join(OUT_DIR, `${code}.js`);
    const name = relative(ROOT, path);
    if (args.check) {
      const same = existsSync(path) && readFileSync(path, 'utf8') === text;
      if (!same) stale++;
      console.log(`${same ? 'up to date' : 'DIFFERS   '} ${name}`);
    } else {
      writeFileSync(path, text);
      console.log(`wrote ${name} (${Buffer.byteLength(text)} bytes)`);
    }
  }
  if (stale) fail(`${stale} module(s) differ from a fresh build: run node tools/stemmers/build.mjs`);
}

main();
