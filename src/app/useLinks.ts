import { useEffect } from 'react';
import { DEFAULT_SOURCE, useStore } from '../store';
import { TAB_EDITOR_KEY, TAB_LESSON_KEY } from '../store/lessonSlice';
import { loadTab } from '../store/storage';
import { DRAFT_KEYS } from '../store/snippetSlice';
import type { Language } from '../store/language';
import { decodeLink, type Link } from './links';
import { runNow } from './runController';
import { noteOpeningRun, NOT_RUN_NOTICE, stoppedBefore } from './loadGuard';
import { storedDraftBackup } from '../store/draftBackup';

/**
 * Opens `#code/` (and Python's `#py/`) links on load and on hashchange, and otherwise runs the saved snippet once. The
 * hash is cleared after loading, so that a reload keeps the student's edits instead of the link.
 * A link opens in this tab's own state: the student's draft is never overwritten. A link that
 * cannot be opened (corrupt, cut short, too big, unknown format) opens the default snippet, and
 * the banner says why. A snippet that stopped the page the last time it ran on opening is opened,
 * not run (loadGuard.ts).
 *
 * Lessons: `#lesson/<lz-string>` opens a whole lesson (a broken one opens the gallery, which says
 * why), `?lesson=<id>` (and `&step=<n>`, 1-based) a built-in one, and a reload reopens the lesson
 * or the lesson editor this tab had open. The lessons' code loads only then.
 */
export function useLinks(): void {
  useEffect(() => {
    const open = (run: (source: string, language: Language) => void): boolean => {
      const link = decodeLink(location.hash);
      if (link.kind === 'none') return false;
      history.replaceState(null, '', location.pathname + location.search);
      if (link.kind === 'lesson' || (link.kind === 'invalid' && link.lesson)) {
        openLessonLink(link);
        return true;
      }
      const source = link.kind === 'code' ? link.source : DEFAULT_SOURCE;
      const language = link.kind === 'code' ? link.language : 'typescript';
      // A snippet from a link takes the lesson editor's place (its draft is kept), never a step's.
      useStore.getState().setLessonEditorOpen(false);
      useStore.getState().openLink(source, link.kind === 'invalid' ? link.reason : null, language);
      run(source, language);
      return true;
    };
    if (!open(runOnOpening) && !openSaved()) {
      const { source: opened, language } = useStore.getState();
      runOnOpening(opened, language);
      // A newer draft that localStorage refused (full) may wait in the origin's backup store.
      void storedDraftBackup(DRAFT_KEYS[language]).then((backup) => {
        const s = useStore.getState();
        if (backup === null || backup === opened || s.fromLink || s.source !== opened || s.language !== language) return;
        s.adoptDraftBackup(backup);
        runOnOpening(backup, language);
      });
    }
    const onHashChange = () => void open(runNow);
    window.addEventListener('hashchange', onHashChange);
    return () => window.removeEventListener('hashchange', onHashChange);
  }, []);
}

/** The run as the page opens, unless this snippet stopped the page the last time it ran so. */
function runOnOpening(source: string, language: Language): void {
  if (stoppedBefore(source)) {
    const { notice } = useStore.getState();
    useStore.setState({ notice: { text: notice ? `${notice.text} ${NOT_RUN_NOTICE}` : NOT_RUN_NOTICE, offerDraft: notice?.offerDraft ?? false } });
    return;
  }
  noteOpeningRun(source);
  runNow(source, language);
}

function openLessonLink(link: Extract<Link, { kind: 'lesson' | 'invalid' }>): void {
  void import('../lessons/open').then((lessons) => {
    // A link that holds no lesson still leaves a graph on the page.
    if (!lessons.openLessonLink(link.kind === 'lesson' ? { text: link.text } : { reason: link.reason })) runNow();
  });
}

/** `?lesson=<id>`, or what this tab had open before a reload: the lesson editor, or a lesson. */
function openSaved(): boolean {
  const id = new URLSearchParams(location.search).get('lesson');
  if (id !== null) {
    void import('../lessons/open').then((m) => m.openBuiltInLesson(id, new URLSearchParams(location.search).get('step')) || runNow());
    return true;
  }
  if (loadTab(TAB_EDITOR_KEY) !== null) {
    void import('../lessons/editor/editorController').then((m) => m.reopenLessonEditor() || runNow());
    return true;
  }
  if (loadTab(TAB_LESSON_KEY) !== null) {
    void import('../lessons/open').then((m) => m.reopenTabLesson() || runNow());
    return true;
  }
  return false;
}
