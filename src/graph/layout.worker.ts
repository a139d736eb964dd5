/**
 * Graphviz `dot` (WebAssembly) off the main thread: DOT text in, a Layout out. The wasm ships
 * inlined in @hpcc-js/wasm-graphviz's module, so the worker needs no network and no extra asset.
 */
import { Graphviz, type Format } from '@hpcc-js/wasm-graphviz';
import { parseLayout } from './dotLayout';
import { unbundleLayout } from './layoutBundles';
import type { LayoutReply, LayoutRequest } from './layoutProtocol';

/** Graphviz's json without the xdot drawing ops: a quarter of the size. Missing from the typings. */
const JSON0 = 'json0' as Format;

function layOut(graphviz: Graphviz, id: number, dot: string): LayoutReply {
  const t0 = performance.now();
  const json = graphviz.layout(dot, JSON0, 'dot');
  const t1 = performance.now();
  const layout = unbundleLayout(parseLayout(json));
  return { id, layout, dotMs: t1 - t0, parseMs: performance.now() - t1 };
}

// Loaded as the worker starts (layout.ts then warms it up with a few small graphs, one at a time).
Graphviz.load().catch(() => undefined);

self.onmessage = async (event: MessageEvent<LayoutRequest>) => {
  const { id, dot } = event.data;
  let reply: LayoutReply;
  try {
    reply = layOut(await Graphviz.load(), id, dot);
  } catch (e) {
    reply = { id, error: e instanceof Error ? e.message : String(e) };
  }
  self.postMessage(reply);
};
