/**
 * The embeddable view (embed.html#code/...): the snippet's graph and the backward stepper, with a
 * compact editor unless `?editor=0` (read-only code with `?readonly=1`), and a link to open the
 * snippet in Gradlab. It runs in a sandboxed, cross-origin iframe: it keeps its snippet in memory
 * (never in the visitor's storage, which the sandbox forbids anyway), and sizes its frame by
 * posting its height to the embedding page.
 */
import { useEffect, useRef, useState } from 'react';
import { CodeEditor } from '../editor/CodeEditor';
import { GraphPanel } from '../app/GraphPanel';
import { OutputPanels } from '../app/OutputPanels';
import { decodeLink, hashForCode } from '../app/links';
import { runNow, scheduleRun } from '../app/runController';
import { DEFAULT_SOURCE, useStore } from '../store';
import type { EmbedOptions } from './options';
import { useFrameHeight } from './useFrameHeight';
import { PanelBoundary } from '../app/PanelBoundary';

export function EmbedApp({ options }: { options: EmbedOptions }) {
  const [{ source: initial, problem }] = useState(() => {
    const link = decodeLink(location.hash);
    return link.kind === 'code' ? { source: link.source, problem: null } : { source: DEFAULT_SOURCE, problem: link.kind === 'invalid' ? link.reason : 'This embed carries no snippet (#code/… is missing): the default one is shown.' };
  });
  const [source, setSource] = useState(initial);
  const theme = useStore((s) => s.theme);
  const root = useRef<HTMLDivElement>(null);
  useFrameHeight(root, options.parentOrigin);

  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);

  // The first run places the stepper where the options say (once: later edits start afresh).
  useEffect(() => {
    runNow(initial);
    if (options.step === null && !options.autoplay) return;
    const runId = useStore.getState().runId;
    const unsubscribe = useStore.subscribe((s) => {
      if (s.runId !== runId || s.status === 'running') return;
      unsubscribe();
      if (s.traces.length === 0) return;
      const n = s.traces[s.traceIndex]?.steps.length ?? 0;
      if (options.step !== null) s.setStep(Math.min(options.step, n));
      if (options.autoplay) s.setPlaying(true);
    });
    return unsubscribe;
  }, [initial, options]);

  const openHref = new URL(`index.html${hashForCode(source)}`, location.href).href;
  return (
    <div className="embed" ref={root} data-testid="embed-root">
      <header className="embed-header">
        <span className="brand-mark" aria-hidden="true">
          ∇
        </span>
        <span className="embed-title">Gradlab</span>
        {problem && (
          <span className="embed-problem" role="status" data-testid="notice">
            {problem}
          </span>
        )}
        {options.editor && !options.readonly && (
          <button type="button" className="toolbar-button" data-testid="run" onClick={() => runNow(source)}>
            Run
          </button>
        )}
        <a className="embed-open" href={openHref} target="_blank" rel="noopener noreferrer" data-testid="open-in-gradlab">
          Open in Gradlab ↗
        </a>
      </header>
      {options.editor && (
        <section className="panel embed-editor" aria-label="Snippet">
          {options.readonly ? (
            <pre className="embed-code" data-testid="embed-code" tabIndex={0}>
              {source}
            </pre>
          ) : (
            <div className="panel-body">
              <CodeEditor
                value={source}
                onChange={(v) => {
                  setSource(v);
                  scheduleRun(v);
                }}
                onRun={() => runNow(source)}
                theme={theme}
              />
            </div>
          )}
        </section>
      )}
      <div className="embed-graph">
        <PanelBoundary what="the graph" className="panel graph-panel">
          <GraphPanel highlightedIds={[]} exports={false} />
        </PanelBoundary>
      </div>
      <div className="embed-output">
        <OutputPanels />
      </div>
    </div>
  );
}
