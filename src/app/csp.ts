/**
 * Gradlab's Content-Security-Policies (a Vite plugin; README "Reliability" says what a static
 * host should send).
 *
 * - The page: scripts and workers from its own origin only. Graphviz runs as WebAssembly
 *   ('wasm-unsafe-eval'); Monaco injects <style> elements ('unsafe-inline' for styles only). The
 *   page never evaluates strings, so it has no 'unsafe-eval'. The built index.html carries this
 *   policy as a <meta>, so it holds on any static host; `frame-ancestors` only works as a header.
 * - The snippet worker: a dedicated worker loaded from a URL gets the policy of its own response,
 *   not the page's. The snippet runs through `new Function` ('unsafe-eval', in the worker only) and
 *   must reach nothing: `connect-src 'none'` (no fetch, XHR, WebSocket, EventSource), no images,
 *   no further workers. The worker also deletes those APIs before a snippet runs (sandbox.ts):
 *   the header is the second wall, where the host sends it.
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

/** Sent as a header only: a <meta> policy cannot say who may frame the page. */
export const PAGE_FRAME_ANCESTORS = "frame-ancestors 'self'";

export const SNIPPET_WORKER_CSP = ["default-src 'none'", "script-src 'self' 'unsafe-eval'", "connect-src 'none'", "worker-src 'none'"].join('; ');

/** The snippet worker's URL: `assets/snippet.worker-<hash>.js` when built, the source file in dev. */
const SNIPPET_WORKER_PATH = /\/snippet\.worker[-.][^/]*$/;

function setHeaders(built: boolean): Connect.NextHandleFunction {
  return (req, res, next) => {
    const path = (req.url ?? '').split('?')[0];
    if (SNIPPET_WORKER_PATH.test(path)) res.setHeader('Content-Security-Policy', SNIPPET_WORKER_CSP);
    // Vite's dev page runs inline scripts (React refresh): the page policy applies to the build.
    else if (built && (path.endsWith('/') || path.endsWith('.html'))) res.setHeader('Content-Security-Policy', `${PAGE_CSP}; ${PAGE_FRAME_ANCESTORS}`);
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
        return html.replace('<head>', `<head>\n    <meta http-equiv="Content-Security-Policy" content="${PAGE_CSP}" />`);
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
