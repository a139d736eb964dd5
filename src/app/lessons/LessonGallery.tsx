/**
 * The Lessons gallery: the built-in lessons (title, summary, steps), and a teacher's own lesson
 * file through a file picker, validated on load with every problem listed by its path.
 */
import { useState } from 'react';
import { builtInLessons, loadLessonFromText, MAX_LESSON_BYTES } from '../../lessons';
import { useStore } from '../../store';
import { Dialog } from '../Dialog';
import { openLesson } from './lessonController';
import './Lessons.css';

export function LessonGallery() {
  const open = useStore((s) => s.galleryOpen);
  const setOpen = useStore((s) => s.setGalleryOpen);
  const current = useStore((s) => s.lesson);
  const [fileErrors, setFileErrors] = useState<{ name: string; errors: string[] } | null>(null);

  const close = () => {
    setOpen(false);
    setFileErrors(null);
  };

  const onFile = async (file: File) => {
    // Refused before reading: a huge file is no lesson, and reading it would only stall the page.
    if (file.size > MAX_LESSON_BYTES * 4) {
      setFileErrors({ name: file.name, errors: [`the lesson file is ${Math.ceil(file.size / 1024)} KB; the limit is ${MAX_LESSON_BYTES / 1024} KB`] });
      return;
    }
    const result = loadLessonFromText(await file.text());
    if (!result.ok) {
      setFileErrors({ name: file.name, errors: result.errors });
      return;
    }
    close();
    openLesson(result.lesson);
  };

  return (
    <Dialog open={open} title="Lessons" onClose={close} testId="lesson-gallery" wide>
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
      <div className="lesson-file">
        <label className="gl-button">
          Open your own lesson file…
          <input
            type="file"
            accept=".json,application/json"
            className="visually-hidden"
            data-testid="lesson-file"
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (file) void onFile(file);
            }}
          />
        </label>
        <span className="gl-dialog-status">A lesson is a JSON file (see src/lessons/schema.ts); it stays on your computer.</span>
      </div>
      {fileErrors && (
        <div className="lesson-file-errors" role="alert" data-testid="lesson-file-errors">
          <p>
            <strong>{fileErrors.name}</strong> is not a lesson Gradlab can open:
          </p>
          <ul>
            {fileErrors.errors.slice(0, 20).map((e, i) => (
              <li key={i}>{e}</li>
            ))}
            {fileErrors.errors.length > 20 && <li>… and {fileErrors.errors.length - 20} more</li>}
          </ul>
        </div>
      )}
    </Dialog>
  );
}
