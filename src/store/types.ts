import type { StateCreator } from 'zustand';
import type { SnippetSlice } from './snippetSlice';
import type { RunSlice } from './runSlice';
import type { SelectionSlice } from './selectionSlice';
import type { UiSlice } from './uiSlice';
import type { StepperSlice } from './stepperSlice';
import type { LessonSlice } from './lessonSlice';

export type AppState = SnippetSlice & RunSlice & SelectionSlice & UiSlice & StepperSlice & LessonSlice;

/** zustand's slices pattern: each slice sees the whole store. */
export type SliceCreator<T> = StateCreator<AppState, [], [], T>;
