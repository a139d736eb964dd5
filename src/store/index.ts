/** The playground's one zustand store, composed of slices (zustand's slices pattern). */
import { create } from 'zustand';
import type { AppState } from './types';
import { createSnippetSlice } from './snippetSlice';
import { createRunSlice } from './runSlice';
import { createSelectionSlice } from './selectionSlice';
import { createUiSlice } from './uiSlice';

export type { AppState } from './types';
export type { Theme } from './uiSlice';
export type { RunStatus } from './runSlice';
export { DEFAULT_SOURCE } from './snippetSlice';

export const useStore = create<AppState>()((...a) => ({
  ...createSnippetSlice(...a),
  ...createRunSlice(...a),
  ...createSelectionSlice(...a),
  ...createUiSlice(...a),
}));
