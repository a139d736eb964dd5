/**
 * How a page load opens a lesson (useLinks loads this module only when one is asked for, so a
 * plain visit never carries the lessons): a `#lesson/` link, a built-in one by `?lesson=<id>`, or
 * the lesson or editor this tab had open before a reload.
 */
import { useStore } from '../store';
import { loadTab } from '../store/storage';
import { TAB_LESSON_KEY } from '../store/lessonSlice';
import { lessonById } from './index';
import { loadLessonFromText } from './schema';
import { openLesson } from './lessonController';

/**
 * A `#lesson/` link: its JSON text (decompressed within bounds by links.ts), validated as a file
 * is. A link that does not hold a lesson opens the gallery, which says why.
 */
export function openLessonLink(link: { text: string } | { reason: string }): boolean {
  const result = 'text' in link ? loadLessonFromText(link.text) : { ok: false as const, errors: [link.reason] };
  if (result.ok) {
    openLesson(result.lesson, 'link');
    return true;
  }
  useStore.getState().setGalleryOpen(true, { title: 'This lesson link could not be opened:', errors: result.errors });
  return false;
}

/** `?lesson=<id>&step=<n>` (n 1-based). */
export function openBuiltInLesson(id: string, step: string | null): boolean {
  const lesson = lessonById(id);
  if (!lesson) {
    // Text only: the id comes from the URL.
    useStore.setState({ notice: { text: `There is no built-in lesson called “${id.slice(0, 80)}”. Open the Lessons gallery to pick one.`, offerDraft: false } });
    return false;
  }
  openLesson(lesson, 'builtin', step === null ? undefined : Math.max(0, (Number.parseInt(step, 10) || 1) - 1));
  return true;
}

/** The lesson a link or a file opened in this tab before a reload, at the step it was on. */
export function reopenTabLesson(): boolean {
  const text = loadTab(TAB_LESSON_KEY);
  const result = text === null ? null : loadLessonFromText(text);
  if (!result?.ok) return false;
  openLesson(result.lesson, 'link');
  return true;
}

