import type { Lesson } from '../lessons/schema';
import { saveTab } from './storage';
import type { SliceCreator } from './types';

/** A student's checked prediction for one step (a checked step shows its answer). */
export interface Prediction {
  guess: string;
  right: boolean;
}

/**
 * Where the open lesson came from: a built-in one (named in the URL), a shared `#lesson/` link or
 * a file (kept in the tab), or the lesson editor's preview of a draft (nothing of it is recorded).
 */
export type LessonOrigin = 'builtin' | 'link' | 'file' | 'preview';

/** Tab storage (sessionStorage) keys: the lesson a link or file opened, and an open lesson editor. */
export const TAB_LESSON_KEY = 'lesson';
export const TAB_EDITOR_KEY = 'lessonEditor';

/** The lesson beside the editor (null: none open), its step, and the predictions made so far. */
export interface LessonSlice {
  lesson: Lesson | null;
  lessonOrigin: LessonOrigin;
  lessonStep: number;
  /** Step index -> the student's checked prediction. */
  predictions: Record<number, Prediction>;
  galleryOpen: boolean;
  /** Why a lesson link or file could not be opened, shown in the gallery (text only). */
  galleryProblem: { title: string; errors: string[] } | null;
  /** The lesson editor is open in the lesson's place (its draft lives in src/lessons/editor). */
  lessonEditorOpen: boolean;
  setLesson(lesson: Lesson | null, origin?: LessonOrigin, predictions?: Record<number, Prediction>): void;
  setLessonStep(step: number): void;
  recordPrediction(step: number, guess: string, right: boolean): void;
  setGalleryOpen(open: boolean, problem?: { title: string; errors: string[] } | null): void;
  setLessonEditorOpen(open: boolean): void;
}

export const createLessonSlice: SliceCreator<LessonSlice> = (set) => ({
  lesson: null,
  lessonOrigin: 'builtin',
  lessonStep: 0,
  predictions: {},
  galleryOpen: false,
  galleryProblem: null,
  lessonEditorOpen: false,
  setLesson: (lesson, lessonOrigin = 'builtin', predictions = {}) => {
    // A lesson opened for itself takes the editor's place (the editor's draft is kept); its preview does not.
    if (lesson && lessonOrigin !== 'preview') saveTab(TAB_EDITOR_KEY, null);
    set((s) => ({ lesson, lessonOrigin, lessonStep: 0, predictions, lessonEditorOpen: lesson && lessonOrigin !== 'preview' ? false : s.lessonEditorOpen }));
  },
  setLessonStep: (lessonStep) => set({ lessonStep }),
  recordPrediction: (step, guess, right) => set((s) => ({ predictions: { ...s.predictions, [step]: { guess, right } } })),
  setGalleryOpen: (galleryOpen, galleryProblem = null) => set({ galleryOpen, galleryProblem }),
  setLessonEditorOpen: (lessonEditorOpen) => {
    // A reload of this tab reopens the editor.
    saveTab(TAB_EDITOR_KEY, lessonEditorOpen ? '1' : null);
    set({ lessonEditorOpen });
  },
});
