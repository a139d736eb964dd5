/** Where in the student's snippet a stack frame points: the runner names the code `snippet.ts`. */
export const SNIPPET_URL = 'snippet.ts';

const FRAME = /snippet\.ts:(\d+):(\d+)/;

/**
 * The first `snippet.ts:LINE:COL` frame of a stack, as a 1-based place in the student's source:
 * `lineOffset` is how many lines `new Function` puts before the body.
 */
export function snippetLocation(stack: string | undefined, lineOffset: number): { line: number; col: number } | null {
  const m = stack ? FRAME.exec(stack) : null;
  if (!m) return null;
  return { line: Number(m[1]) - lineOffset, col: Number(m[2]) };
}

/** How many lines this engine's `new Function` puts before the body, measured once. */
export function measureLineOffset(): number {
  try {
    new Function(`throw new Error('probe');\n//# sourceURL=${SNIPPET_URL}`)();
  } catch (e) {
    const loc = snippetLocation(e instanceof Error ? e.stack : undefined, 0);
    if (loc) return loc.line - 1;
  }
  return 2;
}
