/**
 * The snippet editor: Monaco with the engine's types (completion, hover, type errors), loaded
 * lazily: when the student reaches for the editor, or at idle after the first graph
 * (./whenToLoad.ts). Until Monaco arrives (or if it cannot load) a plain textarea shows and edits
 * the code; Monaco takes over its text, cursor and focus.
 *
 * Test hook: once Monaco is ready, `window.gradlabEditor = { getValue(), setValue(text),
 * setCursor(line, column) }`; `setValue` behaves like typing (onChange fires), `setCursor` puts the
 * focused cursor at a 1-based place of the text (wrapped lines make arrow keys unreliable for that).
 * e2e can wait for it to exist.
 */
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type * as Monaco from 'monaco-editor/editor';
import { useMonacoWanted } from './whenToLoad';
import type { Language } from '../store/language';
import './CodeEditor.css';

export interface CodeEditorProps {
  value: string;
  onChange(v: string): void;
  onRun(): void;
  onCursorLine?(line: number): void;
  highlightedLines?: number[];
  error?: { line: number; col: number; message: string } | null;
  theme: 'light' | 'dark';
  /** TypeScript (with the engine's IntelliSense) or Python (colouring). */
  language?: Language;
  /** Whether Tab moves focus out of the editor (Monaco's Ctrl+M toggle, or Esc just pressed). */
  onTabMovesFocus?(on: boolean): void;
}

export interface GradlabEditorHandle {
  getValue(): string;
  setValue(text: string): void;
  setCursor(line: number, column: number): void;
}

declare global {
  interface Window {
    gradlabEditor?: GradlabEditorHandle;
  }
}

type MonacoModule = typeof import('./monaco');

interface Loaded {
  monaco: MonacoModule['monaco'];
  editor: Monaco.editor.IStandaloneCodeEditor;
  /** Takes the `value` prop: an outside change replaces the text, an echo of an edit does not. */
  syncValue(value: string): void;
}

const MARKER_OWNER = 'gradlab-run';
const MAX_PENDING_ECHOES = 200;
const FALLBACK_FONT = 'ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace';

const monacoTheme = (theme: CodeEditorProps['theme']) => (theme === 'dark' ? 'vs-dark' : 'vs');

export function CodeEditor(props: CodeEditorProps) {
  const { value, theme, highlightedLines, error, language = 'typescript' } = props;
  const containerRef = useRef<HTMLDivElement>(null);
  const fallbackRef = useRef<HTMLTextAreaElement>(null);
  const { wanted, reach } = useMonacoWanted();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [loadFailed, setLoadFailed] = useState(false);
  // Monaco's listeners are registered once; they call whatever callbacks the latest render passed.
  const callbacks = useRef(props);
  callbacks.current = props;

  useEffect(() => {
    if (!wanted) return;
    let disposed = false;
    let cleanup: (() => void) | undefined;
    import('./monaco').then(
      (mod) => {
        if (disposed || !containerRef.current) return;
        const made = mountEditor(mod, containerRef.current, callbacks);
        cleanup = made.dispose;
        takeOver(made.editor, fallbackRef.current);
        setLoaded(made);
      },
      (e: unknown) => {
        console.error('Monaco failed to load; the plain editor stays.', e);
        if (!disposed) setLoadFailed(true);
      },
    );
    return () => {
      disposed = true;
      cleanup?.();
      setLoaded(null);
    };
  }, [wanted]);

  // Controlled value: only outside changes (a lesson, a link) reach the model.
  useEffect(() => {
    loaded?.syncValue(value);
  }, [loaded, value]);

  useEffect(() => {
    loaded?.monaco.editor.setTheme(monacoTheme(theme));
  }, [loaded, theme]);

  useEffect(() => {
    const model = loaded?.editor.getModel();
    if (!loaded || !model) return;
    loaded.monaco.editor.setModelLanguage(model, language);
    // PEP 8's four spaces for Python; the TypeScript snippets indent by two.
    model.updateOptions({ tabSize: language === 'python' ? 4 : 2 });
  }, [loaded, language]);

  useEffect(() => {
    if (!loaded) return;
    const model = loaded.editor.getModel();
    if (!model) return;
    const lineCount = model.getLineCount();
    const lines = (highlightedLines ?? []).filter((l) => l >= 1 && l <= lineCount);
    const decorations = loaded.editor.createDecorationsCollection(
      lines.map((line) => ({
        range: new loaded.monaco.Range(line, 1, line, 1),
        options: { isWholeLine: true, className: 'gl-editor-highlight-line' },
      })),
    );
    return () => decorations.clear();
  }, [loaded, highlightedLines]);

  useEffect(() => {
    if (!loaded || !error) return;
    const model = loaded.editor.getModel();
    if (!model) return;
    const { monaco } = loaded;
    const line = Math.min(Math.max(1, error.line), model.getLineCount());
    const maxCol = model.getLineMaxColumn(line);
    const col = Math.min(Math.max(1, error.col), maxCol);
    // Underline the word at the error, or the rest of the line when there is none.
    const word = model.getWordAtPosition({ lineNumber: line, column: col });
    const endCol = word && word.endColumn > col ? word.endColumn : Math.max(maxCol, col + 1);
    monaco.editor.setModelMarkers(model, MARKER_OWNER, [
      {
        severity: monaco.MarkerSeverity.Error,
        message: error.message,
        startLineNumber: line,
        startColumn: col,
        endLineNumber: line,
        endColumn: endCol,
      },
    ]);
    const decorations = loaded.editor.createDecorationsCollection([
      {
        range: new monaco.Range(line, 1, line, 1),
        options: { isWholeLine: true, className: 'gl-editor-error-line', glyphMarginClassName: 'gl-editor-error-glyph' },
      },
    ]);
    return () => {
      monaco.editor.setModelMarkers(model, MARKER_OWNER, []);
      decorations.clear();
    };
  }, [loaded, error]);

  const fallback = !loaded && (
    <textarea
      ref={fallbackRef}
      className="gl-editor-fallback"
      value={value}
      spellCheck={false}
      aria-label="Code"
      onChange={(e) => props.onChange(e.target.value)}
      onFocus={reach}
      onPointerDown={reach}
      onKeyDown={(e: KeyboardEvent<HTMLTextAreaElement>) => {
        reach();
        if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
          e.preventDefault();
          props.onRun();
        }
      }}
    />
  );

  return (
    <div
      className={`gl-editor gl-editor--${theme}`}
      data-testid="editor"
      data-editor-state={loaded ? 'ready' : loadFailed ? 'fallback' : 'loading'}
      aria-busy={!loaded && !loadFailed}
    >
      {/* Monaco owns this node's children; React never renders into it. */}
      <div ref={containerRef} className="gl-editor-monaco" />
      {/* After the container, so that it lies on top of it while shown. */}
      {fallback}
    </div>
  );
}

/** Monaco replaces the plain editor: where the student's cursor (and focus) was, it is now. */
function takeOver(editor: Monaco.editor.IStandaloneCodeEditor, fallback: HTMLTextAreaElement | null): void {
  if (!fallback || document.activeElement !== fallback) return;
  const model = editor.getModel();
  if (!model) return;
  const start = model.getPositionAt(fallback.selectionStart);
  const end = model.getPositionAt(fallback.selectionEnd);
  editor.setSelection({ startLineNumber: start.lineNumber, startColumn: start.column, endLineNumber: end.lineNumber, endColumn: end.column });
  editor.revealPositionInCenterIfOutsideViewport(end);
  editor.focus();
}

/** Creates the editor and wires its events to the latest props; returns how to undo it all. */
function mountEditor(
  mod: MonacoModule,
  container: HTMLElement,
  callbacks: { readonly current: CodeEditorProps },
): Loaded & { dispose(): void } {
  const { monaco } = mod;
  const props = callbacks.current;
  const model = mod.createSnippetModel(props.value);
  const fontFamily = getComputedStyle(container).getPropertyValue('--mono').trim() || FALLBACK_FONT;
  const editor = monaco.editor.create(container, {
    model,
    theme: monacoTheme(props.theme),
    fontFamily,
    fontSize: 14,
    minimap: { enabled: false },
    automaticLayout: true,
    glyphMargin: true,
    scrollBeyondLastLine: false,
    // A narrow editor (beside a lesson, on a phone) wraps long lines rather than hiding their ends.
    wordWrap: 'on',
    wrappingIndent: 'indent',
    tabSize: 2,
    lineNumbersMinChars: 3,
    padding: { top: 8, bottom: 8 },
    // Suggestions come from the TypeScript service; words from the buffer only add noise.
    wordBasedSuggestions: 'off',
    // Keep suggest/hover widgets visible when the editor sits in a clipped panel.
    fixedOverflowWidgets: true,
  });

  editor.addAction({
    id: 'gradlab.run',
    label: 'Run snippet',
    // CtrlCmd is Cmd on macOS and Ctrl elsewhere; WinCtrl keeps Ctrl+Enter working on macOS too.
    keybindings: [monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, monaco.KeyMod.WinCtrl | monaco.KeyCode.Enter],
    run: () => callbacks.current.onRun(),
  });

  // Tab indents; Esc then Tab leaves the editor (as CodeMirror does), and Ctrl+M (Monaco's own
  // toggle) makes Tab move focus until pressed again.
  let escaped = false;
  const tabMovesFocus = () => editor.getOption(monaco.editor.EditorOption.tabFocusMode);
  const endEscape = () => {
    if (!escaped) return;
    escaped = false;
    editor.updateOptions({ tabFocusMode: false });
  };
  const keyListener = editor.onKeyDown((e) => {
    if (e.keyCode === monaco.KeyCode.Escape) {
      if (escaped || tabMovesFocus()) return;
      escaped = true;
      editor.updateOptions({ tabFocusMode: true });
    } else if (e.keyCode !== monaco.KeyCode.Tab) endEscape();
  });
  const blurListener = editor.onDidBlurEditorText(endEscape);
  const focusModeListener = editor.onDidChangeConfiguration((e) => {
    if (e.hasChanged(monaco.editor.EditorOption.tabFocusMode)) callbacks.current.onTabMovesFocus?.(tabMovesFocus());
  });

  // Texts passed to onChange that no render has handed back as `value` yet, oldest first: a
  // render can lag behind typing, and such a stale value must not overwrite newer text.
  const emitted: string[] = [];
  let applyingProp = false;
  const contentListener = model.onDidChangeContent(() => {
    if (applyingProp) return;
    const text = model.getValue();
    // Bounded, in case a parent never hands the value back.
    if (emitted.push(text) > MAX_PENDING_ECHOES) emitted.shift();
    callbacks.current.onChange(text);
  });
  const syncValue = (value: string) => {
    const echoed = emitted.lastIndexOf(value);
    if (echoed >= 0) {
      emitted.splice(0, echoed + 1);
    } else if (value !== model.getValue()) {
      emitted.length = 0;
      applyingProp = true;
      model.setValue(value);
      applyingProp = false;
    }
  };
  let cursorLine = editor.getPosition()?.lineNumber ?? 1;
  const cursorListener = editor.onDidChangeCursorPosition((e) => {
    if (e.position.lineNumber === cursorLine) return;
    cursorLine = e.position.lineNumber;
    callbacks.current.onCursorLine?.(cursorLine);
  });
  // Web fonts may arrive after Monaco measured the fallback font.
  void document.fonts?.ready.then(() => monaco.editor.remeasureFonts());

  const handle: GradlabEditorHandle = {
    getValue: () => model.getValue(),
    setValue: (text) => model.setValue(text),
    setCursor: (lineNumber, column) => {
      editor.setPosition({ lineNumber, column });
      editor.focus();
    },
  };
  window.gradlabEditor = handle;

  return {
    monaco,
    editor,
    syncValue,
    dispose() {
      if (window.gradlabEditor === handle) delete window.gradlabEditor;
      contentListener.dispose();
      cursorListener.dispose();
      keyListener.dispose();
      blurListener.dispose();
      focusModeListener.dispose();
      editor.dispose();
      model.dispose();
    },
  };
}
