/**
 * The editor's form fields, each with the validator's problems for its path shown beside it
 * (`lesson-editor-error`, with `data-path`), once the field has been edited or after Share or
 * Download asked for all of them.
 */
import { createContext, useContext, useId, type ReactNode } from 'react';
import type { LessonProblem } from '../schema';

export interface ProblemView {
  /** The problems to show for a path (exactly it, or under it with `nested`). */
  at(path: string, nested?: boolean): LessonProblem[];
}

export const ProblemsContext = createContext<ProblemView>({ at: () => [] });

export function Problems({ path, nested, id }: { path: string; nested?: boolean; id?: string }) {
  const problems = useContext(ProblemsContext).at(path, nested);
  if (problems.length === 0) return null;
  return (
    <ul className="lesson-editor-problems" id={id}>
      {problems.map((p, i) => (
        <li key={i} className="lesson-editor-error" data-testid="lesson-editor-error" data-path={p.path}>
          {/* The path's last part is the field itself: the message alone says what is wrong. */}
          {nested && p.path !== path ? `${p.path.slice(path.length + 1)}: ` : ''}
          {p.message}
        </li>
      ))}
    </ul>
  );
}

interface FieldProps {
  label: string;
  path: string;
  value: string;
  onChange(value: string): void;
  rows?: number;
  hint?: ReactNode;
  placeholder?: string;
  mono?: boolean;
  testId?: string;
  after?: ReactNode;
}

export function Field({ label, path, value, onChange, rows, hint, placeholder, mono, testId, after }: FieldProps) {
  const id = useId();
  const invalid = useContext(ProblemsContext).at(path).length > 0;
  const common = {
    id,
    value,
    placeholder,
    className: `lesson-editor-input${mono ? ' is-mono' : ''}`,
    'aria-invalid': invalid || undefined,
    'aria-describedby': invalid ? `${id}-problems` : hint ? `${id}-hint` : undefined,
    'data-testid': testId,
    'data-path': path,
    spellCheck: !mono,
  };
  return (
    <div className="lesson-editor-field">
      <label htmlFor={id} className="lesson-editor-label">
        {label}
      </label>
      {rows ? <textarea {...common} rows={rows} onChange={(e) => onChange(e.target.value)} /> : <input {...common} onChange={(e) => onChange(e.target.value)} />}
      {hint && (
        <span className="lesson-editor-hint" id={`${id}-hint`}>
          {hint}
        </span>
      )}
      {after}
      <Problems path={path} id={`${id}-problems`} />
    </div>
  );
}
