/**
 * The first-visit tour's state: open or not, which tip, and whether this browser has seen it
 * (localStorage, through the store's never-throwing storage). Its own small store: the Header's
 * button and the tour itself are far apart in the tree, and nothing else cares.
 */
import { create } from 'zustand';
import { load, save } from '../../store/storage';

/** `gradlab.tourSeen` in localStorage (e2e/helpers.ts sets it to skip the tour). */
const SEEN_KEY = 'tourSeen';

interface TourState {
  open: boolean;
  tip: number;
  /** Opens the tour at its first tip, and counts it as seen: "once" means once, even if ignored. */
  start(): void;
  go(tip: number): void;
  close(): void;
}

export const useTour = create<TourState>((set) => ({
  open: false,
  tip: 0,
  start: () => {
    save(SEEN_KEY, '1');
    set({ open: true, tip: 0 });
  },
  go: (tip) => set({ tip }),
  close: () => set({ open: false }),
}));

/**
 * A first visit of the playground itself. A lesson link (`?lesson=`, `#lesson/`) brings its own guide, step by
 * step, and the tour would only compete with it: it waits for a later plain visit. A `#code/` link
 * from a teacher often reaches a newcomer, so it shows the tour (once, like any first visit).
 */
export function isFirstVisit(): boolean {
  return load(SEEN_KEY) !== '1' && !new URLSearchParams(location.search).has('lesson') && !location.hash.startsWith('#lesson/');
}
