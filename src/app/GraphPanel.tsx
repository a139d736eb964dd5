import { GraphCanvas } from '../graph/GraphCanvas';
import { Stepper, stepDurationMs } from '../stepper/Stepper';
import { useStepper } from '../stepper/useStepper';
import { NO_BACKWARD } from '../stepper/frames';
import { useRef, useState } from 'react';
import { DEFAULT_SOURCE, useStore } from '../store';
import { ExportMenu } from './ExportMenu';
import type { SnippetError } from '../runner/protocol';

/** The graph header's note when the graph is an older run's (null: it is the current code's). */
export function staleNote(staleRuns: number): string | null {
  if (staleRuns === 0) return null;
  return `graph of the last run that drew one, ${staleRuns} edit${staleRuns === 1 ? '' : 's'} ago`;
}

/** What is said where the graph is when the run stopped before drawing anything. */
export function failureNote(error: SnippetError | null): string | null {
  if (!error) return null;
  const at = error.line !== null ? ` at line ${error.line}` : '';
  if (error.kind === 'syntax') return `The code does not parse${at}, so nothing ran: no new graph.`;
  if (error.kind === 'timeout') return 'The run was stopped before it drew a graph: no new graph.';
  return `The run stopped${at} before it built a graph: no new graph.`;
}
import { PanelBoundary } from './PanelBoundary';

/**
 * The graph, with a picker above it when the snippet drew several (one per make_dot call), and
 * the backward stepper below it; the Export menu sits at the right of the graph's own bar.
 */
export function GraphPanel({ highlightedIds, exports = true }: { highlightedIds: string[]; exports?: boolean }) {
  const graphs = useStore((s) => s.graphs);
  const selectedGraph = useStore((s) => s.selectedGraph);
  const selectGraph = useStore((s) => s.selectGraph);
  const selectedId = useStore((s) => s.selectedId);
  const select = useStore((s) => s.select);
  const hover = useStore((s) => s.hover);
  const showSaved = useStore((s) => s.showSaved);
  const theme = useStore((s) => s.theme);
  const playing = useStore((s) => s.playing);
  const speed = useStore((s) => s.speed);
  const staleRuns = useStore((s) => s.staleRuns);
  const failedBeforeGraph = useStore((s) => s.failedBeforeGraph);
  const stepper = useStepper();
  const graph = stepper.graph ?? graphs[selectedGraph] ?? null;
  const showStepper = !!graph && graph.model.nodes.length > 0;
  const panel = useRef<HTMLElement>(null);
  // The default snippet's graph is laid out at build time: Graphviz can wait until it is drawn.
  const [warmUp] = useState(() => (useStore.getState().source === DEFAULT_SOURCE ? ('after-first-graph' as const) : ('idle' as const)));
  return (
    <section className="panel graph-panel" aria-label="Graph" ref={panel} id="graph-panel" tabIndex={-1}>
      {graphs.length > 1 && (
        <div className="graph-toolbar">
          <div className="graph-tabs" role="tablist" aria-label="Graphs" data-testid="graph-picker">
            {graphs.map((g, i) => (
              <button key={g.id} type="button" role="tab" aria-selected={i === selectedGraph} className="graph-tab" onClick={() => selectGraph(i)}>
                {g.title}
              </button>
            ))}
          </div>
        </div>
      )}
      <div className="panel-body">
        <GraphCanvas
          warmUp={warmUp}
          graph={graph}
          selectedId={selectedId}
          onSelect={select}
          onHoverNode={hover}
          highlightedIds={highlightedIds}
          showSaved={showSaved}
          theme={theme}
          flow={stepper.frame}
          flowDurationMs={stepDurationMs(speed, playing)}
          stale={staleNote(staleRuns)}
          problem={failureNote(failedBeforeGraph)}
          actions={exports ? <ExportMenu graph={graph} panel={panel} /> : undefined}
        />
      </div>
      {showStepper && (
        <PanelBoundary what="the backward stepper">
          <Stepper frame={stepper.frame ?? NO_BACKWARD} trace={stepper.trace} />
        </PanelBoundary>
      )}
    </section>
  );
}
