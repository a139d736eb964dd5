/**
 * "Copy my answers": the student's progress and predictions in this lesson as a short text to
 * paste where the teacher collects them (no server: it is the student's to send).
 */
import { useMemo } from 'react';
import { CopyButton } from '../app/CopyButton';
import { Dialog } from '../app/Dialog';
import { useStore } from '../store';
import { answersText, loadProgress } from './progress';
import type { Lesson } from './schema';

export function AnswersDialog({ lesson, onClose }: { lesson: Lesson; onClose(): void }) {
  const step = useStore((s) => s.lessonStep);
  const predictions = useStore((s) => s.predictions);
  const text = useMemo(() => answersText(lesson, { reached: Math.max(step, loadProgress(lesson)?.reached ?? 0), predictions }), [lesson, step, predictions]);
  return (
    <Dialog open title="My answers" onClose={onClose} testId="lesson-answers-dialog">
      <p>Paste this where your teacher collects answers. Your progress and predictions are kept in this browser.</p>
      <textarea
        className="gl-dialog-code lesson-answers-text"
        readOnly
        rows={Math.min(12, text.split('\n').length + 1)}
        value={text}
        aria-label="My answers"
        data-testid="lesson-answers-text"
        onFocus={(e) => e.target.select()}
      />
      <CopyButton text={text} testId="lesson-answers-copy" primary />
    </Dialog>
  );
}
