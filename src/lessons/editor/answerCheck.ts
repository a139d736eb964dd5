/**
 * The lesson editor checks a prediction's answer against the snippet's real output: it runs the
 * step's snippet followed by `print(<expression>)` through the page's own snippet runner (a second
 * SnippetRunner, so the teacher's graph on screen is left alone) and reads what that print wrote.
 * A marker line printed just before it tells the expression's output from the snippet's own.
 */
import type { ConsoleLine } from '../../runner/protocol';
import { SnippetRunner, type RunCallbacks } from '../../runner/client';
import type { SnippetLanguage } from '../schema';

export type AnswerCheck =
  | { kind: 'match'; output: string }
  | { kind: 'mismatch'; output: string }
  /** The snippet or the expression raised (or ran out of time): the message says where. */
  | { kind: 'error'; message: string }


/** Node addresses differ from run to run (`0x7f…`): an answer is compared with them masked. */
export function maskAddresses(text: string): string {
  return text.replace(/0x[0-9a-f]+/gi, '0x…');
}

/** The program that prints the expression after the snippet, behind a marker line. */
export function checkProgram(source: string, expression: string, language: SnippetLanguage, marker: string): string {
  // `;` first: a TypeScript snippet's last line may lack one, and `(` on the next line would call it.
  return language === 'python' ? `${source}\nprint(${JSON.stringify(marker)})\nprint(${expression})\n` : `${source}\n;print(${JSON.stringify(marker)});\nprint(${expression});\n`;
}

/** What the expression printed: everything after the marker line (null: the marker never printed). */
export function outputAfterMarker(lines: readonly ConsoleLine[], marker: string): string | null {
  const text = lines.filter((l) => l.kind === 'out').map((l) => `${l.text}\n`).join('');
  const at = text.lastIndexOf(`${marker}\n`);
  if (at < 0) return null;
  return text.slice(at + marker.length + 1).replace(/\n$/, '');
}

/** The answer as the reveal shows it, compared with the output exactly (addresses masked). */
export function compareAnswer(answer: string, output: string): AnswerCheck {
  return maskAddresses(answer) === maskAddresses(output) ? { kind: 'match', output } : { kind: 'mismatch', output };
}

const runners: Partial<Record<SnippetLanguage, Promise<SnippetRunner>>> = {};
/** The newest check asked for (one may wait for its runner to load). */
let latestCheck: object | null = null;
/** The check in flight: its runner and run, what it printed so far, and how to finish it (null: replaced). */
let current: { runner: SnippetRunner; runId: number; lines: ConsoleLine[]; finish(run: { lines: ConsoleLine[]; error: string | null } | null): void } | null = null;

/** This check's runner for the language (Python's, with its Pyodide, loads on the first Python check). */
function checkRunner(language: SnippetLanguage): Promise<SnippetRunner> {
  const callbacks = (runner: () => SnippetRunner | undefined): RunCallbacks => ({
    onPrints: (runId, lines) => {
      const check = current;
      if (check && check.runner === runner() && check.runId === runId) check.lines.push(...lines);
    },
    onDone: (runId, result) => {
      const check = current;
      if (!check || check.runner !== runner() || check.runId !== runId) return;
      const { lines, finish } = check;
      current = null;
      finish({ lines: result.lines.length > 0 ? result.lines : lines, error: result.error ? result.error.message : null });
    },
  });
  let made: SnippetRunner | undefined;
  return (runners[language] ??=
    language === 'python'
      ? import('../../python/runner').then(({ createPythonRunner }) => (made = createPythonRunner(callbacks(() => made))))
      : Promise.resolve((made = new SnippetRunner(callbacks(() => made)))));
}

/**
 * Runs the check. A newer check replaces one still running (the runner stops it), which then
 * resolves to null.
 */
export function checkAnswer(source: string, language: SnippetLanguage, expression: string, answer: string): Promise<AnswerCheck | null> {
  current?.finish(null);
  current = null;
  const marker = `__gradlab_answer_${Math.random().toString(36).slice(2)}__`;
  const ticket = {};
  latestCheck = ticket;
  return checkRunner(language).then(
    (runner) =>
      new Promise<AnswerCheck | null>((resolve) => {
        // A newer check started while this language's runner was loading.
        if (latestCheck !== ticket) return resolve(null);
        const runId = runner.run(checkProgram(source, expression, language, marker));
        current = {
          runner,
          runId,
          lines: [],
          finish: (run) => {
            if (!run) return resolve(null);
            const output = outputAfterMarker(run.lines, marker);
            if (run.error !== null) return resolve({ kind: 'error', message: output === null ? `The snippet raised before print(${expression}): ${run.error}` : `print(${expression}) raised: ${run.error}` });
            if (output === null) return resolve({ kind: 'error', message: `print(${expression}) printed nothing` });
            resolve(compareAnswer(answer, output));
          },
        };
      }),
    (e: unknown) => ({ kind: 'error' as const, message: `Python could not be loaded: ${e instanceof Error ? e.message : String(e)}` }),
  );
}
