import { useEffect } from 'react';
import { useStore } from '../store';
import { codeFromHash } from './links';
import { runNow } from './runController';

/**
 * Opens `#code/` links on load and on hashchange, and otherwise runs the saved snippet once. The
 * hash is cleared after loading, so that a reload keeps the student's edits instead of the link.
 */
export function useLinks(): void {
  useEffect(() => {
    const open = (): boolean => {
      const code = codeFromHash(location.hash);
      if (code === null) return false;
      history.replaceState(null, '', location.pathname + location.search);
      useStore.getState().setSource(code);
      runNow(code);
      return true;
    };
    if (!open()) runNow();
    const onHashChange = () => void open();
    window.addEventListener('hashchange', onHashChange);
    return () => window.removeEventListener('hashchange', onHashChange);
  }, []);
}
