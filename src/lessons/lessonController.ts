/**
 * Moving through a lesson: each step loads its snippet into the editor (as this tab's own
 * snippet, like a link: the student's draft is never overwritten), runs it, and once that run is
 * done opens the stepper where the step says. The student's step and predictions are kept in the
 * browser (progress.ts) as they change. Lives outside React, like the runner.
 *
 * The playground and the embed show a step's snippet differently (the store's tab snippet; the
 * embed's own, in memory): each page says how through `configureLessonPlayer`.
 */
import { runNow } from '../app/runController';
import { useStore } from '../store';
import { TAB_LESSON_KEY, type LessonOrigin } from '../store/lessonSlice';
import { loadTab, saveTab } from '../store/storage';
import { loadProgress, saveProgress } from './progress';
import { seedLessonIn, snippetSource, stepLanguage, type Lesson, type SnippetLanguage } from './schema';

export interface LessonPlayerHost {
  /** Puts a step's snippet in the editor (`announce`: the lesson was just opened) and runs it. */
  showSnippet(source: string, language: SnippetLanguage, announce: boolean): void;
  /** Where the stepper opens for a step that does not say (the embed's `?step=`). */
  defaultStep: number | null;
  /** Play the backward once a step's run is done (the embed's `?autoplay=1`). */
  autoplay: boolean;
  /** Name a built-in lesson and its step in the page's URL (the playground; the embed's URL is the teacher's). */
  lessonInUrl: boolean;
}

const playgroundHost: LessonPlayerHost = {
  showSnippet(source, language, announce) {
    useStore.getState().openLessonSnippet(source, announce, language);
    runNow(source, language);
  },
  defaultStep: null,
  autoplay: false,
  lessonInUrl: true,
};

let host = playgroundHost;
let stopWaiting: (() => void) | null = null;

export function configureLessonPlayer(h: LessonPlayerHost): void {
  host = h;
}

/**
 * Opens a lesson at the given step, or where the student left it (its saved progress: their
 * predictions come back too). The editor's preview records nothing. A built-in lesson of seed
 * examples opens in the editor's language (the articles' own Python in Python mode).
 */
export function openLesson(opened: Lesson, origin: LessonOrigin = 'builtin', step?: number): void {
  const lesson = origin === 'builtin' ? seedLessonIn(opened, useStore.getState().language) : opened;
  const progress = origin === 'preview' ? null : loadProgress(lesson);
  useStore.getState().setLesson(lesson, origin, progress?.predictions ?? {});
  saveTab(TAB_LESSON_KEY, origin === 'link' || origin === 'file' ? JSON.stringify(lesson) : null);
  showStep(step ?? progress?.step ?? 0, true);
}

/** The lesson this tab had open from a link or a file (a reload), as JSON text, if any. */
export function tabLessonText(): string | null {
  return loadTab(TAB_LESSON_KEY);
}

export function closeLesson(): void {
  stopWaiting?.();
  saveTab(TAB_LESSON_KEY, null);
  useStore.getState().setLesson(null);
  if (host.lessonInUrl) setLessonUrl(null);
}

/** Shows step `index` of the open lesson: its snippet in the editor, run, the stepper placed. */
export function showStep(index: number, announce = false): void {
  const { lesson, lessonOrigin } = useStore.getState();
  if (!lesson) return;
  const i = Math.max(0, Math.min(lesson.steps.length - 1, index));
  const step = lesson.steps[i]!;
  const language = stepLanguage(step);
  const source = snippetSource(step.snippet, language);
  useStore.getState().setLessonStep(i);
  // A built-in lesson is named in the URL, so that a reload or a shared URL reopens it there;
  // other lessons live in the tab (a link's or a file's) or in the editor (a preview).
  if (host.lessonInUrl) setLessonUrl(lessonOrigin === 'builtin' ? lesson.id : null, i);
  host.showSnippet(source, language, announce);
  stopWaiting?.();
  stopWaiting = null;
  const place = step.stepper ?? (host.defaultStep !== null ? { step: host.defaultStep } : null);
  if (!place && !host.autoplay) return;
  const { trace, step: k = 0, mode = 'backward' } = place ?? {};
  const runId = useStore.getState().runId;
  // The store resets the stepper when a run's traces arrive; place it after that.
  const unsubscribe = useStore.subscribe((state) => {
    if (state.runId !== runId) return done();
    if (state.status === 'running') return;
    done();
    if (state.traces.length === 0) return;
    const t = Math.min(trace ?? state.traces.length - 1, state.traces.length - 1);
    state.resetStepper(t, mode);
    state.setStep(Math.min(k, state.traces[t]!.steps.length));
    if (host.autoplay) state.setPlaying(true);
  });
  function done() {
    unsubscribe();
    if (stopWaiting === done) stopWaiting = null;
  }
  stopWaiting = done;
}

// The student's place and predictions are saved as they change (never a preview's).
useStore.subscribe((s, prev) => {
  if (!s.lesson || s.lessonOrigin === 'preview') return;
  if (s.lesson === prev.lesson && s.lessonStep === prev.lessonStep && s.predictions === prev.predictions) return;
  saveProgress(s.lesson, s.lessonStep, s.predictions);
});

/** `?lesson=<id>&step=<n>` (n 1-based, left out for the first) while a built-in lesson is open. */
function setLessonUrl(id: string | null, step = 0): void {
  const params = new URLSearchParams(location.search);
  params.delete('lesson');
  params.delete('step');
  if (id) params.set('lesson', id);
  if (id && step > 0) params.set('step', String(step + 1));
  const query = params.toString();
  history.replaceState(history.state, '', `${location.pathname}${query ? `?${query}` : ''}${location.hash}`);
}
