// What every browser check here shares: how to find and start Debian's Chromium on this closed network,
// and how to read a site's base_url into the address and path it is served at.

import fs from 'node:fs';

// Without the networking flags Chromium keeps trying hosts this machine cannot reach.
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--disable-dev-shm-usage',
];

/** The Chromium binary (CHROMIUM overrides), or exit 2 naming the tool that needed it. */
export function findChromium(tool) {
  const candidates = [process.env.CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean);
  for (const c of candidates) if (fs.existsSync(c)) return c;
  console.error(`${tool}: no Chromium found (tried ${candidates.join(', ')}); apt-get install chromium, or set CHROMIUM`);
  process.exit(2);
}

/** `https://example.org/clinic` -> { baseUrl: 'https://example.org/clinic/', prefix: '/clinic/' }, or null. */
export function parseBaseUrl(text) {
  let u;
  try {
    u = new URL(text);
  } catch {
    return null;
  }
  if (!u.pathname.endsWith('/')) u.pathname += '/';
  return { baseUrl: u.origin + u.pathname, prefix: u.pathname };
}
