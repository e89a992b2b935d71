// A stand-in for `sinew serve`'s editor endpoints (docs/editor-api.md), to work on and test the editor page
// (src/serve/editor/editor.js and editor.css) without building sinew. Node only, no dependencies.
//
//   node tools/browser/editor-dev/mock-server.mjs [port]     then open http://127.0.0.1:<port>/
//
// It serves shell.html (the figure-four stretch's form) at / and /__sinew/edit/stretches/figure-four, with the
// token cookie; the two editor files, read from disk on every request (edit, reload); the default theme's
// style.css for the preview; and fake check and save endpoints that make problems on purpose:
//   - a step 2 (steps item 1) containing "BAD": an error at that row;
//   - "[[nope]]" in the body: an error at its line; "GENERAL" in the body: a problem with no field;
//   - a title containing "WARN": a warning at the title; an empty title: an error;
//   - a relation id that is not one of its options: an error at that relation;
//   - save: 409 when the title contains "CONFLICT" (until the draft carries the disk's version from the 409),
//     422 when there are errors, else 200 with a new version.
// Requests without the token, JSON content type or this server's Origin are refused (403/415) like the real one.

import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../../..');
const TOKEN = 'dev-token-0123456789abcdef';
const DISK_VERSION = 'disk-version-after-outside-edit';

const esc = (s) => String(s ?? '').replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);

/** The front matter and body a draft would make (not sinew's writer: enough to compare two versions by eye). */
function fileText(draft) {
  const lines = ['---'];
  for (const [key, value] of Object.entries(draft.values || {})) {
    if (value == null || value === '' || (Array.isArray(value) && value.length === 0)) continue;
    if (Array.isArray(value)) {
      lines.push(`${key}:`);
      for (const item of value) lines.push(`  - ${JSON.stringify(item)}`);
    } else if (typeof value === 'object') {
      lines.push(`${key}:`, `  src: ${JSON.stringify(value.src)}`, `  alt: ${JSON.stringify(value.alt)}`);
    } else lines.push(`${key}: ${typeof value === 'string' && /[:#"\[\]{}]|^\s|\s$/.test(value) ? JSON.stringify(value) : value}`);
  }
  lines.push('---', '');
  return lines.join('\n') + (draft.body || '');
}

function problemsOf(draft, form) {
  const v = draft.values || {};
  const problems = [];
  const problem = (field, item, line, severity, message, help) =>
    problems.push({ field, item, line, column: 1, severity, code: 'field', message, help });
  if (!String(v.title || '').trim()) problem('title', null, 2, 'error', 'Every page needs a title.', 'Write the name readers should see at the top.');
  if (String(v.title || '').includes('WARN'))
    problem('title', null, 2, 'warning', 'The title is in capital letters in places.', 'Capitals read as shouting; most titles need only the first letter.');
  if (Array.isArray(v.steps) && String(v.steps[1] ?? '').includes('BAD'))
    problem('steps', 1, 17, 'error', 'This step says “BAD”, which the mock server refuses.', 'Take the word BAD out of step 2.');
  const lines = String(draft.body || '').split('\n');
  lines.forEach((text, i) => {
    const at = text.indexOf('[[nope]]');
    if (at >= 0)
      problems.push({ field: 'body', item: null, line: i + 1, column: at + 1, severity: 'error', code: 'link',
        message: 'There is no page with the id “nope”.', help: 'Check the spelling, or type [[ and choose a page from the list.' });
  });
  if (String(draft.body || '').includes('GENERAL'))
    problem(null, null, null, 'error', 'content/causes/sciatica.md links to this page by a heading that is gone.', 'Put the heading back, or change the link there.');
  for (const rel of form.relations) {
    const known = new Set(rel.options.map((o) => o.id));
    (v[rel.key] || []).forEach((id, i) => {
      if (!known.has(id)) problem(rel.key, i, 30, 'error', `There is no ${rel.target} with the id “${id}”.`, 'Remove it, or choose one from the list.');
    });
  }
  return problems;
}

function previewHtml(draft) {
  const v = draft.values || {};
  const list = (items) => `<ol>${(items || []).map((s) => `<li>${esc(s)}</li>`).join('')}</ol>`;
  const body = String(draft.body || '').trim().split(/\n{2,}/).map((p) =>
    /^#{1,6} /.test(p) ? `<h2>${esc(p.replace(/^#+ /, ''))}</h2>` : `<p>${esc(p)}</p>`).join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(v.title)}</title>
<link rel="stylesheet" href="/style.css"></head><body><main class="wrap"><article>
<h1>${esc(v.title)}</h1><p>${esc(v.summary)}</p><h2>Steps</h2>${list(v.steps)}${body}
<p style="height:60vh">(end of the mock preview)</p></article></main></body></html>`;
}

function send(res, status, type, text, extra = {}) {
  res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store', ...extra });
  res.end(text);
}

/** Starts the mock; resolves to {url, port, close(), requests} (requests: every check and save draft seen). */
export function startMockServer({ port = 0, host = '127.0.0.1' } = {}) {
  const shell = () => fs.readFileSync(path.join(here, 'shell.html'), 'utf8');
  const form = JSON.parse(shell().match(/<script type="application\/json" id="sinew-form">([\s\S]*?)<\/script>/)[1]);
  const requests = [];
  let version = form.version;
  let saves = 0;
  let lastHtml = previewHtml({ values: form.values, body: form.body });

  const server = http.createServer((req, res) => {
    const url = new URL(req.url, `http://${req.headers.host}`);
    if (req.method === 'GET') {
      if (url.pathname === '/' || url.pathname === '/__sinew/edit/stretches/figure-four')
        return send(res, 200, 'text/html; charset=utf-8', shell(), { 'Set-Cookie': `sinew_token=${TOKEN}; Path=/; SameSite=Strict` });
      const files = {
        '/__sinew/editor.js': ['src/serve/editor/editor.js', 'text/javascript; charset=utf-8'],
        '/__sinew/editor.css': ['src/serve/editor/editor.css', 'text/css; charset=utf-8'],
        '/style.css': ['themes/default/static/style.css', 'text/css; charset=utf-8'],
        '/favicon.svg': ['themes/default/static/favicon.svg', 'image/svg+xml'],
      };
      if (files[url.pathname]) {
        const [file, type] = files[url.pathname];
        return send(res, 200, type, fs.readFileSync(path.join(repo, file)));
      }
      if (url.pathname === '/favicon.ico') return send(res, 204, 'text/plain', '');
      if (url.pathname === form.page_url) return send(res, 200, 'text/html; charset=utf-8', lastHtml);
      return send(res, 404, 'text/plain; charset=utf-8', 'not found\n');
    }
    if (req.method !== 'POST' || !['/__sinew/api/check', '/__sinew/api/save'].includes(url.pathname))
      return send(res, 405, 'text/plain; charset=utf-8', 'only POST to the editor API\n');
    if (!/^application\/json\b/i.test(req.headers['content-type'] || ''))
      return send(res, 415, 'text/plain; charset=utf-8', 'the editor sends JSON only\n');
    if (req.headers['x-sinew-token'] !== TOKEN)
      return send(res, 403, 'text/plain; charset=utf-8', 'this request does not carry the editor\'s token: open the address sinew printed in the terminal\n');
    if (req.headers.origin !== `http://${req.headers.host}`)
      return send(res, 403, 'text/plain; charset=utf-8', 'this request comes from another site\'s page\n');
    let raw = '';
    req.on('data', (chunk) => (raw += chunk));
    req.on('end', () => {
      let draft;
      try {
        draft = JSON.parse(raw);
      } catch (e) {
        return send(res, 400, 'application/json', JSON.stringify({ error: `the draft is not valid: ${e.message}` }));
      }
      const json = (status, value) => send(res, status, 'application/json', JSON.stringify(value));
      const problems = problemsOf(draft, form);
      requests.push({ path: url.pathname, draft });
      if (url.pathname === '/__sinew/api/check') {
        lastHtml = previewHtml(draft);
        return json(200, { problems, html: problems.some((p) => p.field === 'title' && p.severity === 'error') ? null : lastHtml });
      }
      if (String(draft.values?.title || '').includes('CONFLICT') && draft.version !== DISK_VERSION) {
        const disk = fs.readFileSync(path.join(repo, form.file), 'utf8');
        return json(409, { conflict: { disk, draft: fileText(draft) }, version: DISK_VERSION });
      }
      if (problems.some((p) => p.severity === 'error')) return json(422, { problems });
      if (draft.version !== version && draft.version !== DISK_VERSION)
        return json(409, { conflict: { disk: fileText({ values: form.values, body: form.body }), draft: fileText(draft) }, version });
      version = `mock-version-${++saves}`;
      return json(200, { version, file: form.file, changed: true });
    });
  });
  return new Promise((resolve) => {
    server.listen(port, host, () => {
      const actual = server.address().port;
      resolve({ url: `http://${host}:${actual}/`, port: actual, requests, close: () => new Promise((r) => server.close(r)) });
    });
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const mock = await startMockServer({ port: Number(process.argv[2] || 8765) });
  console.log(`editor mock at ${mock.url} (Ctrl+C stops it)`);
}
