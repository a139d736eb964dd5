/**
 * The open lesson, beside the editor: the step's title and explanation (text, never HTML), what
 * to notice in the graph, a predict-then-reveal exercise when the step has one, and Prev/Next.
 * Moving to a step loads and runs its snippet (lessonController).
 */
import { useState } from 'react';
import { checkPrediction, type LessonStep } from '../../lessons';
import { useStore } from '../../store';
import { RichText } from './RichText';
import { closeLesson, showStep } from './lessonController';
import './Lessons.css';

export function LessonView() {
  const lesson = useStore((s) => s.lesson);
  const index = useStore((s) => s.lessonStep);
  const predicted = useStore((s) => !!s.predictions[s.lessonStep]);
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
        <button type="button" className="lesson-close" onClick={closeLesson} aria-label="Close the lesson" title="Close the lesson">
          ×
        </button>
      </div>
      <div className="lesson-body">
        <h2 className="lesson-step-title" data-testid="lesson-step-title">
          {step.title}
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
          {lesson.steps.map((_, i) => (
            <span key={i} className={`lesson-dot${i === index ? ' is-current' : ''}`} />
          ))}
        </span>
        <button type="button" className="gl-button gl-button--primary" data-testid="lesson-next" disabled={index === n - 1} onClick={() => showStep(index + 1)}>
          Next →
        </button>
      </nav>
    </section>
  );
}

/** Predict, then reveal: the value stays hidden (the console too) until the student has guessed. */
function Predict({ step, index }: { step: LessonStep; index: number }) {
  const predict = step.predict!;
  const made = useStore((s) => s.predictions[index]);
  const record = useStore((s) => s.recordPrediction);
  const [guess, setGuess] = useState('');
  return (
    <form
      className="lesson-predict"
      data-testid="lesson-predict"
      onSubmit={(e) => {
        e.preventDefault();
        if (guess.trim() === '' || made) return;
        record(index, guess, checkPrediction(predict, guess));
      }}
    >
      <label className="lesson-predict-prompt" htmlFor={`predict-${index}`}>
        Predict: {predict.prompt}
      </label>
      <div className="lesson-predict-row">
        <input
          id={`predict-${index}`}
          className="lesson-predict-input"
          data-testid="lesson-predict-input"
          value={made ? made.guess : guess}
          readOnly={!!made}
          onChange={(e) => setGuess(e.target.value)}
          placeholder={`your guess for ${predict.expression}`}
          autoComplete="off"
          spellCheck={false}
        />
        <button type="submit" className="gl-button gl-button--primary" data-testid="lesson-predict-check" disabled={!!made || guess.trim() === ''}>
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
    </form>
  );
}
