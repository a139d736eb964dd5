/**
 * The lesson editor, in the lesson's place beside the code editor: the lesson's title, file name
 * and summary, its steps (select one to edit it and see its snippet run beside it; reorder, add,
 * delete with undo), and Preview, Share, Download .json and Open lesson file…. Every problem the
 * validator finds is shown next to its field. The draft is kept in the browser as it changes.
 */
import { useMemo, useState } from 'react';
import { lessonProblems, type LessonProblem } from '../schema';
import { downloadLesson, LessonShareDialog } from '../LessonShareDialog';
import { LessonView } from '../LessonView';
import { LessonFileButton, ProblemList } from '../lessonFileUi';
import { lessonFileName, lessonIdFromTitle, readLessonFile } from '../share';
import { addStep, closeLessonEditor, editLesson, preview, showAllProblems, undoDelete, updateLesson, useDraft } from './editorController';
import { Field, Problems, ProblemsContext, type ProblemView } from './fields';
import { StepEditor } from './StepEditor';
import './LessonEditor.css';

function useProblemView(): { view: ProblemView; all: LessonProblem[] } {
  const lesson = useDraft((s) => s.lesson);
  const touched = useDraft((s) => s.touched);
  const showAll = useDraft((s) => s.showAllProblems);
  return useMemo(() => {
    const all = lessonProblems(lesson);
    const shown = (p: LessonProblem) => showAll || touched.has(p.path);
    return {
      all,
      view: { at: (path, nested) => all.filter((p) => shown(p) && (p.path === path || (nested === true && (p.path.startsWith(`${path}.`) || p.path.startsWith(`${path}[`))))) },
    };
  }, [lesson, touched, showAll]);
}

function PreviewBar() {
  return (
    <div className="lesson-preview-bar" role="status">
      <span>Preview: the lesson as students see it</span>
      <button type="button" className="gl-button" data-testid="lesson-editor-back" onClick={() => preview(false)}>
        Back to editing
      </button>
    </div>
  );
}

export function LessonEditor() {
  const previewing = useDraft((s) => s.previewing);
  const lesson = useDraft((s) => s.lesson);
  const selected = useDraft((s) => s.selected);
  const saved = useDraft((s) => s.saved);
  const deleted = useDraft((s) => s.deleted);
  const { view, all } = useProblemView();
  const [sharing, setSharing] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const [fileErrors, setFileErrors] = useState<{ name: string; errors: string[] } | null>(null);

  if (previewing) return <LessonView place="preview" previewBar={<PreviewBar />} />;

  const share = () => {
    showAllProblems();
    if (all.length > 0) {
      setStatus(`Fix the ${all.length === 1 ? 'problem' : `${all.length} problems`} marked below before sharing.`);
      return;
    }
    setStatus(null);
    setSharing(true);
  };
  const download = () => {
    showAllProblems();
    downloadLesson(lesson);
    setStatus(all.length > 0 ? `Downloaded ${lessonFileName(lesson)}, with ${all.length === 1 ? 'a problem' : `${all.length} problems`} still to fix (marked below).` : `Downloaded ${lessonFileName(lesson)}.`);
  };
  const openFile = async (file: File) => {
    const result = await readLessonFile(file, { draft: true });
    if (!result.ok) {
      setFileErrors({ name: file.name, errors: result.errors });
      return;
    }
    setFileErrors(null);
    setStatus(`Opened ${file.name}.`);
    editLesson(result.lesson, 0);
  };
  const setTitle = (title: string) =>
    updateLesson((l) => ({ ...l, title, id: l.id === lessonIdFromTitle(l.title) || l.id === 'my-lesson' ? lessonIdFromTitle(title) : l.id }), 'title');

  return (
    <ProblemsContext.Provider value={view}>
      <section className="panel lesson-panel lesson-editor" aria-label="Lesson editor" data-testid="lesson-editor">
        <div className="panel-header">
          <span className="panel-title">Lesson editor</span>
          <span className={`panel-meta${saved ? '' : ' is-warning'}`} data-testid="lesson-editor-saved">
            {saved ? 'draft kept in this browser' : 'not kept: storage is off or full; download the file'}
          </span>
          <button type="button" className="lesson-close" onClick={closeLessonEditor} aria-label="Close the lesson editor" title="Close the editor (the draft is kept)" data-testid="lesson-editor-close">
            ×
          </button>
        </div>
        <div className="lesson-toolbar">
          <button type="button" className="lesson-tool" data-testid="lesson-editor-preview" onClick={() => preview(true)}>
            Preview
          </button>
          <button type="button" className="lesson-tool" data-testid="lesson-share" onClick={share}>
            Share
          </button>
          <button type="button" className="lesson-tool" data-testid="lesson-download" onClick={download}>
            Download .json
          </button>
          <LessonFileButton label="Open lesson file…" className="lesson-tool" testId="lesson-editor-file" onFile={(f) => void openFile(f)} />
        </div>
        <div className="lesson-editor-body">
          {status && (
            <p className="lesson-editor-status" role="status" data-testid="lesson-editor-status">
              {status}
            </p>
          )}
          {fileErrors && (
            <ProblemList
              title={
                <>
                  <strong>{fileErrors.name}</strong> is not a lesson the editor can open:
                </>
              }
              errors={fileErrors.errors}
              testId="lesson-file-errors"
            />
          )}
          <Field label="Lesson title" path="title" value={lesson.title} onChange={setTitle} placeholder="The chain rule, one node at a time" testId="lesson-editor-title" />
          <Field
            label="File name"
            path="id"
            value={lesson.id}
            onChange={(id) => updateLesson((l) => ({ ...l, id }), 'id')}
            hint={`${lessonFileName(lesson)}: lowercase letters, digits and dashes`}
            mono
            testId="lesson-editor-id"
          />
          <Field label="Summary (shown in the gallery)" path="summary" value={lesson.summary} onChange={(summary) => updateLesson((l) => ({ ...l, summary }), 'summary')} rows={2} testId="lesson-editor-summary" />
          <Field
            label="Based on (optional: an article, a book chapter)"
            path="source"
            value={lesson.source ?? ''}
            onChange={(v) =>
              updateLesson((l) => {
                // An emptied optional field leaves the file; a kept one keeps its place in it.
                const { source: _, ...rest } = l;
                return v === '' ? rest : { ...l, source: v };
              }, 'source')
            }
          />
          <h3 className="lesson-editor-heading">Steps</h3>
          <Problems path="steps" />
          <ol className="lesson-editor-steps">
            {lesson.steps.map((step, i) => (
              <StepEditor key={i} index={i} step={step} count={lesson.steps.length} selected={i === selected} />
            ))}
          </ol>
          {deleted && (
            <p className="lesson-editor-status" role="status">
              Step {deleted.index + 1} deleted.{' '}
              <button type="button" className="gl-button" data-testid="lesson-editor-undo" onClick={undoDelete}>
                Undo
              </button>
            </p>
          )}
          <button
            type="button"
            className="gl-button"
            data-testid="lesson-editor-add-step"
            onClick={() => {
              addStep();
              // The new step's first field, ready to type (after React has drawn it).
              requestAnimationFrame(() => document.querySelector<HTMLInputElement>(`[data-path="steps[${useDraft.getState().selected}].title"]`)?.focus());
            }}
          >
            + Add a step after step {selected + 1}
          </button>
        </div>
      </section>
      {sharing && <LessonShareDialog lesson={lesson} onClose={() => setSharing(false)} />}
    </ProblemsContext.Provider>
  );
}
