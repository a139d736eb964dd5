/** The playground's two languages: the engine's TypeScript, and Python over it (Python mode). */
export type Language = 'typescript' | 'python';

export const LANGUAGES: readonly Language[] = ['typescript', 'python'];

export const LANGUAGE_LABELS: Record<Language, string> = { typescript: 'TypeScript', python: 'Python' };

/** The name the editor's panel and Python's tracebacks give the snippet. */
export const SNIPPET_FILES: Record<Language, string> = { typescript: 'snippet.ts', python: 'snippet.py' };

export function isLanguage(v: unknown): v is Language {
  return v === 'typescript' || v === 'python';
}
