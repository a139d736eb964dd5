/**
 * Gradlab's Content-Security-Policies (a Vite plugin; README "Reliability" says what a static
 * host should send).
 *
 * - The page: scripts and workers from its own origin only. Graphviz runs as WebAssembly
 *   ('wasm-unsafe-eval'); Monaco injects <style> elements ('unsafe-inline' for styles only). The
 *   page never evaluates strings, so it has no 'unsafe-eval'. The built index.html carries this
 *   policy as a <meta>, so it holds on any static host; `frame-ancestors` only works as a header.
 *   Frames (the runner frame) come from the page's own origin (default-src 'self').
 * - The runner frames (runner.html, and runner-python.html with PYTHON_RUNNER_CSP; src/runner/host.ts): a sandboxed iframe whose workers start from
 *   blob: scripts, so they run under this frame's policy: the snippet runs through `new Function`
 *   ('unsafe-eval', here only) and must reach nothing: `default-src 'none'` (no fetch, XHR,
 *   WebSocket, EventSource, images), scripts from the app's origin only, blob: workers only. The
 *   worker also deletes those APIs before a snippet runs (sandbox.ts): the policy is the second wall.
 * - A snippet worker loaded from its URL directly would get the policy of its own response: the
 *   host sends it the same restrictions (SNIPPET_WORKER_CSP).
 */
import type { Connect, Plugin } from 'vite';

export const PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "worker-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/**
 * embed.html's policy: the page's, except for what a sandboxed iframe needs (src/embed/
 * sandboxWorkers.ts). There the page's origin is opaque, so its own workers (Graphviz, Monaco)
 * start from blob: scripts and run under this policy. Snippets run in the runner frame nested in
 * the embed, under RUNNER_CSP: the embed itself evaluates no strings ('unsafe-eval' stays out).
 */
export const EMBED_CSP = PAGE_CSP.replace("worker-src 'self'", "worker-src 'self' blob:");

export const RUNNER_CSP = ["default-src 'none'", "script-src 'self' 'unsafe-eval'", "worker-src blob:", "base-uri 'none'", "form-action 'none'"].join('; ');

/**
 * Python's runner frame (runner-python.html, the same host.ts): Pyodide is WebAssembly
 * ('wasm-unsafe-eval', and no 'unsafe-eval': Python cannot have JavaScript text run), and its
 * worker fetches the runtime's files and snapshot from the app's assets (connect-src 'self', CORS
 * loads from this opaque origin); the worker deletes fetch before any Python runs (sandbox.ts).
 */
export const PYTHON_RUNNER_CSP = ["default-src 'none'", "script-src 'self' 'wasm-unsafe-eval'", "connect-src 'self'", "worker-src blob:", "base-uri 'none'", "form-action 'none'"].join('; ');

/** Each runner frame's page and its policy. */
const RUNNER_PAGES: [string, string][] = [
  ['runner.html', RUNNER_CSP],
  ['runner-python.html', PYTHON_RUNNER_CSP],
];

/** The policy of the runner frame at `path`, if it is one. */
function runnerPolicy(path: string): string | undefined {
  return RUNNER_PAGES.find(([page]) => path.endsWith(`/${page}`))?.[1];
}

/** Sent as a header only: a <meta> policy cannot say who may frame the page. */
export const PAGE_FRAME_ANCESTORS = "frame-ancestors 'self'";
/** embed.html exists to be framed by any site (in a sandboxed iframe). */
export const EMBED_FRAME_ANCESTORS = 'frame-ancestors *';

export const SNIPPET_WORKER_CSP = ["default-src 'none'", "script-src 'self' 'unsafe-eval'", "connect-src 'none'", "worker-src 'none'"].join('; ');

/**
 * The Python worker (Python mode): Pyodide is WebAssembly ('wasm-unsafe-eval'; Python runs in
 * the interpreter, nothing evaluates JavaScript strings), and it fetches its runtime files and
 * snapshot from the app's own assets (connect-src 'self'). Before any Python runs, the worker
 * deletes fetch and the other network APIs (src/runner/sandbox.ts), as the snippet worker does.
 */
export const PYTHON_WORKER_CSP = ["default-src 'none'", "script-src 'self' 'wasm-unsafe-eval'", "connect-src 'self'", "worker-src 'none'"].join('; ');

/** The snippet worker's URL: `assets/snippet.worker-<hash>.js` when built, the source file in dev. */
const SNIPPET_WORKER_PATH = /\/snippet\.worker[-.][^/]*$/;
const PYTHON_WORKER_PATH = /\/python\.worker[-.][^/]*$/;

function setHeaders(built: boolean): Connect.NextHandleFunction {
  return (req, res, next) => {
    const path = (req.url ?? '').split('?')[0];
    // The embed runs in sandboxed iframes (an opaque origin, "null"): its module scripts, styles,
    // workers and wasm are then cross-origin loads and need CORS. The assets are public files.
    if (path.includes('/assets/')) res.setHeader('Access-Control-Allow-Origin', '*');
    // In dev the runner frame's scripts are served from the sources: the same CORS, for the
    // sandboxed frames only (an opaque origin says `Origin: null`).
    else if (!built && req.headers.origin === 'null') res.setHeader('Access-Control-Allow-Origin', 'null');
    if (SNIPPET_WORKER_PATH.test(path)) res.setHeader('Content-Security-Policy', SNIPPET_WORKER_CSP);
    else if (built && runnerPolicy(path)) res.setHeader('Content-Security-Policy', runnerPolicy(path)!);
    else if (PYTHON_WORKER_PATH.test(path)) res.setHeader('Content-Security-Policy', PYTHON_WORKER_CSP);
    // Vite's dev page runs inline scripts (React refresh): the page policy applies to the build.
    else if (built && (path.endsWith('/') || path.endsWith('.html'))) {
      const embed = path.endsWith('/embed.html');
      res.setHeader('Content-Security-Policy', embed ? `${EMBED_CSP}; ${EMBED_FRAME_ANCESTORS}` : `${PAGE_CSP}; ${PAGE_FRAME_ANCESTORS}`);
    }
    next();
  };
}

export function contentSecurityPolicy(): Plugin {
  return {
    name: 'gradlab-csp',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        if (ctx.server) return html;
        const policy = ctx.filename.endsWith('embed.html') ? EMBED_CSP : (runnerPolicy(ctx.filename) ?? PAGE_CSP);
        return html.replace('<head>', `<head>\n    <meta http-equiv="Content-Security-Policy" content="${policy}" />`);
      },
    },
    configureServer(server) {
      server.middlewares.use(setHeaders(false));
    },
    configurePreviewServer(server) {
      server.middlewares.use(setHeaders(true));
    },
  };
}
