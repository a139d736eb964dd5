/**
 * The layouts of the default snippet's graphs, made at build time (`npx tsx tools/defaultLayouts.ts`
 * prints them as JSON; tools/prebuiltLayouts.ts serves them to the page). The snippet runs as the
 * snippet worker runs it, and each graph is laid out by the same Graphviz WebAssembly as the layout
 * worker, from the same DOT text, with and without the saved tensors: so a first visit draws its
 * graph before Graphviz (630 KB gzipped) has even loaded. The page uses a layout only when the DOT
 * text of its graph is this one, character for character.
 */
import { Graphviz, type Format } from '@hpcc-js/wasm-graphviz';
import { executeSnippet } from '../src/runner/execute';
import { DEFAULT_SOURCE } from '../src/store/snippetSlice';
import { planLayout } from '../src/graph/layoutBundles';
import { parseLayout } from '../src/graph/dotLayout';
import { unbundleLayout } from '../src/graph/layoutBundles';
import type { Layout } from '../src/graph/dotLayout';

const result = await executeSnippet(DEFAULT_SOURCE, () => undefined);
if (result.error) throw new Error(`The default snippet failed at build time: ${result.error.message}`);
const graphviz = await Graphviz.load();
const layouts: { dot: string; layout: Layout }[] = [];
for (const view of result.graphs) {
  for (const showSaved of [false, true]) {
    const { dot, bundles } = planLayout(view.model, showSaved);
    if (bundles.length > 0) continue;
    layouts.push({ dot, layout: unbundleLayout(parseLayout(graphviz.layout(dot, 'json0' as Format, 'dot'))) });
  }
}
process.stdout.write(JSON.stringify(layouts));
