import type { SliceCreator } from './types';
import { load, save } from './storage';

export type Theme = 'light' | 'dark';

export interface UiSlice {
  theme: Theme;
  /** Draw the tensors each op saved for backward (make_dot's show_saved). */
  showSaved: boolean;
  setTheme(theme: Theme): void;
  setShowSaved(on: boolean): void;
}

function initialTheme(): Theme {
  const saved = load('theme');
  if (saved === 'light' || saved === 'dark') return saved;
  return typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

export const createUiSlice: SliceCreator<UiSlice> = (set) => ({
  theme: initialTheme(),
  showSaved: load('showSaved') === 'true',
  setTheme: (theme) => {
    save('theme', theme);
    set({ theme });
  },
  setShowSaved: (showSaved) => {
    save('showSaved', String(showSaved));
    set({ showSaved });
  },
});
