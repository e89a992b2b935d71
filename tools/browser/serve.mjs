// Tiny static file server for browser checks: serves a folder on 127.0.0.1 at a random free port.
//
//   import { serve } from './serve.mjs';
//   const server = await serve('public');       // { url, port, root, close() }
//   ... page.goto(server.url + 'stretches/figure-four/') ...
//   await server.close();
//
// Folder URLs (ending in '/') serve that folder's index.html; a folder URL without the trailing
// slash gets a 301 to the slashed form (like most static hosts). Missing files give 404 with
// 404.html from the root if there is one. Only GET and HEAD. Never leaves the root.
//
// Run it by hand:  node tools/browser/serve.mjs public [port] [prefix]

import http from 'node:http';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.pdf': 'application/pdf',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.webmanifest': 'application/manifest+json',
  '.wasm': 'application/wasm',
  '.mp4': 'video/mp4',
  '.webm': 'video/webm',
  '.vtt': 'text/vtt; charset=utf-8',
};

async function statOrNull(p) {
  try {
    return await fsp.stat(p);
  } catch {
    return null;
  }
}

/**
 * Serve `root` on 127.0.0.1.
 * @param {string} root folder to serve
 * @param {{port?: number, log?: boolean, prefix?: string}} [opts] port 0 (default) = random free
 *   port; prefix (default '/') = the URL path the folder is mounted at, for a site built with a
 *   base_url that has a sub-path ('/clinic/' serves root/index.html at /clinic/)
 * @returns {Promise<{url: string, port: number, root: string, server: http.Server, close: () => Promise<void>}>}
 */
export async function serve(root, opts = {}) {
  const absRoot = path.resolve(root);
  const st = await statOrNull(absRoot);
  if (!st || !st.isDirectory()) throw new Error(`serve: ${root} is not a folder`);
  const log = opts.log ?? false;
  let prefix = opts.prefix ?? '/';
  if (!prefix.startsWith('/')) prefix = '/' + prefix;
  if (!prefix.endsWith('/')) prefix += '/';

  const server = http.createServer(async (req, res) => {
    const done = (status, headers, body) => {
      res.writeHead(status, headers);
      res.end(req.method === 'HEAD' ? undefined : body);
      if (log) console.error(`${status} ${req.method} ${req.url}`);
    };
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        return done(405, { 'content-type': 'text/plain', allow: 'GET, HEAD' }, 'method not allowed\n');
      }
      const u = new URL(req.url, 'http://127.0.0.1');
      let rel;
      try {
        rel = decodeURIComponent(u.pathname);
      } catch {
        return done(400, { 'content-type': 'text/plain' }, 'bad path\n');
      }
      if (rel.includes('\0')) return done(400, { 'content-type': 'text/plain' }, 'bad path\n');
      if (prefix !== '/') {
        if (rel + '/' === prefix) return done(301, { location: prefix + u.search }, '');
        if (!rel.startsWith(prefix)) return done(404, { 'content-type': 'text/plain' }, 'not found\n');
        rel = '/' + rel.slice(prefix.length);
      }
      let file = path.join(absRoot, path.normalize(rel));
      if (file !== absRoot && !file.startsWith(absRoot + path.sep)) {
        return done(403, { 'content-type': 'text/plain' }, 'forbidden\n');
      }
      let fst = await statOrNull(file);
      if (fst && fst.isDirectory()) {
        if (!u.pathname.endsWith('/')) {
          return done(301, { location: u.pathname + '/' + u.search }, '');
        }
        file = path.join(file, 'index.html');
        fst = await statOrNull(file);
      }
      if (!fst || !fst.isFile()) {
        const nf = path.join(absRoot, '404.html');
        const body = (await statOrNull(nf))?.isFile() ? await fsp.readFile(nf) : 'not found\n';
        return done(404, { 'content-type': typeof body === 'string' ? 'text/plain' : MIME['.html'] }, body);
      }
      const type = MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
      res.writeHead(200, {
        'content-type': type,
        'content-length': fst.size,
        'cache-control': 'no-store',
      });
      if (log) console.error(`200 ${req.method} ${req.url}`);
      if (req.method === 'HEAD') return res.end();
      fs.createReadStream(file).on('error', () => res.destroy()).pipe(res);
    } catch (e) {
      if (!res.headersSent) done(500, { 'content-type': 'text/plain' }, `error: ${e.message}\n`);
      else res.destroy();
    }
  });

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', resolve);
  });
  const port = server.address().port;
  return {
    url: `http://127.0.0.1:${port}${prefix}`,
    port,
    root: absRoot,
    server,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

/**
 * Every .html file under `root`, as URL paths relative to the root ('index.html' -> '',
 * 'a/index.html' -> 'a/', 'a/b.html' -> 'a/b.html'), sorted.
 */
export async function listHtmlPages(root) {
  const absRoot = path.resolve(root);
  const out = [];
  async function walk(dir) {
    const entries = await fsp.readdir(dir, { withFileTypes: true });
    for (const e of entries) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) await walk(p);
      else if (e.isFile() && /\.html?$/i.test(e.name)) {
        let rel = path.relative(absRoot, p).split(path.sep).join('/');
        if (rel === 'index.html') rel = '';
        else if (rel.endsWith('/index.html')) rel = rel.slice(0, -'index.html'.length);
        out.push(rel.split('/').map(encodeURIComponent).join('/'));
      }
    }
  }
  await walk(absRoot);
  return out.sort();
}

// CLI: node serve.mjs <folder> [port] [prefix]
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [root = '.', port = '0', prefix = '/'] = process.argv.slice(2);
  const s = await serve(root, { port: Number(port), prefix, log: true });
  console.log(`serving ${s.root} at ${s.url} (Ctrl-C to stop)`);
  const stop = () => s.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
