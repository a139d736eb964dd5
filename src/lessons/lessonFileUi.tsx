import type { ReactNode } from 'react';


/** Why a lesson file or link could not be opened: each problem by its path (the first 20). */
export function ProblemList({ title, errors, testId }: { title: ReactNode; errors: string[]; testId: string }) {
  return (
    <div className="lesson-file-errors" role="alert" data-testid={testId}>
      <p>{title}</p>
      <ul>
        {errors.slice(0, 20).map((e, i) => (
          <li key={i}>{e}</li>
        ))}
        {errors.length > 20 && <li>… and {errors.length - 20} more</li>}
      </ul>
    </div>
  );
}

/** A button that picks a lesson file (.json); the same file can be picked again. */
export function LessonFileButton({ label, className, testId, onFile }: { label: string; className: string; testId: string; onFile(file: File): void }) {
  return (
    <label className={className}>
      {label}
      <input
        type="file"
        accept=".json,application/json"
        className="visually-hidden"
        data-testid={testId}
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) onFile(file);
        }}
      />
    </label>
  );
}
