/**
 * The embeddable view (embed.html#code/...): the snippet's graph and the backward stepper, with a
 * compact editor unless `?editor=0` (read-only code with `?readonly=1`), and a link to open the
 * snippet in Gradlab. embed.html#lesson/... shows a whole lesson the same way, its player beside
 * them (steps, predict-then-reveal; each step's snippet in the editor, run, the stepper placed).
 * It runs in a sandboxed, cross-origin iframe: it keeps its snippet in memory (never in the
 * visitor's storage, which the sandbox forbids anyway), and sizes its frame by posting its height
 * to the embedding page.
 */
import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { CodeEditor } from '../editor/CodeEditor';
import { GraphPanel } from '../app/GraphPanel';
import { OutputPanels } from '../app/OutputPanels';
import { decodeLink, hashForCode, type Link } from '../app/links';
import { runNow, scheduleRun } from '../app/runController';
import { DEFAULT_SOURCE, useStore } from '../store';
import type { EmbedOptions } from './options';
import type { Language } from '../store/language';
import { useFrameHeight } from './useFrameHeight';
import { ColoredCode } from './ColoredCode';
import { PanelBoundary } from '../app/PanelBoundary';

// The lesson player (and its Markdown and KaTeX) loads only for a lesson embed.
const LessonView = lazy(() => import('../lessons/LessonView').then((m) => ({ default: () => <m.LessonView place="embed" /> })));

type Start = { kind: 'code'; source: string; language: Language; problem: string | null } | { kind: 'lesson'; link: Extract<Link, { kind: 'lesson' | 'invalid' }>; hash: string };

function startFrom(hash: string): Start {
  const link = decodeLink(hash);
  if (link.kind === 'lesson' || (link.kind === 'invalid' && link.lesson)) return { kind: 'lesson', link, hash };
  if (link.kind === 'code') return { kind: 'code', source: link.source, language: link.language, problem: null };
  return { kind: 'code', source: DEFAULT_SOURCE, language: 'typescript', problem: link.kind === 'invalid' ? link.reason : 'This embed carries no snippet (#code/… is missing): the default one is shown.' };
}

export function EmbedApp({ options }: { options: EmbedOptions }) {
  const [start] = useState(() => startFrom(location.hash));
  const [source, setSource] = useState(start.kind === 'code' ? start.source : '');
  const [language, setLanguage] = useState<Language>(start.kind === 'code' ? start.language : 'typescript');
  const [problem, setProblem] = useState<{ text: string; errors: string[] } | null>(start.kind === 'code' && start.problem ? { text: start.problem, errors: [] } : null);
  const hasLesson = useStore((s) => s.lesson !== null);
  const theme = useStore((s) => s.theme);
  const root = useRef<HTMLDivElement>(null);
  useFrameHeight(root, options.parentOrigin);

  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);

  useEffect(() => {
    if (start.kind === 'lesson') {
      let live = true;
      void import('./lessonEmbed').then((m) => {
        if (!live) return;
        const opened = m.openEmbeddedLesson(start.link, options, (s, l) => {
          setSource(s);
          setLanguage(l);
          runNow(s, l);
        });
        if (!opened.ok) {
          setProblem({ text: 'This lesson link could not be opened:', errors: opened.errors });
          setSource(DEFAULT_SOURCE);
          runNow(DEFAULT_SOURCE);
        }
      });
      return () => {
        live = false;
      };
    }
    // The first run places the stepper where the options say (once: later edits start afresh).
    runNow(start.source, start.language);
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
  }, [start, options]);

  const openHref = new URL(`index.html${start.kind === 'lesson' && !problem ? start.hash : hashForCode(source, language)}`, location.href).href;
  const workspace = (
    <>
      {options.editor && (
        <section className="panel embed-editor" aria-label="Snippet">
          {options.readonly ? (
            <ColoredCode source={source} theme={theme} language={language} />
          ) : (
            <div className="panel-body">
              <CodeEditor
                value={source}
                onChange={(v) => {
                  setSource(v);
                  scheduleRun(v, language);
                }}
                onRun={() => runNow(source, language)}
                theme={theme}
                language={language}
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
    </>
  );
  return (
    <div className={`embed${hasLesson ? ' has-lesson' : ''}`} ref={root} data-testid="embed-root">
      <header className="embed-header">
        <span className="brand-mark" aria-hidden="true">
          ∇
        </span>
        <span className="embed-title">Gradlab</span>
        {problem && (
          <span className="embed-problem" role="status" data-testid="notice">
            {problem.text}
            {problem.errors.length > 0 && (
              <span className="embed-problem-errors" data-testid="lesson-link-error">
                {' '}
                {problem.errors.slice(0, 5).join('; ')}
                {problem.errors.length > 5 ? `; … and ${problem.errors.length - 5} more` : ''}
              </span>
            )}
          </span>
        )}
        {options.editor && !options.readonly && (
          <button type="button" className="toolbar-button" data-testid="run" onClick={() => runNow(source, language)}>
            Run
          </button>
        )}
        <a className="embed-open" href={openHref} target="_blank" rel="noopener noreferrer" data-testid="open-in-gradlab">
          Open in Gradlab ↗
        </a>
      </header>
      {hasLesson ? (
        <div className="embed-lesson">
          <Suspense fallback={<section className="panel lesson-panel" aria-label="Lesson" aria-busy="true" />}>
            <LessonView />
          </Suspense>
          <div className="embed-lesson-work">{workspace}</div>
        </div>
      ) : (
        workspace
      )}
    </div>
  );
}
