import { useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import type { GraphView } from '../runner/protocol';
import { firstNodes, layoutBudgetMs, layoutGraph, LayoutOverBudget, warmLayoutWorker, type GraphLayout } from './layout';
import type { GraphModel } from '../../engine/viz/make_dot';
import { capText } from '../runner/protocol';
import { bundleNote } from './layoutBundles';
import { GraphRenderer } from './render';
import { firstGraphDrawn, graphDrawn } from './drawn';
import { noneInputs } from './noneStubs';
import type { StepperFrame } from '../stepper/frames';
import './GraphCanvas.css';

export interface GraphCanvasProps {
  graph: GraphView | null;
  selectedId: string | null;
  onSelect(id: string | null): void;
  onHoverNode?(id: string | null): void;
  highlightedIds?: string[];
  showSaved: boolean;
  theme: 'light' | 'dark';
  /** The backward stepper's (or build replay's) frame drawn over the graph. */
  flow?: StepperFrame | null;
  /** How long a new frame's gradients take to travel their edges (0: no animation). */
  flowDurationMs?: number;
  /** Set when the graph is not from the code in the editor: says whose it is (the graph is dimmed). */
  stale?: string | null;
  /** Why the last run drew no graph (shown where the graph is). */
  problem?: string | null;
  /**
   * When Graphviz loads: at idle (the first graph will need it), or only after the first graph is
   * drawn (it comes with a layout made at build time: the default snippet's).
   */
  warmUp?: 'idle' | 'after-first-graph';
  /** Controls at the right end of the graph's bar (the Export menu). */
  actions?: ReactNode;
}

/** The truncated views tried, in turn, when a graph cannot be laid out within its time budget. */
const FALLBACK_SIZES = [1000, 200];
const FALLBACK_BUDGET_MS = 5000;
/** Each press of + or − zooms by this factor. */
const ZOOM_STEP = 1.25;

export const EMPTY_MESSAGE = 'Run a snippet that computes something with requires_grad to see its graph';

const LEGEND = [
  { kind: 'leaf', text: 'leaf tensor' },
  { kind: 'op', text: 'grad_fn' },
  { kind: 'output', text: 'output' },
  { kind: 'saved', text: 'saved tensor' },
] as const;

/** The live computation graph, laid out by Graphviz's dot in a worker and drawn with d3. */
export function GraphCanvas({ graph, selectedId, onSelect, onHoverNode, highlightedIds, showSaved, theme, flow, flowDurationMs = 0, stale = null, problem = null, warmUp = 'idle', actions }: GraphCanvasProps) {
  const svgRef = useRef<SVGSVGElement>(null);
  const rendererRef = useRef<GraphRenderer | null>(null);
  // The renderer is made once; it reaches the latest callbacks through this ref.
  const handlers = useRef({ onSelect, onHoverNode });
  useLayoutEffect(() => {
    handlers.current = { onSelect, onHoverNode };
  });
  const [layoutError, setLayoutError] = useState<string | null>(null);
  const [layoutNote, setLayoutNote] = useState<string | null>(null);
  const empty = !graph || graph.model.nodes.length === 0;
  const isStale = !!stale && !empty;
  const freed = !empty && showSaved && graph.model.nodes.some((n) => n.freed);
  // The notes under the graph take room from it rather than covering its last rank (the output).
  const notesRef = useRef<HTMLDivElement>(null);
  const [notesHeight, setNotesHeight] = useState(0);
  const showNotes = !empty && (!!problem || freed || (!!layoutNote && !layoutError));
  useLayoutEffect(() => {
    const notes = notesRef.current;
    if (!showNotes || !notes) return setNotesHeight(0);
    const observer = new ResizeObserver(() => setNotesHeight(notes.offsetHeight));
    observer.observe(notes);
    return () => observer.disconnect();
  }, [showNotes]);

  useEffect(() => {
    const svg = svgRef.current!;
    const renderer = new GraphRenderer(svg, {
      onSelect: (id) => handlers.current.onSelect(id),
      onHover: (id) => handlers.current.onHoverNode?.(id),
    });
    rendererRef.current = renderer;
    // Graphviz's wasm loads, and warms up, as soon as the page has painted: the first run's graph
    // (a #code link's, or a big one) should meet a worker that is ready, not start it. A first
    // graph laid out at build time needs no Graphviz: then it loads once that graph is drawn.
    const warm = () => (warmUp === 'idle' ? warmLayoutWorker() : void firstGraphDrawn.then(warmLayoutWorker));
    const idle = requestIdleCallback(warm, { timeout: 300 });
    // The SVG takes its stage's size in pixels (GraphCanvas.css says why).
    const observer = new ResizeObserver(([entry]) => {
      const { width, height } = entry.contentRect;
      svg.style.width = `${width}px`;
      svg.style.height = `${height}px`;
      renderer.resized(width, height);
    });
    observer.observe(svg.parentElement!);
    return () => {
      cancelIdleCallback(idle);
      observer.disconnect();
      renderer.destroy();
      rendererRef.current = null;
    };
  }, []);

  useEffect(() => {
    const renderer = rendererRef.current!;
    if (!graph || graph.model.nodes.length === 0) {
      renderer.clear();
      setLayoutError(null);
      setLayoutNote(null);
      return;
    }
    // A newer graph (or toggle) supersedes a layout still on its way, and frees the layout worker of it.
    const superseded = new AbortController();
    const show = (model: GraphModel, layout: GraphLayout, note: string | null) => {
      renderer.draw(model, layout, noneInputs({ ...graph, model }));
      graphDrawn();
      // When the drawing reaches the screen (`npm run bench:graph` times edits up to here).
      requestAnimationFrame(() => setTimeout(() => performance.mark('graph: painted')));
      setLayoutError(null);
      setLayoutNote(note ?? bundleNote(model, layout.bundles));
    };
    // Past its time budget the layout worker is replaced; the first nodes, then fewer, are drawn
    // instead, each within a short budget of its own.
    const total = graph.model.nodes.length;
    const lessOf = (failed: number, error: unknown, budgetMs: number): void => {
      if (superseded.signal.aborted) return;
      const limit = FALLBACK_SIZES.find((n) => n < failed);
      if (!(error instanceof LayoutOverBudget) || limit === undefined) {
        setLayoutError(capText(error instanceof Error ? error.message : String(error), 300));
        return;
      }
      const model = firstNodes(graph.model, limit);
      const fmt = (n: number) => n.toLocaleString('en-US');
      const note = `Laying out all ${fmt(total)} nodes took more than ${Math.round(budgetMs / 1000)} s: the first ${fmt(limit)} (from the outputs) are shown.`;
      layoutGraph(model, { showSaved }, superseded.signal, FALLBACK_BUDGET_MS).then(
        (layout) => !superseded.signal.aborted && show(model, layout, note),
        (e: unknown) => lessOf(limit, e, budgetMs),
      );
    };
    const budgetMs = layoutBudgetMs(graph.model);
    layoutGraph(graph.model, { showSaved }, superseded.signal, budgetMs).then(
      (layout) => !superseded.signal.aborted && show(graph.model, layout, null),
      (error: unknown) => lessOf(total, error, budgetMs),
    );
    return () => superseded.abort();
  }, [graph, showSaved]);

  useEffect(() => rendererRef.current!.setSelected(selectedId), [selectedId]);
  useEffect(() => rendererRef.current!.setHighlighted(highlightedIds ?? []), [highlightedIds]);
  // Only a new frame animates; a changed speed applies from the next one.
  const duration = useRef(flowDurationMs);
  duration.current = flowDurationMs;
  useEffect(() => rendererRef.current!.setFlow(flow ?? null, duration.current), [flow]);

  return (
    <section className={`graph-canvas graph-canvas-${theme}${isStale ? ' is-stale' : ''}`} aria-label="Computation graph">
      <header className="graph-canvas-bar">
        <span className="graph-canvas-title">
          {empty ? '' : graph.title}
          {isStale && (
            <span className="graph-canvas-stale" data-testid="graph-stale-note">
              {stale}
            </span>
          )}
        </span>
        <ul className="graph-canvas-legend" aria-label="Legend">
          {LEGEND.filter((l) => l.kind !== 'saved' || showSaved).map((l) => (
            <li key={l.kind}>
              <span className={`graph-canvas-swatch graph-canvas-swatch-${l.kind}`} aria-hidden="true" />
              {l.text}
            </li>
          ))}
        </ul>
        {actions}
      </header>
      <div className="graph-canvas-stage" style={notesHeight ? { bottom: notesHeight } : undefined}>
        <div className="graph-canvas-zoom" role="group" aria-label="Zoom">
          <button type="button" onClick={() => rendererRef.current?.zoomBy(ZOOM_STEP)} disabled={empty} title="Zoom in (or the mouse wheel, or pinch)" aria-label="Zoom in" data-testid="zoom-in">
            +
          </button>
          <button type="button" onClick={() => rendererRef.current?.zoomBy(1 / ZOOM_STEP)} disabled={empty} title="Zoom out (or the mouse wheel, or pinch)" aria-label="Zoom out" data-testid="zoom-out">
            −
          </button>
          <button type="button" className="graph-canvas-fit" onClick={() => rendererRef.current?.fit(true)} disabled={empty} title="Fit the whole graph to the view" aria-label="Fit the graph to the view" data-testid="zoom-fit">
            fit
          </button>
        </div>
        <svg ref={svgRef} className="graph-canvas-svg" data-testid="graph" data-stale={String(isStale)} role="group" aria-label={empty ? 'Empty graph' : isStale ? `${graph.title} (${stale})` : graph.title} />
      </div>
      {empty && (
        <p className={`graph-canvas-empty${problem ? ' graph-canvas-problem' : ''}`} role="status" data-testid={problem ? 'graph-problem' : undefined}>
          {problem ?? EMPTY_MESSAGE}
        </p>
      )}
      {showNotes && (
        <div className="graph-canvas-notes" ref={notesRef}>
          {problem && (
            <p className="graph-canvas-problem" role="status" data-testid="graph-problem">
              {problem}
            </p>
          )}
          {freed && (
            <p className="graph-canvas-freed" data-testid="graph-freed-note">
              <span className="graph-canvas-swatch graph-canvas-swatch-freed" aria-hidden="true" /> saved tensor freed by backward; <code>retain_graph=True</code> keeps it
            </p>
          )}
          {layoutNote && !layoutError && (
            <p className="graph-canvas-note" data-testid="graph-note">
              {layoutNote}
            </p>
          )}
        </div>
      )}
      {layoutError && !empty && <p className="graph-canvas-error">Could not lay out the graph: {layoutError}</p>}
    </section>
  );
}
