import { useEffect } from 'react';
import { DEFAULT_SOURCE, useStore } from '../store';
import { decodeLink } from './links';
import { runNow } from './runController';

/**
 * Opens `#code/` links on load and on hashchange, and otherwise runs the saved snippet once. The
 * hash is cleared after loading, so that a reload keeps the student's edits instead of the link.
 * A link opens in this tab's own state: the student's draft is never overwritten. A link that
 * cannot be opened (corrupt, cut short, too big, unknown format) opens the default snippet, and
 * the banner says why.
 */
export function useLinks(): void {
  useEffect(() => {
    const open = (): boolean => {
      const link = decodeLink(location.hash);
      if (link.kind === 'none') return false;
      history.replaceState(null, '', location.pathname + location.search);
      const source = link.kind === 'code' ? link.source : DEFAULT_SOURCE;
      useStore.getState().openLink(source, link.kind === 'invalid' ? link.reason : null);
      runNow(source);
      return true;
    };
    if (!open()) runNow();
    const onHashChange = () => void open();
    window.addEventListener('hashchange', onHashChange);
    return () => window.removeEventListener('hashchange', onHashChange);
  }, []);
}
