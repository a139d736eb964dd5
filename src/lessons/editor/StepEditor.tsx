/**
 * One step in the lesson editor: collapsed, its number, title and what it has; selected, every
 * field (its snippet is the code editor's, beside it), the predict-then-reveal question with its
 * answer checked against the snippet's real output, and where the stepper opens.
 */
import { useEffect, useId, useState, type ReactNode } from 'react';
import { seedById, snippetSource, stepLanguage, type LessonStep, type Predict, type SnippetLanguage } from '../schema';
import { checkAnswer, type AnswerCheck } from './answerCheck';
import { deleteStep, moveStep, selectStep, stepperHere, updateStep } from './editorController';
import { Field, Problems } from './fields';

const MARKDOWN_HINT = (
  <>
    Markdown: <code>**bold**</code>, <code>`code`</code>, lists, links; math: <code>$\frac{'{dy}{dx}'}$</code>
  </>
);

const NEW_PREDICT: Predict = { prompt: '', expression: '', answer: '', explanation: '' };

function stepSourceOrEmpty(step: LessonStep): string {
  try {
    return snippetSource(step.snippet, stepLanguage(step));
  } catch {
    return '';
  }
}

/** The answer check for the selected step: re-run when the snippet, expression or answer change (after a pause in typing). */
function useAnswerCheck(step: LessonStep): AnswerCheck | 'checking' | null {
  const p = step.predict;
  const key = p && p.expression.trim() ? JSON.stringify([stepSourceOrEmpty(step), stepLanguage(step), p.expression, p.answer]) : null;
  const [result, setResult] = useState<{ key: string; check: AnswerCheck } | null>(null);
  useEffect(() => {
    if (key === null) return;
    let live = true;
    const [source, language, expression, answer] = JSON.parse(key) as [string, SnippetLanguage, string, string];
    const timer = setTimeout(() => {
      void checkAnswer(source, language, expression, answer).then((check) => {
        if (live && check) setResult({ key, check });
      });
    }, 500);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [key]);
  if (key === null) return null;
  return result?.key === key ? result.check : 'checking';
}

function AnswerStatus({ index, step }: { index: number; step: LessonStep }) {
  const check = useAnswerCheck(step);
  if (check === null) return null;
  if (check === 'checking') {
    return (
      <p className="lesson-editor-check" data-testid="lesson-editor-check" data-state="checking" role="status">
        Checking against the snippet’s output…
      </p>
    );
  }
  if (check.kind === 'match') {
    return (
      <p className="lesson-editor-check is-ok" data-testid="lesson-editor-check" data-state="match" role="status">
        ✓ The snippet prints this.
      </p>
    );
  }
  if (check.kind !== 'mismatch') {
    return (
      <p className="lesson-editor-check is-bad" data-testid="lesson-editor-check" data-state={check.kind} role="status">
        {check.message}
      </p>
    );
  }
  return (
    <div className="lesson-editor-check is-bad" data-testid="lesson-editor-check" data-state="mismatch" role="status">
      <p>✗ The snippet prints something else:</p>
      <pre className="lesson-editor-output" data-testid="lesson-editor-output">
        {check.output}
      </pre>
      <button
        type="button"
        className="gl-button"
        data-testid="lesson-editor-use-output"
        onClick={() => updateStep(index, (s) => ({ ...s, predict: { ...s.predict!, answer: check.output } }), `steps[${index}].predict.answer`)}
      >
        Use this as the answer
      </button>
    </div>
  );
}

/**
 * The tolerance as typed ("0." on the way to "0.05" stays as text); the step holds it once it reads
 * as a number ≥ 0, and none while the field is empty or reads as no number (which it says).
 */
function ToleranceField({ index, value }: { index: number; value: number | undefined }) {
  const [text, setText] = useState(value === undefined ? '' : String(value));
  const n = Number(text);
  const readable = text.trim() === '' || (Number.isFinite(n) && n >= 0);
  return (
    <Field
      label="Tolerance for typed numbers (optional, default 0.001)"
      path={`steps[${index}].predict.tolerance`}
      value={text}
      placeholder="0.001"
      mono
      after={
        !readable && (
          <p className="lesson-editor-error" data-testid="lesson-editor-error" data-path={`steps[${index}].predict.tolerance`}>
            expected a number ≥ 0 (the step keeps the default until then)
          </p>
        )
      }
      onChange={(v) => {
        setText(v);
        const t = Number(v);
        updateStep(index, (s) => {
          const { tolerance: _, ...predict } = s.predict!;
          return { ...s, predict: v.trim() !== '' && Number.isFinite(t) && t >= 0 ? { ...predict, tolerance: t } : predict };
        });
      }}
    />
  );
}

/** A part of a step that it may have or not (a prediction, a stepper position), behind a checkbox. */
function OptionalGroup(props: { label: string; on: boolean; testId: string; onToggle(on: boolean): void; children: ReactNode }) {
  return (
    <fieldset className="lesson-editor-group">
      <legend>
        <label className="lesson-editor-toggle">
          <input type="checkbox" checked={props.on} data-testid={props.testId} onChange={(e) => props.onToggle(e.target.checked)} />
          {props.label}
        </label>
      </legend>
      {props.children}
    </fieldset>
  );
}

function PredictFields({ index, step }: { index: number; step: LessonStep }) {
  const p = step.predict;
  const path = `steps[${index}].predict`;
  const set = (field: Exclude<keyof Predict, 'tolerance'>, value: string) => updateStep(index, (s) => ({ ...s, predict: { ...s.predict!, [field]: value } }), `${path}.${field}`);
  return (
    <OptionalGroup
      label="Predict, then reveal: ask before showing the output"
      on={!!p}
      testId="lesson-editor-predict-toggle"
      onToggle={(on) =>
        updateStep(index, (s) => {
          const { predict: _, ...rest } = s;
          return on ? { ...rest, predict: structuredClone(NEW_PREDICT) } : rest;
        })
      }
    >
      {p && (
        <>
          <Field label="Question" path={`${path}.prompt`} value={p.prompt} onChange={(v) => set('prompt', v)} rows={2} placeholder="What is x.grad after backward()?" testId="lesson-editor-predict-prompt" />
          <Field
            label="Expression printed (its output is the answer)"
            path={`${path}.expression`}
            value={p.expression}
            onChange={(v) => set('expression', v)}
            placeholder="x.grad"
            mono
            testId="lesson-editor-predict-expression"
          />
          <Field
            label="Answer: what print(expression) prints"
            path={`${path}.answer`}
            value={p.answer}
            onChange={(v) => set('answer', v)}
            rows={2}
            mono
            testId="lesson-editor-predict-answer"
            after={<AnswerStatus index={index} step={step} />}
          />
          <ToleranceField index={index} value={p.tolerance} />
          <Field label="Explanation, shown with the answer" path={`${path}.explanation`} value={p.explanation} onChange={(v) => set('explanation', v)} rows={2} hint={MARKDOWN_HINT} />
        </>
      )}
    </OptionalGroup>
  );
}

function StepperFields({ index, step }: { index: number; step: LessonStep }) {
  const st = step.stepper;
  const id = useId();
  const place = (change: Partial<NonNullable<LessonStep['stepper']>>) =>
    updateStep(index, (s) => {
      const stepper = { ...s.stepper, ...change };
      if (stepper.mode === 'backward') delete stepper.mode;
      return { ...s, stepper };
    });
  const here = () => {
    const { trace, step: k, mode } = stepperHere();
    updateStep(index, (s) => ({ ...s, stepper: mode === 'build' ? { trace, step: k, mode } : { trace, step: k } }));
  };
  const whole = (v: string) => (v.trim() === '' ? undefined : Math.max(0, Math.floor(Number(v)) || 0));
  return (
    <OptionalGroup
      label="Open the stepper at a position after the run"
      on={!!st}
      testId="lesson-editor-stepper-toggle"
      onToggle={(on) => {
        if (on) here();
        else
          updateStep(index, (s) => {
            const { stepper: _, ...rest } = s;
            return rest;
          });
      }}
    >
      {st && (
        <>
          <div className="lesson-editor-row">
            <label htmlFor={`${id}-mode`} className="lesson-editor-label">
              View
            </label>
            <select id={`${id}-mode`} className="lesson-editor-input" value={st.mode ?? 'backward'} data-testid="lesson-editor-stepper-mode" onChange={(e) => place({ mode: e.target.value as 'backward' | 'build' })}>
              <option value="backward">Backward (gradients flowing)</option>
              <option value="build">Build (the graph being made)</option>
            </select>
          </div>
          <div className="lesson-editor-row">
            <label htmlFor={`${id}-trace`} className="lesson-editor-label">
              Which backward (1 = the first)
            </label>
            <input
              id={`${id}-trace`}
              className="lesson-editor-input is-narrow"
              type="number"
              min={1}
              value={st.trace === undefined ? '' : st.trace + 1}
              placeholder="last"
              data-testid="lesson-editor-stepper-trace"
              onChange={(e) => place({ trace: e.target.value.trim() === '' ? undefined : Math.max(0, (whole(e.target.value) ?? 1) - 1) })}
            />
            <label htmlFor={`${id}-step`} className="lesson-editor-label">
              Step
            </label>
            <input
              id={`${id}-step`}
              className="lesson-editor-input is-narrow"
              type="number"
              min={0}
              value={st.step ?? ''}
              placeholder="0"
              data-testid="lesson-editor-stepper-step"
              onChange={(e) => place({ step: whole(e.target.value) })}
            />
          </div>
          <button type="button" className="gl-button" data-testid="lesson-editor-stepper-here" onClick={here}>
            Use the stepper’s position now
          </button>
          <span className="lesson-editor-hint">Step through the graph beside the editor, then press this.</span>
        </>
      )}
      <Problems path={`steps[${index}].stepper`} nested />
    </OptionalGroup>
  );
}

function SnippetBox({ index, step }: { index: number; step: LessonStep }) {
  const seed = typeof step.snippet === 'string' ? undefined : step.snippet.seed;
  const lines = stepSourceOrEmpty(step).split('\n').length;
  const language = stepLanguage(step);
  return (
    <div className="lesson-editor-field">
      <div className="lesson-editor-row">
        <label htmlFor={`language-${index}`} className="lesson-editor-label">
          Snippet language
        </label>
        <select
          id={`language-${index}`}
          className="lesson-editor-input"
          value={language}
          data-testid="lesson-editor-language"
          onChange={(e) => {
            const value = e.target.value as SnippetLanguage;
            updateStep(index, (s) => {
              const { language: _, ...rest } = s;
              // TypeScript is the default: a step says its language only when it is another.
              return value === 'typescript' ? rest : { ...rest, language: value };
            });
            selectStep(index);
          }}
        >
          <option value="typescript">TypeScript</option>
          <option value="python">
            Python
          </option>
        </select>
      </div>
      <p className="lesson-editor-snippet" data-testid="lesson-editor-snippet">
        {seed !== undefined ? (
          <>
            The seed example <code>{seed}</code>
            {seedById(seed) ? ` (“${seedById(seed)!.title}”)` : ''}, in the code editor. Edit it there to make it this step’s own.
          </>
        ) : (
          <>This step’s snippet ({lines} {lines === 1 ? 'line' : 'lines'}) is in the code editor: edit it there; it runs as you type.</>
        )}
      </p>
      <Problems path={`steps[${index}].snippet`} nested />
      <Problems path={`steps[${index}].language`} />
    </div>
  );
}

export function StepEditor({ index, step, count, selected }: { index: number; step: LessonStep; count: number; selected: boolean }) {
  const path = `steps[${index}]`;
  const set = (field: 'title' | 'explanation' | 'notice', value: string) => updateStep(index, (s) => ({ ...s, [field]: value }), `${path}.${field}`);
  const n = index + 1;
  return (
    <li className={`lesson-editor-step${selected ? ' is-selected' : ''}`} data-testid="lesson-editor-step" data-selected={selected}>
      <div className="lesson-editor-step-head">
        <button type="button" className="lesson-editor-step-select" aria-expanded={selected} onClick={() => selectStep(index)} data-testid="lesson-editor-step-select">
          <span className="lesson-editor-step-number">{n}</span>
          <span className="lesson-editor-step-title">{step.title.trim() || 'Untitled step'}</span>
          {step.predict && <span className="lesson-editor-badge">predict</span>}
          {stepLanguage(step) === 'python' && <span className="lesson-editor-badge">Python</span>}
        </button>
        <button type="button" className="lesson-editor-icon" aria-label={`Move step ${n} up`} title="Move up" disabled={index === 0} onClick={() => moveStep(index, -1)} data-testid="lesson-editor-step-up">
          ↑
        </button>
        <button type="button" className="lesson-editor-icon" aria-label={`Move step ${n} down`} title="Move down" disabled={index === count - 1} onClick={() => moveStep(index, 1)} data-testid="lesson-editor-step-down">
          ↓
        </button>
        <button type="button" className="lesson-editor-icon" aria-label={`Delete step ${n}`} title="Delete" disabled={count === 1} onClick={() => deleteStep(index)} data-testid="lesson-editor-step-delete">
          ×
        </button>
      </div>
      {!selected && <Problems path={path} nested />}
      {selected && (
        <div className="lesson-editor-step-body">
          <Field label="Step title" path={`${path}.title`} value={step.title} onChange={(v) => set('title', v)} testId="lesson-editor-step-title" />
          <Field label="Explanation" path={`${path}.explanation`} value={step.explanation} onChange={(v) => set('explanation', v)} rows={5} hint={MARKDOWN_HINT} testId="lesson-editor-explanation" />
          <SnippetBox index={index} step={step} />
          <Field label="What to notice in the graph (after the run)" path={`${path}.notice`} value={step.notice} onChange={(v) => set('notice', v)} rows={2} testId="lesson-editor-notice" />
          <PredictFields index={index} step={step} />
          <StepperFields index={index} step={step} />
        </div>
      )}
    </li>
  );
}
