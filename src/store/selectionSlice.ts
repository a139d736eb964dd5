import type { SliceCreator } from './types';

export interface SelectionSlice {
  /** The graph node the inspector shows (a VizNode id: `t12`, `n7`). */
  selectedId: string | null;
  /** The graph node under the pointer. */
  hoverId: string | null;
  /** The editor line the cursor is on (1-based). */
  cursorLine: number | null;
  select(id: string | null): void;
  hover(id: string | null): void;
  setCursorLine(line: number | null): void;
}

export const createSelectionSlice: SliceCreator<SelectionSlice> = (set) => ({
  selectedId: null,
  hoverId: null,
  cursorLine: null,
  select: (selectedId) => set({ selectedId }),
  hover: (hoverId) => set({ hoverId }),
  setCursorLine: (cursorLine) => set({ cursorLine }),
});
