/**
 * Moving through a lesson: each step loads its snippet into the editor (as this tab's own
 * snippet, like a link: the student's draft is never overwritten), runs it, and once that run is
 * done opens the backward stepper where the step says. Lives outside React, like the runner.
 */
import { lessonById, snippetSource, type Lesson } from '../../lessons';
import { useStore } from '../../store';
import { runNow } from '../runController';

let stopWaiting: (() => void) | null = null;

/** Opens a lesson at its first (or the given) step. */
export function openLesson(lesson: Lesson, step = 0): void {
  useStore.getState().setLesson(lesson);
  showStep(step, true);
}

export function closeLesson(): void {
  stopWaiting?.();
  useStore.getState().setLesson(null);
  setLessonUrl(null);
}

/** Shows step `index` of the open lesson: its snippet in the editor, run, the stepper placed. */
export function showStep(index: number, announce = false): void {
  const { lesson } = useStore.getState();
  if (!lesson) return;
  const i = Math.max(0, Math.min(lesson.steps.length - 1, index));
  const step = lesson.steps[i]!;
  const source = snippetSource(step.snippet);
  const s = useStore.getState();
  s.setLessonStep(i);
  // A built-in lesson is named in the URL, so that a reload or a shared URL reopens it there;
  // a teacher's own file is not (it lives on their disk).
  setLessonUrl(lessonById(lesson.id) === lesson ? lesson.id : null, i);
  s.openLessonSnippet(source, announce);
  runNow(source);
  stopWaiting?.();
  stopWaiting = null;
  if (!step.stepper) return;
  const { trace = 0, step: k = 0 } = step.stepper;
  const runId = useStore.getState().runId;
  // The store resets the stepper when a run's traces arrive; place it after that.
  const unsubscribe = useStore.subscribe((state) => {
    if (state.runId !== runId) return done();
    if (state.status === 'running') return;
    done();
    if (state.traces.length === 0) return;
    const t = Math.min(trace, state.traces.length - 1);
    state.resetStepper(t, 'backward');
    state.setStep(Math.min(k, state.traces[t]!.steps.length));
  });
  function done() {
    unsubscribe();
    if (stopWaiting === done) stopWaiting = null;
  }
  stopWaiting = done;
}

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
