/**
 * `npm run bench:stepper`: the backward stepper's animation speed in Chromium. Builds the app,
 * opens a snippet whose graph has about 500 nodes, plays its backward at the fastest speed and
 * measures with the Performance API: the interval between animation frames while playing, the
 * time of each step (a key press to the next frame, which is at least one frame interval, and the
 * main-thread work of the frame that shows the step: script, style, layout, paint) and long
 * animation frames.
 * Budget: 16 ms a frame (60 fps). Prints a markdown table.
 */
import { build, preview } from 'vite';
import { chromium } from '@playwright/test';
import { chromiumPath } from './chromium.mjs';
import LZString from 'lz-string';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';

const outDir = join(tmpdir(), 'gradlab-stepper-bench');
const BUDGET_MS = 16;
/** 60 fps: every frame interval one vsync (16.7 ms), with a little timer jitter. */
const INTERVAL_BUDGET_MS = 17.5;
// 2 + 2 * 240 ops: y * 1.01 + 0.1, 240 times, and a sum; about 490 drawn nodes.
const SOURCE = `const x = torch.ones(4, {requires_grad: true});
let y = x;
for (let i = 0; i < 240; i++) y = y.mul(1.01).add(0.1);
const out = y.sum();
out.backward();`;

await build({ logLevel: 'warn', build: { outDir, emptyOutDir: true } });
const server = await preview({ logLevel: 'warn', build: { outDir }, preview: { port: 4213, strictPort: true, host: '127.0.0.1' } });
const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] });
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(`http://127.0.0.1:4213/#code/${LZString.compressToEncodedURIComponent(SOURCE)}`);
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="graph-node"]').length > 400, null, { timeout: 60_000 });
  await page.waitForTimeout(500);
  const nodes = await page.getByTestId('graph-node').count();
  const steps = Number((await page.getByTestId('backward-progress').textContent()).split('/')[1]);

  // 1. One step at a time: key press to the frame after it (React commit, overlay diff, paint).
  const stepTimes = await page.evaluate(async (count) => {
    const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
    const toNextFrame = [];
    const work = [];
    for (let i = 0; i < count; i++) {
      await frame();
      // Pressed at the start of a frame: that frame's rendering shows the step. A task posted now
      // runs once that rendering (style, layout, paint) is done.
      const t0 = performance.now();
      const rendered = new Promise((r) => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => r(performance.now());
        channel.port2.postMessage(null);
      });
      window.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
      await frame();
      toNextFrame.push(performance.now() - t0);
      work.push((await rendered) - t0);
      await new Promise((r) => setTimeout(r, 30));
    }
    return { toNextFrame, work };
  }, 60);

  // 2. Playing at the fastest speed: frame intervals and long animation frames while labels travel.
  await page.getByTestId('backward-reset').click();
  await page.getByTestId('backward-speed').selectOption('12');
  const play = await page.evaluate(async () => {
    const long = [];
    const observer = new PerformanceObserver((list) => list.getEntries().forEach((e) => long.push(e.duration)));
    observer.observe({ type: 'long-animation-frame', buffered: false });
    const intervals = [];
    let last = performance.now();
    let running = true;
    const tick = (t) => {
      intervals.push(t - last);
      last = t;
      if (running) requestAnimationFrame(tick);
    };
    requestAnimationFrame((t) => {
      last = t;
      requestAnimationFrame(tick);
    });
    document.querySelector('[data-testid="backward-play"]').click();
    await new Promise((r) => setTimeout(r, 5000));
    running = false;
    observer.disconnect();
    const progress = document.querySelector('[data-testid="backward-progress"]').textContent;
    return { intervals, long, progress };
  });

  const stats = (xs) => {
    const s = [...xs].sort((a, b) => a - b);
    const at = (q) => s[Math.min(s.length - 1, Math.floor(q * s.length))];
    return { n: s.length, mean: s.reduce((a, b) => a + b, 0) / s.length, p50: at(0.5), p95: at(0.95), max: s.at(-1) };
  };
  const f = (v) => v.toFixed(1);
  const row = (name, s, budget = BUDGET_MS) => `| ${name} | ${s.n} | ${f(s.mean)} | ${f(s.p50)} | ${f(s.p95)} | ${f(s.max)} | ${s.p95 <= budget ? 'yes' : 'no'} (${budget} ms) |`;
  console.log(`\nStepper on a ${nodes}-node graph (${steps} backward steps), Chromium headless\n`);
  console.log('| measure (ms) | samples | mean | p50 | p95 | max | p95 within budget |');
  console.log('|---|---|---|---|---|---|---|');
  console.log(row('one step: key press to next frame', stats(stepTimes.toNextFrame)));
  console.log(row('one step: main-thread work of its frame', stats(stepTimes.work)));
  console.log(row('playing at 12 steps/s: frame interval', stats(play.intervals), INTERVAL_BUDGET_MS));
  const jank = play.intervals.filter((v) => v > 1.5 * (1000 / 60)).length;
  console.log(`\nlong animation frames (> 50 ms) while playing: ${play.long.length}${play.long.length ? ` (max ${f(Math.max(...play.long))} ms)` : ''}; frames over 25 ms: ${jank}; reached ${play.progress}`);
  console.log(`load average (1, 5, 15 min) at the end: ${loadavg().map((v) => v.toFixed(2)).join(', ')}`);
} finally {
  await browser.close();
  await server.close();
}
