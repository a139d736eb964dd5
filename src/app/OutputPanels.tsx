import { useEffect, useState } from 'react';
import { Console } from '../console/Console';
import { Inspector } from '../inspector/Inspector';
import { ActiveChainRule } from '../stepper/ChainRule';
import { useStepperGraph } from '../stepper/useStepper';
import { useStore } from '../store';
import { PanelBoundary } from './PanelBoundary';

type Tab = 'console' | 'inspector';

/**
 * Console and inspector: side by side on wide screens, tabs on narrow ones (CSS decides; the tab
 * state only matters when the tab bar shows).
 */
export function OutputPanels() {
  const lines = useStore((s) => s.lines);
  const status = useStore((s) => s.status);
  const runId = useStore((s) => s.runId);
  const durationMs = useStore((s) => s.durationMs);
  const starting = useStore((s) => s.starting);
  const graph = useStore((s) => s.graphs[s.selectedGraph] ?? null);
  const selectedId = useStore((s) => s.selectedId);
  const select = useStore((s) => s.select);
  const error = useStore((s) => s.error);
  const stepper = useStepperGraph();
  const [tab, setTab] = useState<Tab>('console');
  // A lesson's predict-then-reveal step: the printed value stays covered until the student guesses.
  const predicting = useStore((s) => !!s.lesson?.steps[s.lessonStep]?.predict && !s.predictions[s.lessonStep]);
  const [peeked, setPeeked] = useState<string | null>(null);
  const peekKey = useStore((s) => `${s.lesson?.id}:${s.lessonStep}`);
  const covered = predicting && peeked !== peekKey;
  // Show what the student just asked for: the node they picked, or the error of their run.
  useEffect(() => {
    if (selectedId) setTab('inspector');
  }, [selectedId]);
  useEffect(() => {
    if (error) setTab('console');
  }, [error]);
  const timing = starting === 'python' ? 'loading Python…' : status === 'running' ? 'running…' : durationMs !== null ? `${Math.max(1, Math.round(durationMs))} ms` : '';
  return (
    <div className="output-panels" data-tab={tab}>
      <div className="tab-bar" role="tablist">
        {(['console', 'inspector'] as const).map((t) => (
          <button key={t} type="button" role="tab" aria-selected={tab === t} className="tab" onClick={() => setTab(t)}>
            {t === 'console' ? 'Console' : 'Inspector'}
          </button>
        ))}
      </div>
      <section className="panel console-panel" aria-label="Console">
        <div className="panel-header">
          <span className="panel-title">Console</span>
          <span className="panel-meta">{timing}</span>
        </div>
        <div className="panel-body">
          {starting === 'python' && (
            <div className="python-loading" role="status" data-testid="python-loading">
              <span>Loading Python (Pyodide) for this tab: a few seconds, the first time only…</span>
              <progress aria-label="Loading Python" />
            </div>
          )}
          <PanelBoundary what="the console">
            <Console lines={lines} status={status} runId={runId} />
          </PanelBoundary>
          {covered && (
            <div className="console-cover" data-testid="console-cover">
              <p>The output is hidden until you make your prediction in the lesson.</p>
              <button type="button" className="gl-button" onClick={() => setPeeked(peekKey)}>
                Show it anyway
              </button>
            </div>
          )}
        </div>
      </section>
      <section className="panel inspector-panel" aria-label="Inspector">
        <div className="panel-header">
          <span className="panel-title">Inspector</span>
        </div>
        <div className="panel-body">
          <PanelBoundary what="the inspector">
            <div className="stepper-inspector">
              <ActiveChainRule graph={stepper.graph} />
              <Inspector graph={stepper.graph ?? graph} selectedId={selectedId} onSelect={select} />
            </div>
          </PanelBoundary>
        </div>
      </section>
    </div>
  );
}
