/**
 * The lesson player, beside the editor (and in the embed): the step's title and explanation
 * (Markdown and math, never HTML), what to notice in the graph, a predict-then-reveal exercise when
 * the step has one, and Prev/Next. Moving to a step loads and runs its snippet (lessonController).
 * Its toolbar shares the lesson, opens it in the lesson editor and copies the student's answers;
 * the editor's preview shows the same player with a way back instead.
 */
import { useState, type ReactNode } from 'react';
import { useStore } from '../store';
import { AnswersDialog } from './AnswersDialog';
import { closeLesson, showStep } from './lessonController';
import { RichText } from './RichText';
import { LessonShareDialog } from './LessonShareDialog';
import { checkPrediction, stepLanguage, type LessonStep } from './schema';
import './Lessons.css';

export type PlayerPlace = 'playground' | 'embed' | 'preview';

export function LessonView({ place, previewBar }: { place: PlayerPlace; previewBar?: ReactNode }) {
  const lesson = useStore((s) => s.lesson);
  const index = useStore((s) => s.lessonStep);
  const predicted = useStore((s) => !!s.predictions[s.lessonStep]);
  const done = useStore((s) => s.predictions);
  const [dialog, setDialog] = useState<'share' | 'answers' | null>(null);
  if (!lesson) return null;
  const step = lesson.steps[index]!;
  const n = lesson.steps.length;
  return (
    <section className="panel lesson-panel" aria-label={`Lesson: ${lesson.title}`} data-testid="lesson">
      <div className="panel-header">
        <span className="panel-title lesson-panel-title" title={lesson.title}>
          {lesson.title}
        </span>
        <span className="panel-meta" data-testid="lesson-progress">
          step {index + 1} / {n}
        </span>
        {place === 'playground' && (
          <button type="button" className="lesson-close" onClick={closeLesson} aria-label="Close the lesson" title="Close the lesson">
            ×
          </button>
        )}
      </div>
      {previewBar}
      {place !== 'preview' && (
        <div className="lesson-toolbar">
          {place === 'playground' && (
            <>
              <button type="button" className="lesson-tool" data-testid="lesson-share" onClick={() => setDialog('share')}>
                Share lesson
              </button>
              <button type="button" className="lesson-tool" data-testid="lesson-edit" onClick={() => void import('./editor/editorController').then((m) => m.editLesson(lesson))}>
                Edit this lesson
              </button>
            </>
          )}
          <button type="button" className="lesson-tool" data-testid="lesson-answers" onClick={() => setDialog('answers')}>
            Copy my answers
          </button>
        </div>
      )}
      <div className="lesson-body">
        <h2 className="lesson-step-title" data-testid="lesson-step-title">
          {step.title}
          {stepLanguage(step) === 'python' && <span className="lesson-language">Python</span>}
        </h2>
        <RichText text={step.explanation} className="lesson-explanation" />
        {step.predict && <Predict key={`${lesson.id}:${index}`} step={step} index={index} />}
        {/* The notice often names the value: on a predict step it waits for the guess. */}
        {(!step.predict || predicted) && (
          <div className="lesson-notice" data-testid="lesson-notice">
            <span className="lesson-notice-label">What to notice</span>
            <RichText text={step.notice} />
          </div>
        )}
      </div>
      <nav className="lesson-nav" aria-label="Lesson steps">
        <button type="button" className="gl-button" data-testid="lesson-prev" disabled={index === 0} onClick={() => showStep(index - 1)}>
          ← Prev
        </button>
        <span className="lesson-dots" aria-hidden="true">
          {lesson.steps.map((s, i) => (
            <span key={i} className={`lesson-dot${i === index ? ' is-current' : ''}${s.predict && done[i] ? (done[i].right ? ' is-right' : ' is-wrong') : ''}`} />
          ))}
        </span>
        <button type="button" className="gl-button gl-button--primary" data-testid="lesson-next" disabled={index === n - 1} onClick={() => showStep(index + 1)}>
          Next →
        </button>
      </nav>
      {dialog === 'share' && <LessonShareDialog lesson={lesson} onClose={() => setDialog(null)} />}
      {dialog === 'answers' && <AnswersDialog lesson={lesson} onClose={() => setDialog(null)} />}
    </section>
  );
}

/** Predict, then reveal: the value stays hidden (the console too) until the student has guessed. */
function Predict({ step, index }: { step: LessonStep; index: number }) {
  const predict = step.predict!;
  const made = useStore((s) => s.predictions[index]);
  const record = useStore((s) => s.recordPrediction);
  const [guess, setGuess] = useState('');
  const submit = () => {
    if (guess.trim() === '' || made) return;
    record(index, guess, checkPrediction(predict, guess));
  };
  // Not a <form>: the embed's sandbox (scripts only) blocks form submission.
  return (
    <div className="lesson-predict" data-testid="lesson-predict" role="group" aria-labelledby={`predict-prompt-${index}`}>
      {/* A label holds no paragraphs: the prompt (Markdown) names the input by id instead. */}
      <div className="lesson-predict-prompt" id={`predict-prompt-${index}`}>
        <span className="lesson-predict-label">Predict</span>
        <RichText text={predict.prompt} />
      </div>
      <div className="lesson-predict-row">
        <input
          aria-labelledby={`predict-prompt-${index}`}
          className="lesson-predict-input"
          data-testid="lesson-predict-input"
          value={made ? made.guess : guess}
          readOnly={!!made}
          onChange={(e) => setGuess(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') submit();
          }}
          placeholder={`your guess for ${predict.expression}`}
          autoComplete="off"
          spellCheck={false}
        />
        <button type="button" className="gl-button gl-button--primary" data-testid="lesson-predict-check" disabled={!!made || guess.trim() === ''} onClick={submit}>
          Check
        </button>
      </div>
      {made && (
        <div className={`lesson-predict-result ${made.right ? 'is-right' : 'is-wrong'}`} data-testid="lesson-predict-result" data-right={made.right} role="status">
          <strong>{made.right ? 'Right!' : 'Not quite.'}</strong> <code>{predict.expression}</code> is:
          <pre className="lesson-predict-answer">{predict.answer}</pre>
          <RichText text={predict.explanation} />
        </div>
      )}
    </div>
  );
}
