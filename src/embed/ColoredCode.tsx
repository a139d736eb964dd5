/**
 * The embed's read-only code, coloured as the editor colours it: Monaco's own TypeScript tokenizer
 * (loaded after the plain text has shown), its tokens drawn as React text in the editor theme's
 * colours. Never HTML: the snippet comes from a link.
 */
import { useEffect, useState } from 'react';
import './ColoredCode.css';
import type { Language } from '../store/language';

interface Piece {
  text: string;
  kind: string | null;
}

/** The token kinds the vs and vs-dark themes colour (a token type is `keyword.ts`, `string.escape.ts`, …). */
const KINDS = ['comment', 'keyword', 'string', 'number', 'regexp', 'type'];

function kindOf(type: string): string | null {
  const head = type.split('.')[0];
  return KINDS.includes(head) ? head : null;
}

/** Splits each line at the tokens Monaco found; `lines[i]` is the text of line i. */
function pieces(lines: string[], tokens: { offset: number; type: string }[][]): Piece[][] {
  return lines.map((line, i) => {
    const row = tokens[i] ?? [];
    return row.map((t, j) => ({ text: line.slice(t.offset, row[j + 1]?.offset ?? line.length), kind: kindOf(t.type) })).filter((p) => p.text);
  });
}

export function ColoredCode({ source, theme, language }: { source: string; theme: 'light' | 'dark'; language: Language }) {
  const [colored, setColored] = useState<Piece[][] | null>(null);
  useEffect(() => {
    let current = true;
    setColored(null);
    void import('../editor/monaco').then(async ({ monaco }) => {
      // colorize waits for the TypeScript tokenizer to load; tokenize then runs at once.
      await monaco.editor.colorize('', language, {});
      if (current) setColored(pieces(source.split('\n'), monaco.editor.tokenize(source, language)));
    });
    return () => {
      current = false;
    };
  }, [source, language]);
  return (
    <pre className={`embed-code colored-code colored-code--${theme}`} data-testid="embed-code" data-colored={colored ? 'true' : 'false'} tabIndex={0}>
      {colored
        ? colored.map((line, i) => (
            <span key={i}>
              {i > 0 && '\n'}
              {line.map((p, j) => (p.kind ? <span key={j} className={`tok-${p.kind}`}>{p.text}</span> : p.text))}
            </span>
          ))
        : source}
    </pre>
  );
}
