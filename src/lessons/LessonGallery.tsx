/**
 * The Lessons gallery: the built-in lessons (title, summary, steps), the teacher's drafts from the
 * lesson editor, "New lesson", and a lesson file through a file picker, validated on load with
 * every problem listed by its path. A lesson link that could not be opened lands here, saying why.
 */
import { useState } from 'react';
import { Dialog } from '../app/Dialog';
import { useStore } from '../store';
import { deleteDraft, listDrafts } from './editor/drafts';
import { builtInLessons } from './index';
import { openLesson } from './lessonController';
import { LessonFileButton, ProblemList } from './lessonFileUi';
import { readLessonFile } from './share';
import './Lessons.css';

const editor = () => import('./editor/editorController');

export function LessonGallery() {
  const open = useStore((s) => s.galleryOpen);
  const problem = useStore((s) => s.galleryProblem);
  const setOpen = useStore((s) => s.setGalleryOpen);
  const current = useStore((s) => s.lesson);
  const [fileErrors, setFileErrors] = useState<{ name: string; errors: string[] } | null>(null);
  // Read when shown: the editor may have saved one since.
  const [, setDraftsChanged] = useState(0);
  const drafts = open ? listDrafts() : [];

  const close = () => {
    setOpen(false);
    setFileErrors(null);
  };

  const onFile = async (file: File) => {
    const result = await readLessonFile(file);
    if (!result.ok) {
      setFileErrors({ name: file.name, errors: result.errors });
      return;
    }
    close();
    openLesson(result.lesson, 'file');
  };

  return (
    <Dialog open={open} title="Lessons" onClose={close} testId="lesson-gallery" wide>
      {problem && <ProblemList title={problem.title} errors={problem.errors} testId="lesson-link-error" />}
      <ul className="lesson-cards">
        {builtInLessons.map((lesson) => (
          <li key={lesson.id}>
            <button
              type="button"
              className="lesson-card"
              data-testid="lesson-card"
              data-lesson-id={lesson.id}
              aria-current={current?.id === lesson.id ? 'true' : undefined}
              onClick={() => {
                close();
                openLesson(lesson);
              }}
            >
              <span className="lesson-card-title">{lesson.title}</span>
              <span className="lesson-card-summary">{lesson.summary}</span>
              <span className="lesson-card-meta">
                {lesson.steps.length} steps{lesson.source ? ` · after “${lesson.source}”` : ''}
              </span>
            </button>
          </li>
        ))}
      </ul>
      <section className="lesson-drafts" aria-label="Your lessons">
        <div className="lesson-drafts-head">
          <h3 className="lesson-drafts-title">Your lessons</h3>
          <button
            type="button"
            className="gl-button gl-button--primary"
            data-testid="lesson-new"
            onClick={() => {
              close();
              void editor().then((m) => m.newLesson());
            }}
          >
            New lesson
          </button>
        </div>
        {drafts.length === 0 ? (
          <p className="gl-dialog-status">Write a lesson of your own: steps with text, math, a snippet and a question, shared by a link. Drafts are kept in this browser.</p>
        ) : (
          <ul className="lesson-draft-list">
            {drafts.map((d) => (
              <li key={d.key} className="lesson-draft">
                <button
                  type="button"
                  className="lesson-draft-open"
                  data-testid="lesson-draft"
                  onClick={() => {
                    close();
                    void editor().then((m) => m.openDraft(d.key));
                  }}
                >
                  <span className="lesson-card-title">{d.title.trim() || 'Untitled lesson'}</span>
                  <span className="lesson-card-meta">
                    {d.steps} {d.steps === 1 ? 'step' : 'steps'} · edited {new Date(d.updated).toLocaleString()}
                  </span>
                </button>
                <button
                  type="button"
                  className="lesson-editor-icon"
                  aria-label={`Delete the draft “${d.title.trim() || 'Untitled lesson'}”`}
                  title="Delete this draft"
                  data-testid="lesson-draft-delete"
                  onClick={() => {
                    deleteDraft(d.key);
                    setDraftsChanged((n) => n + 1);
                  }}
                >
                  ×
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
      <div className="lesson-file">
        <LessonFileButton label="Open your own lesson file…" className="gl-button" testId="lesson-file" onFile={(f) => void onFile(f)} />
        <span className="gl-dialog-status">A lesson file stays on your computer; “Download .json” in the lesson editor makes one.</span>
      </div>
      {fileErrors && (
        <ProblemList
          title={
            <>
              <strong>{fileErrors.name}</strong> is not a lesson Gradlab can open:
            </>
          }
          errors={fileErrors.errors}
          testId="lesson-file-errors"
        />
      )}
    </Dialog>
  );
}
