import { understandingAutograd } from '../../engine/seeds/examples';
import type { SliceCreator } from './types';
import { load, save } from './storage';

/** The first visit's snippet: the first seed article's complete example (graph, backward, grad). */
export const DEFAULT_SOURCE = (understandingAutograd.find((e) => e.id === '000-4') ?? understandingAutograd[0]).source;

export interface SnippetSlice {
  source: string;
  /** Run as the student types (debounced). */
  autoRun: boolean;
  setSource(source: string): void;
  setAutoRun(on: boolean): void;
}

export const createSnippetSlice: SliceCreator<SnippetSlice> = (set) => ({
  source: load('source') ?? DEFAULT_SOURCE,
  autoRun: load('autoRun') !== 'false',
  setSource: (source) => {
    // Saved on every change, so a reload or a crash loses nothing.
    save('source', source);
    set({ source });
  },
  setAutoRun: (autoRun) => {
    save('autoRun', String(autoRun));
    set({ autoRun });
  },
});
