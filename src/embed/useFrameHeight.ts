/**
 * The embed sizes its iframe: it posts `{ type: 'gradlab:height', height }` to the embedding page
 * whenever its content's height changes (README "Embedding" has the few lines the page needs).
 * With `?parent=<origin>` the message goes to that origin only, and only that origin's messages
 * are read; without it the height (nothing secret) goes to any parent. Messages are read only from
 * `window.parent`, and the only one understood is `{ type: 'gradlab:request-height' }`: nothing a
 * message says can change or run the snippet.
 */
import { useEffect, type RefObject } from 'react';

export function useFrameHeight(root: RefObject<HTMLElement | null>, parentOrigin: string | null): void {
  useEffect(() => {
    const el = root.current;
    if (!el || window.parent === window) return;
    const target = parentOrigin ?? '*';
    let last = -1;
    const post = (force = false) => {
      const height = Math.ceil(el.getBoundingClientRect().height);
      if (height === last && !force) return;
      last = height;
      window.parent.postMessage({ type: 'gradlab:height', height }, target);
    };
    const observer = new ResizeObserver(() => post());
    observer.observe(el);
    const onMessage = (e: MessageEvent) => {
      if (e.source !== window.parent) return;
      if (parentOrigin !== null && e.origin !== parentOrigin) return;
      const data: unknown = e.data;
      if (typeof data === 'object' && data !== null && (data as { type?: unknown }).type === 'gradlab:request-height') post(true);
    };
    window.addEventListener('message', onMessage);
    post(true);
    return () => {
      observer.disconnect();
      window.removeEventListener('message', onMessage);
    };
  }, [root, parentOrigin]);
}
