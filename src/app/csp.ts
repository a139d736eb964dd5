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

/**
 * embed.html's policy: the page's, except for what a sandboxed iframe needs (src/embed/
 * sandboxWorkers.ts). There the page's origin is opaque, so workers start from blob: modules, and
 * a blob: worker runs under this policy rather than its own header: the snippet worker's
 * `new Function` needs 'unsafe-eval' here. The snippet still runs only in its worker, which deletes
 * the network and worker APIs before it runs (src/runner/sandbox.ts); the embed's own code never
 * evaluates strings.
 */
export const EMBED_CSP = PAGE_CSP.replace("script-src 'self' 'wasm-unsafe-eval'", "script-src 'self' 'wasm-unsafe-eval' 'unsafe-eval'").replace(
  "worker-src 'self'",
  "worker-src 'self' blob:",
);

/** Sent as a header only: a <meta> policy cannot say who may frame the page. */
export const PAGE_FRAME_ANCESTORS = "frame-ancestors 'self'";
/** embed.html exists to be framed by any site (in a sandboxed iframe). */
export const EMBED_FRAME_ANCESTORS = 'frame-ancestors *';

export const SNIPPET_WORKER_CSP = ["default-src 'none'", "script-src 'self' 'unsafe-eval'", "connect-src 'none'", "worker-src 'none'"].join('; ');

/** The snippet worker's URL: `assets/snippet.worker-<hash>.js` when built, the source file in dev. */
const SNIPPET_WORKER_PATH = /\/snippet\.worker[-.][^/]*$/;

function setHeaders(built: boolean): Connect.NextHandleFunction {
  return (req, res, next) => {
    const path = (req.url ?? '').split('?')[0];
    // The embed runs in sandboxed iframes (an opaque origin, "null"): its module scripts, styles,
    // workers and wasm are then cross-origin loads and need CORS. The assets are public files.
    if (path.includes('/assets/')) res.setHeader('Access-Control-Allow-Origin', '*');
    if (SNIPPET_WORKER_PATH.test(path)) res.setHeader('Content-Security-Policy', SNIPPET_WORKER_CSP);
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
        const policy = ctx.filename.endsWith('embed.html') ? EMBED_CSP : PAGE_CSP;
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
