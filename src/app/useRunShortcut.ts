import { useEffect } from 'react';
import { runNow } from './runController';

/** Ctrl/Cmd+Enter runs from anywhere on the page (the editor handles its own). */
export function useRunShortcut(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Enter' || !(e.ctrlKey || e.metaKey)) return;
      if (e.target instanceof Element && e.target.closest('[data-testid="editor"]')) return;
      e.preventDefault();
      runNow();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
