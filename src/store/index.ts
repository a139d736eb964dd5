/** The playground's one zustand store, composed of slices (zustand's slices pattern). */
import { create } from 'zustand';
import type { AppState } from './types';
import { createSnippetSlice } from './snippetSlice';
import { createRunSlice } from './runSlice';
import { createSelectionSlice } from './selectionSlice';
import { createUiSlice } from './uiSlice';
import { createStepperSlice } from './stepperSlice';
import { createLessonSlice } from './lessonSlice';

export type { AppState } from './types';
export type { Theme } from './uiSlice';
export type { RunStatus } from './runSlice';
export type { StepperMode } from './stepperSlice';
export { DEFAULT_SOURCE } from './snippetSlice';

export const useStore = create<AppState>()((...a) => ({
  ...createSnippetSlice(...a),
  ...createRunSlice(...a),
  ...createSelectionSlice(...a),
  ...createUiSlice(...a),
  ...createStepperSlice(...a),
  ...createLessonSlice(...a),
}));

declare global {
  interface Window {
    /**
     * Test hook: the store, for specs that need a state no snippet can produce (a panel that
     * fails to render must leave the rest of the page working).
     */
    gradlabStore?: typeof useStore;
  }
}
if (typeof window !== 'undefined') window.gradlabStore = useStore;

// Every run starts the stepper afresh, on its newest backward.
useStore.subscribe((s, prev) => {
  if (s.traces !== prev.traces) s.resetStepper(Math.max(0, s.traces.length - 1), 'backward');
});
