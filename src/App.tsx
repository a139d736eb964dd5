/**
 * The playground page: header, the editor on the left (an open lesson beside it), the graph on
 * the right with the console and inspector below it. State lives in the store; runs go through the run controller.
 */
import { lazy, Suspense, useEffect, useMemo, useRef, useState, type CSSProperties } from 'react';
import { CodeEditor } from './editor/CodeEditor';
import { Header } from './app/Header';
import { NoticeBanner } from './app/NoticeBanner';
import { UpdateNotice } from './app/UpdateNotice';
import { GraphPanel } from './app/GraphPanel';
import { OutputPanels } from './app/OutputPanels';
import { useLinks } from './app/useLinks';
import { useRunShortcut } from './app/useRunShortcut';
import { PanelBoundary } from './app/PanelBoundary';
import { Splitter } from './app/Splitter';
import { EditorStatus } from './app/EditorStatus';
import { Tour } from './app/tour/Tour';
import { afterExplicitRun, runNow, scheduleRun } from './app/runController';
import { useStore } from './store';
import { useBuildLine, useStepperGraph } from './stepper/useStepper';
import { LanguageSwitch } from './app/LanguageSwitch';
import { SNIPPET_FILES } from './store/language';

/** What a snippet may use without declaring it, per language. */
const GLOBALS = {
  typescript: 'globals: torch, nn, F, optim, print, make_dot',
  python: 'predefined: torch, nn, F, optim, make_dot',
};

// The lessons (their player, editor, gallery, Markdown and KaTeX) load when first asked for:
// a plain visit or a #code/ link never carries them.
const LessonPanel = lazy(() => import('./lessons/LessonPanel'));
const LessonGallery = lazy(() => import('./lessons/LessonGallery').then((m) => ({ default: m.LessonGallery })));

/** The stacked, one-column layout (styles.css). */
const PHONE = '(max-width: 760px)';

export function App() {
  const source = useStore((s) => s.source);
  const language = useStore((s) => s.language);
  const setSource = useStore((s) => s.setSource);
  const theme = useStore((s) => s.theme);
  const error = useStore((s) => s.error);
  // The selected graph, or the one the stepper's backward ran on.
  const { graph } = useStepperGraph();
  const hoverId = useStore((s) => s.hoverId);
  const selectedId = useStore((s) => s.selectedId);
  const cursorLine = useStore((s) => s.cursorLine);
  const setCursorLine = useStore((s) => s.setCursorLine);
  const hasLesson = useStore((s) => s.lesson !== null || s.lessonEditorOpen);
  const editingLesson = useStore((s) => s.lessonEditorOpen);
  const galleryWanted = useStore((s) => s.galleryOpen);
  // Once loaded, the gallery stays mounted: its dialog closes itself and gives focus back.
  const [galleryLoaded, setGalleryLoaded] = useState(false);
  if (galleryWanted && !galleryLoaded) setGalleryLoaded(true);
  const panes = useStore((s) => s.panes);
  const setPanes = useStore((s) => s.setPanes);
  const editorPanel = useRef<HTMLElement>(null);
  const rightColumn = useRef<HTMLDivElement>(null);
  const outputSlot = useRef<HTMLDivElement>(null);
  const [tabMovesFocus, setTabMovesFocus] = useState(false);

  useLinks();
  useRunShortcut();
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  // On a phone the panes stack: after a run the student asked for, the graph comes first on
  // screen (not while typing, and not over an open lesson's text).
  useEffect(
    () =>
      afterExplicitRun(() => {
        if (!matchMedia(PHONE).matches || useStore.getState().lesson) return;
        const reduce = matchMedia('(prefers-reduced-motion: reduce)').matches;
        document.getElementById('graph-panel')?.scrollIntoView({ block: 'start', behavior: reduce ? 'auto' : 'smooth' });
      }),
    [],
  );

  // Graph node under the pointer (else the selected one) -> the line that created it.
  // The build replay lights the line that created the newest node.
  const focusId = hoverId ?? selectedId;
  const buildLine = useBuildLine(graph);
  const highlightedLines = useMemo(() => {
    const line = buildLine ?? (focusId && graph ? graph.nodeLines[focusId] : undefined);
    return line === undefined ? [] : [line];
  }, [buildLine, focusId, graph]);
  // The editor's cursor line -> the nodes it created.
  const highlightedIds = useMemo(() => {
    if (!graph || cursorLine === null) return [];
    return Object.entries(graph.nodeLines)
      .filter(([, line]) => line === cursorLine)
      .map(([id]) => id);
  }, [graph, cursorLine]);

  const editorError = error && error.line !== null ? { line: error.line, col: error.col ?? 1, message: error.message } : null;

  return (
    <div className="app">
      {/* The editor keeps Tab for indentation: keyboard users need a way past it. */}
      <button type="button" className="skip-link" onClick={() => document.getElementById('graph-panel')?.focus()}>
        Skip to the graph and stepper
      </button>
      <PanelBoundary what="the toolbar">
        <Header />
      </PanelBoundary>
      <PanelBoundary what="the update notice">
        <UpdateNotice />
      </PanelBoundary>
      <PanelBoundary what="the notice">
        <NoticeBanner />
      </PanelBoundary>
      {galleryLoaded && (
        <PanelBoundary what="the lessons gallery">
          <Suspense fallback={null}>
            <LessonGallery />
          </Suspense>
        </PanelBoundary>
      )}
      <main
        className={`workspace${hasLesson ? ' has-lesson' : ''}${editingLesson ? ' is-editing-lesson' : ''}`}
        style={{ '--editor-fr': `${panes.editor}fr`, '--right-fr': `${1 - panes.editor}fr`, '--graph-fr': `${panes.graph}fr`, '--output-fr': `${1 - panes.graph}fr` } as CSSProperties}
      >
        {hasLesson && (
          <PanelBoundary what="the lesson" className="panel lesson-panel">
            <Suspense fallback={<section className="panel lesson-panel" aria-label="Lesson" aria-busy="true" />}>
              <LessonPanel />
            </Suspense>
          </PanelBoundary>
        )}
        <section className="panel editor-panel" aria-label="Snippet" ref={editorPanel}>
          <div className="panel-header">
            <span className="panel-title" data-testid="snippet-file">{SNIPPET_FILES[language]}</span>
            <LanguageSwitch />
            <span className="panel-meta">{GLOBALS[language]}</span>
          </div>
          <div className="panel-body">
            <PanelBoundary what="the editor">
              <CodeEditor
                value={source}
                onChange={(v) => {
                  if (v === useStore.getState().source) return;
                  setSource(v);
                  scheduleRun();
                }}
                onRun={() => runNow()}
                onCursorLine={setCursorLine}
                highlightedLines={highlightedLines}
                error={editorError}
                theme={theme}
                language={language}
                onTabMovesFocus={setTabMovesFocus}
              />
            </PanelBoundary>
          </div>
          <EditorStatus tabMovesFocus={tabMovesFocus} />
        </section>
        <div className="right-column" ref={rightColumn}>
          <Splitter
            orientation="vertical"
            value={panes.editor}
            onChange={(editor) => setPanes({ editor })}
            panes={() => [editorPanel.current, rightColumn.current]}
            label="Resize the editor and the graph"
            className="splitter--columns"
            testId="splitter-editor"
          />
          <PanelBoundary what="the graph" className="panel graph-panel">
            <GraphPanel highlightedIds={highlightedIds} />
          </PanelBoundary>
          <div className="output-slot" ref={outputSlot}>
            <Splitter
              orientation="horizontal"
              value={panes.graph}
              onChange={(graph) => setPanes({ graph })}
              panes={() => [document.getElementById('graph-panel'), outputSlot.current]}
              label="Resize the graph and the console"
              className="splitter--rows"
              testId="splitter-graph"
            />
            <OutputPanels />
          </div>
        </div>
      </main>
      <PanelBoundary what="the tour">
        <Tour />
      </PanelBoundary>
    </div>
  );
}
