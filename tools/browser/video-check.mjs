// Videos on the built site, in headless Chromium, with every request the pages make recorded: a YouTube video
// waits behind a link and nothing at all is asked of YouTube (or Google) until the reader presses play, by
// mouse or by keyboard; then the player comes from youtube-nocookie.com. A video file plays with the browser's
// own controls, never on its own, and is not downloaded before it is played.
//
//   node tools/browser/video-check.mjs SINEW_BINARY SITE_DIR
//
// SITE_DIR is a throwaway copy of the sample site (content/, static/, site.yaml): this script gives it what it
// needs if it lacks it (a YouTube video on the figure four stretch; a video file on the glute bridge, with
// static/videos/demo.mp4, a poster and static/videos/demo.vtt), builds it with `sinew build --root SITE_DIR`
// and serves SITE_DIR/public on 127.0.0.1. Nothing goes to the internet: every request to another host is
// recorded and refused (route.abort), so the check needs no network. Prints one line per check and
// `video: N passed, M failed`; exits 1 if any failed.

import { tally, until } from './checks.mjs';
import { serve } from './serve.mjs';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium, parseBaseUrl } from './chromium.mjs';

const [binary, site] = process.argv.slice(2);
if (!binary || !site) {
  console.error('usage: node video-check.mjs SINEW_BINARY SITE_DIR');
  process.exit(2);
}
const executablePath = findChromium('video-check');
const { check, summary } = tally();

const YOUTUBE_ID = 'dQw4w9WgXcQ';
const YOUTUBE = `https://www.youtube.com/watch?v=${YOUTUBE_ID}`;
const file = (rel) => path.join(site, rel);

// ---- The copy: a YouTube video on one stretch, a video file on another ------------------------------------

/** Adds `line` to the front matter of `rel` after its `image:` line (or its title), unless it has a video. */
function giveVideo(rel, line) {
  const text = fs.readFileSync(file(rel), 'utf8');
  if (/^video:/m.test(text)) return;
  const after = /^image:.*$/m.test(text) ? /^image:.*$/m : /^title:.*$/m;
  fs.writeFileSync(file(rel), text.replace(after, (m) => `${m}\n${line}`));
}
giveVideo('content/stretches/figure-four.md', `video: { src: "${YOUTUBE}", title: "How to do the figure four" }`);
giveVideo('content/stretches/glute-bridge.md', 'video: { src: videos/demo.mp4, poster: images/stretches/figure-four.svg, ' +
  'captions: videos/demo.vtt, title: "The glute bridge, slowly" }');
fs.mkdirSync(file('static/videos'), { recursive: true });
if (!fs.existsSync(file('static/videos/demo.mp4'))) {
  // Only the markup and the requests are checked: an MP4's first box (`ftyp`) is enough of a file.
  const ffmpeg = spawnSync('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'color=c=gray:s=64x48:d=1', '-pix_fmt', 'yuv420p',
    file('static/videos/demo.mp4')], { encoding: 'utf8' });
  if (ffmpeg.status !== 0)
    fs.writeFileSync(file('static/videos/demo.mp4'), Buffer.from('000000186674797069736f6d0000020069736f6d6d703432', 'hex'));
}
if (!fs.existsSync(file('static/videos/demo.vtt')))
  fs.writeFileSync(file('static/videos/demo.vtt'), 'WEBVTT\n\n00:00.000 --> 00:01.000\nLie on your back, knees bent.\n');
if (!fs.existsSync(file('static/images/stretches/figure-four.svg'))) {
  fs.mkdirSync(file('static/images/stretches'), { recursive: true });
  fs.writeFileSync(file('static/images/stretches/figure-four.svg'),
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 80 40" width="800" height="400"><rect width="80" height="40" fill="#cde"/></svg>\n');
}

const built = spawnSync(binary, ['build', '--root', site], { encoding: 'utf8' });
check('sinew build passes with both videos', built.status === 0, `exit ${built.status}: ${(built.stderr || '').slice(-600)}`);
if (built.status !== 0) process.exit(summary('video') ? 0 : 1);

const yaml = fs.readFileSync(file('site.yaml'), 'utf8');
const prefix = parseBaseUrl((yaml.match(/^base_url:\s*(\S+)/m) || [])[1] || '')?.prefix || '/';
const server = await serve(file('public'), { prefix });
const local = new URL(server.url).host;
const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
const requests = []; // every request any page or frame made: {url, host, at}
const pageErrors = [];
try {
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 }, locale: 'en-US' });
  // Every request goes through here: those to this server go on, any other is recorded and refused.
  await context.route('**/*', (route) => {
    const url = route.request().url();
    let host = '';
    try {
      host = new URL(url).host;
    } catch {
      /* data: and the like */
    }
    requests.push({ url, host });
    return host === local || !/^https?:/.test(url) ? route.continue() : route.abort('blockedbyclient');
  });
  const page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  const elsewhere = (from = 0) => requests.slice(from).filter((r) => /^https?:/.test(r.url) && r.host !== local);
  const list = (rs) => rs.map((r) => r.url).join(', ');
  /** Waits until no request has been made for a little while (lazy pictures, deferred scripts). */
  const settle = async () => {
    let seen = -1;
    await until(async () => {
      const now = requests.length;
      const quiet = now === seen;
      seen = now;
      await page.waitForTimeout(300);
      return quiet;
    }, 5000);
  };
  /** Opens the YouTube video's page scrolled to the video, so lazy pictures near it load too. */
  const openYouTubePage = async () => {
    const from = requests.length;
    await page.goto(`${server.url}stretches/figure-four/`, { waitUntil: 'load' });
    await page.locator('.video-embed').scrollIntoViewIfNeeded();
    await settle();
    return from;
  };

  // ---- The YouTube video: a link until played ---------------------------------------------------------------
  const from = await openYouTubePage();
  check('the page with a YouTube video loads with no request to any other host', elsewhere(from).length === 0, list(elsewhere(from)));
  check('... and made requests to this server (the check sees them)', requests.slice(from).some((r) => r.host === local));
  const play = page.locator('.video-embed .video-play');
  check('the video is a placeholder link', (await play.count()) === 1, `${await play.count()} links`);
  check('the link goes to the video\'s page on youtube.com', (await play.getAttribute('href')) === YOUTUBE, await play.getAttribute('href'));
  const name = await play.evaluate((a) => a.textContent.replace(/\s+/g, ' ').trim());
  check('the link says what it does and names the video', /^Play the video/.test(name) && name.includes('How to do the figure four'), name);
  check('no player before it is pressed', (await page.locator('.video-embed iframe, iframe[src*="youtube"]').count()) === 0);
  const markup = await page.content();
  check('the page names no youtube-nocookie, ytimg, googlevideo or doubleclick address outside the embed\'s data',
    !/(src|href|srcset)="[^"]*(youtube-nocookie|ytimg|googlevideo|doubleclick)/.test(markup));

  const frameAfter = async (from) => {
    const frame = page.locator('.video-embed iframe');
    await until(async () => (await frame.count()) === 1, 5000);
    if ((await frame.count()) !== 1) return null;
    await settle();
    return { src: await frame.getAttribute('src'), title: await frame.getAttribute('title'), asked: elsewhere(from) };
  };
  const playerOk = (f) => !!f && f.src.startsWith(`https://www.youtube-nocookie.com/embed/${YOUTUBE_ID}`) && !!(f.title || '').trim();
  const askedOnly = (f) => !!f && f.asked.length > 0 && f.asked.every((r) => r.host === 'www.youtube-nocookie.com');

  // Clicked.
  let before = requests.length;
  await play.click();
  const clicked = await frameAfter(before);
  check('clicking it puts a player from youtube-nocookie.com in its place, with a title', playerOk(clicked), JSON.stringify(clicked && { src: clicked.src, title: clicked.title }));
  check('... and only then is anything asked of another host, youtube-nocookie.com alone', askedOnly(clicked),
    clicked ? list(clicked.asked) : 'no player');

  // Enter on the focused link.
  await openYouTubePage();
  await page.focus('.video-embed .video-play');
  check('the link takes keyboard focus', await page.evaluate(() => document.activeElement?.classList.contains('video-play')));
  before = requests.length;
  await page.keyboard.press('Enter');
  const entered = await frameAfter(before);
  check('Enter on the focused link does the same', playerOk(entered) && askedOnly(entered),
    JSON.stringify(entered && { src: entered.src, title: entered.title, asked: list(entered.asked) }));
  check('focus moves to the player', await page.evaluate(() => document.activeElement?.tagName === 'IFRAME'));
  check('no request ever went to youtube.com, ytimg.com, googlevideo.com or doubleclick',
    !requests.some((r) => /(^|\.)(youtube\.com|ytimg\.com|googlevideo\.com|doubleclick\.net|google\.com|gstatic\.com)$/.test(r.host)),
    list(requests.filter((r) => /youtube\.com|ytimg|googlevideo|doubleclick|google/.test(r.host) && r.host !== 'www.youtube-nocookie.com')));

  // ---- The video file -------------------------------------------------------------------------------------
  before = requests.length;
  await page.goto(`${server.url}stretches/glute-bridge/`, { waitUntil: 'load' });
  await page.locator('section.video').scrollIntoViewIfNeeded();
  await settle();
  const video = await page.evaluate(() => {
    const v = document.querySelector('section.video video');
    if (!v) return null;
    const source = v.querySelector('source');
    const track = v.querySelector('track');
    return {
      controls: v.hasAttribute('controls'), autoplay: v.hasAttribute('autoplay') || v.autoplay, preload: v.getAttribute('preload'),
      poster: v.getAttribute('poster'), source: source && { src: source.src, type: source.type },
      track: track && { kind: track.kind, src: track.src, srclang: track.srclang, label: track.label },
    };
  });
  check('the video file is a <video controls>', !!video && video.controls, JSON.stringify(video));
  check('... that does not play on its own', !!video && !video.autoplay);
  check('... with preload="none"', video?.preload === 'none', String(video?.preload));
  check('... and a poster', !!video?.poster && /figure-four/.test(video.poster), String(video?.poster));
  check('... a <source type="video/mp4"> for the file', video?.source?.type === 'video/mp4' && video.source.src.endsWith('/videos/demo.mp4'),
    JSON.stringify(video?.source));
  check('... and a <track kind="captions"> with its language and label', video?.track?.kind === 'captions' &&
    video.track.src.endsWith('/videos/demo.vtt') && !!video.track.srclang && !!video.track.label, JSON.stringify(video?.track));
  const vtt = video?.track ? await page.request.get(video.track.src) : null;
  check('the captions file is served and is WebVTT', !!vtt && vtt.ok() && (await vtt.text()).startsWith('WEBVTT'));
  check('the video file is not downloaded before it is played',
    !requests.slice(before).some((r) => r.url.includes('/videos/demo.mp4')), list(requests.slice(before).filter((r) => r.url.includes('.mp4'))));
  const posterUrl = video?.poster ? new URL(video.poster, page.url()).href : '';
  check('the poster is loaded from this server', !!posterUrl && new URL(posterUrl).host === local &&
    requests.slice(before).some((r) => r.url === posterUrl), posterUrl);
  check('the page with a video file asks nothing of any other host', elsewhere(before).length === 0, list(elsewhere(before)));
  check('no script errors', pageErrors.length === 0, pageErrors.join('; '));
} catch (e) {
  check('the check ran to the end', false, e.stack || String(e));
} finally {
  await browser.close();
  await server.close();
}
process.exit(summary('video') ? 0 : 1);
