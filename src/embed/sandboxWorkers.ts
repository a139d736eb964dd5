/**
 * Web Workers inside a sandboxed iframe (`sandbox="allow-scripts"`): the page's origin is opaque
 * ("null"), and a worker may only be started from a script of the page's own origin, so every
 * `new Worker(url)` of the app (snippet runner, Graphviz layout, Monaco) would throw. In that case
 * only, a worker starts from a small classic blob: script that imports the real module with
 * `import()` (a CORS load: the host sends `Access-Control-Allow-Origin: *` for assets/, README
 * "Embedding"; Chromium refuses blob: *module* workers from an opaque origin). Messages that arrive
 * while the module loads are held and replayed to it, so none is lost. A blob worker runs under
 * the embed page's CSP (csp.ts EMBED_CSP), not its own header. Imported first by the embed's entry.
 */
const bootstrap = (href: string) => `
const held = [];
const hold = (e) => held.push(e.data);
self.addEventListener('message', hold);
import(${JSON.stringify(href)}).then(() => {
  self.removeEventListener('message', hold);
  for (const data of held) self.dispatchEvent(new MessageEvent('message', { data }));
}, (e) => { throw e; });
`;

if (self.origin === 'null' && typeof Worker === 'function') {
  const NativeWorker = Worker;
  window.Worker = class SandboxedWorker extends NativeWorker {
    constructor(url: string | URL, options?: WorkerOptions) {
      const target = new URL(String(url), location.href);
      if ((target.protocol === 'http:' || target.protocol === 'https:') && options?.type === 'module') {
        super(URL.createObjectURL(new Blob([bootstrap(target.href)], { type: 'text/javascript' })), { ...options, type: 'classic' });
      } else super(url, options);
    }
  };
}

export {};
