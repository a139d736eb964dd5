// Profile stepping on the stepper bench's build: trace events summed by name.
import { preview } from 'vite';
import { chromium } from '@playwright/test';
import LZString from 'lz-string';
const SOURCE = `const x = torch.ones(4, {requires_grad: true});
let y = x;
for (let i = 0; i < 240; i++) y = y.mul(1.01).add(0.1);
const out = y.sum();
out.backward();`;
const outDir = '/tmp/gradlab-stepper-bench';
const server = await preview({ root: '/work/main', logLevel: 'warn', build: { outDir }, preview: { port: 4202, strictPort: true, host: '127.0.0.1' } });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(`http://127.0.0.1:4202/#code/${LZString.compressToEncodedURIComponent(SOURCE)}`);
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="graph-node"]').length > 400, null, { timeout: 60_000 });
  await page.waitForTimeout(800);
  const cdp = await page.context().newCDPSession(page);
  const events = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...e.value));
  await cdp.send('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline.invalidationTracking,disabled-by-default-devtools.timeline,blink,cc,viz,gpu', transferMode: 'ReportEvents' });
  const times = await page.evaluate(async (count) => {
    const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
    const times = [];
    for (let i = 0; i < count; i++) {
      await frame();
      const t0 = performance.now();
      window.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
      await frame();
      times.push(Math.round(performance.now() - t0));
      await new Promise((r) => setTimeout(r, 100));
    }
    return times;
  }, Number(process.env.STEPS ?? 20));
  const done = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
  await cdp.send('Tracing.end');
  await done;
  console.log('step ms', times.join(' '));
  const byName = new Map();
  const threads = new Map();
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name') threads.set(`${e.pid}:${e.tid}`, e.args.name);
  for (const e of events) {
    if (e.ph !== 'X' || !e.dur) continue;
    const t = threads.get(`${e.pid}:${e.tid}`) ?? '?';
    const k = `${t} | ${e.name}`;
    byName.set(k, (byName.get(k) ?? 0) + e.dur / 1000);
  }
  for (const e of events) if (e.name === 'Layout' && e.ph === 'X' && e.dur > 20000) console.log('Layout', (e.dur/1000).toFixed(0), JSON.stringify(e.args).slice(0, 300));
  const inval = new Map();
  for (const e of events) if (e.name === 'LayoutInvalidationTracking' || e.name === 'StyleRecalcInvalidationTracking' || e.name==='StyleInvalidatorInvalidationTracking') { const d=e.args.data; const k = e.name+' '+(d.reason||'')+' '+(d.nodeName||''); inval.set(k,(inval.get(k)??0)+1); }
  console.log([...inval].sort((a,b)=>b[1]-a[1]).slice(0,30));
  [...byName].sort((a, b) => b[1] - a[1]).slice(0, 40).forEach(([k, v]) => console.log(v.toFixed(1).padStart(9), k));
} finally {
  await browser.close();
  await server.close();
}
