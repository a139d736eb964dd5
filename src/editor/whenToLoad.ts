/**
 * When the editor's Monaco (and its 1.5 MB TypeScript worker) loads: never before the first graph,
 * which a student who only reads came for. It loads at once when the student reaches for the
 * editor (focus, pointer, key). A returning student (this browser has a draft or has seen the
 * tour) also gets it when the page is idle after the first graph, or after the first run when it
 * drew none. A first visit does not: evaluating Monaco is one long task (1.5 s on a phone) that
 * would land while the student reads the graph. Until then the plain text editor shows the code
 * and edits it.
 */
import { useEffect, useState } from 'react';
import { firstGraphDrawn } from '../graph/drawn';
import { useStore } from '../store';
import { load } from '../store/storage';

/** Read as the page starts, before this visit's tour or edits leave their marks. */
const returning = load('tourSeen') !== null || load('source') !== null;

/** The first run has finished without a graph to draw (a snippet that builds none, or fails). */
const firstRunDrewNothing = new Promise<void>((resolve) => {
  const check = (): boolean => {
    const { status, graphs } = useStore.getState();
    if (status !== 'done' && status !== 'error') return false;
    if (graphs.length === 0) resolve();
    return true;
  };
  if (check()) return;
  const unsubscribe = useStore.subscribe(() => {
    if (check()) unsubscribe();
  });
});

/** A graph whose layout never comes (Graphviz failed to load) does not keep the editor plain forever. */
const LAST_RESORT_MS = 15_000;

const afterFirstResult = Promise.race([firstGraphDrawn, firstRunDrewNothing, new Promise<void>((r) => setTimeout(r, LAST_RESORT_MS))]);

/** True once Monaco should load; `reach()` asks for it now (the student is reaching for the editor). */
export function useMonacoWanted(): { wanted: boolean; reach(): void } {
  const [wanted, setWanted] = useState(false);
  useEffect(() => {
    if (wanted || !returning) return;
    let idle = 0;
    let live = true;
    void afterFirstResult.then(() => {
      if (live) idle = requestIdleCallback(() => setWanted(true), { timeout: 2000 });
    });
    return () => {
      live = false;
      cancelIdleCallback(idle);
    };
  }, [wanted]);
  return { wanted, reach: () => setWanted(true) };
}
