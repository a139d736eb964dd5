import type { Lesson } from '../lessons/schema';
import type { SliceCreator } from './types';

/** The lesson beside the editor (null: none open), its step, and the predictions made so far. */
export interface LessonSlice {
  lesson: Lesson | null;
  lessonStep: number;
  /** Step index -> the student's checked prediction (a checked step shows its answer). */
  predictions: Record<number, { guess: string; right: boolean }>;
  galleryOpen: boolean;
  setLesson(lesson: Lesson | null): void;
  setLessonStep(step: number): void;
  recordPrediction(step: number, guess: string, right: boolean): void;
  setGalleryOpen(open: boolean): void;
}

export const createLessonSlice: SliceCreator<LessonSlice> = (set) => ({
  lesson: null,
  lessonStep: 0,
  predictions: {},
  galleryOpen: false,
  setLesson: (lesson) => set({ lesson, lessonStep: 0, predictions: {} }),
  setLessonStep: (lessonStep) => set({ lessonStep }),
  recordPrediction: (step, guess, right) => set((s) => ({ predictions: { ...s.predictions, [step]: { guess, right } } })),
  setGalleryOpen: (galleryOpen) => set({ galleryOpen }),
});
