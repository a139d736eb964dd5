/**
 * Resolves once the page has drawn its first graph: what waits for "after the first graph" (the
 * editor's Monaco, src/editor/whenToLoad.ts) listens here, so that it never competes with it.
 */
let markDrawn: () => void = () => undefined;

export const firstGraphDrawn: Promise<void> = new Promise((resolve) => {
  markDrawn = resolve;
});

export function graphDrawn(): void {
  markDrawn();
}
