/**
 * The lesson editor checks a prediction's answer against the snippet's real output: it runs the
 * step's snippet followed by `print(<expression>)` through the page's own snippet runner (a second
 * SnippetRunner, so the teacher's graph on screen is left alone) and reads what that print wrote.
 * A marker line printed just before it tells the expression's output from the snippet's own.
 */
import type { ConsoleLine } from '../../runner/protocol';
import { SnippetRunner } from '../../runner/client';
import type { SnippetLanguage } from '../schema';

export type AnswerCheck =
  | { kind: 'match'; output: string }
  | { kind: 'mismatch'; output: string }
  /** The snippet or the expression raised (or ran out of time): the message says where. */
  | { kind: 'error'; message: string }
  /** This version cannot run the step's language. */
  | { kind: 'unavailable'; message: string };

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

let runner: SnippetRunner | null = null;
/** The check in flight: its run, what it printed so far, and how to finish it (null: replaced). */
let current: { runId: number; lines: ConsoleLine[]; finish(run: { lines: ConsoleLine[]; error: string | null } | null): void } | null = null;

function checkRunner(): SnippetRunner {
  runner ??= new SnippetRunner({
    onPrints: (runId, lines) => {
      if (current?.runId === runId) current.lines.push(...lines);
    },
    onDone: (runId, result) => {
      if (current?.runId !== runId) return;
      const { lines, finish } = current;
      current = null;
      finish({ lines: result.lines.length > 0 ? result.lines : lines, error: result.error ? result.error.message : null });
    },
  });
  return runner;
}

/**
 * Runs the check. A newer check replaces one still running (the runner stops it), which then
 * resolves to null.
 */
export function checkAnswer(source: string, language: SnippetLanguage, expression: string, answer: string): Promise<AnswerCheck | null> {
  current?.finish(null);
  current = null;
  if (language === 'python') return Promise.resolve({ kind: 'unavailable', message: 'Python steps are checked once Python mode is in this version of Gradlab.' });
  const marker = `__gradlab_answer_${Math.random().toString(36).slice(2)}__`;
  return new Promise((resolve) => {
    const runId = checkRunner().run(checkProgram(source, expression, language, marker));
    current = {
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
  });
}
