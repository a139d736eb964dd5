import { useEffect } from 'react';
import { DEFAULT_SOURCE, useStore } from '../store';
import { lessonById } from '../lessons';
import { decodeLink } from './links';
import { runNow } from './runController';
import { openLesson } from './lessons/lessonController';
import { noteOpeningRun, NOT_RUN_NOTICE, stoppedBefore } from './loadGuard';
import { storedDraftBackup } from '../store/draftBackup';

/**
 * Opens `#code/` links on load and on hashchange, and otherwise runs the saved snippet once. The
 * hash is cleared after loading, so that a reload keeps the student's edits instead of the link.
 * A link opens in this tab's own state: the student's draft is never overwritten. A link that
 * cannot be opened (corrupt, cut short, too big, unknown format) opens the default snippet, and
 * the banner says why. `?lesson=<id>` (and `&step=<n>`, 1-based) opens a built-in lesson. A
 * snippet that stopped the page the last time it ran on opening is opened, not run (loadGuard.ts).
 */
export function useLinks(): void {
  useEffect(() => {
    const open = (run: (source: string) => void): boolean => {
      const link = decodeLink(location.hash);
      if (link.kind === 'none') return false;
      history.replaceState(null, '', location.pathname + location.search);
      const source = link.kind === 'code' ? link.source : DEFAULT_SOURCE;
      useStore.getState().openLink(source, link.kind === 'invalid' ? link.reason : null);
      run(source);
      return true;
    };
    if (!open(runOnOpening) && !openLessonFromQuery()) {
      const opened = useStore.getState().source;
      runOnOpening(opened);
      // A newer draft that localStorage refused (full) may wait in the origin's backup store.
      void storedDraftBackup().then((backup) => {
        const s = useStore.getState();
        if (backup === null || backup === opened || s.fromLink || s.source !== opened) return;
        s.adoptDraftBackup(backup);
        runOnOpening(backup);
      });
    }
    const onHashChange = () => void open(runNow);
    window.addEventListener('hashchange', onHashChange);
    return () => window.removeEventListener('hashchange', onHashChange);
  }, []);
}

/** The run as the page opens, unless this snippet stopped the page the last time it ran so. */
function runOnOpening(source: string): void {
  if (stoppedBefore(source)) {
    const { notice } = useStore.getState();
    useStore.setState({ notice: { text: notice ? `${notice.text} ${NOT_RUN_NOTICE}` : NOT_RUN_NOTICE, offerDraft: notice?.offerDraft ?? false } });
    return;
  }
  noteOpeningRun(source);
  runNow(source);
}

function openLessonFromQuery(): boolean {
  const params = new URLSearchParams(location.search);
  const id = params.get('lesson');
  if (id === null) return false;
  const lesson = lessonById(id);
  if (!lesson) {
    // Text only: the id comes from the URL.
    useStore.setState({ notice: { text: `There is no built-in lesson called “${id.slice(0, 80)}”. Open the Lessons gallery to pick one.`, offerDraft: false } });
    return false;
  }
  openLesson(lesson, Math.max(0, (Number.parseInt(params.get('step') ?? '1', 10) || 1) - 1));
  return true;
}
