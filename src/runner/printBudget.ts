/**
 * What a run may print, the same for TypeScript and Python snippets: MAX_PRINT_LINES lines and
 * MAX_CONSOLE_CHARS characters in all, each text capped (capText). Past either, one notice says
 * so and the rest is dropped, so that a runaway loop of prints cannot flood the page.
 */
import { capText, MAX_CONSOLE_CHARS, MAX_PRINT_LINES, type ConsoleLine } from './protocol';

export function printBudget(push: (line: ConsoleLine) => void): (text: string, kind?: 'out' | 'notice') => void {
  let printed = 0;
  let printedChars = 0;
  let stopped = false;
  const fmt = (n: number) => n.toLocaleString('en-US');
  return (full, kind = 'out') => {
    if (stopped) return;
    const text = printed < MAX_PRINT_LINES ? capText(full) : null;
    if (text === null || printedChars + text.length > MAX_CONSOLE_CHARS) {
      stopped = true;
      const what = text === null ? `${fmt(MAX_PRINT_LINES)} lines` : `${fmt(MAX_CONSOLE_CHARS)} characters`;
      push({ kind: 'notice', text: `Output truncated: the snippet printed more than ${what}; the rest is not shown.` });
      return;
    }
    printed++;
    printedChars += text.length;
    push({ kind, text });
  };
}
