/**
 * Graphviz `dot` (WebAssembly) off the main thread: DOT text in, a Layout out. The wasm ships
 * inlined in @hpcc-js/wasm-graphviz's module, so the worker needs no network and no extra asset.
 */
import { Graphviz, type Format } from '@hpcc-js/wasm-graphviz';
import { parseLayout } from './dotLayout';
import type { LayoutReply, LayoutRequest } from './layoutProtocol';

/** Graphviz's json without the xdot drawing ops: a quarter of the size. Missing from the typings. */
const JSON0 = 'json0' as Format;

/** Lays out a small tree once at start-up, so the first real graph meets JIT-compiled wasm. */
function warmUp(graphviz: Graphviz): void {
  const lines = ['digraph {', 'node [shape=box fontname=Courier fontsize=10 height=0.2 style=filled]'];
  for (let i = 1; i < 60; i++) lines.push(`a${i - 1} -> a${i}`, `m${i} -> a${i}`, `l${i} [label="l\n (2, 2)"]`, `l${i} -> m${i}`);
  graphviz.layout(`${lines.join('\n')}\n}`, JSON0, 'dot');
}

// Graphviz.load() caches its instance, and reloads after a failed layout unloaded it. A failed
// warm-up costs nothing: the first request meets the same failure and reports it.
Graphviz.load().then(warmUp).catch(() => undefined);

self.onmessage = async (event: MessageEvent<LayoutRequest>) => {
  const { id, dot } = event.data;
  let reply: LayoutReply;
  try {
    const graphviz = await Graphviz.load();
    reply = { id, layout: parseLayout(graphviz.layout(dot, JSON0, 'dot')) };
  } catch (e) {
    reply = { id, error: e instanceof Error ? e.message : String(e) };
  }
  self.postMessage(reply);
};
